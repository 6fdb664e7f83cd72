"""Team training: cohorts, their staff and learners, invitations, assignments.

Learners' work stays where it is (attempts, progress); a cohort only says what was
assigned, to whom, by when. Removing a learner deletes their membership row, so
their access to the cohort's pages ends with the next request.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models._types import UTCDateTime, utcnow


class Cohort(db.Model):
    __tablename__ = "cohorts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Bumped in the same transaction as anything the progress board shows (see
    # ``app.cohorts.stamps``): a stored board rendered at an older version is stale.
    board_version: Mapped[int] = mapped_column(default=0, server_default="0")


class CohortStaff(db.Model):
    """An owner or co-instructor of a cohort."""

    __tablename__ = "cohort_staff"

    cohort_id: Mapped[int] = mapped_column(
        ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(12), default="instructor")  # owner | instructor
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CohortMember(db.Model):
    """A learner in a cohort."""

    __tablename__ = "cohort_members"

    cohort_id: Mapped[int] = mapped_column(
        ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CohortInvite(db.Model):
    """A way in: a link anyone with it may use (``email`` unset), or an emailed
    invitation only the account with that verified address may accept. Only the
    token's SHA-256 is stored."""

    __tablename__ = "cohort_invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str | None] = mapped_column(String(254))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    max_uses: Mapped[int | None] = mapped_column()
    uses: Mapped[int] = mapped_column(default=0)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Assignment(db.Model):
    """Work set for a cohort: a lesson, a module, a practice quiz, a mock exam or a
    scenario, by content id, with optional open date, a due date, attempts allowed
    and which attempt counts."""

    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    # lesson | module | quiz | exam | scenario, or "topics": a practice set the instructor
    # built from syllabus tags (``tags``), practised through runs tied to this assignment.
    kind: Mapped[str] = mapped_column(String(12))
    item_id: Mapped[str] = mapped_column(String(64))
    tags: Mapped[list] = mapped_column(JSON, default=list)
    title: Mapped[str] = mapped_column(String(200))
    open_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    attempts_allowed: Mapped[int | None] = mapped_column()
    counts: Mapped[str] = mapped_column(String(8), default="best")  # best | last | first
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AssignmentException(db.Model):
    """One learner's extension or extra attempts on one assignment."""

    __tablename__ = "assignment_exceptions"

    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("assignments.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    extra_attempts: Mapped[int] = mapped_column(default=0)


class AssignmentResult(db.Model):
    """Where one learner stands on one assignment, kept up to date as they work (see
    ``app.cohorts.results``), so a cohort's board and totals are a few SQL aggregates
    rather than every learner's history recomputed on each view. Overdue is not stored:
    it depends on the time and is derived when read."""

    __tablename__ = "assignment_results"
    # Covers the board's reads (a page's cells, the totals per assignment) so neither
    # touches the table itself.
    __table_args__ = (
        Index(
            "ix_assignment_results_board",
            "assignment_id",
            "user_id",
            "completed_at",
            "score",
            "started",
            "attempts",
        ),
    )

    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("assignments.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    started: Mapped[bool] = mapped_column(default=False)
    attempts: Mapped[int] = mapped_column(default=0)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    score: Mapped[float | None] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReminderSent(db.Model):
    """A due-date reminder mailed: the primary key makes "never twice" a constraint."""

    __tablename__ = "reminders_sent"

    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("assignments.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AuditEvent(db.Model):
    """Who changed whose role or access, and when."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_at", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(40))
    target_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class BoardView(db.Model):
    """One rendered page of a cohort's progress board (``app.cohorts.board_cache``): its
    HTML, good while the cohort's ``board_version`` is ``version`` and no due date has
    passed since (until ``valid_until``). A cache kept in the database, so every web
    process on every host shares it; deleting every row loses nothing."""

    __tablename__ = "board_views"

    cohort_id: Mapped[int] = mapped_column(
        ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True
    )
    view: Mapped[str] = mapped_column(String(80), primary_key=True)  # sort|desc|page|per
    version: Mapped[int] = mapped_column()
    valid_until: Mapped[datetime] = mapped_column(UTCDateTime)
    learners: Mapped[int] = mapped_column()
    assigned: Mapped[int] = mapped_column()
    html: Mapped[str] = mapped_column(Text)
