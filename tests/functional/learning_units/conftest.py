"""Fixtures for the progress units that need stored rows: a learner, frozen time, and
the real questions and glossary terms loaded from ``content/``."""

from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from app.extensions import db
from app.models import Question, QuestionTag
from tests.factories import make_user

# A Monday morning in UTC: evening in Auckland, the small hours in Los Angeles.
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock(db_transaction):
    """Time frozen at ``NOW``; ``clock.move_to(moment)`` moves it."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def user_id(ctx, clock) -> int:
    """A learner in London (UTC in March)."""
    with ctx():
        return make_user(timezone="Europe/London").id


@pytest.fixture
def question_ids(ctx) -> list[str]:
    """Current practice questions that carry syllabus tags, in a stable order."""
    with ctx():
        return list(
            db.session.scalars(
                select(Question.id)
                .join(QuestionTag, QuestionTag.question_id == Question.id)
                .where(Question.retired_at.is_(None), Question.in_practice)
                .group_by(Question.id)
                .order_by(Question.id)
                .limit(6)
            )
        )
