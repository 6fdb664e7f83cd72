"""Learners with statements in the outbox, queued by the app's own tracking code."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import Lesson, Question, Quiz, Scenario, XapiStatement
from app.progress import tracking, xapi


@dataclass(frozen=True)
class Learner:
    """A learner with statements queued: what the LRS should hold for them."""

    id: int
    email: str
    xapi_id: str
    statement_ids: frozenset[str]


def study(user_id: int, now: datetime, hour: int = 0) -> None:
    """An hour of real learning, queueing five statements: a lesson completed (the
    ``hour``-th of the course: a lesson counts once), two practice answers (one wrong),
    a mock exam passed, a scenario started."""
    lesson = db.session.scalars(select(Lesson).order_by(Lesson.position).offset(hour)).first()
    right, wrong = db.session.scalars(
        select(Question)
        .where(Question.in_practice, Question.retired_at.is_(None))
        .order_by(Question.id)
        .limit(2)
    )
    exam = db.session.get(Quiz, "exam-pmit-mock")
    scenario = db.session.scalars(select(Scenario).order_by(Scenario.id)).first()
    tracking.record_lesson_completed(user_id, lesson, now - timedelta(minutes=12), now)
    answers = [tracking.Answer(right, 1.0, 20), tracking.Answer(wrong, 0.0, 45)]
    tracking.record_answers(user_id, answers, now)
    result = xapi.score_result(48, 60, success=True)
    xapi.record(user_id, "passed", "exam", exam.id, exam.title, now, result)
    tracking.record_scenario_started(user_id, scenario, now)
    db.session.commit()


def queued_ids(user_id: int) -> frozenset[str]:
    """The statement ids of every row of the learner's outbox, pushed or not."""
    return frozenset(
        db.session.scalars(select(XapiStatement.uuid).where(XapiStatement.user_id == user_id))
    )
