"""Fixtures for the cohort tests: people of each role on browsers of their own, and a
cohort owned by an instructor, made through the services."""

from __future__ import annotations

import pytest

from app.auth.services import get_user
from app.cohorts import services
from tests.functional.conftest import Person


@pytest.fixture
def owner(person) -> Person:
    """The instructor who owns ``cohort``."""
    return person("owner@example.com", role="instructor")


@pytest.fixture
def cohort(owner, ctx) -> int:
    """The id of a cohort in Europe/Berlin owned by ``owner``, with no learners yet."""
    with ctx():
        return services.create_cohort(get_user(owner.user_id), "PRINCE2 team", "Europe/Berlin").id
