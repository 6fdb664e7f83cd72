"""Resetting a forgotten password by a signed link that works once, within one hour."""

import time

import pytest
from itsdangerous.timed import TimestampSigner

from app.auth.routes import RESET_SENT
from app.models._types import utcnow
from tests.conftest import CSRF_RE, PUBLIC_BASE_URL, csrf_token, link_in
from tests.factories import make_user
from tests.functional.auth.helpers import is_logged_in, path_of

NEW_PASSWORD = "a brand new passphrase for spring"


def _ask_for_reset(client, email: str, headers: dict | None = None):
    path = "/password/forgot"
    token = csrf_token(client, path) if not headers else _csrf_token_with(client, path, headers)
    return client.post(path, data={"csrf_token": token, "email": email}, headers=headers)


def _csrf_token_with(client, path: str, headers: dict) -> str:
    """The CSRF token when every request carries ``headers`` (the cookie follows the Host)."""
    page = client.get(path, headers=headers).get_data(as_text=True)
    return CSRF_RE.search(page).group(1)


def _reset_path(client, outbox, email: str = "learner@example.com") -> str:
    _ask_for_reset(client, email)
    return path_of(link_in(outbox[-1], "/password/reset/"))


def _choose(client, path: str, password: str = NEW_PASSWORD):
    token = csrf_token(client, "/password/forgot")  # any form: the token is per session
    return client.post(path, data={"csrf_token": token, "password": password})


@pytest.fixture
def clock(monkeypatch):
    """Move the clock of itsdangerous (the tokens' only clock) forward by some seconds."""

    def advance(seconds: int):
        monkeypatch.setattr(
            TimestampSigner, "get_timestamp", lambda self: int(time.time()) + seconds
        )

    return advance


def test_known_and_unknown_addresses_get_the_same_answer_and_only_the_owner_a_mail(
    browser, outbox, ctx
):
    with ctx():
        make_user(email="learner@example.com")
    known_client, _ = browser()
    unknown_client, _ = browser()
    known = _ask_for_reset(known_client, "learner@example.com")
    unknown = _ask_for_reset(unknown_client, "nobody@example.com")
    assert known.status_code == unknown.status_code == 200
    assert known.get_data() == unknown.get_data()
    assert RESET_SENT in known.get_data(as_text=True)
    assert [m["To"] for m in outbox] == ["learner@example.com"]


def test_disabled_account_gets_no_reset_mail(client, outbox, ctx):
    with ctx():
        make_user(email="learner@example.com", disabled_at=utcnow())
    assert _ask_for_reset(client, "learner@example.com").status_code == 200
    assert outbox == []


def test_reset_link_sets_the_new_password(client, browser, outbox, ctx):
    with ctx():
        make_user(email="learner@example.com")
    path = _reset_path(client, outbox)
    assert client.get(path).status_code == 200
    response = _choose(client, path)
    assert response.status_code == 302
    assert response.location == "/login"
    _, actions = browser()
    assert actions.login().status_code == 200  # the old password no longer works
    assert actions.login(password=NEW_PASSWORD).status_code == 302


def test_reset_link_works_only_once(client, outbox, ctx):
    with ctx():
        make_user(email="learner@example.com")
    path = _reset_path(client, outbox)
    assert _choose(client, path).status_code == 302
    again = client.get(path)
    assert again.status_code == 400
    assert "not valid" in again.get_data(as_text=True)
    assert _choose(client, path, "yet another passphrase for autumn").status_code == 400


def test_reset_link_still_works_just_under_an_hour_later(client, outbox, clock, ctx):
    with ctx():
        make_user(email="learner@example.com")
    path = _reset_path(client, outbox)
    clock(3599)
    assert client.get(path).status_code == 200
    assert _choose(client, path).status_code == 302


def test_reset_link_expires_after_one_hour(client, browser, outbox, clock, ctx):
    with ctx():
        make_user(email="learner@example.com")
    path = _reset_path(client, outbox)
    clock(3601)
    expired = client.get(path)
    assert expired.status_code == 400
    assert "not valid" in expired.get_data(as_text=True)
    assert _choose(client, path).status_code == 400
    _, actions = browser()
    assert actions.login().status_code == 302  # the old password still works


def test_tampered_reset_link_is_refused(client, outbox, ctx):
    with ctx():
        make_user(email="learner@example.com")
    prefix, token = _reset_path(client, outbox).rsplit("/", 1)
    tampered = token[:4] + ("B" if token[4] != "B" else "C") + token[5:]
    assert client.get(f"{prefix}/{tampered}").status_code == 400


def test_reset_ends_every_session_of_the_user(client, logged_in, outbox, ctx):
    with ctx():
        make_user(email="learner@example.com")
    laptop = logged_in("learner@example.com")
    phone = logged_in("learner@example.com", remember=True)
    _choose(client, _reset_path(client, outbox))
    assert not is_logged_in(laptop)
    assert not is_logged_in(phone)
    assert not is_logged_in(client)


def test_browser_logged_in_as_the_user_is_told_after_its_own_reset(client, auth, outbox, ctx):
    with ctx():
        make_user(email="learner@example.com")
    auth.login()
    response = _choose(client, _reset_path(client, outbox))
    assert response.location == "/login"
    assert not is_logged_in(client)
    assert "every session is logged out" in client.get("/login").get_data(as_text=True)


def test_reset_link_from_before_a_password_change_no_longer_works(client, logged_in, outbox, ctx):
    with ctx():
        make_user(email="learner@example.com")
    path = _reset_path(client, outbox)
    laptop = logged_in("learner@example.com")
    laptop.post(
        "/account/password",
        data={
            "csrf_token": csrf_token(laptop, "/account/password"),
            "current_password": "correct horse battery staple",
            "password": NEW_PASSWORD,
        },
    )
    assert client.get(path).status_code == 400


@pytest.mark.parametrize(
    "headers",
    [{"Host": "evil.example"}, {"X-Forwarded-Host": "evil.example"}],
    ids=["host", "x-forwarded-host"],
)
def test_forged_host_header_does_not_change_the_reset_link(headers, client, outbox, ctx):
    with ctx():
        make_user(email="learner@example.com")
    response = _ask_for_reset(client, "learner@example.com", headers=headers)
    assert response.status_code == 200
    [message] = outbox
    assert link_in(message, "/password/reset/").startswith(PUBLIC_BASE_URL + "/password/reset/")
    assert "evil.example" not in message.get_content()
