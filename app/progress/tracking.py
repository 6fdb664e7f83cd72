"""What a learner did, turned into progress: mastery, review cards, study time, xAPI.

The quizzes, exams, scenarios and lessons call these functions in the same
transaction as the event itself, so progress is never half-recorded. Mastery
rows are running aggregates (``app.progress.mastery``): each event touches only
the rows of its own tags.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup
from sqlalchemy import select

from app.database import upsert
from app.extensions import db
from app.models import (
    GlossaryTerm,
    LessonTag,
    Question,
    QuestionTag,
    TagMastery,
    User,
    XapiStatement,
)
from app.progress import activity, mastery, review, xapi


@dataclass(frozen=True)
class Answer:
    """One graded answer to a question, from practice, an exam or a review."""

    question: Question
    score: float  # 0..1
    seconds: int | None = None


def _timezone(user_id: int) -> str:
    return db.session.scalar(select(User.timezone).where(User.id == user_id)) or "UTC"


def _skills(user_id: int, tags: set[str]) -> dict[str, TagMastery]:
    """The learner's mastery rows for ``tags``, created if missing and locked for update
    (PostgreSQL), so concurrent answers on the same tag never lose an update."""
    if not tags:
        return {}
    blank = [{"user_id": user_id, "tag_id": tag, **_BLANK} for tag in sorted(tags)]
    db.session.execute(upsert(TagMastery, blank, ["user_id", "tag_id"]))
    rows = db.session.scalars(
        select(TagMastery)
        .where(TagMastery.user_id == user_id, TagMastery.tag_id.in_(tags))
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return {row.tag_id: row for row in rows}


_BLANK = {
    "rating": 0.0,
    "variance": mastery.PRIOR_VARIANCE,
    "answers": 0,
    "correct": 0.0,
}


def to_skill(row: TagMastery) -> mastery.Skill:
    return mastery.Skill(row.rating, row.variance, row.answers, row.correct, row.updated_at)


def _observe(row: TagMastery, now: datetime, **evidence) -> None:
    skill = to_skill(row)
    if row.answers == 0 and row.rating == 0.0:
        skill = mastery.Skill(variance=row.variance)  # a fresh row: no forgetting yet
    new = mastery.observe(skill, now=now, **evidence)
    row.rating, row.variance, row.answers = new.rating, new.variance, new.answers
    row.correct, row.updated_at = new.correct, now


def _question_tags(question_ids: list[str]) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {qid: [] for qid in question_ids}
    for qid, tag in db.session.execute(
        select(QuestionTag.question_id, QuestionTag.tag_id).where(
            QuestionTag.question_id.in_(question_ids)
        )
    ):
        tags[qid].append(tag)
    return tags


def record_answers(
    user_id: int,
    answers: list[Answer],
    now: datetime,
    statements: bool = True,
    study_seconds: int | None = None,
    schedule: bool = True,
) -> None:
    """Credit graded answers: mastery of each question's tags, the review queue (a
    wrong answer enters it; a card already due is reviewed), study time, and an
    ``answered`` statement each (``statements=False`` when the caller records the
    attempt as a whole, as an exam does, with its own ``study_seconds``;
    ``schedule=False`` when the caller, the review queue, has rated the card)."""
    if not answers:
        return
    tags = _question_tags([a.question.id for a in answers])
    rows = _skills(user_id, {t for ts in tags.values() for t in ts})
    cards = (
        review.cards_for(user_id, "question", [a.question.id for a in answers]) if schedule else {}
    )
    wrong = []
    for answer in answers:
        difficulty = mastery.question_difficulty(answer.question.difficulty)
        for tag in tags[answer.question.id]:
            _observe(rows[tag], now, outcome=answer.score, difficulty=difficulty)
        rating = review.answer_rating(answer.score, answer.seconds)
        card = cards.get(answer.question.id)
        if not schedule:
            pass
        elif card is not None and (card.due_at <= now or rating == review.Rating.Again):
            review.review(card, rating, now)
        elif card is None and rating == review.Rating.Again:
            wrong.append(answer.question.id)
        if statements:
            xapi.record(
                user_id,
                "answered",
                "question",
                answer.question.id,
                _question_name(answer.question),
                now,
                {"score": {"scaled": round(answer.score, 4)}, "success": answer.score >= 1},
            )
    if wrong:
        review.add_cards(user_id, "question", wrong, now)
        db.session.flush()
        for card in review.cards_for(user_id, "question", wrong).values():
            if card.reps == 0:
                review.review(card, review.Rating.Again, now)
    if study_seconds is None:
        study_seconds = sum(activity.answer_seconds(a.seconds) for a in answers)
    activity.add_study(user_id, _timezone(user_id), now, len(answers), study_seconds)


def _question_name(question: Question) -> str:
    # The stem is our own rendered HTML (raw HTML is off in content); we only strip tags.
    text = Markup(question.content.get("stem_html", "")).striptags()  # noqa: S704
    return (text[:117] + "...") if len(text) > 120 else (text or question.id)


def record_lesson_completed(user_id: int, lesson, opened_at: datetime, now: datetime) -> None:
    """A completed lesson nudges mastery of its tags, puts its key terms in the review
    queue, counts its reading time (up to the lesson's stated minutes) and is stated.
    Once per lesson: undoing and redoing a completion earns nothing more."""
    done_before = db.session.scalar(
        select(XapiStatement.id)
        .where(
            XapiStatement.user_id == user_id,
            XapiStatement.verb == "completed",
            XapiStatement.object_kind == "lesson",
            XapiStatement.object_id == lesson.id,
        )
        .limit(1)
    )
    if done_before is not None:
        return
    tags = set(db.session.scalars(select(LessonTag.tag_id).where(LessonTag.lesson_id == lesson.id)))
    for row in _skills(user_id, tags).values():
        _observe(
            row,
            now,
            outcome=1.0,
            difficulty=mastery.READING_DIFFICULTY,
            weight=mastery.READING_WEIGHT,
            counts=False,
        )
    terms = list(
        db.session.scalars(
            select(GlossaryTerm.id).where(
                GlossaryTerm.lesson_id == lesson.id, GlossaryTerm.retired_at.is_(None)
            )
        )
    )
    review.add_cards(user_id, "term", terms, now)
    reading = min(lesson.minutes * 60, max(0, int((now - opened_at).total_seconds())))
    activity.add_study(user_id, _timezone(user_id), now, 1, reading)
    xapi.record(user_id, "completed", "lesson", lesson.id, lesson.title, now, {"completion": True})


def record_decision(user_id: int, tags: list[str], quality: float, now: datetime) -> None:
    """A scenario decision is evidence on its tags: ``quality`` 1 keeps the best ending
    in reach, lower values give some of it away."""
    for row in _skills(user_id, set(tags)).values():
        _observe(row, now, outcome=quality, weight=mastery.DECISION_WEIGHT)
    activity.add_study(user_id, _timezone(user_id), now, 1, activity.DEFAULT_ANSWER_SECONDS)


def record_exam_finished(attempt, quiz_title: str, answers: list[Answer], now: datetime) -> None:
    """Every exam answer counts like a practice answer; the attempt is one statement,
    and its study time is the time the exam took."""
    seconds = max(0, int((now - attempt.started_at).total_seconds()))
    record_answers(attempt.user_id, answers, now, statements=False, study_seconds=seconds)
    xapi.record(
        attempt.user_id,
        "passed" if attempt.passed else "failed",
        "exam",
        attempt.quiz_id,
        quiz_title,
        now,
        xapi.score_result(attempt.score, attempt.question_count, attempt.passed),
    )


def record_scenario_started(user_id: int, scenario, now: datetime) -> None:
    xapi.record(user_id, "attempted", "scenario", scenario.id, scenario.title, now)


def record_scenario_finished(attempt, scenario, maximum: float, now: datetime) -> None:
    xapi.record(
        attempt.user_id,
        "completed",
        "scenario",
        scenario.id,
        scenario.title,
        now,
        xapi.score_result(attempt.total or 0.0, maximum),
    )


def record_review(user_id: int, card, rating, now: datetime, answer: Answer | None = None) -> bool:
    """One review from the queue; False (nothing recorded) if that version of the card
    was already reviewed, as when the same form is sent twice. A question's answer
    also counts as evidence of mastery; a term card counts as study only."""
    if not review.review(card, rating, now):
        return False
    if answer is not None:
        record_answers(user_id, [answer], now, schedule=False)
    else:
        activity.add_study(user_id, _timezone(user_id), now, 1, activity.DEFAULT_ANSWER_SECONDS)
    return True
