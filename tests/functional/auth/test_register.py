"""Creating an account: the mail, the answer, the password rules and what is stored."""

import pytest

from app.auth.routes import CHECK_MAIL
from tests.conftest import PUBLIC_BASE_URL, csrf_token, link_in
from tests.factories import make_user
from tests.functional.auth.helpers import count_users, field_error, user_by_email


def test_registering_mails_a_verification_link_on_the_public_base_url(auth, outbox):
    response = auth.register(email="new@example.com")
    assert response.status_code == 200
    assert CHECK_MAIL in response.get_data(as_text=True)
    [message] = outbox
    assert message["To"] == "new@example.com"
    assert link_in(message, "/verify/").startswith(PUBLIC_BASE_URL + "/verify/")


def test_new_account_is_unverified_and_its_password_hashed_with_scrypt(auth, ctx):
    auth.register(email="new@example.com", password="correct horse battery staple")
    with ctx():
        user = user_by_email("new@example.com")
        assert user.email_verified_at is None
        assert user.password_hash.startswith("scrypt:")
        assert "correct horse" not in user.password_hash


def test_registering_a_taken_address_answers_like_a_new_one_and_mails_the_owner(
    browser, outbox, ctx
):
    with ctx():
        make_user(email="taken@example.com", display_name="Owner")
        users_before = count_users()
    _, first = browser()
    _, second = browser()
    fresh = first.register(email="fresh@example.com")
    taken = second.register(email="taken@example.com", name="Intruder")
    assert taken.status_code == fresh.status_code == 200
    assert taken.get_data() == fresh.get_data()
    assert [m["To"] for m in outbox] == ["fresh@example.com", "taken@example.com"]
    assert "already has one" in outbox[1].get_content()
    assert "/verify/" not in outbox[1].get_content()
    with ctx():
        assert count_users() == users_before + 1  # only the fresh address got an account
        assert user_by_email("taken@example.com").display_name == "Owner"


def test_taken_address_in_another_case_is_still_taken(auth, outbox, ctx):
    with ctx():
        make_user(email="taken@example.com")
        users_before = count_users()
    auth.register(email="Taken@Example.COM")
    assert "already has one" in outbox[0].get_content()
    with ctx():
        assert count_users() == users_before


def test_email_address_is_stored_in_lower_case(auth, outbox, ctx):
    auth.register(email="Mixed.Case@Example.COM")
    assert outbox[0]["To"] == "mixed.case@example.com"
    with ctx():
        assert user_by_email("mixed.case@example.com") is not None
        assert user_by_email("Mixed.Case@Example.COM") is None


def test_chosen_time_zone_is_stored(auth, ctx):
    auth.register(email="new@example.com", timezone="America/New_York")
    with ctx():
        assert user_by_email("new@example.com").timezone == "America/New_York"


def test_unknown_time_zone_is_rejected_and_creates_nothing(auth, outbox, ctx):
    response = auth.register(email="new@example.com", timezone="Mars/Olympus_Mons")
    assert response.status_code == 200
    assert field_error(response.get_data(as_text=True), "timezone")
    assert outbox == []
    with ctx():
        assert user_by_email("new@example.com") is None


def test_password_under_10_characters_is_rejected_with_a_message(auth, outbox, ctx):
    response = auth.register(email="new@example.com", password="Zq8#mw!4x")  # 9 characters
    assert field_error(response.get_data(as_text=True), "password") == (
        "Use at least 10 characters."
    )
    assert outbox == []
    with ctx():
        assert user_by_email("new@example.com") is None


def test_guessable_password_is_rejected_with_the_reason(auth, outbox, ctx):
    response = auth.register(email="new@example.com", password="password1234")
    message = field_error(response.get_data(as_text=True), "password")
    assert message is not None
    assert "common password" in message  # says why, not only "too weak"
    assert outbox == []
    with ctx():
        assert user_by_email("new@example.com") is None


def test_password_containing_the_users_own_name_is_rejected(auth, ctx):
    response = auth.register(
        email="jane.doe@example.com", name="Jane Doe", password="jane.doe@example.com"
    )
    assert field_error(response.get_data(as_text=True), "password")
    with ctx():
        assert user_by_email("jane.doe@example.com") is None


def _long_password(length: int) -> str:
    words = ["amber", "quartz", "lantern", "vivid", "orbit", "fennel", "jigsaw", "pelican"]
    text, i = "", 0
    while len(text) < length:
        text += f"{words[i % len(words)]}{i} "
        i += 1
    return text[:length]


@pytest.mark.parametrize("length", [128, 200])
def test_long_password_is_accepted_and_used_in_full(length, auth, browser, ctx):
    password = _long_password(length)
    assert len(password) == length
    response = auth.register(email="long@example.com", password=password)
    assert response.status_code == 200
    assert field_error(response.get_data(as_text=True), "password") is None
    _, other = browser()
    assert other.login(email="long@example.com", password=password[:-1]).status_code == 200
    assert other.login(email="long@example.com", password=password).status_code == 302


@pytest.mark.parametrize(
    "change",
    [
        {"email": "not-an-address"},
        {"email": ""},
        {"display_name": ""},
        {"display_name": "x" * 81},
        {"password": ""},
        {"timezone": ""},
    ],
    ids=["bad-email", "no-email", "no-name", "long-name", "no-password", "no-timezone"],
)
def test_malformed_registration_shows_the_form_again_and_changes_nothing(
    change, client, outbox, ctx
):
    with ctx():
        users_before = count_users()
    data = {
        "csrf_token": csrf_token(client, "/register"),
        "email": "new@example.com",
        "display_name": "New Learner",
        "password": "correct horse battery staple",
        "timezone": "Europe/London",
        **change,
    }
    response = client.post("/register", data=data)
    assert response.status_code == 200
    assert "There is a problem" in response.get_data(as_text=True)
    assert outbox == []
    with ctx():
        assert count_users() == users_before


def test_registration_without_csrf_token_is_refused_and_changes_nothing(client, outbox, ctx):
    with ctx():
        users_before = count_users()
    response = client.post(
        "/register",
        data={
            "email": "new@example.com",
            "display_name": "New Learner",
            "password": "correct horse battery staple",
            "timezone": "Europe/London",
        },
    )
    assert response.status_code == 400
    assert outbox == []
    with ctx():
        assert count_users() == users_before
