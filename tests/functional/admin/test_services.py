"""The admin services called directly: listing and searching accounts page by page,
the last-admin rules, and the audit log's order."""

from __future__ import annotations

import pytest

from app.admin import services
from app.auth.services import get_user
from app.extensions import db
from app.models import AuditEvent
from app.models._types import utcnow
from tests.factories import make_user
from tests.functional.admin.helpers import audit_rows


def make_users(n: int, prefix: str = "user") -> None:
    for i in range(n):
        make_user(email=f"{prefix}{i:03d}@example.com", display_name=f"Person {i:03d}")


def test_users_are_listed_fifty_a_page_in_email_order(ctx):
    with ctx():
        make_users(120)
        first, third = services.list_users(page=1), services.list_users(page=3)
    assert (first.total, first.pages, len(first.items)) == (120, 3, 50)
    assert first.items[0].email == "user000@example.com"
    assert [u.email for u in third.items][-1] == "user119@example.com"
    assert len(third.items) == 20
    assert (first.has_previous, first.has_next, third.has_next) == (False, True, False)


@pytest.mark.parametrize(("asked", "given"), [(0, 1), (-4, 1), (99, 3)])
def test_a_page_number_out_of_range_gives_the_nearest_page(ctx, asked, given):
    with ctx():
        make_users(101)
        assert services.list_users(page=asked).number == given


def test_search_matches_email_or_name_in_any_case(ctx):
    with ctx():
        make_user(email="dba@example.com", display_name="Grace Hopper")
        make_user(email="grace.h@example.com", display_name="Someone")
        make_user(email="other@example.com", display_name="Alan")
        found = services.list_users("GRACE")
    assert [u.email for u in found.items] == ["dba@example.com", "grace.h@example.com"]


def test_search_treats_like_wildcards_as_plain_characters(ctx):
    with ctx():
        make_user(email="percent@example.com", display_name="100% uptime")
        make_user(email="under_score@example.com", display_name="x")
        make_user(email="plain@example.com", display_name="y")
        assert [u.email for u in services.list_users("%").items] == ["percent@example.com"]
        assert [u.email for u in services.list_users("_").items] == ["under_score@example.com"]


def test_the_last_active_admin_cannot_be_disabled_from_the_command_line(ctx):
    with ctx():
        only = make_user(role="admin")
        with pytest.raises(services.Refused, match="only active admin"):
            services.disable(None, only)
        assert get_user(only.id).disabled_at is None
    assert audit_rows(ctx) == []


def test_an_admin_can_disable_another_admin_and_the_audit_names_the_actor(ctx):
    with ctx():
        actor, other = make_user(role="admin"), make_user(role="admin")
        assert services.disable(actor, other) is True
        assert services.disable(actor, other) is False  # already disabled: nothing more
        ids = actor.id, other.id
    assert audit_rows(ctx) == [(ids[0], "user.disable", ids[1], {})]


def test_enabling_an_account_that_is_not_disabled_records_nothing(ctx):
    with ctx():
        actor, target = make_user(role="admin"), make_user()
        assert services.enable(actor, target) is False
    assert audit_rows(ctx) == []


def test_an_unknown_or_impossible_id_finds_no_user(ctx):
    with ctx():
        assert services.user_by_id(999999) is None
        assert services.user_by_id(0) is None
        assert services.user_by_id(2**63) is None  # PostgreSQL would refuse to compare it


def test_the_audit_log_is_newest_first_fifty_a_page(ctx):
    with ctx():
        actor, target = make_user(role="admin"), make_user()
        at = utcnow()
        for i in range(55):
            db.session.add(
                AuditEvent(
                    actor_id=actor.id,
                    action="role.set",
                    target_user_id=target.id,
                    details={"from": "learner", "to": f"r{i}"},
                    at=at,
                )
            )
        db.session.commit()
        first, second = services.audit_events(1), services.audit_events(2)
        emails = (actor.email, target.email)
    assert (first.total, first.pages, len(first.items), len(second.items)) == (55, 2, 50, 5)
    assert first.items[0].details["to"] == "r54"  # one timestamp: the later row first
    assert second.items[-1].details["to"] == "r0"
    assert (first.items[0].actor_email, first.items[0].target_email) == emails
