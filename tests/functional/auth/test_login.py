"""Logging in and out, and what the session cookie looks like."""

from datetime import UTC, datetime, timedelta

from app.auth.routes import LOGIN_FAILED
from app.auth.sessions import hash_token
from app.extensions import db
from app.models import UserSession
from app.models._types import utcnow
from tests.conftest import csrf_token
from tests.factories import make_user
from tests.functional.auth.helpers import (
    count_sessions,
    field_error,
    is_logged_in,
    session_cookie,
)


def test_correct_credentials_log_in_and_go_to_the_dashboard(client, auth, ctx):
    with ctx():
        make_user(email="learner@example.com")
    response = auth.login()
    assert response.status_code == 302
    assert response.location == "/progress"
    assert is_logged_in(client)


def test_email_case_and_spaces_do_not_matter_at_log_in(client, auth, ctx):
    with ctx():
        make_user(email="learner@example.com")
    assert auth.login(email="Learner@Example.COM").status_code == 302
    assert is_logged_in(client)


def test_wrong_password_and_unknown_address_get_the_identical_answer(client, auth, ctx):
    with ctx():
        make_user(email="learner@example.com")
    wrong_password = auth.login(email="learner@example.com", password="not the password at all")
    unknown = auth.login(email="nobody@example.com")
    assert wrong_password.status_code == unknown.status_code == 200
    wrong_page, unknown_page = wrong_password.get_data(as_text=True), unknown.get_data(as_text=True)
    assert field_error(wrong_page, "password") == field_error(unknown_page, "password")
    assert field_error(wrong_page, "password") == LOGIN_FAILED
    assert field_error(unknown_page, "email") is None  # nothing hints the address is unknown
    assert not is_logged_in(client)


def test_disabled_user_cannot_log_in(client, auth, ctx):
    with ctx():
        make_user(email="learner@example.com", disabled_at=utcnow())
    response = auth.login()
    assert response.status_code == 200
    assert field_error(response.get_data(as_text=True), "password") == LOGIN_FAILED
    assert not is_logged_in(client)


def test_log_in_issues_a_new_session_id(client, auth, app, ctx):
    with ctx():
        make_user(email="learner@example.com")
    client.get("/login")
    before = session_cookie(client)
    assert before, "the log-in form should have started a session for its CSRF token"
    auth.login()
    after = session_cookie(client)
    assert after and after != before
    planted = app.test_client()  # an attacker who planted the pre-login id gains nothing
    planted.set_cookie("session", before)
    assert not is_logged_in(planted)


def test_log_out_by_get_is_not_allowed(client, auth, ctx):
    with ctx():
        make_user(email="learner@example.com")
    auth.login()
    assert client.get("/logout").status_code == 405
    assert is_logged_in(client)


def test_log_out_without_csrf_token_does_not_log_out(client, auth, ctx):
    with ctx():
        make_user(email="learner@example.com")
    auth.login()
    assert client.post("/logout").status_code == 400
    assert is_logged_in(client)


def test_log_out_ends_the_session(client, auth, ctx):
    with ctx():
        user_id = make_user(email="learner@example.com").id
    auth.login()
    response = auth.logout()
    assert response.status_code == 302
    assert response.location == "/"
    assert not is_logged_in(client)
    with ctx():
        assert count_sessions(user_id) == 0


def test_cookie_replayed_after_log_out_is_not_logged_in(client, auth, app, ctx):
    with ctx():
        make_user(email="learner@example.com")
    auth.login()
    copied = session_cookie(client)
    auth.logout()
    replay = app.test_client()
    replay.set_cookie("session", copied)
    assert not is_logged_in(replay)


def test_log_out_deletes_the_server_session_behind_the_old_cookie(client, auth, ctx):
    with ctx():
        make_user(email="learner@example.com")
    auth.login()
    copied = session_cookie(client)
    auth.logout()
    assert session_cookie(client) != copied
    with ctx():
        assert db.session.get(UserSession, hash_token(copied)) is None


def test_remember_me_sets_a_cookie_that_outlives_the_browser(client, auth, ctx):
    with ctx():
        make_user(email="learner@example.com")
    auth.login(remember=True)
    cookie = client.get_cookie("session")
    assert cookie.expires is not None or cookie.max_age is not None
    expires = cookie.expires or datetime.now(UTC) + timedelta(seconds=cookie.max_age)
    assert expires > datetime.now(UTC) + timedelta(days=7)


def test_without_remember_me_the_cookie_ends_with_the_browser(client, auth, ctx):
    with ctx():
        make_user(email="learner@example.com")
    auth.login(remember=False)
    cookie = client.get_cookie("session")
    assert cookie.expires is None
    assert cookie.max_age is None


def test_session_cookie_is_http_only_and_same_site_lax(client, auth, ctx):
    with ctx():
        make_user(email="learner@example.com")
    response = auth.login()
    [header] = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("session=")]
    attributes = {part.strip().split("=")[0].lower(): part for part in header.split(";")[1:]}
    assert "httponly" in attributes
    assert attributes["samesite"].strip() == "SameSite=Lax"


def test_log_in_form_carries_next_from_the_query_string(client):
    page = client.get("/login?next=/courses/x").get_data(as_text=True)
    assert 'name="next" type="hidden" value="/courses/x"' in page


def test_log_in_without_csrf_token_is_refused(client, ctx):
    with ctx():
        make_user(email="learner@example.com")
    client.get("/login")
    response = client.post(
        "/login",
        data={"email": "learner@example.com", "password": "correct horse battery staple"},
    )
    assert response.status_code == 400
    assert not is_logged_in(client)
    assert csrf_token(client)  # the form still works afterwards
