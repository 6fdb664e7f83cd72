"""Fixtures for the tests in this folder: the ``lrs`` server (it lives in ``fixture.py``)
and, for the tests of ``flask xapi push``, the app and its database.

Every test here runs inside the functional tests' rolled-back transaction (the same
autouse fixture): ``push()`` commits, but on that connection a commit only releases a
savepoint, so the outbox rows a test queues are gone after it. The LRS is not rolled
back: it keeps every statement of the session, so tests look only at their own ids.
"""

from datetime import UTC, datetime

import pytest
import time_machine

from app.progress.xapi_push import Lrs
from tests.factories import make_user
from tests.functional.conftest import _rolled_back  # noqa: F401
from tests.lrs.fixture import lrs  # noqa: F401
from tests.lrs.learning import Learner, queued_ids, study


@pytest.fixture
def clock():
    """Time frozen at the present; ``clock.shift(delta)`` moves it."""
    with time_machine.travel(datetime.now(UTC).replace(microsecond=0), tick=False) as traveller:
        yield traveller


@pytest.fixture
def team_lrs(app, lrs, monkeypatch):  # noqa: F811 (the fixture imported above)
    """The app configured to push to the real LRS, as ``LRS_*`` variables would set it."""
    monkeypatch.setitem(app.config, "LRS_ENDPOINT", lrs.endpoint.rstrip("/"))
    monkeypatch.setitem(app.config, "LRS_USERNAME", lrs.username)
    monkeypatch.setitem(app.config, "LRS_PASSWORD", lrs.password)
    return lrs


@pytest.fixture
def lrs_answers(monkeypatch) -> list[int]:
    """The HTTP status of every batch the push sent, in order (0: no connection)."""
    answers: list[int] = []
    real_post = Lrs.post

    def post(self, statements):
        status, detail = real_post(self, statements)
        answers.append(status)
        return status, detail

    monkeypatch.setattr(Lrs, "post", post)
    return answers


@pytest.fixture
def learners(ctx, clock) -> list[Learner]:
    """Three learners who each studied for an hour (five statements each, queued)."""
    found = []
    with ctx():
        for n in range(3):
            user = make_user(email=f"pusher{n}@example.com")
            study(user.id, datetime.now(UTC))
            found.append(Learner(user.id, user.email, user.xapi_id, queued_ids(user.id)))
    return found
