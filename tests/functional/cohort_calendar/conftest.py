"""A cohort in Paris time with two learners, for the reminder and calendar tests."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.factories import make_user
from tests.functional.cohort_calendar.helpers import enrol, make_cohort


@dataclass
class Team:
    cohort_id: int
    ann: int  # learner ids
    bob: int


@pytest.fixture
def team(ctx) -> Team:
    """Ann and Bob, learners of the cohort "Patch team" (Europe/Paris); nothing assigned."""
    with ctx():
        ann = make_user(email="ann@example.com", display_name="Ann").id
        bob = make_user(email="bob@example.com", display_name="Bob").id
        cohort_id = make_cohort()
        enrol(cohort_id, ann, bob)
    return Team(cohort_id, ann, bob)
