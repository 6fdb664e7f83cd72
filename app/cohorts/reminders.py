"""Due-date reminders: one e-mail per learner and assignment, a set time before it
is due (``flask cohorts send-reminders``, run by a scheduler).

"Never twice" is the ``reminders_sent`` primary key: each reminder's row is inserted
(ON CONFLICT DO NOTHING) and committed before its mail goes out, and only the run
whose insert took the row sends it. Two schedulers running at once therefore send
each reminder once. A mail that fails to go out gives its row back, so the next run
tries again.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, delete, or_, select

from app.cohorts.links import assignment_links
from app.cohorts.status import DONE, matrix
from app.database import upsert
from app.extensions import db
from app.mail import send_mail
from app.models import (
    Assignment,
    AssignmentException,
    Cohort,
    CohortMember,
    ReminderSent,
    User,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reminder:
    """One mail to send, in plain values (no ORM rows: they expire on commit)."""

    assignment_id: int
    user_id: int
    email: str
    name: str
    title: str
    cohort: str
    due_at: datetime  # this learner's due date, with any extension, in UTC
    timezone: str  # the cohort's
    link: str


@dataclass
class Outcome:
    sent: int = 0
    failed: int = 0


def local_time(when: datetime, timezone: str) -> str:
    """E.g. "Friday 7 March 2025 at 17:00 (Europe/Paris)"."""
    local = when.astimezone(ZoneInfo(timezone))
    return f"{local:%A} {local.day} {local:%B %Y} at {local:%H:%M} ({timezone})"


def due_reminders(now: datetime, hours: int) -> list[Reminder]:
    """Reminders owed now: open work in a current cohort, not done, due for this
    learner (extension included) within ``hours``, to an active, confirmed account
    that has not had this reminder yet."""
    horizon = now + timedelta(hours=hours)
    extended = select(AssignmentException.assignment_id).where(
        AssignmentException.due_at > now, AssignmentException.due_at <= horizon
    )
    rows = db.session.execute(
        select(Assignment, Cohort.name, Cohort.timezone)
        .join(Cohort, Cohort.id == Assignment.cohort_id)
        .where(
            Cohort.archived_at.is_(None),
            or_(Assignment.open_at.is_(None), Assignment.open_at <= now),
            or_(
                and_(Assignment.due_at > now, Assignment.due_at <= horizon),
                Assignment.id.in_(extended),
            ),
        )
        .order_by(Assignment.due_at, Assignment.id)
    ).all()
    if not rows:
        return []
    by_cohort: dict[int, list[Assignment]] = defaultdict(list)
    cohorts = {}
    for assignment, name, timezone in rows:
        by_cohort[assignment.cohort_id].append(assignment)
        cohorts[assignment.cohort_id] = (name, timezone)
    learners: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for cohort_id, user_id, email, name in db.session.execute(
        select(CohortMember.cohort_id, User.id, User.email, User.display_name)
        .join(User, User.id == CohortMember.user_id)
        .where(
            CohortMember.cohort_id.in_(list(by_cohort)),
            User.disabled_at.is_(None),
            User.email_verified_at.is_not(None),
        )
        .order_by(User.id)
    ):
        learners[cohort_id].append((user_id, email, name))
    assignment_ids = [a.id for a, _, _ in rows]
    already = set(
        db.session.execute(
            select(ReminderSent.assignment_id, ReminderSent.user_id).where(
                ReminderSent.assignment_id.in_(assignment_ids)
            )
        ).tuples()
    )
    links = assignment_links([a for a, _, _ in rows])
    owed = []
    for cohort_id, assigned in by_cohort.items():
        people = learners[cohort_id]
        cells = matrix([uid for uid, _, _ in people], assigned, now)
        name, timezone = cohorts[cohort_id]
        for a in assigned:
            for uid, email, display_name in people:
                cell = cells[(uid, a.id)]
                if (a.id, uid) in already or cell.state == DONE:
                    continue
                if not now < cell.due_at <= horizon:
                    continue
                owed.append(
                    Reminder(
                        a.id,
                        uid,
                        email,
                        display_name,
                        a.title,
                        name,
                        cell.due_at,
                        timezone,
                        links[a.id],
                    )
                )
    return owed


def deliver(reminders: list[Reminder], now: datetime) -> Outcome:
    """Claim each reminder's row, then mail it; a row another run claimed is skipped."""
    outcome = Outcome()
    db.session.commit()  # end the reading transaction: each claim starts a fresh one
    for r in reminders:
        # RETURNING, not rowcount: psycopg reports -1 for INSERT … ON CONFLICT DO NOTHING.
        claimed = db.session.scalar(
            upsert(
                ReminderSent,
                {"assignment_id": r.assignment_id, "user_id": r.user_id, "sent_at": now},
                ["assignment_id", "user_id"],
            ).returning(ReminderSent.user_id)
        )
        db.session.commit()
        if claimed is None:
            continue
        try:
            send_mail(r.email, f"Reminder: “{r.title}” is due soon", _body(r))
        except OSError:  # smtplib's errors included
            log.exception("reminder to user %s not sent; the next run retries", r.user_id)
            db.session.execute(
                delete(ReminderSent).where(
                    ReminderSent.assignment_id == r.assignment_id,
                    ReminderSent.user_id == r.user_id,
                )
            )
            db.session.commit()
            outcome.failed += 1
            continue
        outcome.sent += 1
    return outcome


def send_reminders(now: datetime, hours: int) -> Outcome:
    """Send every reminder owed at ``now`` for work due within ``hours``."""
    return deliver(due_reminders(now, hours), now)


def _body(r: Reminder) -> str:
    return (
        f"Hello {r.name},\n\n"
        f"“{r.title}”, assigned to you in the cohort {r.cohort}, "
        f"is due on {local_time(r.due_at, r.timezone)}.\n\n"
        f"Open it here: {r.link}\n\n"
        "This is the only reminder you will get for it.\n"
    )
