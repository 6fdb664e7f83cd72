"""Fixtures for the admin tests: people of each role, each logged in on a browser of
their own."""

from __future__ import annotations

import pytest

from tests.functional.conftest import Person


@pytest.fixture
def admin(person) -> Person:
    """The site's only admin, logged in."""
    return person("admin@example.com", role="admin")
