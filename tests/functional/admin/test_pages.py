"""The admin pages: the users table with search and pages, setting a role, disabling
(which logs the user out everywhere) and enabling, the refusals, and the audit log."""

from __future__ import annotations

from app.models._types import utcnow
from tests.conftest import AuthActions
from tests.factories import make_user
from tests.functional.admin.helpers import (
    audit_rows,
    count_sessions,
    emails_listed,
    is_logged_in,
    post,
    text,
    user,
)


def test_the_users_table_shows_each_account_with_role_and_status(admin, ctx):
    with ctx():
        make_user(email="ins@example.com", display_name="Ina Structor", role="instructor")
        make_user(email="off@example.com", disabled_at=utcnow())
        make_user(email="new@example.com", verified=False)
    response = admin.client.get("/admin/users")
    page = text(response)
    assert response.status_code == 200
    assert "<h1>Users</h1>" in page
    assert emails_listed(response)[:2] == ["admin@example.com", "ins@example.com"]
    assert "Ina Structor" in page
    assert '<option value="instructor" selected>instructor</option>' in page
    assert '<label for="role-' in page and "Role of ins@example.com</label>" in page
    assert "disabled" in page and "active, e-mail not confirmed" in page
    assert 'Enable<span class="visually-hidden"> off@example.com</span>' in page
    assert 'Disable<span class="visually-hidden"> ins@example.com</span>' in page


def test_an_admin_is_offered_no_button_to_disable_themselves(admin):
    page = text(admin.client.get("/admin/users"))
    assert "(you)" in page
    assert 'Disable<span class="visually-hidden"> admin@example.com' not in page


def test_search_narrows_the_table_and_says_how_many_match(admin, ctx):
    with ctx():
        make_user(email="dba@example.com", display_name="Grace Hopper")
        make_user(email="net@example.com", display_name="Alan")
    response = admin.client.get("/admin/users?q=grace")
    assert emails_listed(response) == ["dba@example.com"]
    assert "1 account matching “grace”" in text(response)
    assert 'value="grace"' in text(response)


def test_a_search_that_matches_nothing_says_so(admin):
    assert "No account matches." in text(admin.client.get("/admin/users?q=nobody-at-all"))


def test_the_table_is_paged_fifty_at_a_time_and_the_links_keep_the_search(admin, ctx):
    with ctx():
        for i in range(60):
            make_user(email=f"ops{i:02d}@example.com")
    first = admin.client.get("/admin/users?q=ops")
    assert len(emails_listed(first)) == 50
    assert "Page 1 of 2" in text(first)
    assert 'href="/admin/users?page=2&amp;q=ops"' in first.get_data(as_text=True)
    second = admin.client.get("/admin/users?q=ops&page=2")
    assert emails_listed(second) == [f"ops{i:02d}@example.com" for i in range(50, 60)]
    assert 'href="/admin/users?page=1&amp;q=ops" rel="prev"' in second.get_data(as_text=True)


def test_a_page_number_that_is_not_a_number_shows_the_first_page(admin):
    assert admin.client.get("/admin/users?page=abc").status_code == 200
    assert admin.client.get("/admin/audit?page=-3").status_code == 200


def test_setting_a_role_changes_it_records_it_and_returns_to_the_same_page(admin, ctx):
    with ctx():
        target = make_user(email="t@example.com").id
    response = post(
        admin.client, f"/admin/users/{target}/role?q=t%40&page=1", {"role": "instructor"}
    )
    assert response.status_code == 302
    assert response.location == "/admin/users?q=t@"
    assert user(ctx, target).role == "instructor"
    assert audit_rows(ctx) == [
        (admin.user_id, "role.set", target, {"from": "learner", "to": "instructor"})
    ]
    assert "t@example.com now has the role instructor." in text(admin.client.get(response.location))


def test_the_new_role_applies_to_the_users_next_request(admin, person):
    someone = person("soon@example.com")
    assert someone.client.get("/admin/users").status_code == 403
    post(admin.client, f"/admin/users/{someone.user_id}/role", {"role": "admin"})
    assert someone.client.get("/admin/users").status_code == 200


def test_setting_the_role_already_held_records_nothing(admin, ctx):
    with ctx():
        target = make_user().id
    response = post(admin.client, f"/admin/users/{target}/role", {"role": "learner"})
    assert response.status_code == 302
    assert "nothing changed" in text(admin.client.get(response.location))
    assert audit_rows(ctx) == []


def test_an_unknown_role_is_refused_with_a_message_and_nothing_changes(admin, ctx):
    with ctx():
        target = make_user().id
    for role in ("owner", ""):
        response = post(admin.client, f"/admin/users/{target}/role", {"role": role})
        assert response.status_code == 400
        assert "Unknown role" in text(response) and "Nothing changed" in text(response)
    response = post(admin.client, f"/admin/users/{target}/role")  # no role at all
    assert response.status_code == 400
    assert user(ctx, target).role == "learner"
    assert audit_rows(ctx) == []


def test_the_only_admin_cannot_demote_themselves(admin, ctx):
    response = post(admin.client, f"/admin/users/{admin.user_id}/role", {"role": "instructor"})
    assert response.status_code == 400
    assert "admin@example.com is the only active admin" in text(response)
    assert user(ctx, admin.user_id).role == "admin"
    assert audit_rows(ctx) == []


def test_a_disabled_admin_does_not_count_as_another_admin(admin, ctx):
    with ctx():
        make_user(email="gone@example.com", role="admin", disabled_at=utcnow())
    response = post(admin.client, f"/admin/users/{admin.user_id}/role", {"role": "learner"})
    assert response.status_code == 400
    assert user(ctx, admin.user_id).role == "admin"


def test_an_admin_may_step_down_while_another_admin_remains(admin, ctx):
    with ctx():
        make_user(email="second@example.com", role="admin")
    response = post(admin.client, f"/admin/users/{admin.user_id}/role", {"role": "instructor"})
    assert response.status_code == 302
    assert response.location == "/progress"  # the admin pages are closed to them now
    assert admin.client.get("/admin/users").status_code == 403
    assert audit_rows(ctx)[0][:3] == (admin.user_id, "role.set", admin.user_id)


def test_disabling_a_user_ends_their_sessions_and_is_recorded(admin, person, ctx):
    someone = person("leaving@example.com")
    assert is_logged_in(someone.client)
    response = post(admin.client, f"/admin/users/{someone.user_id}/disable")
    assert response.status_code == 302
    assert not is_logged_in(someone.client)
    assert count_sessions(ctx, someone.user_id) == 0
    assert user(ctx, someone.user_id).disabled_at is not None
    assert audit_rows(ctx) == [(admin.user_id, "user.disable", someone.user_id, {})]
    assert "leaving@example.com is disabled" in text(admin.client.get(response.location))
    assert is_logged_in(admin.client)  # the admin's own session is untouched


def test_a_disabled_user_cannot_log_in_until_enabled(admin, person, ctx, app):
    someone = person("back@example.com")
    post(admin.client, f"/admin/users/{someone.user_id}/disable")
    fresh = app.test_client()
    assert AuthActions(fresh).login(email="back@example.com").status_code == 200  # refused
    response = post(admin.client, f"/admin/users/{someone.user_id}/enable")
    assert response.status_code == 302
    assert user(ctx, someone.user_id).disabled_at is None
    assert AuthActions(fresh).login(email="back@example.com").status_code == 302
    assert [row[1] for row in audit_rows(ctx)] == ["user.disable", "user.enable"]


def test_an_admin_cannot_disable_themselves(admin, ctx):
    with ctx():
        make_user(email="second@example.com", role="admin")
    response = post(admin.client, f"/admin/users/{admin.user_id}/disable")
    assert response.status_code == 400
    assert "You cannot disable your own account." in text(response)
    assert user(ctx, admin.user_id).disabled_at is None
    assert is_logged_in(admin.client)
    assert audit_rows(ctx) == []


def test_an_admin_can_disable_another_admin(admin, person, ctx):
    other = person("second@example.com", role="admin")
    assert post(admin.client, f"/admin/users/{other.user_id}/disable").status_code == 302
    assert not is_logged_in(other.client)
    # Now the acting admin is the only active one.
    response = post(admin.client, f"/admin/users/{admin.user_id}/role", {"role": "learner"})
    assert response.status_code == 400


def test_the_audit_log_lists_changes_newest_first_with_who_and_whom(admin, runner, ctx):
    with ctx():
        target = make_user(email="t@example.com").id
    runner.invoke(args=["users", "set-role", "t@example.com", "instructor"])
    post(admin.client, f"/admin/users/{target}/disable")
    response = admin.client.get("/admin/audit")
    page = text(response)
    assert response.status_code == 200
    assert page.index("user.disable") < page.index("role.set: learner → instructor")
    assert "the command line" in page
    assert page.count("<td>t@example.com</td>") == 2
    assert "<td>admin@example.com</td>" in page


def test_the_audit_log_pages_fifty_at_a_time(admin, ctx):
    with ctx():
        target = make_user().id
    for role in ["instructor", "learner"] * 26:
        post(admin.client, f"/admin/users/{target}/role", {"role": role})
    first = admin.client.get("/admin/audit")
    assert "Page 1 of 2" in text(first)
    assert text(first).count("role.set") == 50
    assert text(admin.client.get("/admin/audit?page=2")).count("role.set") == 2


def test_the_audit_log_says_so_when_empty(admin):
    assert "Nothing recorded yet." in text(admin.client.get("/admin/audit"))
