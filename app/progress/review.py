"""The review queue: wrong answers and glossary terms, scheduled by FSRS.

The ``fsrs`` package does the scheduling; this module stores its card state per
learner and item. Learning steps are off: a card answered wrongly comes back the
next day, not in a minute (the learner has just read the explanation; same-session
repetition is what a practice quiz is for). Fuzzing is off so that intervals are
reproducible in tests and in a learner's export.

Every review is a conditional UPDATE on the card's ``reps``: the same review
submitted twice (a double click, two tabs) counts once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fsrs import Card, Rating, Scheduler
from sqlalchemy import func, select, update

from app.database import upsert
from app.extensions import db
from app.models import GlossaryTerm, Question, ReviewCard, ReviewLog, User

SCHEDULER = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
FAST_SECONDS = 20  # a right answer this quick rates Easy
RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


def answer_rating(score: float, seconds: int | None) -> Rating:
    """Wrong → Again; right → Good, or Easy when it came fast."""
    if score < 1:
        return Rating.Again
    return Rating.Easy if seconds is not None and seconds <= FAST_SECONDS else Rating.Good


def _scheduled(card: ReviewCard, rating: Rating, now: datetime) -> dict:
    """The new column values for ``card`` after a review rated ``rating``."""
    fsrs_card = Card.from_dict(card.state) if card.state else Card(due=now)
    fsrs_card, _log = SCHEDULER.review_card(fsrs_card, rating, review_datetime=now)
    return {
        "state": fsrs_card.to_dict(),
        "due_at": fsrs_card.due,
        "reps": card.reps + 1,
        "lapses": card.lapses + (1 if rating == Rating.Again and card.reps else 0),
        "last_review_at": now,
    }


def review(card: ReviewCard, rating: Rating, now: datetime) -> bool:
    """Apply one review, unless this version of the card was reviewed already.

    Returns whether it counted. The caller commits.
    """
    values = _scheduled(card, rating, now)
    won = db.session.execute(
        update(ReviewCard)
        .where(ReviewCard.id == card.id, ReviewCard.reps == card.reps)
        .values(**values)
        .execution_options(synchronize_session=False)
    ).rowcount
    if won != 1:
        return False
    db.session.add(
        ReviewLog(card_id=card.id, user_id=card.user_id, rating=int(rating), reviewed_at=now)
    )
    return True


def add_cards(user_id: int, kind: str, item_ids: list[str], now: datetime) -> None:
    """Put items in the learner's queue, due now; items already there are left alone."""
    if not item_ids:
        return
    rows = [
        {
            "user_id": user_id,
            "kind": kind,
            "item_id": item_id,
            "state": {},
            "due_at": now,
            "reps": 0,
            "lapses": 0,
            "created_at": now,
        }
        for item_id in item_ids
    ]
    db.session.execute(upsert(ReviewCard, rows, ["user_id", "kind", "item_id"]))


def cards_for(user_id: int, kind: str, item_ids: list[str]) -> dict[str, ReviewCard]:
    if not item_ids:
        return {}
    rows = db.session.scalars(
        select(ReviewCard).where(
            ReviewCard.user_id == user_id,
            ReviewCard.kind == kind,
            ReviewCard.item_id.in_(item_ids),
        )
    )
    return {card.item_id: card for card in rows}


def _item_current():
    """The card's question or term is still in the content (not retired)."""
    question_ok = select(Question.id).where(
        Question.id == ReviewCard.item_id, Question.retired_at.is_(None)
    )
    term_ok = select(GlossaryTerm.id).where(
        GlossaryTerm.id == ReviewCard.item_id, GlossaryTerm.retired_at.is_(None)
    )
    return ((ReviewCard.kind == "question") & question_ok.exists()) | (
        (ReviewCard.kind == "term") & term_ok.exists()
    )


def due_filter(user_id, now):
    """Cards of ``user_id`` due at ``now`` whose item is current: one definition for the
    count in the navigation and the queue itself."""
    return (ReviewCard.user_id == user_id) & (ReviewCard.due_at <= now) & _item_current()


def due_count(user_id: int, now: datetime) -> int:
    return db.session.scalar(
        select(func.count()).select_from(ReviewCard).where(due_filter(user_id, now))
    )


def reviews_today(user_id: int, since: datetime) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(ReviewLog)
        .where(ReviewLog.user_id == user_id, ReviewLog.reviewed_at >= since)
    )


@dataclass
class DueCard:
    card: ReviewCard
    question: Question | None = None
    term: GlossaryTerm | None = None


def next_due(user_id: int, now: datetime) -> DueCard | None:
    """The most overdue card whose item is still current.

    A card whose question or term was retired is skipped (kept, never shown), so a
    content reload never deletes what the learner did.
    """
    card = db.session.scalar(
        select(ReviewCard)
        .where(due_filter(user_id, now))
        .order_by(ReviewCard.due_at, ReviewCard.id)
        .limit(1)
    )
    return None if card is None else due_card(card)


def get_card(user_id: int, card_id: int) -> ReviewCard | None:
    """The card if it is this learner's: another learner's id is as good as unknown."""
    card = db.session.get(ReviewCard, card_id)
    return card if card is not None and card.user_id == user_id else None


def set_daily_goal(user_id: int, goal: int) -> None:
    db.session.execute(update(User).where(User.id == user_id).values(daily_goal=goal))
    db.session.commit()


def due_card(card: ReviewCard) -> DueCard | None:
    """The card with its item, or None if the item has been retired."""
    if card.kind == "question":
        question = db.session.get(Question, card.item_id)
        return DueCard(card, question=question) if question and not question.retired_at else None
    term = db.session.get(GlossaryTerm, card.item_id)
    return DueCard(card, term=term) if term and not term.retired_at else None


def rating_from(value: str | None) -> Rating | None:
    """A self-rating from a form (1–4), or None for anything else."""
    return Rating(int(value)) if value in {"1", "2", "3", "4"} else None
