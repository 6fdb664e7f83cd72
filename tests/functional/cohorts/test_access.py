"""Who gets what of a cohort: its staff manage it; an instructor of another cohort
finds nothing (404) at any of its URLs; its learners see their own page and nothing
of the management, and an admin manages every cohort."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.admin.services import set_role
from app.auth.services import get_user
from app.cohorts import invites, services
from app.extensions import db
from app.models import Cohort, CohortInvite
from app.models._types import utcnow
from tests.functional.cohorts.helpers import LESSON, assign, due_in, enrol, post, snapshot, text

PARAM_RE = re.compile(r"<(?:[a-z]+:)?([a-z_]+)>")


@pytest.fixture
def scene(app, person, owner, cohort, ctx):
    """The cohort with a learner, an invitation and an assignment; an instructor of
    another cohort and the cohort's learner, each logged in."""
    outsider = person("outsider@example.com", role="instructor")
    member = person("member@example.com")
    with ctx():
        services.create_cohort(get_user(outsider.user_id), "Another team", "UTC")
    enrol(ctx, cohort, member.user_id)
    with ctx():
        invite_id = db.session.scalar(select(CohortInvite.id))
    assignment_id = assign(ctx, cohort, "lesson", LESSON, utcnow() + timedelta(days=7))
    ids = {
        "cohort_id": cohort,
        "invite_id": invite_id,
        "user_id": member.user_id,
        "assignment_id": assignment_id,
    }
    return outsider, member, ids


def cohort_urls(app, ids: dict, method: str) -> list[tuple[str, str]]:
    """(endpoint, path) of every route under /cohorts/<cohort_id>, with real ids."""
    found = []
    for rule in app.url_map.iter_rules():
        if method in rule.methods and rule.rule.startswith("/cohorts/<int:cohort_id>"):
            path = PARAM_RE.sub(lambda m: str(ids.get(m.group(1), "1")), rule.rule)
            found.append((rule.endpoint, path))
    return sorted(found)


def valid_data(endpoint: str, ids: dict) -> dict:
    """What the cohort's own staff would send, so only access can refuse it."""
    return {
        "cohorts.settings": {"name": "Taken over", "timezone": "UTC"},
        "cohorts.archive": {"archived": "1"},
        "cohorts.add_staff": {"email": "outsider@example.com"},
        "cohorts.invite_link": {"days": "14"},
        "cohorts.invite_emails": {"emails": "someone@example.com", "days": "14"},
        "cohorts.assign": {"item": f"lesson:{LESSON}", "due_at": due_in(timedelta(days=3))},
        "cohorts.exception": {"learner": str(ids["user_id"]), "extra_attempts": "2"},
        "cohorts.allowance": {"percent": "50"},
    }.get(endpoint, {})


def test_every_cohort_url_is_covered(app, scene):
    _outsider, _member, ids = scene
    posts = {endpoint for endpoint, _ in cohort_urls(app, ids, "POST")}
    assert {
        "cohorts.settings",
        "cohorts.archive",
        "cohorts.add_staff",
        "cohorts.invite_link",
        "cohorts.invite_emails",
        "cohorts.revoke_invite",
        "cohorts.remove_member",
        "cohorts.leave",
        "cohorts.assign",
        "cohorts.unassign",
        "cohorts.exception",
        "cohorts.allowance",
    } <= posts


def test_an_instructor_of_another_cohort_finds_nothing_at_any_of_its_urls(app, scene, ctx):
    outsider, _member, ids = scene
    before = snapshot(ctx, ids["cohort_id"])

    for endpoint, path in cohort_urls(app, ids, "GET"):
        assert outsider.client.get(path).status_code == 404, endpoint
    for endpoint, path in cohort_urls(app, ids, "POST"):
        response = post(outsider.client, path, valid_data(endpoint, ids))
        assert response.status_code == 404, endpoint

    assert snapshot(ctx, ids["cohort_id"]) == before
    assert "PRINCE2 team" not in text(outsider.client.get("/cohorts"))


def test_a_learner_of_the_cohort_sees_the_learner_page_and_never_the_managers(app, scene, ctx):
    _outsider, member, ids = scene
    before = snapshot(ctx, ids["cohort_id"])

    page = member.client.get(f"/cohorts/{ids['cohort_id']}")

    assert page.status_code == 200
    body = text(page)
    assert "Leave this cohort" in body and "Why IT work is project work" in body
    for managing in ("Assign work", "Invitations", "Remove from cohort", "Settings", "@example"):
        assert managing not in body, managing
    for endpoint, path in cohort_urls(app, ids, "GET"):
        if endpoint != "cohorts.cohort":
            assert member.client.get(path).status_code == 404, endpoint
    for endpoint, path in cohort_urls(app, ids, "POST"):
        if endpoint != "cohorts.leave":
            response = post(member.client, path, valid_data(endpoint, ids))
            assert response.status_code == 404, endpoint
    assert snapshot(ctx, ids["cohort_id"]) == before


def test_a_learner_outside_the_cohort_finds_nothing(person, scene):
    _outsider, _member, ids = scene
    stranger = person("stranger@example.com")

    assert stranger.client.get(f"/cohorts/{ids['cohort_id']}").status_code == 404
    assert post(stranger.client, f"/cohorts/{ids['cohort_id']}/leave").status_code == 404


def test_an_admin_manages_every_cohort(person, scene, ctx):
    _outsider, _member, ids = scene
    admin = person("admin@example.com", role="admin")

    board = text(admin.client.get(f"/cohorts/{ids['cohort_id']}"))
    work = text(admin.client.get(f"/cohorts/{ids['cohort_id']}/assignments"))

    assert f'href="/cohorts/{ids["cohort_id"]}/learners/{_member.user_id}"' in board
    assert "You administer this cohort" in board and "Assign work" in work
    assert "PRINCE2 team" in text(admin.client.get("/cohorts"))
    response = post(admin.client, f"/cohorts/{ids['cohort_id']}/archive", {"archived": "1"})
    assert response.status_code == 302
    with ctx():
        assert db.session.get(Cohort, ids["cohort_id"]).archived_at is not None


def test_ids_from_another_cohort_are_unknown_through_this_one(owner, scene, ctx):
    outsider, _member, ids = scene
    stranger_cohort = ids["cohort_id"]
    with ctx():
        theirs = db.session.scalar(select(Cohort).where(Cohort.name == "Another team"))
        their_invite = invites.create_link(theirs, outsider.user_id, 14, None)[0].id
    base = f"/cohorts/{stranger_cohort}"

    assert post(owner.client, f"{base}/invites/{their_invite}/revoke").status_code == 404
    assert post(owner.client, f"{base}/members/{outsider.user_id}/remove").status_code == 404
    with ctx():
        assert db.session.get(CohortInvite, their_invite).revoked_at is None


def test_an_instructor_demoted_to_learner_manages_nothing(owner, cohort, ctx):
    with ctx():
        set_role(None, get_user(owner.user_id), "learner")
        db.session.commit()
    assert owner.client.get(f"/cohorts/{cohort}").status_code == 404
    assert owner.client.get(f"/cohorts/{cohort}/export/matrix.csv").status_code == 404
