"""Scenarios as loaded from content. ``data`` is the checked file with its markdown
rendered; ``version`` goes up when it changes, so an attempt records what it played."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models._types import UTCDateTime, utcnow


class Scenario(db.Model):
    __tablename__ = "scenarios"
    __table_args__ = (UniqueConstraint("course_id", "slug", name="uq_scenarios_course_slug"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    course_id: Mapped[str] = mapped_column(ForeignKey("courses.id"), index=True)
    slug: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(200))
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(default=1)
    source_hash: Mapped[str] = mapped_column(String(64), default="")
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ScenarioAttempt(db.Model):
    """One play-through, saved after every step so it resumes where it was."""

    __tablename__ = "scenario_attempts"
    __table_args__ = (Index("ix_scenario_attempts_user_scenario", "user_id", "scenario_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    scenario_id: Mapped[str] = mapped_column(ForeignKey("scenarios.id"))
    scenario_version: Mapped[int] = mapped_column()
    state: Mapped[dict] = mapped_column(JSON)
    steps: Mapped[int] = mapped_column(default=0)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    points: Mapped[dict] = mapped_column(JSON, default=dict)
    total: Mapped[float | None] = mapped_column()
