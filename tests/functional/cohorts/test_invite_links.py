"""Invitation links: shown once, stored as a hash, capped, expiring, revocable; a
forged token is unknown and an archived cohort takes nobody."""

from __future__ import annotations

import hashlib
import html
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs

import pytest
import time_machine
from sqlalchemy import select

from app.extensions import db
from app.models import Cohort
from tests.conftest import PUBLIC_BASE_URL, AuthActions
from tests.functional.cohorts.helpers import (
    invite_rows,
    is_member,
    link_token,
    member_count,
    post,
    text,
)

LINK_RE = re.compile(re.escape(PUBLIC_BASE_URL) + r"/join/([A-Za-z0-9_\-]+)")


def every_stored_value(ctx) -> str:
    """Every value in every table, as one string to search."""
    with ctx():
        return "\n".join(
            repr(tuple(row))
            for table in db.metadata.sorted_tables
            for row in db.session.execute(select(table))
        )


def test_a_new_link_is_shown_once_and_only_its_hash_is_stored(owner, cohort, ctx):
    response = post(owner.client, f"/cohorts/{cohort}/invites/link", {"days": "14"})

    assert response.status_code == 200
    page = text(response)
    assert "It is shown only now" in page
    token = LINK_RE.search(page).group(1)
    [invite] = invite_rows(ctx, cohort)
    assert invite.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert (invite.max_uses, invite.uses, invite.email, invite.created_by) == (
        None,
        0,
        None,
        owner.user_id,
    )
    assert token not in every_stored_value(ctx)
    later = text(owner.client.get(f"/cohorts/{cohort}/people"))
    assert token not in later and "Link · used 0" in later


def next_of(page: str, endpoint_path: str) -> str | None:
    """The ``next`` of the page's link to ``endpoint_path`` (e.g. "/login")."""
    match = re.search(r'href="' + re.escape(endpoint_path) + r'\?([^"]+)"', page)
    return parse_qs(html.unescape(match.group(1)))["next"][0] if match else None


def test_an_anonymous_visitor_is_sent_to_log_in_and_back_to_the_invitation(
    client, owner, cohort, ctx, person
):
    token = link_token(ctx, cohort, owner.user_id)
    path = f"/join/{token}"

    page = client.get(path).get_data(as_text=True)

    assert "Log in or create an account to join" in page
    assert next_of(page, "/login") == path and next_of(page, "/register") == path
    joiner = person("joiner@example.com")  # the account exists; this browser is not logged in
    assert AuthActions(client).login(joiner.email, next_url=path).headers["Location"] == path
    assert "Join the cohort" in text(client.get(path))
    response = post(client, path, token_from=path)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/cohorts/{cohort}"
    assert "Welcome to “PRINCE2 team”" in text(client.get(f"/cohorts/{cohort}"))
    assert is_member(ctx, cohort, joiner.user_id)
    assert invite_rows(ctx, cohort)[0].uses == 1


def test_joining_twice_changes_nothing(person, owner, cohort, ctx):
    token = link_token(ctx, cohort, owner.user_id)
    learner = person("joiner@example.com")
    assert post(learner.client, f"/join/{token}").status_code == 302

    again = post(learner.client, f"/join/{token}")

    assert again.status_code == 302
    assert member_count(ctx, cohort) == 1
    assert invite_rows(ctx, cohort)[0].uses == 1


def test_a_link_for_one_use_refuses_the_second_learner(person, owner, cohort, ctx):
    response = post(owner.client, f"/cohorts/{cohort}/invites/link", {"days": "7", "max_uses": "1"})
    token = LINK_RE.search(text(response)).group(1)
    first, second = person("first@example.com"), person("second@example.com")
    assert post(first.client, f"/join/{token}").status_code == 302

    refused = post(second.client, f"/join/{token}")

    assert refused.status_code == 400
    message = "This invitation has been used as many times as it allows."
    assert message in text(refused)
    assert message in text(second.client.get(f"/join/{token}"))
    assert not is_member(ctx, cohort, second.user_id)
    assert invite_rows(ctx, cohort)[0].uses == 1
    assert "used 1 of 1" in text(owner.client.get(f"/cohorts/{cohort}/people"))


def test_a_link_counts_each_learner_it_lets_in(person, owner, cohort, ctx):
    token = link_token(ctx, cohort, owner.user_id, max_uses=3)
    for n in range(3):
        assert post(person(f"joiner{n}@example.com").client, f"/join/{token}").status_code == 302

    assert invite_rows(ctx, cohort)[0].uses == 3
    assert member_count(ctx, cohort) == 3


def test_an_expired_link_is_refused(person, owner, cohort, ctx):
    token = link_token(ctx, cohort, owner.user_id, days=1)
    later = datetime.now(UTC) + timedelta(days=1, minutes=1)

    with time_machine.travel(later, tick=False):
        learner = person("late@example.com")  # logs in after the jump, so the session is fresh
        shown = text(learner.client.get(f"/join/{token}"))
        refused = post(learner.client, f"/join/{token}")

    assert "This invitation has expired." in shown
    assert refused.status_code == 400
    assert "This invitation has expired." in text(refused)
    assert not is_member(ctx, cohort, learner.user_id)
    assert invite_rows(ctx, cohort)[0].uses == 0


def test_a_link_still_works_just_before_it_expires(person, owner, cohort, ctx):
    token = link_token(ctx, cohort, owner.user_id, days=1)

    with time_machine.travel(datetime.now(UTC) + timedelta(hours=23), tick=False):
        learner = person("prompt@example.com")
        assert post(learner.client, f"/join/{token}").status_code == 302

    assert is_member(ctx, cohort, learner.user_id)


def test_a_withdrawn_link_is_refused(person, owner, cohort, ctx):
    token = link_token(ctx, cohort, owner.user_id)
    [invite] = invite_rows(ctx, cohort)
    learner = person("joiner@example.com")

    withdrawn = post(owner.client, f"/cohorts/{cohort}/invites/{invite.id}/revoke")
    refused = post(learner.client, f"/join/{token}")

    assert withdrawn.status_code == 302
    assert withdrawn.headers["Location"] == f"/cohorts/{cohort}/people"
    assert refused.status_code == 400
    assert "This invitation has been withdrawn." in text(refused)
    assert not is_member(ctx, cohort, learner.user_id)
    people = text(owner.client.get(f"/cohorts/{cohort}/people"))
    assert "Invitation withdrawn" in people and "Link · used" not in people


def test_a_forged_token_is_not_valid(client, person, owner, cohort, ctx):
    link_token(ctx, cohort, owner.user_id)
    learner = person("joiner@example.com")

    shown = client.get("/join/forged-token-1234")
    refused = post(learner.client, "/join/forged-token-1234")

    assert shown.status_code == 404 and refused.status_code == 404
    assert "This invitation link is not valid." in text(shown)
    assert "This invitation link is not valid." in text(refused)
    assert member_count(ctx, cohort) == 0


def test_an_archived_cohort_refuses_joins_and_new_invitations(person, owner, cohort, ctx, outbox):
    token = link_token(ctx, cohort, owner.user_id)
    learner = person("joiner@example.com")
    post(owner.client, f"/cohorts/{cohort}/archive", {"archived": "1"})

    refused = post(learner.client, f"/join/{token}")
    new_link = post(owner.client, f"/cohorts/{cohort}/invites/link", {"days": "14"})
    emailed = post(
        owner.client,
        f"/cohorts/{cohort}/invites/email",
        {"emails": "someone@example.com", "days": "14"},
    )

    assert refused.status_code == 400
    assert "This cohort is archived and closed to new learners." in text(refused)
    assert new_link.status_code == 400 and emailed.status_code == 400
    assert "This cohort is archived: it takes no new learners." in text(new_link)
    assert "This cohort is archived: it takes no new learners." in text(emailed)
    assert not LINK_RE.search(text(new_link))
    assert len(invite_rows(ctx, cohort)) == 1 and outbox == []
    assert member_count(ctx, cohort) == 0


@pytest.mark.parametrize(
    "data",
    [
        {"days": "0"},
        {"days": "91"},
        {"days": ""},
        {"days": "many"},
        {"days": "14", "max_uses": "0"},
    ],
)
def test_a_link_with_bad_limits_is_refused(owner, cohort, ctx, data):
    response = post(owner.client, f"/cohorts/{cohort}/invites/link", data)

    assert response.status_code == 400
    assert "There is a problem" in text(response)
    assert invite_rows(ctx, cohort) == []


def test_the_longest_link_lasts_ninety_days(owner, cohort, ctx):
    response = post(owner.client, f"/cohorts/{cohort}/invites/link", {"days": "90"})

    assert response.status_code == 200
    [invite] = invite_rows(ctx, cohort)
    assert timedelta(days=89, hours=23) < invite.expires_at - invite.created_at
    with ctx():
        assert db.session.get(Cohort, cohort).archived_at is None
