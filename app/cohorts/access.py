"""Who may see what of a cohort. One place for the rule, used by every view.

Staff (owners and co-instructors) manage a cohort; an admin manages every cohort;
a learner sees a cohort they belong to, and only their own work in it. Anything
else is as good as unknown: a 404, so ids cannot be probed.
"""

from __future__ import annotations

from flask import g, has_request_context
from sqlalchemy import select

from app.extensions import db
from app.models import Cohort, CohortMember, CohortStaff

STAFF_ROLES = ("instructor", "admin")


def staff_role(user, cohort_id: int) -> str | None:
    """'owner' or 'instructor' for the cohort's staff, 'admin' for an admin, else None.
    An account no longer an instructor (demoted by an admin) manages nothing.

    Read once per request: a staff page asks twice, for the access check and for its
    heading ("You own this cohort"), and the board page is otherwise one read."""
    if user.role not in STAFF_ROLES:
        return None
    if not has_request_context():
        return _staff_role(user, cohort_id)
    roles = g.setdefault("cohort_staff_roles", {})
    key = (user.id, cohort_id)
    if key not in roles:
        roles[key] = _staff_role(user, cohort_id)
    return roles[key]


def _staff_role(user, cohort_id: int) -> str | None:
    role = db.session.scalar(
        select(CohortStaff.role).where(
            CohortStaff.cohort_id == cohort_id, CohortStaff.user_id == user.id
        )
    )
    if role is None and user.role == "admin":
        return "admin"
    return role


def managed_cohort(user, cohort_id: int) -> Cohort | None:
    """The cohort if ``user`` may manage it."""
    cohort = db.session.get(Cohort, cohort_id)
    if cohort is None or staff_role(user, cohort_id) is None:
        return None
    return cohort


def member_cohort(user, cohort_id: int) -> Cohort | None:
    """The cohort if ``user`` is one of its learners."""
    cohort = db.session.get(Cohort, cohort_id)
    if cohort is None:
        return None
    member = db.session.get(CohortMember, (cohort_id, user.id))
    return cohort if member is not None else None


def can_create_cohorts(user) -> bool:
    return user.role in STAFF_ROLES
