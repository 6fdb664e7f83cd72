"""A learner's due dates as an iCalendar feed, behind a secret, revocable URL.

The URL carries a random token; only its SHA-256 is stored (``User.calendar_token_hash``),
so the database alone cannot rebuild a feed address. Resetting replaces the token
(the old address stops working at once); revoking clears it.

The feed lists what "Assigned to you" lists: open work of the learner's current
cohorts, each due date with the learner's own extension. One event per assignment,
at the due instant in UTC, with a UID stable across fetches so calendar apps update
an event in place when a due date moves. The event has no DTEND: RFC 5545 requires
DTEND to be later than DTSTART, and an event without one ends when it starts.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from urllib.parse import urlsplit

from flask import current_app
from icalendar import Calendar, Event
from sqlalchemy import select

from app.cohorts.links import public_link, url_building
from app.cohorts.services import assigned_to
from app.extensions import db
from app.models import Cohort, User

PRODID = "-//PM for IT//Assignment due dates//EN"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_or_reset_token(user: User) -> str:
    """A new feed token for ``user`` (any previous one stops working); shown once."""
    token = secrets.token_urlsafe(32)
    user.calendar_token_hash = _hash(token)
    db.session.commit()
    return token


def revoke(user: User) -> None:
    user.calendar_token_hash = None
    db.session.commit()


def has_feed(user_id: int) -> bool:
    return db.session.scalar(select(User.calendar_token_hash).where(User.id == user_id)) is not None


def owner(token: str) -> User | None:
    """The active account whose feed ``token`` opens, or None."""
    if not token or len(token) > 100:
        return None
    user = db.session.scalar(select(User).where(User.calendar_token_hash == _hash(token)))
    return user if user is not None and user.disabled_at is None else None


def feed(token: str, now: datetime) -> bytes | None:
    """The VCALENDAR for ``token``'s learner, or None for an unknown or revoked token."""
    user = owner(token)
    if user is None:
        return None
    host = urlsplit(current_app.config["PUBLIC_BASE_URL"]).hostname or "localhost"
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Assignment due dates")
    with url_building():
        rows = assigned_to(user.id, now)
        cohorts = dict(
            db.session.execute(
                select(Cohort.id, Cohort.name).where(
                    Cohort.id.in_({r.assignment.cohort_id for r in rows})
                )
            ).all()
        )
        for row in rows:
            a = row.assignment
            link = public_link(a, row.url)
            event = Event()
            event.add("uid", f"assignment-{a.id}@{host}")
            event.add("dtstamp", now)
            event.add("dtstart", row.cell.due_at)
            event.add("summary", f"{a.title} due")
            event.add("description", f"Cohort: {cohorts[a.cohort_id]}\n{link}")
            event.add("url", link)
            event.add("transp", "TRANSPARENT")  # a deadline, not time taken
            calendar.add_component(event)
    return calendar.to_ical()
