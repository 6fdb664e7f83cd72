"""Can a user reach /admin if not an admin? Every admin route, read from
``app.url_map``, as anonymous, learner, instructor and admin."""

from __future__ import annotations

import pytest

from tests.factories import make_user
from tests.functional.admin.helpers import audit_rows, post, text, user


def admin_routes(app, method: str) -> list[str]:
    return sorted(
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("admin.") and method in rule.methods
    )


def path_for(rule: str, user_id: int) -> str:
    return rule.replace("<int:user_id>", str(user_id))


@pytest.fixture
def target(ctx) -> int:
    """An account the POSTs would change, were they allowed."""
    with ctx():
        return make_user(email="target@example.com").id


def test_there_are_admin_routes_to_check(app):
    assert admin_routes(app, "GET") == ["/admin/audit", "/admin/users"]
    assert len(admin_routes(app, "POST")) == 3


def test_an_anonymous_visitor_is_sent_to_log_in_from_every_admin_route(app, client, target):
    for rule in admin_routes(app, "GET"):
        response = client.get(rule)
        assert response.status_code == 302, rule
        assert response.location.startswith("/login?next="), rule
    for rule in admin_routes(app, "POST"):  # with a valid token: the CSRF check passes
        response = post(client, path_for(rule, target), token_from="/login")
        assert response.status_code == 302, rule
        assert response.location.startswith("/login?next="), rule


@pytest.mark.parametrize("role", ["learner", "instructor"])
def test_a_signed_in_non_admin_is_forbidden_every_admin_route(app, person, ctx, target, role):
    someone = person(f"{role}@example.com", role=role)
    for rule in admin_routes(app, "GET"):
        response = someone.client.get(rule)
        assert response.status_code == 403, rule
        assert "You do not have access to this page." in text(response)
    for rule in admin_routes(app, "POST"):
        for user_id in (target, someone.user_id):
            response = post(someone.client, path_for(rule, user_id), {"role": "admin"})
            assert response.status_code == 403, rule
    assert user(ctx, target).role == "learner" and user(ctx, target).disabled_at is None
    assert user(ctx, someone.user_id).role == role
    assert audit_rows(ctx) == []


def test_an_admin_reaches_every_admin_page(app, admin):
    for rule in admin_routes(app, "GET"):
        assert admin.client.get(rule).status_code == 200, rule


def test_only_admins_see_the_admin_link(person, admin):
    link = '<a href="/admin/users">Admin</a>'
    assert link in admin.client.get("/").get_data(as_text=True)
    for role in ("learner", "instructor"):
        someone = person(f"{role}@example.com", role=role)
        assert link not in someone.client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("action", ["role", "disable", "enable"])
@pytest.mark.parametrize("user_id", ["999999", "99999999999999999999", "0"])
def test_a_forged_user_id_is_not_found(admin, ctx, action, user_id):
    response = post(admin.client, f"/admin/users/{user_id}/{action}", {"role": "admin"})
    assert response.status_code == 404
    assert audit_rows(ctx) == []


def test_a_user_id_that_is_not_a_number_is_not_found(admin):
    assert post(admin.client, "/admin/users/abc/disable").status_code == 404
