"""Fixtures for the learning tests: frozen time, a second learner on a browser of
their own, and a learner with something in every table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
import time_machine

from app.content.loader import load_content
from app.extensions import db
from app.models import User
from tests.bank_trees import BANK, bank, single
from tests.conftest import AuthActions
from tests.content_trees import write_tree
from tests.factories import make_user
from tests.functional.learning import helpers


@pytest.fixture
def clock():
    """Time frozen at the present; ``clock.shift(delta)`` moves it.

    A shift of a day outlasts the idle session lifetime: log in again after it.
    """
    with time_machine.travel(datetime.now(UTC).replace(microsecond=0), tick=False) as traveller:
        yield traveller


@dataclass
class Browser:
    """Another learner, logged in on a client of their own."""

    client: object
    auth: AuthActions
    user_id: int
    email: str


@pytest.fixture
def browser(app, ctx):
    """``browser(email, **user)`` makes a learner and logs them in on a new client."""

    def open_browser(email: str, **user) -> Browser:
        with ctx():
            user_id = make_user(email=email, **user).id
        client = app.test_client()
        auth = AuthActions(client)
        assert auth.login(email=email).status_code == 302, "log-in failed"
        return Browser(client, auth, user_id, email)

    return open_browser


@pytest.fixture
def other(browser) -> Browser:
    """A second learner, logged in on a browser of their own."""
    return browser("other@example.com")


@pytest.fixture
def tag_without_questions(ctx, tmp_path) -> str:
    """Loads the small tree of ``tests/content_trees.py`` with practice questions on
    tag-scope only, and returns the other tag, tag-risk: a current syllabus tag with a
    lesson (tst-third) but no questions. The real syllabus may not keep one for long."""
    root = write_tree(tmp_path, {BANK: bank(single("q-scope-one"), single("q-scope-two"))})
    with ctx():
        load_content(db.session, root)
    return "tag-risk"


def xapi_id(ctx, user_id: int) -> str:
    with ctx():
        return db.session.get(User, user_id).xapi_id


@pytest.fixture
def busy(client, learner, ctx):
    """The logged-in learner has done one of everything through the web: completed a
    lesson (term cards), answered a practice question wrongly (a question card), rated
    a term card, submitted a mock exam with five right answers and taken a scenario
    decision. Returns the ids the tests look for."""
    helpers.complete_lesson(client)
    run = helpers.start_run(client, f"{helpers.WHY_CHECK}/start")
    helpers.practise(client, ctx, run, 1, right=False)
    term = next(c for c in helpers.cards(ctx, learner) if c.kind == "term")
    helpers.post(client, f"/review/cards/{term.id}", {"reps": "0", "rating": "3"})
    attempt = helpers.start_exam(client)
    helpers.answer_exam(client, ctx, attempt, right=5)
    helpers.submit_exam(client, attempt)
    scenario = helpers.start_scenario(client)
    helpers.decide(client, scenario, "brief", "assess")
    return {"user_id": learner, "run": run, "exam": attempt, "scenario": scenario}
