import random
from datetime import UTC, datetime

import pytest
import time_machine

from app.quizzes import exams
from tests.conftest import AuthActions
from tests.factories import make_user
from tests.functional.exams.helpers import start


@pytest.fixture(autouse=True)
def _seeded_draws(monkeypatch):
    """Draws through the web routes use a seeded generator, so every run sees the same
    attempt (one with every question type) instead of whatever the system draws."""
    monkeypatch.setattr(exams.random, "SystemRandom", lambda: random.Random(20261125))


@pytest.fixture
def attempt(client, learner) -> int:
    """The id of a mock-exam attempt the logged-in learner has just started."""
    return start(client)


@pytest.fixture
def clock(learner):
    """Time frozen at the present (after the learner logged in); ``clock.shift(delta)`` moves it.

    The present, not a fixed date: the learner's session would not survive a jump of years.
    """
    with time_machine.travel(datetime.now(UTC).replace(microsecond=0), tick=False) as traveller:
        yield traveller


@pytest.fixture
def intruder(app, ctx):
    """A second learner, logged in on a client of their own."""
    with ctx():
        make_user(email="intruder@example.com")
    other = app.test_client()
    assert AuthActions(other).login(email="intruder@example.com").status_code == 302
    return other
