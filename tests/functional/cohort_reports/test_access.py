"""Who may read a cohort's reports: exactly those who may manage the cohort."""

import pytest

from app.auth.services import get_user
from app.cohorts import services
from app.extensions import db
from app.models import Cohort
from tests.conftest import csrf_token
from tests.functional.cohort_reports import builders as b
from tests.functional.cohort_reports.pages import figure, item_section, read_csv


@pytest.fixture
def reports(cohort, ctx) -> list[str]:
    """The three report addresses of ``cohort``, which has one learner and an exam."""
    with ctx():
        assignment = b.assign(cohort, "exam", b.EXAM)
        b.add_learners(cohort, 1)
    return [
        f"/cohorts/{cohort}/analysis/{assignment}",
        f"/cohorts/{cohort}/export/matrix.csv",
        f"/cohorts/{cohort}/export/attempts.csv",
    ]


def statuses(client, paths: list[str]) -> list[int]:
    found = []
    for path in paths:
        with client.get(path) as response:
            found.append(response.status_code)
    return found


def test_can_the_cohorts_instructor_read_its_reports(teacher, reports):
    assert statuses(teacher.client, reports) == [200, 200, 200]


def test_can_a_co_instructor_read_the_reports(person, cohort, reports, ctx):
    co = person("co@example.com", role="instructor")
    with ctx():
        services.add_staff(db.session.get(Cohort, cohort), "co@example.com")
    assert statuses(co.client, reports) == [200, 200, 200]


def test_can_an_admin_read_any_cohorts_reports(person, reports):
    assert statuses(person("admin@example.com", role="admin").client, reports) == [200, 200, 200]


def test_does_another_instructor_get_404(person, reports, ctx):
    other = person("other@example.com", role="instructor")
    with ctx():
        services.create_cohort(get_user(other.user_id), "Their own", "UTC")
    assert statuses(other.client, reports) == [404, 404, 404]


def test_does_a_learner_of_the_cohort_get_404(person, cohort, reports, ctx):
    member = person("member@example.com")
    with ctx():
        from app.models import CohortMember

        db.session.add(CohortMember(cohort_id=cohort, user_id=member.user_id))
        db.session.commit()
    assert statuses(member.client, reports) == [404, 404, 404]


def test_is_an_anonymous_visitor_sent_to_log_in(client, reports):
    for path in reports:
        response = client.get(path)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login?next=")


def test_an_assignment_of_another_cohort_is_unknown_here(teacher, cohort, ctx):
    with ctx():
        mine = b.assign(cohort, "exam", b.EXAM)
        elsewhere = services.create_cohort(get_user(teacher.user_id), "Second", "UTC").id
    assert teacher.client.get(f"/cohorts/{elsewhere}/analysis/{mine}").status_code == 404
    assert teacher.client.get(f"/cohorts/{cohort}/analysis/999999").status_code == 404
    assert teacher.client.get(f"/cohorts/{cohort}/analysis/{mine}").status_code == 200


def test_a_removed_learner_disappears_from_every_report(teacher, cohort, ctx):
    with ctx():
        assignment = b.assign(cohort, "exam", b.EXAM)
        stays, leaves = b.add_learners(cohort, 2, names=["Stays", "Leaves"])
        b.exam_attempt(stays, {b.SINGLE: b.RIGHT[b.SINGLE]}, b.earlier(2))
        b.exam_attempt(leaves, {b.SINGLE: b.WRONG[b.SINGLE]}, b.earlier(1))
    analysis = f"/cohorts/{cohort}/analysis/{assignment}"

    def seen() -> tuple:
        page = teacher.client.get(analysis).get_data(as_text=True)
        matrix = read_csv(teacher.client.get(f"/cohorts/{cohort}/export/matrix.csv"))
        attempts = read_csv(teacher.client.get(f"/cohorts/{cohort}/export/attempts.csv"))
        return (
            figure(item_section(page, b.SINGLE), "responses"),
            sorted(row["name"] for row in matrix),
            sorted(row["name"] for row in attempts),
        )

    assert seen() == ("2", ["Leaves", "Stays"], ["Leaves", "Stays"])
    removed = teacher.client.post(
        f"/cohorts/{cohort}/members/{leaves}/remove",
        data={"csrf_token": csrf_token(teacher.client, f"/cohorts/{cohort}")},
    )
    assert removed.status_code == 302
    assert seen() == ("1", ["Stays"], ["Stays"])
