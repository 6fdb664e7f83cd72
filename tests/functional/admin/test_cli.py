"""``flask users create`` and ``flask users set-role``: the operator's way to make
accounts and admins, with registration's rules and an audit row for each change."""

from __future__ import annotations

import pytest

from app.auth.services import authenticate
from app.models._types import utcnow
from tests.factories import make_user
from tests.functional.admin.helpers import audit_rows, user, user_id_of

GOOD = "violet anchor drizzle compass"


def create(runner, *args, **kw):
    return runner.invoke(args=["users", "create", *args], **kw)


def set_role(runner, email, role):
    return runner.invoke(args=["users", "set-role", email, role])


def test_create_makes_a_verified_account_with_the_role_and_a_normalised_email(runner, ctx):
    result = create(
        runner, "--email", "  Ops.Lead@Example.COM ", "--role", "admin", "--password", GOOD
    )
    assert result.exit_code == 0, result.output
    assert "created ops.lead@example.com (admin)" in result.stdout
    new = user(ctx, user_id_of(ctx, "ops.lead@example.com"))
    assert (new.role, new.is_verified, new.display_name) == ("admin", True, "ops.lead")
    with ctx():
        assert authenticate("ops.lead@example.com", GOOD).id == new.id


def test_create_uses_the_name_given(runner, ctx):
    result = create(
        runner, "--email", "a@example.com", "--role", "learner", "--password", GOOD,
        "--name", "  Ada Lovelace ",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert user(ctx, user_id_of(ctx, "a@example.com")).display_name == "Ada Lovelace"


def test_create_records_an_audit_event_without_an_actor(runner, ctx):
    create(runner, "--email", "i@example.com", "--role", "instructor", "--password", GOOD)
    target = user_id_of(ctx, "i@example.com")
    assert audit_rows(ctx) == [(None, "user.create", target, {"role": "instructor", "via": "cli"})]


def test_create_prompts_twice_for_a_hidden_password_when_none_is_given(runner, ctx):
    result = create(
        runner, "--email", "p@example.com", "--role", "learner", input=f"{GOOD}\n{GOOD}\n"
    )
    assert result.exit_code == 0, result.output
    assert "Repeat for confirmation" in result.output
    assert GOOD not in result.output  # hidden input is not echoed
    with ctx():
        assert authenticate("p@example.com", GOOD) is not None


def test_create_asks_again_when_the_two_passwords_differ(runner, ctx):
    typed = f"{GOOD}\n{GOOD} typo\n{GOOD}\n{GOOD}\n"
    result = create(runner, "--email", "p@example.com", "--role", "learner", input=typed)
    assert result.exit_code == 0, result.output
    assert "do not match" in result.output
    with ctx():
        assert authenticate("p@example.com", GOOD) is not None


@pytest.mark.parametrize(
    ("password", "message"),
    [("short", "Use at least 10 characters."), ("password123", "password")],
)
def test_create_refuses_a_password_registration_would_refuse(runner, ctx, password, message):
    result = create(runner, "--email", "w@example.com", "--role", "learner", "--password", password)
    assert result.exit_code == 1
    assert message in result.stderr
    assert user_id_of(ctx, "w@example.com") is None
    assert audit_rows(ctx) == []


def test_create_refuses_a_password_made_of_the_email(runner, ctx):
    email = "sysadmin.patchweek@example.com"
    result = create(runner, "--email", email, "--role", "learner", "--password", email)
    assert result.exit_code == 1
    assert user_id_of(ctx, email) is None


def test_create_refuses_a_prompted_password_that_breaks_the_rules(runner, ctx):
    result = create(runner, "--email", "w@example.com", "--role", "learner", input="short\nshort\n")
    assert result.exit_code == 1
    assert "Use at least 10 characters." in result.stderr
    assert user_id_of(ctx, "w@example.com") is None


def test_create_refuses_an_existing_email_whatever_its_case(runner, ctx):
    with ctx():
        make_user(email="taken@example.com")
    result = create(runner, "--email", "TAKEN@example.com", "--role", "admin", "--password", GOOD)
    assert result.exit_code == 1
    assert "An account with the address taken@example.com already exists." in result.stderr
    assert user(ctx, user_id_of(ctx, "taken@example.com")).role == "learner"
    assert audit_rows(ctx) == []


def test_create_refuses_an_unknown_role_before_asking_for_a_password(runner, ctx):
    result = create(runner, "--email", "r@example.com", "--role", "owner", input=f"{GOOD}\n")
    assert result.exit_code == 1
    assert "Unknown role 'owner': use one of learner, instructor, admin." in result.stderr
    assert "Password" not in result.output
    assert user_id_of(ctx, "r@example.com") is None


def test_create_refuses_what_is_not_an_email_address(runner, ctx):
    result = create(runner, "--email", "not-an-address", "--role", "learner", "--password", GOOD)
    assert result.exit_code == 1
    assert "is not an e-mail address" in result.stderr
    assert audit_rows(ctx) == []


def test_create_refuses_a_display_name_longer_than_registration_allows(runner, ctx):
    result = create(
        runner, "--email", "n@example.com", "--role", "learner", "--password", GOOD,
        "--name", "x" * 81,
    )  # fmt: skip
    assert result.exit_code == 1
    assert "at most 80 characters" in result.stderr
    assert user_id_of(ctx, "n@example.com") is None


def test_set_role_changes_the_role_and_records_from_and_to(runner, ctx):
    with ctx():
        target = make_user(email="t@example.com").id
    result = set_role(runner, "T@Example.com", "instructor")
    assert result.exit_code == 0, result.output
    assert result.stdout == "t@example.com: role instructor\n"
    assert user(ctx, target).role == "instructor"
    assert audit_rows(ctx) == [
        (None, "role.set", target, {"from": "learner", "to": "instructor", "via": "cli"})
    ]


def test_set_role_to_the_role_held_already_changes_and_records_nothing(runner, ctx):
    with ctx():
        make_user(email="t@example.com", role="instructor")
    result = set_role(runner, "t@example.com", "instructor")
    assert result.exit_code == 0
    assert "(unchanged)" in result.stdout
    assert audit_rows(ctx) == []


def test_set_role_refuses_an_unknown_role(runner, ctx):
    with ctx():
        target = make_user(email="t@example.com").id
    result = set_role(runner, "t@example.com", "superuser")
    assert result.exit_code == 1
    assert "Unknown role 'superuser'" in result.stderr
    assert user(ctx, target).role == "learner"
    assert audit_rows(ctx) == []


def test_set_role_refuses_an_unknown_email(runner, ctx):
    result = set_role(runner, "nobody@example.com", "admin")
    assert result.exit_code == 1
    assert "no account with address nobody@example.com" in result.stderr
    assert audit_rows(ctx) == []


def test_set_role_refuses_to_demote_the_last_active_admin(runner, ctx):
    with ctx():
        only = make_user(email="boss@example.com", role="admin").id
        make_user(email="gone@example.com", role="admin", disabled_at=utcnow())
    result = set_role(runner, "boss@example.com", "learner")
    assert result.exit_code == 1
    assert "boss@example.com is the only active admin" in result.stderr
    assert user(ctx, only).role == "admin"
    assert audit_rows(ctx) == []


def test_set_role_demotes_an_admin_while_another_active_admin_remains(runner, ctx):
    with ctx():
        first = make_user(email="one@example.com", role="admin").id
        make_user(email="two@example.com", role="admin")
    assert set_role(runner, "one@example.com", "instructor").exit_code == 0
    assert user(ctx, first).role == "instructor"


def test_set_role_may_demote_a_disabled_admin_when_an_active_one_remains(runner, ctx):
    with ctx():
        make_user(email="one@example.com", role="admin")
        gone = make_user(email="gone@example.com", role="admin", disabled_at=utcnow()).id
    assert set_role(runner, "gone@example.com", "learner").exit_code == 0
    assert user(ctx, gone).role == "learner"


def test_a_new_role_applies_at_the_users_next_request(runner, client, auth, ctx):
    with ctx():
        make_user(email="learner@example.com")
    auth.login()
    assert client.get("/admin/users").status_code == 403
    assert set_role(runner, "learner@example.com", "admin").exit_code == 0
    assert client.get("/admin/users").status_code == 200
    assert set_role(runner, "learner@example.com", "learner").exit_code == 1  # the only admin


def test_the_created_account_can_log_in_at_once(runner, auth, client):
    create(runner, "--email", "new.admin@example.com", "--role", "admin", "--password", GOOD)
    assert auth.login(email="new.admin@example.com", password=GOOD).status_code == 302
    assert client.get("/admin/users").status_code == 200
