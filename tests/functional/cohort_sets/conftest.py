"""Fixtures for practice sets, completion records and certificates: people of each
role on browsers of their own, and a cohort with learners, made through the services."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.models import CohortMember
from tests.functional.conftest import Person


@pytest.fixture
def enrol(ctx):
    """``enrol(cohort_id, *user_ids)`` puts learners in a cohort."""

    def add(cohort_id: int, *user_ids: int) -> None:
        with ctx():
            for user_id in user_ids:
                db.session.add(CohortMember(cohort_id=cohort_id, user_id=user_id))
            db.session.commit()

    return add


@pytest.fixture
def member(person, cohort, enrol) -> Person:
    """A learner of ``cohort``, logged in."""
    learner = person("member@example.com", display_name="Mina Member")
    enrol(cohort, learner.user_id)
    return learner
