import pytest

from tests.factories import make_user


@pytest.fixture(autouse=True)
def _rolled_back(db_transaction):
    """Every functional test runs in a transaction that is rolled back."""
    yield


@pytest.fixture
def learner(client, auth, ctx):
    """A verified learner, logged in on ``client``; returns the user's id."""
    with ctx():
        user_id = make_user(email="learner@example.com").id
    assert auth.login().status_code == 302
    return user_id
