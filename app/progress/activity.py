"""Study days in the learner's own calendar: streaks, the daily goal, time per week.

A day is the learner's local date (their time zone from the account), so a study
session at 23:30 in Sydney counts for that Sydney day, not for UTC's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Row, bindparam, select

from app.database import upsert
from app.extensions import db
from app.models import StudyDay

MAX_ANSWER_SECONDS = 300  # a question left open over lunch is not five hours of study
DEFAULT_ANSWER_SECONDS = 30


def local_day(timezone: str, now: datetime) -> date:
    try:
        zone = ZoneInfo(timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return now.astimezone(zone).date()


def answer_seconds(seconds: int | None) -> int:
    if seconds is None:
        return DEFAULT_ANSWER_SECONDS
    return max(1, min(MAX_ANSWER_SECONDS, seconds))


def add_study(user_id: int, timezone: str, now: datetime, actions: int, seconds: int) -> None:
    """Count ``actions`` and ``seconds`` of study on the learner's day containing ``now``."""
    day = local_day(timezone, now)
    db.session.execute(
        upsert(
            StudyDay,
            {"user_id": user_id, "day": day, "actions": actions, "seconds": seconds},
            ["user_id", "day"],
            {"actions": StudyDay.actions + actions, "seconds": StudyDay.seconds + seconds},
        )
    )


def streak(days: list[date], today: date) -> int:
    """Consecutive study days ending today, or yesterday if today has none yet."""
    studied = set(days)
    current = today if today in studied else today - timedelta(days=1)
    count = 0
    while current in studied:
        count += 1
        current -= timedelta(days=1)
    return count


def recent_days(user_id: int, today: date, weeks: int = 53) -> list[Row]:
    """Study days of the last ``weeks`` weeks (enough for a streak of a year), newest first.

    Plain rows with ``day``, ``actions`` and ``seconds``, not mapped objects: a year of
    daily study is 371 of them on every dashboard, and building those cost more than
    the query.
    """
    since = today - timedelta(weeks=weeks)
    return db.session.execute(_RECENT_DAYS, {"user_id": user_id, "since": since}).all()


_RECENT_DAYS = (  # built once: every dashboard and review page runs it
    select(StudyDay.day, StudyDay.actions, StudyDay.seconds)
    .where(StudyDay.user_id == bindparam("user_id"), StudyDay.day > bindparam("since"))
    .order_by(StudyDay.day.desc())
)


def weekly_minutes(days: list[StudyDay], today: date, weeks: int = 8) -> list[tuple[date, int]]:
    """(Monday, minutes studied) for the last ``weeks`` weeks, oldest first."""
    monday = today - timedelta(days=today.weekday())
    starts = [monday - timedelta(weeks=w) for w in range(weeks - 1, -1, -1)]
    totals = dict.fromkeys(starts, 0)
    for row in days:
        start = row.day - timedelta(days=row.day.weekday())
        if start in totals:
            totals[start] += row.seconds
    return [(start, round(totals[start] / 60)) for start in starts]


@dataclass
class StudySummary:
    today: int  # answers, reviews and decisions today
    goal: int
    streak: int
    days: list[Row]  # the last year's study days (day, actions, seconds), newest first

    @property
    def goal_percent(self) -> int:
        return min(100, round(100 * self.today / self.goal)) if self.goal else 100


def study_summary(user_id: int, timezone: str, goal: int, now: datetime) -> StudySummary:
    today = local_day(timezone, now)
    days = recent_days(user_id, today)
    done = next((d.actions for d in days if d.day == today), 0)
    return StudySummary(done, goal, streak([d.day for d in days if d.actions], today), days)
