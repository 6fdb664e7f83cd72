"""Questions and quizzes loaded from content, and what learners answered.

A question's ``content`` is the rendered, checked form of its YAML (stem and
explanation as HTML, options with their reasons, the key). ``version`` goes up
whenever that changes, so an answer records which version it was graded against.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models._types import UTCDateTime, utcnow


class Booklet(db.Model):
    """A scenario booklet: the case Practitioner-style questions are set in."""

    __tablename__ = "booklets"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    course_id: Mapped[str] = mapped_column(ForeignKey("courses.id"), index=True)
    slug: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(200))
    html: Mapped[str] = mapped_column(Text, default="")
    source_hash: Mapped[str] = mapped_column(String(64), default="")
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Question(db.Model):
    __tablename__ = "questions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    course_id: Mapped[str] = mapped_column(ForeignKey("courses.id"), index=True)
    lesson_id: Mapped[str | None] = mapped_column(ForeignKey("lessons.id"), index=True)
    booklet_id: Mapped[str | None] = mapped_column(ForeignKey("booklets.id"), index=True)
    type: Mapped[str] = mapped_column(String(20))
    style: Mapped[str] = mapped_column(String(20), default="standard")
    difficulty: Mapped[int] = mapped_column(default=1)
    in_practice: Mapped[bool] = mapped_column(default=True)
    in_exam: Mapped[bool] = mapped_column(default=False)
    shuffle: Mapped[bool] = mapped_column(default=True)
    content: Mapped[dict] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(default=1)
    source_path: Mapped[str] = mapped_column(String(300), default="")
    source_hash: Mapped[str] = mapped_column(String(64), default="")
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class QuestionTag(db.Model):
    __tablename__ = "question_tags"

    question_id: Mapped[str] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[str] = mapped_column(ForeignKey("syllabus_tags.id"), primary_key=True)


class Quiz(db.Model):
    """A practice quiz (a lesson's check or a topic) or a timed exam."""

    __tablename__ = "quizzes"
    __table_args__ = (UniqueConstraint("course_id", "slug", name="uq_quizzes_course_slug"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    course_id: Mapped[str] = mapped_column(ForeignKey("courses.id"), index=True)
    slug: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    lesson_id: Mapped[str | None] = mapped_column(ForeignKey("lessons.id"), index=True)
    tags: Mapped[list] = mapped_column(JSON, default=list)
    question_count: Mapped[int] = mapped_column(default=10)
    minutes: Mapped[int | None] = mapped_column()
    # The time the real exam gives a candidate sitting it in a second language (the
    # learner chooses it when starting), and whether the exam is open book.
    second_language_minutes: Mapped[int | None] = mapped_column()
    open_book: Mapped[bool] = mapped_column(default=False)
    pass_mark: Mapped[int | None] = mapped_column()
    blueprint: Mapped[dict] = mapped_column(JSON, default=dict)
    feedback: Mapped[str] = mapped_column(String(10), default="during")
    position: Mapped[int] = mapped_column(default=0)
    source_hash: Mapped[str] = mapped_column(String(64), default="")
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PracticeRun(db.Model):
    """One pass through a practice quiz: the questions drawn, and how far the learner got."""

    __tablename__ = "practice_runs"
    __table_args__ = (Index("ix_practice_runs_user_quiz", "user_id", "quiz_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # A run practises a quiz, or (from the dashboard) one syllabus tag's pool.
    quiz_id: Mapped[str | None] = mapped_column(ForeignKey("quizzes.id"))
    tag_id: Mapped[str | None] = mapped_column(ForeignKey("syllabus_tags.id"))
    # A run of a cohort's practice set (an assignment of kind "topics").
    assignment_id: Mapped[int | None] = mapped_column(
        ForeignKey("assignments.id", ondelete="SET NULL"), index=True
    )
    question_ids: Mapped[list] = mapped_column(JSON, default=list)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PracticeAnswer(db.Model):
    """Every practice answer, kept: retries add rows, nothing is overwritten."""

    __tablename__ = "practice_answers"
    __table_args__ = (
        Index("ix_practice_answers_run_position", "run_id", "position"),
        Index("ix_practice_answers_user_question", "user_id", "question_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    run_id: Mapped[int] = mapped_column(ForeignKey("practice_runs.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column()
    question_id: Mapped[str] = mapped_column(ForeignKey("questions.id"))
    question_version: Mapped[int] = mapped_column()
    response: Mapped[dict] = mapped_column(JSON)
    score: Mapped[float] = mapped_column()
    seconds: Mapped[int | None] = mapped_column()  # from showing the question to answering
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
