"""Fixtures for the cohort's staff pages: a learner in the owner's cohort and work
assigned to it, made through the services."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.models._types import utcnow
from tests.functional.cohorts.helpers import EXAM, LESSON, assign, enrol

WEEK = timedelta(days=7)


@pytest.fixture
def member(person, cohort, ctx):
    """A learner of ``cohort``, logged in; they joined by an invitation link, which
    stays open."""
    learner = person("member@example.com", display_name="Mina Member")
    enrol(ctx, cohort, learner.user_id)
    return learner


@pytest.fixture
def work(ctx, cohort) -> dict[str, int]:
    """The mock exam and a lesson assigned to ``cohort``: assignment ids by kind."""
    return {
        "exam": assign(ctx, cohort, "exam", EXAM, utcnow() + WEEK),
        "lesson": assign(ctx, cohort, "lesson", LESSON, utcnow() + 2 * WEEK),
    }
