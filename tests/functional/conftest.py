"""Fixtures for every functional test: each runs in a rolled-back transaction; a
learner logged in on ``client``; and people of each role on clients of their own."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pytest

from app.auth import passwords
from app.auth.services import get_user
from app.cohorts import services
from tests.conftest import AuthActions
from tests.factories import make_user


@pytest.fixture(autouse=True)
def _rolled_back(db_transaction):
    """Every functional test runs in a transaction that is rolled back."""
    yield


@pytest.fixture(autouse=True)
def _boards_never_stale(request):
    """Every progress-board page a test is served, stored or not, must equal the page
    computed afresh at that moment: a change that forgot to mark the board stale
    (``app.cohorts.stamps``) fails whichever test makes it and then looks. Tests that
    count statements opt out with ``@pytest.mark.board_unchecked``.

    Patched by hand, not with ``monkeypatch``: an autouse fixture using it would set it
    up before ``_rolled_back``, so a test's own patch of ``db.session`` would be undone
    after the transaction's, leaving the suite's closed session in place."""
    if request.node.get_closest_marker("board_unchecked"):
        yield
        return
    from app.cohorts import board_cache

    served_page = board_cache.board_page

    def checked(cohort, now, sort, descending, page, per_page, render):
        served = served_page(cohort, now, sort, descending, page, per_page, render)
        fresh = board_cache.board(cohort, now, sort, descending, page, per_page)
        assert (served.learners, served.assigned, str(served.html)) == (
            fresh.learners,
            len(fresh.columns),
            str(render(fresh)),
        ), "a stale board page was served"
        return served

    board_cache.board_page = checked
    try:
        yield
    finally:
        board_cache.board_page = served_page


@pytest.fixture
def learner(client, auth, ctx):
    """A verified learner, logged in on ``client``; returns the user's id."""
    with ctx():
        user_id = make_user(email="learner@example.com").id
    assert auth.login().status_code == 302
    return user_id


_checked = cache(passwords.check_password_hash)


@pytest.fixture
def fast_password_check(monkeypatch):
    """Every account here shares the factories' password hash: check it once per run, not
    at every one of the many log-ins (scrypt is slow on purpose). Same inputs, same answer."""
    monkeypatch.setattr(passwords, "check_password_hash", _checked)


@dataclass
class Person:
    """Someone logged in on a client of their own."""

    client: object
    user_id: int
    email: str


@pytest.fixture
def person(app, ctx, fast_password_check):
    """``person(email, role=..., **user)`` makes an account and logs it in on a new client."""

    def sign_in(email: str, role: str = "learner", **user) -> Person:
        with ctx():
            user_id = make_user(email=email, role=role, **user).id
        client = app.test_client()
        assert AuthActions(client).login(email=email).status_code == 302, "log-in failed"
        return Person(client, user_id, email)

    return sign_in


@pytest.fixture
def owner(person) -> Person:
    """The instructor who owns ``cohort``."""
    return person("owner@example.com", role="instructor")


@pytest.fixture
def cohort(owner, ctx) -> int:
    """The id of a cohort in Europe/Berlin owned by ``owner``, with no learners yet."""
    with ctx():
        return services.create_cohort(get_user(owner.user_id), "PRINCE2 team", "Europe/Berlin").id
