"""Cohorts, their staff and their learners: create, rename, archive, add a
co-instructor, remove a learner, leave."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import delete, func, select

from app.auth.services import find_user
from app.cohorts import results, stamps
from app.cohorts.items import item_url
from app.cohorts.status import Cell, matrix
from app.extensions import db
from app.models import Assignment, Cohort, CohortMember, CohortStaff, User
from app.models._types import utcnow


class CohortError(ValueError):
    """A request that cannot be done; the message is for the user."""


def valid_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise CohortError(f"Unknown time zone {name!r}.") from None
    return name


def one_line(name: str) -> str:
    """The name with runs of white space (line breaks too) made single spaces: it goes
    into mail subjects, where a line break is refused."""
    return " ".join(name.split())


def create_cohort(owner: User, name: str, timezone: str) -> Cohort:
    name = one_line(name)
    if not name:
        raise CohortError("Give the cohort a name.")
    cohort = Cohort(name=name[:120], timezone=valid_timezone(timezone))
    db.session.add(cohort)
    db.session.flush()
    db.session.add(CohortStaff(cohort_id=cohort.id, user_id=owner.id, role="owner"))
    db.session.commit()
    return cohort


def rename(cohort: Cohort, name: str, timezone: str) -> None:
    name = one_line(name)
    if not name:
        raise CohortError("Give the cohort a name.")
    cohort.name, cohort.timezone = name[:120], valid_timezone(timezone)
    stamps.stale([cohort.id])  # the board shows due dates in the cohort's time zone
    db.session.commit()


def set_archived(cohort: Cohort, archived: bool) -> None:
    """Archived: kept and readable by its staff, closed to new learners."""
    cohort.archived_at = utcnow() if archived else None
    db.session.commit()


def add_staff(cohort: Cohort, email: str, role: str = "instructor") -> User:
    """Add a co-instructor (or owner) by email; they must have an instructor or admin
    account already."""
    user = find_user(email)
    if user is None or user.role not in ("instructor", "admin"):
        raise CohortError("No instructor account has that email address.")
    existing = db.session.get(CohortStaff, (cohort.id, user.id))
    if existing is None:
        db.session.add(CohortStaff(cohort_id=cohort.id, user_id=user.id, role=role))
    else:
        existing.role = "owner" if "owner" in (existing.role, role) else role
    db.session.commit()
    return user


def remove_member(cohort: Cohort, user_id: int) -> bool:
    """End a learner's membership; their own work elsewhere is kept."""
    removed = db.session.execute(
        delete(CohortMember).where(
            CohortMember.cohort_id == cohort.id, CohortMember.user_id == user_id
        )
    ).rowcount
    if removed:
        results.forget(cohort.id, user_id)
    db.session.commit()
    return bool(removed)


def leave(cohort: Cohort, user_id: int) -> bool:
    return remove_member(cohort, user_id)


def sole_owner_of(user_id: int) -> list[Cohort]:
    """Cohorts whose only owner is ``user_id``: they cannot go until another owner exists."""
    owners = (
        select(CohortStaff.cohort_id)
        .where(CohortStaff.role == "owner")
        .group_by(CohortStaff.cohort_id)
        .having(func.count() == 1)
    )
    return list(
        db.session.scalars(
            select(Cohort)
            .join(CohortStaff, CohortStaff.cohort_id == Cohort.id)
            .where(
                CohortStaff.user_id == user_id,
                CohortStaff.role == "owner",
                Cohort.id.in_(owners),
            )
        )
    )


def can_teach(user) -> bool:
    return user.role in ("instructor", "admin")


@dataclass
class CohortSummary:
    cohort: Cohort
    role: str  # owner | instructor | admin | learner
    learners: int


def cohorts_for(user) -> list[CohortSummary]:
    """The cohorts a user teaches (all of them for an admin) and those they belong to."""
    learners = (
        select(CohortMember.cohort_id, func.count().label("n"))
        .group_by(CohortMember.cohort_id)
        .subquery()
    )
    taught = select(CohortStaff.cohort_id, CohortStaff.role).where(CohortStaff.user_id == user.id)
    roles = dict(db.session.execute(taught).tuples().all()) if can_teach(user) else {}
    stmt = select(Cohort, func.coalesce(learners.c.n, 0)).outerjoin(
        learners, learners.c.cohort_id == Cohort.id
    )
    if user.role != "admin":
        joined = select(CohortMember.cohort_id).where(CohortMember.user_id == user.id)
        stmt = stmt.where(Cohort.id.in_(list(roles)) | Cohort.id.in_(joined))
    rows = db.session.execute(stmt.order_by(Cohort.archived_at.is_not(None), Cohort.name))
    return [
        CohortSummary(c, roles.get(c.id) or ("admin" if user.role == "admin" else "learner"), n)
        for c, n in rows
    ]


def staff_of(cohort: Cohort) -> list[tuple[User, str]]:
    return list(
        db.session.execute(
            select(User, CohortStaff.role)
            .join(CohortStaff, CohortStaff.user_id == User.id)
            .where(CohortStaff.cohort_id == cohort.id)
            .order_by(CohortStaff.role.desc(), User.display_name)
        ).tuples()
    )


def learner_count(cohort: Cohort) -> int:
    """How many learners the cohort has, counted by the database (not loaded)."""
    return db.session.scalar(
        select(func.count()).select_from(CohortMember).where(CohortMember.cohort_id == cohort.id)
    )


def members_of(cohort: Cohort) -> list[tuple[User, datetime]]:
    return list(
        db.session.execute(
            select(User, CohortMember.joined_at)
            .join(CohortMember, CohortMember.user_id == User.id)
            .where(CohortMember.cohort_id == cohort.id)
            .order_by(User.display_name, User.id)
        ).tuples()
    )


@dataclass
class LearnerRow:
    assignment: Assignment
    cell: Cell
    url: str | None
    timezone: str


def learner_rows(user_id: int, assigned: list[Assignment], now: datetime) -> list[LearnerRow]:
    """A learner's own status on each assignment given, with where to do it."""
    zones = dict(
        db.session.execute(
            select(Cohort.id, Cohort.timezone).where(Cohort.id.in_({a.cohort_id for a in assigned}))
        )
        .tuples()
        .all()
    )
    cells = matrix([user_id], assigned, now)
    return [
        LearnerRow(a, cells[(user_id, a.id)], item_url(a.kind, a.item_id), zones[a.cohort_id])
        for a in assigned
    ]


def assigned_to(user_id: int, now: datetime) -> list[LearnerRow]:
    """ "Assigned to you": open work of every current cohort the learner is in, by due date."""
    assigned = list(
        db.session.scalars(
            select(Assignment)
            .join(CohortMember, CohortMember.cohort_id == Assignment.cohort_id)
            .join(Cohort, Cohort.id == Assignment.cohort_id)
            .where(
                CohortMember.user_id == user_id,
                Cohort.archived_at.is_(None),
                (Assignment.open_at.is_(None)) | (Assignment.open_at <= now),
            )
            .order_by(Assignment.due_at, Assignment.id)
        )
    )
    return learner_rows(user_id, assigned, now) if assigned else []
