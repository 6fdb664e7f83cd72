"""Practice runs: draw a lesson's or a topic's questions, grade each answer at once.

Every answer is kept (a retry adds a row); the latest answer at a position is
the one the run's summary counts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from app.cohorts import results
from app.extensions import db
from app.models import (
    Assignment,
    Booklet,
    Course,
    Lesson,
    PracticeAnswer,
    PracticeRun,
    Question,
    QuestionTag,
    Quiz,
    SyllabusTag,
)
from app.models._types import utcnow
from app.progress import tracking
from app.quizzes.grading import grade, parse_response


def find_quiz(course_slug: str, quiz_slug: str, kind: str = "practice"):
    """(course, quiz) for a current quiz of ``kind`` at this address, or None."""
    row = db.session.execute(
        select(Course, Quiz)
        .join(Quiz, Quiz.course_id == Course.id)
        .where(
            Course.slug == course_slug,
            Quiz.slug == quiz_slug,
            Quiz.kind == kind,
            Quiz.retired_at.is_(None),
            Course.retired_at.is_(None),
        )
    ).first()
    return (row[0], row[1]) if row else None


def pool(quiz: Quiz) -> list[str]:
    """Ids of the current practice questions a quiz draws from, in its own course."""
    stmt = select(Question.id).where(
        Question.in_practice, Question.retired_at.is_(None), Question.course_id == quiz.course_id
    )
    if quiz.lesson_id:
        stmt = stmt.where(Question.lesson_id == quiz.lesson_id)
    else:
        tagged = select(QuestionTag.question_id).where(QuestionTag.tag_id.in_(quiz.tags))
        stmt = stmt.where(Question.id.in_(tagged))
    return list(db.session.scalars(stmt.order_by(Question.id)))


def start_run(user_id: int, quiz: Quiz, rng: random.Random | None = None) -> PracticeRun | None:
    return _new_run(user_id, pool(quiz), quiz.question_count, rng, quiz_id=quiz.id)


TAG_RUN_QUESTIONS = 10


def tag_pool(tag_id: str) -> list[str]:
    """Ids of the current practice questions on one syllabus tag."""
    return tags_pool([tag_id])


def tags_pool(tag_ids: list[str]) -> list[str]:
    """Ids of the current practice questions on any of ``tag_ids``."""
    tagged = select(QuestionTag.question_id).where(QuestionTag.tag_id.in_(tag_ids))
    return list(
        db.session.scalars(
            select(Question.id)
            .where(Question.in_practice, Question.retired_at.is_(None), Question.id.in_(tagged))
            .order_by(Question.id)
        )
    )


def current_tag(tag_id: str) -> SyllabusTag | None:
    tag = db.session.get(SyllabusTag, tag_id)
    return tag if tag is not None and tag.retired_at is None else None


def start_tag_run(
    user_id: int, tag_id: str, rng: random.Random | None = None
) -> PracticeRun | None:
    """ "Practise this" on the dashboard: a run drawn from one tag's practice pool."""
    return _new_run(user_id, tag_pool(tag_id), TAG_RUN_QUESTIONS, rng, tag_id=tag_id)


def start_set_run(
    user_id: int, tag_ids: list[str], assignment_id: int, rng: random.Random | None = None
) -> PracticeRun | None:
    """A cohort's practice set: a run drawn from the union of several tags' pools,
    tied to the assignment so the cohort's matrix can count it."""
    return _new_run(
        user_id, tags_pool(tag_ids), TAG_RUN_QUESTIONS, rng, assignment_id=assignment_id
    )


def _new_run(user_id: int, ids: list[str], count: int, rng, **source) -> PracticeRun | None:
    """A run of up to ``count`` questions from ``ids``; None (nothing stored) if empty."""
    if not ids:
        return None
    chosen = (rng or random.SystemRandom()).sample(ids, min(count, len(ids)))
    run = PracticeRun(user_id=user_id, question_ids=chosen, **source)
    db.session.add(run)
    db.session.flush()
    _touch_results(run, utcnow())
    db.session.commit()
    return run


def get_run(user_id: int, run_id: int) -> PracticeRun | None:
    """The run, if it is this learner's: another learner's id is as good as unknown."""
    run = db.session.get(PracticeRun, run_id)
    return run if run is not None and run.user_id == user_id else None


def question_at(run: PracticeRun, position: int) -> Question | None:
    if not 1 <= position <= len(run.question_ids):
        return None
    return db.session.get(Question, run.question_ids[position - 1])


def latest_answer(run: PracticeRun, position: int) -> PracticeAnswer | None:
    return db.session.scalar(
        select(PracticeAnswer)
        .where(PracticeAnswer.run_id == run.id, PracticeAnswer.position == position)
        .order_by(PracticeAnswer.id.desc())
        .limit(1)
    )


def record_answer(
    run: PracticeRun,
    position: int,
    question: Question,
    form,
    seconds: int | None = None,
    now: datetime | None = None,
) -> PracticeAnswer:
    """Grade and keep an answer, and credit it to the learner's progress; raises
    InvalidResponse (nothing stored) for a bad one."""
    now = now or utcnow()
    response = parse_response(question.type, question.content, form)
    answer = PracticeAnswer(
        user_id=run.user_id,
        run_id=run.id,
        position=position,
        question_id=question.id,
        question_version=question.version,
        response=response,
        score=grade(question.type, question.content, response, partial=True),
        seconds=seconds,
        answered_at=now,
    )
    db.session.add(answer)
    if position == len(run.question_ids) and run.finished_at is None:
        run.finished_at = now
    tracking.record_answers(run.user_id, [tracking.Answer(question, answer.score, seconds)], now)
    _touch_results(run, now)
    db.session.commit()
    return answer


def _touch_results(run: PracticeRun, now: datetime) -> None:
    """Keep the learner's cohort results on this quiz (or practice set) current."""
    if run.quiz_id is not None or run.assignment_id is not None:
        results.touch(run.user_id, "quiz", run.quiz_id, now, assignment_id=run.assignment_id)


@dataclass
class RunSummary:
    answered: int
    total: int
    score: float  # sum of latest scores

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.total) if self.total else 0


def summary(run: PracticeRun) -> RunSummary:
    latest = (
        select(PracticeAnswer.position, func.max(PracticeAnswer.id).label("id"))
        .where(PracticeAnswer.run_id == run.id)
        .group_by(PracticeAnswer.position)
        .subquery()
    )
    scores = list(
        db.session.scalars(
            select(PracticeAnswer.score).join(latest, latest.c.id == PracticeAnswer.id)
        )
    )
    return RunSummary(answered=len(scores), total=len(run.question_ids), score=sum(scores))


def booklet_for(question: Question) -> Booklet | None:
    """The scenario booklet a question is set in (shown beside it), if any."""
    return db.session.get(Booklet, question.booklet_id) if question.booklet_id else None


def lesson_for(question: Question) -> tuple[Lesson, Course] | None:
    if not question.lesson_id:
        return None
    row = db.session.execute(
        select(Lesson, Course)
        .join(Course, Course.id == Lesson.course_id)
        .where(Lesson.id == question.lesson_id, Lesson.retired_at.is_(None))
    ).first()
    return (row[0], row[1]) if row else None


def past_runs(user_id: int, quiz: Quiz, limit: int = 10) -> list[tuple[PracticeRun, RunSummary]]:
    runs = db.session.scalars(
        select(PracticeRun)
        .where(PracticeRun.user_id == user_id, PracticeRun.quiz_id == quiz.id)
        .order_by(PracticeRun.id.desc())
        .limit(limit)
    ).all()
    return [(run, summary(run)) for run in runs]


def quiz_of(run: PracticeRun) -> tuple[Course, Quiz] | None:
    """The run's course and quiz; None for a run of a syllabus tag."""
    if run.quiz_id is None:
        return None
    quiz = db.session.get(Quiz, run.quiz_id)
    return db.session.get(Course, quiz.course_id), quiz


def assignment_of(run: PracticeRun) -> Assignment | None:
    """The cohort practice set a run belongs to; None for other runs (or a withdrawn set)."""
    return db.session.get(Assignment, run.assignment_id) if run.assignment_id else None
