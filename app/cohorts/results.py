"""Keeping ``assignment_results`` up to date: each learner's standing on each of their
cohorts' assignments, recomputed by the rules in ``status.matrix`` whenever their work
on the item changes, whenever work is assigned, and when they join.

Features call ``touch`` in the same transaction as the learner's work, so the row
never lags behind it; ``flask cohorts refresh-results`` recomputes everything (after
a content change that moves lessons between modules, say).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select

from app.cohorts import stamps
from app.cohorts.status import matrix
from app.database import upsert
from app.extensions import db
from app.models import Assignment, AssignmentResult, Cohort, CohortMember, Lesson


def refresh(user_ids: list[int], assignments: list[Assignment], now: datetime) -> None:
    """Recompute the results of ``user_ids`` on ``assignments`` and store those that
    changed; the boards of the cohorts where one did are stale (``stamps``). Most calls
    come from a learner's work that leaves their standing as it was (a second read of
    a lesson, a practice answer after the set is done): they write nothing."""
    cells = matrix(user_ids, assignments, now)
    if not cells:
        return
    before = stored(user_ids, [a.id for a in assignments])
    rows = [
        {
            "assignment_id": assignment_id,
            "user_id": user_id,
            "started": cell.started,
            "attempts": cell.attempts,
            "completed_at": cell.completed_at,
            "score": cell.score,
            "updated_at": now,
        }
        for (user_id, assignment_id), cell in cells.items()
        if before.get((user_id, assignment_id))
        != (cell.started, cell.attempts, cell.completed_at, cell.score)
    ]
    for start in range(0, len(rows), 500):  # keep each statement's parameters bounded
        db.session.execute(
            upsert(
                AssignmentResult,
                rows[start : start + 500],
                ["assignment_id", "user_id"],
                replace=("started", "attempts", "completed_at", "score", "updated_at"),
            )
        )
    changed = {row["assignment_id"] for row in rows}
    stamps.stale(a.cohort_id for a in assignments if a.id in changed)


def stored(user_ids: list[int], assignment_ids: list[int]) -> dict:
    """(user id, assignment id) → (started, attempts, completed_at, score) as stored;
    plain rows, not ORM objects (a board page reads 750 of them). Many learners (a whole
    cohort's refresh) read the assignments' rows rather than bind a thousand ids."""
    stmt = select(
        AssignmentResult.user_id,
        AssignmentResult.assignment_id,
        AssignmentResult.started,
        AssignmentResult.attempts,
        AssignmentResult.completed_at,
        AssignmentResult.score,
    ).where(AssignmentResult.assignment_id.in_(assignment_ids))
    if len(user_ids) <= 100:
        stmt = stmt.where(AssignmentResult.user_id.in_(user_ids))
    wanted = set(user_ids)
    return {
        (uid, aid): tuple(values) for uid, aid, *values in db.session.execute(stmt) if uid in wanted
    }


def touch(user_id: int, kind: str, item_id: str | None, now: datetime, assignment_id=None):
    """The learner did something on an item: refresh their results on every assignment
    of their cohorts that it counts for (a lesson also counts for its module; a run of a
    practice set for that set). One statement when they are in no cohort."""
    wanted = (Assignment.kind == kind) & (Assignment.item_id == item_id)
    if kind == "lesson":
        module = select(Lesson.module_id).where(Lesson.id == item_id).scalar_subquery()
        wanted |= (Assignment.kind == "module") & (Assignment.item_id == module)
    if assignment_id is not None:
        wanted = Assignment.id == assignment_id
    found = list(
        db.session.scalars(
            select(Assignment)
            .join(CohortMember, CohortMember.cohort_id == Assignment.cohort_id)
            .where(CohortMember.user_id == user_id, wanted)
        )
    )
    if found:
        refresh([user_id], found, now)


def forget(cohort_id: int, user_id: int) -> None:
    """A learner left: their results on the cohort's work go (their own work stays, and
    joining again recomputes them), so the board's totals count members only."""
    stamps.stale([cohort_id])
    db.session.execute(
        delete(AssignmentResult).where(
            AssignmentResult.user_id == user_id,
            AssignmentResult.assignment_id.in_(
                select(Assignment.id).where(Assignment.cohort_id == cohort_id)
            ),
        )
    )


def refresh_cohort(cohort: Cohort, now: datetime, user_ids: list[int] | None = None) -> None:
    """Every (or the given) learner of the cohort on every assignment of it."""
    if user_ids is None:
        user_ids = list(
            db.session.scalars(
                select(CohortMember.user_id).where(CohortMember.cohort_id == cohort.id)
            )
        )
    assigned = list(db.session.scalars(select(Assignment).where(Assignment.cohort_id == cohort.id)))
    refresh(user_ids, assigned, now)


def refresh_all(now: datetime) -> int:
    """For ``flask cohorts refresh-results``: every cohort; returns how many."""
    cohorts = list(db.session.scalars(select(Cohort)))
    for cohort in cohorts:
        refresh_cohort(cohort, now)
    db.session.commit()
    return len(cohorts)
