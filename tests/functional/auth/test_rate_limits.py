"""Rate limits on the account forms: a friendly 429, per account and per address.

The limiter is enabled in tests and reset before each one (``db_transaction``).
"""

from tests.conftest import csrf_token
from tests.factories import make_user

WRONG = "not the password at all"


def _assert_friendly_429(response):
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert "<h1>Slow down</h1>" in page
    assert "Wait a minute and try again." in page


def _forgot(client, email: str):
    return client.post(
        "/password/forgot",
        data={"csrf_token": csrf_token(client, "/password/forgot"), "email": email},
    )


def test_sixth_log_in_attempt_within_a_minute_for_one_account_is_429(auth, ctx):
    with ctx():
        make_user(email="learner@example.com")
    for _ in range(5):
        assert auth.login(password=WRONG).status_code == 200
    _assert_friendly_429(auth.login())  # even the right password waits


def test_log_in_limit_of_one_account_leaves_another_account_alone(auth, ctx):
    with ctx():
        make_user(email="learner@example.com")
        make_user(email="other@example.com")
    for _ in range(5):
        auth.login(password=WRONG)
    assert auth.login().status_code == 429
    assert auth.login(email="other@example.com").status_code == 302


def test_log_in_limit_counts_the_address_in_any_case(auth, ctx):
    with ctx():
        make_user(email="learner@example.com")
    variants = ["learner@example.com", "LEARNER@example.com", "Learner@Example.com"]
    for email in variants + variants[:2]:
        auth.login(email=email, password=WRONG)
    assert auth.login().status_code == 429


def test_log_in_limit_per_address_spans_accounts(auth):
    for n in range(10):
        assert auth.login(email=f"guess{n}@example.com", password=WRONG).status_code == 200
    _assert_friendly_429(auth.login(email="guess10@example.com", password=WRONG))


def test_log_in_form_still_shows_while_posts_are_limited(client, auth, ctx):
    with ctx():
        make_user(email="learner@example.com")
    for _ in range(6):
        auth.login(password=WRONG)
    assert client.get("/login").status_code == 200


def test_registering_one_address_over_and_over_reaches_429(auth):
    for _ in range(3):
        assert auth.register(email="new@example.com").status_code == 200
    _assert_friendly_429(auth.register(email="new@example.com"))


def test_registering_many_addresses_from_one_client_reaches_429(auth):
    for n in range(5):
        assert auth.register(email=f"new{n}@example.com").status_code == 200
    _assert_friendly_429(auth.register(email="new5@example.com"))


def test_asking_for_resets_of_one_address_reaches_429(client, outbox, ctx):
    with ctx():
        make_user(email="learner@example.com")
    for _ in range(3):
        assert _forgot(client, "learner@example.com").status_code == 200
    _assert_friendly_429(_forgot(client, "learner@example.com"))
    assert len(outbox) == 3


def test_asking_for_resets_of_many_addresses_from_one_client_reaches_429(client):
    for n in range(5):
        assert _forgot(client, f"someone{n}@example.com").status_code == 200
    _assert_friendly_429(_forgot(client, "someone5@example.com"))


def test_limits_start_afresh_in_each_test(auth, ctx):
    """Together with the tests above, proves the limiter is reset between tests."""
    with ctx():
        make_user(email="learner@example.com")
    for _ in range(5):
        assert auth.login(password=WRONG).status_code == 200
