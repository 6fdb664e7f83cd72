"""A cohort's staff pages: Progress (the board, light), Assignments, Syllabus areas,
People and Settings, each with the cohort's sub-navigation, holding what it names and
computing nothing of the others; and who may open them."""

from __future__ import annotations

import re

import pytest
from flask_wtf import FlaskForm

from app.auth.services import get_user
from app.cohorts import invites, items, practice_sets, services
from app.extensions import db
from app.models import Cohort
from tests.functional.cohort_pages.pages import NAV, cohort_nav, current, main_part
from tests.functional.cohort_sets.helpers import skill
from tests.functional.cohorts.helpers import text

EXAM_TITLE = "Project management for IT: mock exam"
LESSON_TITLE = "Why IT work is project work"


def archive(ctx, cohort_id: int) -> None:
    with ctx():
        services.set_archived(db.session.get(Cohort, cohort_id), True)


@pytest.mark.parametrize(("label", "suffix"), NAV)
def test_each_staff_page_marks_itself_as_the_current_page_of_the_cohort_navigation(
    owner, cohort, label, suffix
):
    page = text(owner.client.get(f"/cohorts/{cohort}{suffix}"))

    assert cohort_nav(page) == [
        (name, f"/cohorts/{cohort}{path}", "page" if name == label else None) for name, path in NAV
    ]


def test_a_learners_record_is_within_progress_and_an_item_analysis_within_assignments(
    owner, member, work, cohort
):
    record = text(owner.client.get(f"/cohorts/{cohort}/learners/{member.user_id}"))
    analysis = text(owner.client.get(f"/cohorts/{cohort}/analysis/{work['exam']}"))

    assert current(record) == {"Progress": "true"}
    assert current(analysis) == {"Assignments": "true"}


def test_the_progress_page_is_the_board_and_its_exports_and_nothing_else(
    owner, member, work, cohort
):
    page = text(owner.client.get(f"/cohorts/{cohort}"))
    main = main_part(page)

    assert "<h1>PRINCE2 team</h1>" in main
    assert "You own this cohort · 1 learner · due dates in Europe/Berlin" in main
    assert '<table class="matrix">' in main
    assert f'href="/cohorts/{cohort}/learners/{member.user_id}">Mina Member</a>' in main
    assert EXAM_TITLE in main and LESSON_TITLE in main
    assert f'href="/cohorts/{cohort}/export/matrix.csv"' in main
    assert f'href="/cohorts/{cohort}/export/attempts.csv"' in main
    for elsewhere in (
        "Assign work",
        "practice set",
        "Item analysis",
        "by syllabus area",
        "Invitations",
        "Instructors",
        "Save settings",
        "Archive the cohort",
    ):
        assert elsewhere not in main, elsewhere
    assert "<form" not in main


class Computed(Exception):
    """Raised by a stand-in for work the board must not do."""


@pytest.mark.parametrize(
    ("owner_of", "name", "page"),
    [
        (practice_sets, "standings", "/areas"),
        (services, "staff_of", "/people"),
        (services, "learner_count", "/people"),
        (invites, "open_invites", "/people"),
        (items, "assignable", "/assignments"),
        (FlaskForm, "__init__", "/settings"),
    ],
    ids=["standings", "staff", "learner count", "invitations", "curriculum", "forms"],
)
def test_the_progress_page_computes_nothing_the_other_pages_show(
    owner, member, work, cohort, monkeypatch, owner_of, name, page
):
    def computed(*args, **kwargs):
        raise Computed(name)

    monkeypatch.setattr(owner_of, name, computed)

    assert owner.client.get(f"/cohorts/{cohort}").status_code == 200
    with pytest.raises(Computed):  # the page that does need it: the stand-in bites
        owner.client.get(f"/cohorts/{cohort}{page}")


def test_an_empty_cohorts_progress_page_sends_the_staff_to_people_and_assignments(owner, cohort):
    main = main_part(text(owner.client.get(f"/cohorts/{cohort}")))

    assert '<table class="matrix">' not in main
    assert (
        f'No learners yet: invite them from <a href="/cohorts/{cohort}/people">People</a>' in main
    )
    assert f'Nothing assigned yet: set work from <a href="/cohorts/{cohort}/assignments">' in main


def test_the_assignments_page_lists_the_work_with_its_withdraw_buttons_and_analyses(
    owner, work, cohort
):
    main = main_part(text(owner.client.get(f"/cohorts/{cohort}/assignments")))

    assert EXAM_TITLE in main and LESSON_TITLE in main
    for assignment in work.values():
        assert f'action="/cohorts/{cohort}/assignments/{assignment}/delete"' in main
    assert f'href="/cohorts/{cohort}/analysis/{work["exam"]}"' in main
    assert f"/cohorts/{cohort}/analysis/{work['lesson']}" not in main  # a lesson has none
    assert f'action="/cohorts/{cohort}/assignments"' in main and "Assign work" in main
    assert f'action="/cohorts/{cohort}/practice-set"' in main
    assert 'value="exam:exam-pmit-mock"' in main  # the curriculum to choose from


def test_an_archived_cohorts_assignments_page_lists_its_work_and_takes_no_more(
    owner, work, cohort, ctx
):
    archive(ctx, cohort)

    main = main_part(text(owner.client.get(f"/cohorts/{cohort}/assignments")))

    assert EXAM_TITLE in main and "Withdraw this assignment" in main
    assert "closed to new learners and assignments" in main
    assert "Assign work" not in main and "practice-set" not in main


def test_the_areas_page_shows_the_cohort_by_syllabus_area_weakest_first(owner, person, cohort, ctx):
    for n in range(3):
        learner = person(f"learner{n}@example.com")
        with ctx():
            cohort_row = db.session.get(Cohort, cohort)
            token = invites.create_link(cohort_row, owner.user_id, 14, None)[1]
            invites.accept(token, get_user(learner.user_id))
        skill(ctx, learner.user_id, "it-risk", -2.0, answers=8)
    with ctx():
        expected = practice_sets.standings(db.session.get(Cohort, cohort))

    main = main_part(text(owner.client.get(f"/cohorts/{cohort}/areas")))

    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>', main)
    assert rows == [s.title for s in expected] and len(rows) > 1
    assert expected[0].tag_id == "it-risk" and expected[0].chance is not None
    assert f"{round(100 * expected[0].chance)}%" in main
    assert "Not enough evidence yet" in main  # every other area: nobody has answered
    assert "<form" not in main


def test_the_people_page_counts_learners_and_holds_invitations_and_instructors(
    owner, member, cohort
):
    main = main_part(text(owner.client.get(f"/cohorts/{cohort}/people")))

    assert "1 learner. Each learner's name on the" in main
    assert f'<a href="/cohorts/{cohort}">Progress</a> board opens their record' in main
    assert "Create a link" in main and "Send invitations" in main
    assert "Link · used 1 ·" in main  # the link the member joined by, still open
    assert re.search(rf'action="/cohorts/{cohort}/invites/\d+/revoke"', main)
    assert re.search(r"<li>Learner \d+ <span class=\"meta\">owner</span></li>", main)
    assert "Co-instructor's email" in main and "Add instructor" in main
    assert "Mina Member" not in main and "member@example.com" not in main


def test_an_archived_cohorts_people_page_invites_nobody(owner, member, cohort, ctx):
    archive(ctx, cohort)

    main = main_part(text(owner.client.get(f"/cohorts/{cohort}/people")))

    assert "Create a link" not in main and "Send invitations" not in main
    assert "An archived cohort takes no new learners" in main
    assert "Add instructor" in main


def test_the_settings_page_holds_the_name_time_zone_and_archiving(owner, cohort, ctx):
    main = main_part(text(owner.client.get(f"/cohorts/{cohort}/settings")))

    assert 'name="name" required type="text" value="PRINCE2 team"' in main
    assert '<option value="Europe/Berlin" selected>' in main
    assert "Archive the cohort" in main and "Reopen the cohort" not in main
    archive(ctx, cohort)
    assert "Reopen the cohort" in text(owner.client.get(f"/cohorts/{cohort}/settings"))


STAFF_PAGES = ["/assignments", "/areas", "/people", "/settings"]


@pytest.mark.parametrize("suffix", STAFF_PAGES)
def test_only_the_cohorts_staff_and_admins_open_its_staff_pages(
    client, person, owner, member, cohort, ctx, suffix
):
    path = f"/cohorts/{cohort}{suffix}"
    other = person("other@example.com", role="instructor")
    with ctx():
        services.create_cohort(get_user(other.user_id), "Their own team", "UTC")
    stranger = person("stranger@example.com")
    admin = person("admin@example.com", role="admin")

    anonymous = client.get(path)

    assert anonymous.status_code == 302
    assert anonymous.headers["Location"] == "/login?next=" + path.replace("/", "%2F")
    assert member.client.get(path).status_code == 404
    assert stranger.client.get(path).status_code == 404
    assert other.client.get(path).status_code == 404
    assert owner.client.get(path).status_code == 200
    assert admin.client.get(path).status_code == 200
    assert owner.client.get(f"/cohorts/999999{suffix}").status_code == 404
