"""Setting work for a cohort: what, from when, by when, how many attempts, which
counts; and per-learner exceptions (an extension, extra attempts, exam time)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.cohorts import results, stamps
from app.cohorts.items import KINDS, find_item
from app.cohorts.services import CohortError
from app.extensions import db
from app.models import Assignment, AssignmentException, Cohort, CohortMember, User
from app.models._types import utcnow

COUNTS = {"best": "Best attempt", "last": "Last attempt", "first": "First attempt"}
ATTEMPTED_KINDS = ("quiz", "exam", "scenario")  # kinds where attempts can be limited


def local_to_utc(value: datetime | None, timezone: str) -> datetime | None:
    """A naive date and time typed in the cohort's time zone, as an aware UTC instant."""
    if value is None:
        return None
    return value.replace(tzinfo=ZoneInfo(timezone)).astimezone(ZoneInfo("UTC"))


def utc_to_local(value: datetime | None, timezone: str) -> datetime | None:
    return value.astimezone(ZoneInfo(timezone)) if value is not None else None


def create(
    cohort: Cohort,
    kind: str,
    item_id: str,
    due_local: datetime,
    open_local: datetime | None = None,
    attempts_allowed: int | None = None,
    counts: str = "best",
) -> Assignment:
    """Assign an item; every check happens before anything is written."""
    if cohort.archived_at is not None:
        raise CohortError("This cohort is archived: no new assignments.")
    if kind not in KINDS:
        raise CohortError("Choose what kind of work to assign.")
    item = find_item(kind, item_id)
    if item is None:
        raise CohortError("That item does not exist in the current curriculum.")
    if counts not in COUNTS:
        raise CohortError("Choose which attempt counts.")
    if attempts_allowed is not None and not 1 <= attempts_allowed <= 50:
        raise CohortError("Attempts allowed must be between 1 and 50, or left empty.")
    due = local_to_utc(due_local, cohort.timezone)
    opens = local_to_utc(open_local, cohort.timezone)
    if opens is not None and due <= opens:
        raise CohortError("The due date must come after the open date.")
    assignment = Assignment(
        cohort_id=cohort.id,
        kind=kind,
        item_id=item.id,
        title=item.title,
        open_at=opens,
        due_at=due,
        attempts_allowed=attempts_allowed if kind in ATTEMPTED_KINDS else None,
        counts=counts,
    )
    return add(assignment)


def add(assignment: Assignment) -> Assignment:
    """Store a new assignment (checked by the caller): every learner's result on it,
    and the board gains a column."""
    db.session.add(assignment)
    db.session.flush()
    results.refresh(member_ids(assignment.cohort_id), [assignment], utcnow())
    stamps.stale([assignment.cohort_id])
    db.session.commit()
    return assignment


def member_ids(cohort_id: int) -> list[int]:
    return list(
        db.session.scalars(select(CohortMember.user_id).where(CohortMember.cohort_id == cohort_id))
    )


def of_cohort(cohort_id: int) -> list[Assignment]:
    return list(
        db.session.scalars(
            select(Assignment)
            .where(Assignment.cohort_id == cohort_id)
            .order_by(Assignment.due_at, Assignment.id)
        )
    )


def get(cohort: Cohort, assignment_id: int) -> Assignment | None:
    """The assignment if it belongs to ``cohort`` (an id from another cohort is unknown)."""
    assignment = db.session.get(Assignment, assignment_id)
    return assignment if assignment is not None and assignment.cohort_id == cohort.id else None


def remove(assignment: Assignment) -> None:
    """Withdraw the assignment; the learners' work on the item is theirs and stays."""
    stamps.stale([assignment.cohort_id])
    db.session.delete(assignment)
    db.session.commit()


def set_exception(
    cohort: Cohort,
    assignment: Assignment,
    user_id: int,
    due_local: datetime | None,
    extra_attempts: int,
) -> AssignmentException:
    if db.session.get(CohortMember, (cohort.id, user_id)) is None:
        raise CohortError("That learner is not in this cohort.")
    if not 0 <= extra_attempts <= 50:
        raise CohortError("Extra attempts must be between 0 and 50.")
    due = local_to_utc(due_local, cohort.timezone)
    if due is not None and assignment.open_at is not None and due <= assignment.open_at:
        raise CohortError("The extended due date must come after the open date.")
    exception = db.session.get(AssignmentException, (assignment.id, user_id))
    if exception is None:
        exception = AssignmentException(assignment_id=assignment.id, user_id=user_id)
        db.session.add(exception)
    exception.due_at, exception.extra_attempts = due, extra_attempts
    db.session.flush()
    results.refresh([user_id], [assignment], utcnow())  # extra attempts can change what counts
    stamps.stale([cohort.id])  # the board shows the extended due date
    db.session.commit()
    return exception


def set_time_allowance(cohort: Cohort, user_id: int, percent: int) -> None:
    """The learner's extra exam time (as ``flask users allowance`` sets it): an
    instructor may set it for learners of their own cohort only."""
    if db.session.get(CohortMember, (cohort.id, user_id)) is None:
        raise CohortError("That learner is not in this cohort.")
    if not 0 <= percent <= 200:
        raise CohortError("The time allowance is a percentage from 0 to 200.")
    db.session.get(User, user_id).time_allowance = percent
    db.session.commit()
