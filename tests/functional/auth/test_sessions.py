"""Server-side sessions: listing and ending them, and what ends all of them."""

from app.auth.sessions import hash_token
from tests.conftest import csrf_token
from tests.factories import make_user
from tests.functional.auth.helpers import count_sessions, is_logged_in, session_id, user_by_email

NEW_PASSWORD = "a brand new passphrase for spring"


def _end(client, target_id: str):
    return client.post(
        f"/account/sessions/{target_id}/end",
        data={"csrf_token": csrf_token(client, "/account")},
    )


def _change_password(client, new_password: str = NEW_PASSWORD):
    return client.post(
        "/account/password",
        data={
            "csrf_token": csrf_token(client, "/account/password"),
            "current_password": "correct horse battery staple",
            "password": new_password,
        },
    )


def test_account_page_lists_the_users_active_sessions(logged_in, ctx):
    with ctx():
        make_user(email="learner@example.com")
        make_user(email="someone.else@example.com")
    laptop = logged_in("learner@example.com", user_agent="Laptop Firefox")
    logged_in("learner@example.com", user_agent="Phone Safari", remember=True)
    logged_in("someone.else@example.com", user_agent="Stranger Chrome")
    page = laptop.get("/account").get_data(as_text=True)
    assert "Laptop Firefox</strong> (this browser)" in page
    assert "Phone Safari</strong></p>" in page
    assert "kept signed in" in page
    assert "Stranger Chrome" not in page
    assert page.count("/end") == 2


def test_ending_another_session_logs_that_browser_out(logged_in, ctx):
    with ctx():
        make_user(email="learner@example.com")
    laptop = logged_in("learner@example.com")
    phone = logged_in("learner@example.com")
    response = _end(laptop, session_id(phone))
    assert response.status_code == 302
    assert response.location == "/account"
    assert not is_logged_in(phone)
    assert is_logged_in(laptop)


def test_ending_the_current_session_logs_this_browser_out(logged_in, ctx):
    with ctx():
        make_user(email="learner@example.com")
    laptop = logged_in("learner@example.com")
    phone = logged_in("learner@example.com")
    assert _end(laptop, session_id(laptop)).status_code == 302
    assert not is_logged_in(laptop)
    assert is_logged_in(phone)


def test_forged_session_id_is_404_and_ends_nothing(logged_in, ctx):
    with ctx():
        user_id = make_user(email="learner@example.com").id
    laptop = logged_in("learner@example.com")
    phone = logged_in("learner@example.com")
    with ctx():
        before = count_sessions(user_id)
    assert _end(laptop, hash_token("a token nobody was ever given")).status_code == 404
    assert _end(laptop, "not-even-a-hash").status_code == 404
    with ctx():
        assert count_sessions(user_id) == before
    assert is_logged_in(laptop) and is_logged_in(phone)


def test_another_users_session_id_is_404_and_ends_nothing(logged_in, ctx):
    with ctx():
        make_user(email="learner@example.com")
        make_user(email="victim@example.com")
    attacker = logged_in("learner@example.com")
    victim = logged_in("victim@example.com")
    assert _end(attacker, session_id(victim)).status_code == 404
    assert is_logged_in(victim)


def test_ending_a_session_needs_a_csrf_token(logged_in, ctx):
    with ctx():
        make_user(email="learner@example.com")
    laptop = logged_in("learner@example.com")
    phone = logged_in("learner@example.com")
    assert laptop.post(f"/account/sessions/{session_id(phone)}/end").status_code == 400
    assert is_logged_in(phone)


def test_password_change_ends_every_other_session_but_keeps_this_browser_in(logged_in, ctx):
    with ctx():
        user_id = make_user(email="learner@example.com").id
    laptop = logged_in("learner@example.com")
    phone = logged_in("learner@example.com")
    tablet = logged_in("learner@example.com", remember=True)
    old_id = session_id(laptop)
    response = _change_password(laptop)
    assert response.status_code == 302
    assert response.location == "/account"
    assert is_logged_in(laptop)
    assert session_id(laptop) != old_id  # this browser continues on a fresh id
    assert not is_logged_in(phone)
    assert not is_logged_in(tablet)  # "remember me" does not survive it either
    with ctx():
        assert count_sessions(user_id) == 1


def test_password_change_with_the_wrong_current_password_changes_nothing(logged_in, ctx):
    with ctx():
        make_user(email="learner@example.com")
    laptop = logged_in("learner@example.com")
    phone = logged_in("learner@example.com")
    response = laptop.post(
        "/account/password",
        data={
            "csrf_token": csrf_token(laptop, "/account/password"),
            "current_password": "this is not my password",
            "password": NEW_PASSWORD,
        },
    )
    assert response.status_code == 200
    assert "That is not your current password." in response.get_data(as_text=True)
    assert is_logged_in(phone)


def test_changed_password_is_the_one_that_logs_in(logged_in, browser, ctx):
    with ctx():
        make_user(email="learner@example.com")
    _change_password(logged_in("learner@example.com"))
    _, actions = browser()
    assert actions.login(email="learner@example.com").status_code == 200
    assert actions.login(email="learner@example.com", password=NEW_PASSWORD).status_code == 302


def test_disabling_a_user_from_the_command_line_ends_all_their_sessions(logged_in, runner, ctx):
    with ctx():
        user_id = make_user(email="learner@example.com").id
        make_user(email="bystander@example.com")
    laptop = logged_in("learner@example.com")
    phone = logged_in("learner@example.com", remember=True)
    bystander = logged_in("bystander@example.com")
    result = runner.invoke(args=["users", "disable", "Learner@Example.com"])
    assert result.exit_code == 0, result.output
    assert "disabled learner@example.com" in result.output
    assert not is_logged_in(laptop)
    assert not is_logged_in(phone)
    assert is_logged_in(bystander)
    with ctx():
        assert user_by_email("learner@example.com").disabled_at is not None
        assert count_sessions(user_id) == 0  # ended, not merely refused


def test_disabling_an_unknown_address_fails_and_says_so(runner):
    result = runner.invoke(args=["users", "disable", "nobody@example.com"])
    assert result.exit_code == 1
    assert "no account with address nobody@example.com" in result.output
