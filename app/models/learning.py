"""What the platform learns about a learner: mastery per syllabus tag, the review
queue, study days, and the xAPI statements recorded for them.

Mastery and study days are running aggregates updated with each event, so the
dashboard reads a few small rows however long the learner's history is.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models._types import UTCDateTime, utcnow


class TagMastery(db.Model):
    """The learner's estimated skill on one syllabus tag (see ``app.progress.mastery``)."""

    __tablename__ = "tag_mastery"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[str] = mapped_column(ForeignKey("syllabus_tags.id"), primary_key=True)
    rating: Mapped[float] = mapped_column(default=0.0)
    variance: Mapped[float] = mapped_column(default=1.0)
    answers: Mapped[int] = mapped_column(default=0)
    correct: Mapped[float] = mapped_column(default=0.0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReviewCard(db.Model):
    """One item in a learner's review queue: a question or a glossary term.

    ``state`` is the FSRS card as the ``fsrs`` package serialises it; ``reps`` is
    also the row's version, so two submissions of the same review count once.
    """

    __tablename__ = "review_cards"
    __table_args__ = (
        UniqueConstraint("user_id", "kind", "item_id", name="uq_review_cards_item"),
        Index("ix_review_cards_user_due", "user_id", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))  # question | term
    item_id: Mapped[str] = mapped_column(String(64))
    state: Mapped[dict] = mapped_column(JSON, default=dict)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reps: Mapped[int] = mapped_column(default=0)
    lapses: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_review_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ReviewLog(db.Model):
    __tablename__ = "review_logs"
    __table_args__ = (Index("ix_review_logs_user_reviewed", "user_id", "reviewed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(
        ForeignKey("review_cards.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    rating: Mapped[int] = mapped_column()  # 1 Again, 2 Hard, 3 Good, 4 Easy
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class StudyDay(db.Model):
    """Study on one day of the learner's own calendar: for streaks, goals and charts."""

    __tablename__ = "study_days"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    actions: Mapped[int] = mapped_column(default=0)
    seconds: Mapped[int] = mapped_column(default=0)


class XapiStatement(db.Model):
    """A learning event, kept as the parts of an xAPI statement.

    The full statement (actor, IRIs) is built when it is read or pushed, from
    ``PUBLIC_BASE_URL`` and the learner's opaque id, so no email is ever stored
    in it. ``uuid`` is the statement id: an LRS that already has it keeps one copy.
    Rows with ``pushed_at`` unset are the outbox for ``flask xapi push``.
    """

    __tablename__ = "xapi_statements"
    __table_args__ = (
        Index("ix_xapi_statements_user", "user_id", "id"),
        Index("ix_xapi_statements_object", "user_id", "object_kind", "object_id"),
        Index("ix_xapi_statements_outbox", "pushed_at", "next_push_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    verb: Mapped[str] = mapped_column(String(20))
    object_kind: Mapped[str] = mapped_column(String(20))  # lesson | question | exam | scenario
    object_id: Mapped[str] = mapped_column(String(64))
    object_name: Mapped[str] = mapped_column(String(200), default="")
    result: Mapped[dict | None] = mapped_column(JSON)
    timestamp: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    pushed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    push_attempts: Mapped[int] = mapped_column(default=0)
    next_push_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str] = mapped_column(String(300), default="")
