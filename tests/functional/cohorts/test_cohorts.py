"""Creating, renaming, archiving and reopening a cohort; co-instructors."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Cohort, CohortStaff
from tests.functional.cohorts.helpers import post, text

PAGES = ("", "/assignments", "/areas", "/people", "/settings")  # after /cohorts/<id>


def cohort_count(ctx) -> int:
    with ctx():
        return db.session.scalar(select(func.count()).select_from(Cohort))


def staff_roles(ctx, cohort_id: int) -> dict[int, str]:
    with ctx():
        rows = db.session.execute(
            select(CohortStaff.user_id, CohortStaff.role).where(CohortStaff.cohort_id == cohort_id)
        )
        return dict(rows.tuples().all())


@pytest.mark.parametrize("role", ["instructor", "admin"])
def test_an_instructor_or_admin_creates_a_cohort_and_owns_it(person, ctx, role):
    maker = person("maker@example.com", role=role)

    response = post(
        maker.client, "/cohorts", {"name": "  PRINCE2 team  ", "timezone": "Europe/Berlin"}
    )

    assert response.status_code == 302
    cohort_id = int(re.search(r"/cohorts/(\d+)$", response.headers["Location"]).group(1))
    with ctx():
        cohort = db.session.get(Cohort, cohort_id)
        assert (cohort.name, cohort.timezone, cohort.archived_at) == (
            "PRINCE2 team",
            "Europe/Berlin",
            None,
        )
    assert staff_roles(ctx, cohort_id) == {maker.user_id: "owner"}
    page = text(maker.client.get(f"/cohorts/{cohort_id}"))
    assert "<h1>PRINCE2 team</h1>" in page and "due dates in Europe/Berlin" in page
    assert "You own this cohort" in text(maker.client.get("/cohorts"))


def test_a_learner_cannot_create_a_cohort(client, learner, ctx):
    assert "Create a cohort" not in text(client.get("/cohorts"))

    response = post(client, "/cohorts", {"name": "Mine", "timezone": "UTC"})

    assert response.status_code == 403
    assert cohort_count(ctx) == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "   ", "timezone": "UTC"}, "Cohort name: This field is required."),
        ({"name": "Team", "timezone": "Mars/Olympus"}, "Not a valid choice"),
    ],
)
def test_a_cohort_without_a_name_or_with_an_unknown_time_zone_is_refused(owner, ctx, data, message):
    response = post(owner.client, "/cohorts", data)

    assert response.status_code == 400
    assert message in text(response)
    assert cohort_count(ctx) == 0


def test_staff_rename_a_cohort_and_change_its_time_zone(owner, cohort, ctx):
    response = post(
        owner.client,
        f"/cohorts/{cohort}/settings",
        {"name": "PRINCE2 Foundation, spring", "timezone": "America/New_York"},
    )

    assert response.status_code == 302
    assert response.headers["Location"] == f"/cohorts/{cohort}/settings"
    with ctx():
        found = db.session.get(Cohort, cohort)
        assert (found.name, found.timezone) == ("PRINCE2 Foundation, spring", "America/New_York")


@pytest.mark.parametrize(
    "data", [{"name": "", "timezone": "UTC"}, {"name": "Team", "timezone": "Nowhere/Land"}]
)
def test_a_bad_rename_is_refused_and_changes_nothing(owner, cohort, ctx, data):
    response = post(owner.client, f"/cohorts/{cohort}/settings", data)

    assert response.status_code == 400
    assert "There is a problem" in text(response)
    with ctx():
        found = db.session.get(Cohort, cohort)
        assert (found.name, found.timezone) == ("PRINCE2 team", "Europe/Berlin")


def test_a_cohort_is_archived_then_reopened(owner, cohort, ctx):
    archived = post(owner.client, f"/cohorts/{cohort}/archive", {"archived": "1"})

    assert archived.status_code == 302
    assert archived.headers["Location"] == f"/cohorts/{cohort}/settings"
    with ctx():
        assert db.session.get(Cohort, cohort).archived_at is not None
    pages = {name: text(owner.client.get(f"/cohorts/{cohort}{name}")) for name in PAGES}
    assert all("closed to new learners" in page for page in pages.values())
    assert "Reopen the cohort" in pages["/settings"]
    assert "Create a link" not in pages["/people"] and "Assign work" not in pages["/assignments"]

    assert post(owner.client, f"/cohorts/{cohort}/archive", {"archived": "0"}).status_code == 302
    with ctx():
        assert db.session.get(Cohort, cohort).archived_at is None
    assert "Archive the cohort" in text(owner.client.get(f"/cohorts/{cohort}/settings"))
    assert "Create a link" in text(owner.client.get(f"/cohorts/{cohort}/people"))


@pytest.mark.parametrize("role", ["instructor", "admin"])
def test_a_co_instructor_is_added_by_email_and_can_then_manage_the_cohort(
    person, owner, cohort, ctx, role
):
    colleague = person("colleague@example.com", role=role, display_name="Colleague")
    assert colleague.client.get(f"/cohorts/{cohort}").status_code == (
        200 if role == "admin" else 404
    )

    response = post(owner.client, f"/cohorts/{cohort}/staff", {"email": "Colleague@Example.com"})

    assert response.status_code == 302
    assert response.headers["Location"] == f"/cohorts/{cohort}/people"
    assert staff_roles(ctx, cohort) == {owner.user_id: "owner", colleague.user_id: "instructor"}
    assert "Colleague now teaches this cohort." in text(
        owner.client.get(f"/cohorts/{cohort}/people")
    )
    people = text(colleague.client.get(f"/cohorts/{cohort}/people"))
    assert "Create a link" in people and "You teach this cohort" in people
    renamed = post(
        colleague.client, f"/cohorts/{cohort}/settings", {"name": "Renamed", "timezone": "UTC"}
    )
    assert renamed.status_code == 302
    with ctx():
        assert db.session.get(Cohort, cohort).name == "Renamed"


@pytest.mark.parametrize(
    "email", ["nobody@example.com", "learner-colleague@example.com"], ids=["unknown", "learner"]
)
def test_a_co_instructor_must_have_an_instructor_account(person, owner, cohort, ctx, email):
    person("learner-colleague@example.com")

    response = post(owner.client, f"/cohorts/{cohort}/staff", {"email": email})

    assert response.status_code == 400
    assert "No instructor account has that email address." in text(response)
    assert staff_roles(ctx, cohort) == {owner.user_id: "owner"}


def test_a_co_instructor_can_be_made_an_owner(person, owner, cohort, ctx):
    colleague = person("colleague@example.com", role="instructor")

    post(owner.client, f"/cohorts/{cohort}/staff", {"email": colleague.email, "owner": "1"})

    assert staff_roles(ctx, cohort)[colleague.user_id] == "owner"
