"""Each form of the cohort's staff pages: refused, it shows its own page again (400)
with the reason and changes nothing; done, it goes back to its own page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Assignment, CohortInvite
from tests.functional.cohort_pages.pages import current, main_part
from tests.functional.cohorts.helpers import EXAM, due_in, post, snapshot, text


def refused(response, page: str, message: str) -> str:
    """The refused form's page: 400, ``page`` current in the navigation, ``message``."""
    assert response.status_code == 400
    body = text(response)
    assert current(body) == {page: "page"}
    assert message in main_part(body)
    return body


# Refused forms: (path after /cohorts/<id>, data, the page shown again, its message).
REFUSALS = {
    "assign, due before open": (
        "/assignments",
        {
            "item": f"exam:{EXAM}",
            "open_at": "2026-12-02T09:00",
            "due_at": "2026-12-01T17:00",
            "counts": "best",
        },
        "Assignments",
        "The due date must come after the open date.",
    ),
    "assign, no item": (
        "/assignments",
        {"item": "", "due_at": "2026-12-01T17:00", "counts": "best"},
        "Assignments",
        "What to assign: This field is required.",
    ),
    "practice set, no due date": (
        "/practice-set",
        {"due_at": "next week"},
        "Assignments",
        "Give the practice set a valid due date.",
    ),
    "instructor, unknown": (
        "/staff",
        {"email": "nobody@example.com"},
        "People",
        "No instructor account has that email address.",
    ),
    "link, too long": (
        "/invites/link",
        {"days": "91"},
        "People",
        "Valid for (days): Number must be between 1 and 90.",
    ),
    "emails, one bad": (
        "/invites/email",
        {"emails": "ana@example.com, not-an-address", "days": "14"},
        "People",
        "Not an email address: not-an-address.",
    ),
    "settings, no name": (
        "/settings",
        {"name": " ", "timezone": "UTC"},
        "Settings",
        "Cohort name: This field is required.",
    ),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_refused_form_shows_its_own_page_again_with_the_reason_and_changes_nothing(
    owner, member, work, cohort, ctx, outbox, case
):
    suffix, data, page, message = REFUSALS[case]
    before = snapshot(ctx, cohort)

    response = post(owner.client, f"/cohorts/{cohort}{suffix}", data)

    refused(response, page, message)
    assert snapshot(ctx, cohort) == before
    assert outbox == []


def test_a_refused_assignment_keeps_what_was_chosen(owner, cohort):
    response = post(
        owner.client,
        f"/cohorts/{cohort}/assignments",
        {"item": f"exam:{EXAM}", "open_at": "2026-12-02T09:00", "due_at": "2026-12-01T17:00"},
    )

    body = refused(response, "Assignments", "There is a problem")
    assert f'<option value="exam:{EXAM}" selected>' in body
    assert 'value="2026-12-02T09:00"' in body


def test_a_refused_extension_shows_the_learners_record_again_and_saves_nothing(
    owner, member, work, cohort, ctx
):
    before = snapshot(ctx, cohort)

    response = post(
        owner.client,
        f"/cohorts/{cohort}/assignments/{work['exam']}/exceptions",
        {"learner": str(member.user_id), "extra_attempts": "51"},
    )

    assert response.status_code == 400
    body = text(response)
    assert "<h1>Mina Member: completion record</h1>" in body
    assert current(body) == {"Progress": "true"}
    assert (
        "Check the exception for “Project management for IT: mock exam”: "
        "Extra attempts: Number must be between 0 and 50." in body
    )
    assert snapshot(ctx, cohort) == before


def test_an_extension_for_someone_outside_the_cohort_is_refused_on_the_assignments_page(
    owner, person, work, cohort, ctx
):
    """The URL names the assignment; the learner, only the form: with nobody of the
    cohort to show a record of, the cohort's Assignments page says what is wrong."""
    stranger = person("stranger@example.com")
    before = snapshot(ctx, cohort)

    response = post(
        owner.client,
        f"/cohorts/{cohort}/assignments/{work['exam']}/exceptions",
        {"learner": str(stranger.user_id), "extra_attempts": "1"},
    )

    refused(response, "Assignments", "That learner is not in this cohort.")
    assert snapshot(ctx, cohort) == before


def test_a_refused_allowance_shows_the_learners_record_again_and_changes_nothing(
    owner, member, cohort, ctx
):
    before = snapshot(ctx, cohort)

    response = post(
        owner.client, f"/cohorts/{cohort}/learners/{member.user_id}/allowance", {"percent": "201"}
    )

    assert response.status_code == 400
    body = text(response)
    assert "<h1>Mina Member: completion record</h1>" in body
    assert "Check the allowance: Exam time allowance (%): Number must be between 0 and 200." in body
    assert snapshot(ctx, cohort) == before


def test_an_allowance_for_someone_outside_the_cohort_is_not_found(owner, person, cohort, ctx):
    stranger = person("stranger@example.com")
    before = snapshot(ctx, cohort)

    response = post(
        owner.client, f"/cohorts/{cohort}/learners/{stranger.user_id}/allowance", {"percent": "50"}
    )

    assert response.status_code == 404
    assert snapshot(ctx, cohort) == before


def invite_id(ctx) -> int:
    with ctx():
        return db.session.scalar(select(CohortInvite.id))


# Forms that do their work: (path after /cohorts/<id>, data, where they go back to),
# ``{...}`` filled from the scene's ids.
DONE = {
    "assign": (
        "/assignments",
        {"item": f"exam:{EXAM}", "due_at": "{due}", "counts": "best"},
        "/assignments",
        "Assigned “Project management for IT: mock exam”.",
    ),
    "withdraw": (
        "/assignments/{lesson}/delete",
        {},
        "/assignments",
        "is no longer assigned",
    ),
    "practice set": (
        "/practice-set",
        {"due_at": "{due}"},
        "/assignments",
        "Assigned “Practice: ",
    ),
    "instructor": (
        "/staff",
        {"email": "colleague@example.com"},
        "/people",
        "now teaches this cohort",
    ),
    "emails": (
        "/invites/email",
        {"emails": "ana@example.com", "days": "14"},
        "/people",
        "Invitations sent to 1 address(es).",
    ),
    "withdraw invitation": (
        "/invites/{invite}/revoke",
        {},
        "/people",
        "Invitation withdrawn",
    ),
    "remove learner": (
        "/members/{member}/remove",
        {},
        "",
        "Learner removed from the cohort.",
    ),
    "settings": (
        "/settings",
        {"name": "Renamed", "timezone": "UTC"},
        "/settings",
        "Cohort settings saved.",
    ),
    "archive": ("/archive", {"archived": "1"}, "/settings", "Cohort archived."),
    "extension": (
        "/assignments/{exam}/exceptions",
        {"learner": "{member}", "extra_attempts": "1"},
        "/learners/{member}",
        "Exception saved for “Project management for IT: mock exam”.",
    ),
    "allowance": (
        "/learners/{member}/allowance",
        {"percent": "25"},
        "/learners/{member}",
        "Exam time allowance saved.",
    ),
}


@pytest.mark.parametrize("case", list(DONE))
def test_a_form_that_did_its_work_goes_back_to_its_own_page(
    owner, person, member, work, cohort, ctx, outbox, case
):
    person("colleague@example.com", role="instructor")
    ids = {
        **work,
        "member": member.user_id,
        "invite": invite_id(ctx),
        "due": due_in(timedelta(days=3)),
    }
    suffix, data, back, flashed = DONE[case]

    response = post(
        owner.client,
        f"/cohorts/{cohort}" + suffix.format(**ids),
        {name: value.format(**ids) for name, value in data.items()},
    )

    assert response.status_code == 302
    assert response.headers["Location"] == f"/cohorts/{cohort}" + back.format(**ids)
    landed = owner.client.get(response.headers["Location"])
    assert landed.status_code == 200 and flashed in text(landed)


def test_a_new_invitation_link_is_shown_once_on_the_people_page(owner, cohort):
    response = post(owner.client, f"/cohorts/{cohort}/invites/link", {"days": "7"})

    assert response.status_code == 200
    body = text(response)
    assert current(body) == {"People": "page"}
    assert "It is shown only now" in body
    assert re.search(r'id="new-link" type="text" readonly value="[^"]+/join/[\w-]+"', body)
    assert "It is shown only now" not in text(owner.client.get(f"/cohorts/{cohort}/people"))


def test_an_archived_cohort_says_why_it_takes_no_work_on_its_assignments_page(owner, cohort, ctx):
    post(owner.client, f"/cohorts/{cohort}/archive", {"archived": "1"})

    response = post(
        owner.client,
        f"/cohorts/{cohort}/assignments",
        {"item": f"exam:{EXAM}", "due_at": due_in(timedelta(days=3)), "counts": "best"},
    )

    refused(response, "Assignments", "This cohort is archived: no new assignments.")
    with ctx():
        assert db.session.scalar(select(Assignment.id)) is None
