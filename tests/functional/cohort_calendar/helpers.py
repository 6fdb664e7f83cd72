"""Plain builders for the reminder and calendar tests (call them inside ``ctx()``).

Rows are made directly, with exact UTC instants, so each test says precisely when
work is due relative to its ``now``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.extensions import db
from app.models import Assignment, AssignmentException, Cohort, CohortMember, LessonProgress

NOW = datetime(2025, 3, 5, 12, 0, tzinfo=UTC)  # a Wednesday; Paris is UTC+1 until 30 March
WHY = "pmit-why-projects"
WHY_TITLE = "Why IT work is project work"
WHY_PATH = "/courses/project-management-for-it/why-it-work-is-project-work"
SCOPE = "pmit-scope-stakeholders"
SCOPE_PATH = "/courses/project-management-for-it/scope-and-stakeholders"


def hours(n: float) -> timedelta:
    return timedelta(hours=n)


def make_cohort(name: str = "Patch team", timezone: str = "Europe/Paris", **kw) -> int:
    cohort = Cohort(name=name, timezone=timezone, **kw)
    db.session.add(cohort)
    db.session.commit()
    return cohort.id


def enrol(cohort_id: int, *user_ids: int) -> None:
    for user_id in user_ids:
        db.session.add(CohortMember(cohort_id=cohort_id, user_id=user_id))
    db.session.commit()


def assign(
    cohort_id: int,
    due_at: datetime,
    item_id: str = WHY,
    title: str = WHY_TITLE,
    open_at: datetime | None = None,
) -> int:
    assignment = Assignment(
        cohort_id=cohort_id,
        kind="lesson",
        item_id=item_id,
        title=title,
        due_at=due_at,
        open_at=open_at,
    )
    db.session.add(assignment)
    db.session.commit()
    return assignment.id


def extend(assignment_id: int, user_id: int, due_at: datetime) -> None:
    db.session.merge(
        AssignmentException(assignment_id=assignment_id, user_id=user_id, due_at=due_at)
    )
    db.session.commit()


def complete(user_id: int, lesson_id: str, at: datetime) -> None:
    db.session.add(
        LessonProgress(
            user_id=user_id,
            lesson_id=lesson_id,
            first_opened_at=at - hours(1),
            last_opened_at=at,
            completed_at=at,
        )
    )
    db.session.commit()


DUE = NOW + hours(47)  # within the default 48-hour window
DUE_IN_PARIS = "Friday 7 March 2025 at 12:00 (Europe/Paris)"
