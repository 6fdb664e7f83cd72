"""Fixtures for the admin tests: people of each role, each logged in on a browser of
their own."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.conftest import AuthActions
from tests.factories import make_user


@dataclass
class Person:
    """Someone logged in on a client of their own."""

    client: object
    user_id: int
    email: str


@pytest.fixture
def person(app, ctx):
    """``person(email, role=..., **user)`` makes an account and logs it in on a new client."""

    def sign_in(email: str, role: str = "learner", **user) -> Person:
        with ctx():
            user_id = make_user(email=email, role=role, **user).id
        client = app.test_client()
        assert AuthActions(client).login(email=email).status_code == 302, "log-in failed"
        return Person(client, user_id, email)

    return sign_in


@pytest.fixture
def admin(person) -> Person:
    """The site's only admin, logged in."""
    return person("admin@example.com", role="admin")
