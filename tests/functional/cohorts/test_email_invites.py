"""Invitations by email: one mail per address with a link on PUBLIC_BASE_URL, all or
nothing when an address is bad, and only the account with that verified address may
accept."""

from __future__ import annotations

import pytest

from tests.conftest import PUBLIC_BASE_URL, link_in
from tests.functional.cohorts.helpers import invite_rows, is_member, member_count, post, text

ADDRESSES = "ana@example.com, Ben@Example.com\ncara@example.com\n\n"


def send(owner, cohort: int, emails: str, days: str = "14"):
    return post(owner.client, f"/cohorts/{cohort}/invites/email", {"emails": emails, "days": days})


def join_path(message) -> str:
    return link_in(message, "/join/").removeprefix(PUBLIC_BASE_URL)


def test_each_address_gets_its_own_invitation_by_mail(owner, cohort, ctx, outbox):
    response = send(owner, cohort, ADDRESSES)

    assert response.status_code == 302
    assert response.headers["Location"] == f"/cohorts/{cohort}/people"
    people = text(owner.client.get(response.headers["Location"]))
    assert "Invitations sent to 3 address(es)." in people and "For ben@example.com" in people
    assert [m["To"] for m in outbox] == ["ana@example.com", "ben@example.com", "cara@example.com"]
    assert all("PRINCE2 team" in m["Subject"] for m in outbox)
    links = [link_in(m, "/join/") for m in outbox]
    assert all(link.startswith(PUBLIC_BASE_URL + "/join/") for link in links)
    assert len(set(links)) == 3
    rows = invite_rows(ctx, cohort)
    assert [(r.email, r.max_uses, r.uses) for r in rows] == [
        ("ana@example.com", 1, 0),
        ("ben@example.com", 1, 0),
        ("cara@example.com", 1, 0),
    ]
    assert all(link.rsplit("/", 1)[1] not in repr(vars(r)) for link in links for r in rows)


@pytest.mark.parametrize(
    "emails", ["ana@example.com, not-an-address\nben@example.com", "   ", "ana@", "a@b@c"]
)
def test_a_bad_address_in_the_list_sends_nothing_and_stores_nothing(
    owner, cohort, ctx, outbox, emails
):
    response = send(owner, cohort, emails)

    assert response.status_code == 400
    assert "There is a problem" in text(response)
    assert outbox == []
    assert invite_rows(ctx, cohort) == []


def test_the_bad_address_is_named(owner, cohort, outbox):
    response = send(owner, cohort, "ana@example.com, not-an-address")

    assert "Not an email address: not-an-address." in text(response)


@pytest.mark.parametrize("days", ["0", "91"])
def test_emailed_invitations_last_one_to_ninety_days(owner, cohort, ctx, outbox, days):
    assert send(owner, cohort, "ana@example.com", days).status_code == 400
    assert outbox == [] and invite_rows(ctx, cohort) == []


def test_another_account_cannot_accept_an_emailed_invitation(person, owner, cohort, ctx, outbox):
    send(owner, cohort, "ana@example.com")
    other = person("other@example.com")

    shown = text(other.client.get(join_path(outbox[0])))
    refused = post(other.client, join_path(outbox[0]))

    assert "This invitation was sent to another email address." in shown
    assert refused.status_code == 400
    assert "This invitation was sent to another email address." in text(refused)
    assert member_count(ctx, cohort) == 0
    assert invite_rows(ctx, cohort)[0].uses == 0


def test_the_invited_address_must_be_confirmed_first(person, owner, cohort, ctx, outbox):
    send(owner, cohort, "ana@example.com")
    unconfirmed = person("ana@example.com", verified=False)

    refused = post(unconfirmed.client, join_path(outbox[0]))

    assert refused.status_code == 400
    assert "Confirm your email address first" in text(refused)
    assert not is_member(ctx, cohort, unconfirmed.user_id)


def test_the_verified_invited_account_joins(person, owner, cohort, ctx, outbox):
    send(owner, cohort, "Ana@Example.com")
    ana = person("ana@example.com")

    joined = post(ana.client, join_path(outbox[0]))

    assert joined.status_code == 302
    assert is_member(ctx, cohort, ana.user_id)
    assert invite_rows(ctx, cohort)[0].uses == 1


def test_an_emailed_invitation_is_not_a_link_for_everyone(person, owner, cohort, ctx, outbox):
    """Ana's link, forwarded to Ben (himself invited), still only lets Ana in."""
    send(owner, cohort, "ana@example.com\nben@example.com")
    ben = person("ben@example.com")
    anas = next(m for m in outbox if m["To"] == "ana@example.com")

    assert post(ben.client, join_path(anas)).status_code == 400
    assert not is_member(ctx, cohort, ben.user_id)


def test_a_cohort_name_is_kept_on_one_line_so_invitations_can_be_mailed(owner, ctx, outbox):
    created = post(
        owner.client, "/cohorts", {"name": "Team\r\nBcc: all@example.com", "timezone": "UTC"}
    )
    cohort = int(created.headers["Location"].rsplit("/", 1)[1])

    response = send(owner, cohort, "ana@example.com")

    assert response.status_code == 302
    assert [m["Subject"] for m in outbox] == [
        "You are invited to the cohort “Team Bcc: all@example.com”"
    ]
    assert [m["Bcc"] for m in outbox] == [None]


def test_a_rename_is_kept_on_one_line(owner, cohort, ctx):
    post(
        owner.client, f"/cohorts/{cohort}/settings", {"name": "Spring\n\tgroup", "timezone": "UTC"}
    )

    assert "<h1>Spring group</h1>" in text(owner.client.get(f"/cohorts/{cohort}"))
