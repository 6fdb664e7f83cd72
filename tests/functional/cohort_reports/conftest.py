"""Fixtures for the cohort report tests: an instructor's cohort with learners, and
people of other roles on browsers of their own."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from app.auth.services import get_user
from app.cohorts import services
from tests.conftest import AuthActions
from tests.factories import make_user


@dataclass
class Person:
    """Someone logged in on a client of their own."""

    client: object
    user_id: int


@pytest.fixture
def person(app, ctx):
    """``person(email, role=...)`` makes an account and logs it in on a new client."""

    def sign_in(email: str, role: str = "learner") -> Person:
        with ctx():
            user_id = make_user(email=email, role=role).id
        client = app.test_client()
        assert AuthActions(client).login(email=email).status_code == 302, "log-in failed"
        return Person(client, user_id)

    return sign_in


@pytest.fixture
def teacher(person) -> Person:
    """The instructor who owns ``cohort``."""
    return person("teacher@example.com", role="instructor")


@pytest.fixture
def cohort(teacher, ctx) -> int:
    """The id of a UTC cohort owned by ``teacher``, with no learners yet."""
    with ctx():
        return services.create_cohort(get_user(teacher.user_id), "Patch team", "UTC").id
