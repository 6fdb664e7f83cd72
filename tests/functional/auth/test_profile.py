"""Editing the profile on the account page: display name and time zone."""

from tests.conftest import csrf_token
from tests.factories import make_user
from tests.functional.auth.helpers import user_by_email


def _save_profile(client, **data):
    data["csrf_token"] = csrf_token(client, "/account")
    return client.post("/account/profile", data=data)


def test_profile_saves_a_new_name_and_time_zone(client, auth, ctx):
    with ctx():
        make_user(email="learner@example.com")
    auth.login()
    response = _save_profile(client, display_name="  Renamed  ", timezone="Asia/Tokyo")
    assert response.status_code == 302
    with ctx():
        user = user_by_email("learner@example.com")
        assert (user.display_name, user.timezone) == ("Renamed", "Asia/Tokyo")


def test_profile_refuses_an_unknown_time_zone_and_keeps_the_old_one(client, auth, ctx):
    with ctx():
        make_user(email="learner@example.com", timezone="Europe/London")
    auth.login()
    response = _save_profile(client, display_name="Renamed", timezone="Mars/Olympus_Mons")
    assert response.status_code == 400
    with ctx():
        user = user_by_email("learner@example.com")
        assert user.timezone == "Europe/London"
        assert user.display_name != "Renamed"


def test_profile_cannot_be_changed_anonymously(client, ctx):
    with ctx():
        make_user(email="learner@example.com", display_name="Original")
    response = client.post(
        "/account/profile",
        data={"csrf_token": csrf_token(client, "/login"), "display_name": "Hacked"},
    )
    assert response.status_code == 302
    assert response.location.startswith("/login")
    with ctx():
        assert user_by_email("learner@example.com").display_name == "Original"
