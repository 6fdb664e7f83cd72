"""Mock-exam attempts. An attempt keeps each question as it was shown (stem, options,
key, explanations, area) in ``AttemptItem.snapshot``, so later edits to a bank never
change a past result or its review; ``flask attempts regrade`` is the one deliberate
exception, and it reports what it changed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models._types import UTCDateTime, utcnow


class ExamAttempt(db.Model):
    __tablename__ = "exam_attempts"
    __table_args__ = (
        Index("ix_exam_attempts_user_quiz", "user_id", "quiz_id"),
        Index("ix_exam_attempts_status_deadline", "status", "deadline_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    quiz_id: Mapped[str] = mapped_column(ForeignKey("quizzes.id"))
    status: Mapped[str] = mapped_column(String(12), default="open")  # open | submitted | expired
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deadline_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    pass_mark: Mapped[int] = mapped_column()
    question_count: Mapped[int] = mapped_column()
    score: Mapped[int | None] = mapped_column()
    passed: Mapped[bool | None] = mapped_column()
    by_area: Mapped[dict] = mapped_column(JSON, default=dict)  # area → [score, out of]
    current_position: Mapped[int] = mapped_column(default=1)


class AttemptItem(db.Model):
    __tablename__ = "attempt_items"
    __table_args__ = (UniqueConstraint("attempt_id", "position", name="uq_attempt_items_position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("exam_attempts.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column()
    question_id: Mapped[str] = mapped_column(ForeignKey("questions.id"))
    question_version: Mapped[int] = mapped_column()
    area: Mapped[str] = mapped_column(String(64))
    snapshot: Mapped[dict] = mapped_column(JSON)
    response: Mapped[dict | None] = mapped_column(JSON)
    flagged: Mapped[bool] = mapped_column(default=False)
    saved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    score: Mapped[int | None] = mapped_column()
