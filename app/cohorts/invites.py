"""Invitations to a cohort: a shareable link (expiring, revocable, optionally capped
in uses) or an emailed invitation that only the account with that verified address
can accept. Only a token's SHA-256 is stored; the token lives in the link."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import or_, select, update

from app.auth.services import normalize_email
from app.cohorts import results, stamps
from app.extensions import db
from app.mail import public_url, send_mail
from app.models import Cohort, CohortInvite, CohortMember
from app.models._types import utcnow

MAX_DAYS = 90
MAX_EMAILS = 200


class InviteError(ValueError):
    """Why an invitation cannot be made or used; the message is for the user."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new(cohort: Cohort, creator_id: int, days: int, max_uses: int | None, email=None):
    if cohort.archived_at is not None:
        raise InviteError("This cohort is archived: it takes no new learners.")
    if not 1 <= days <= MAX_DAYS:
        raise InviteError(f"An invitation lasts 1 to {MAX_DAYS} days.")
    if max_uses is not None and max_uses < 1:
        raise InviteError("The number of uses must be at least 1, or left empty.")
    token = secrets.token_urlsafe(24)
    invite = CohortInvite(
        cohort_id=cohort.id,
        token_hash=_hash(token),
        email=email,
        created_by=creator_id,
        expires_at=utcnow() + timedelta(days=days),
        max_uses=max_uses,
    )
    db.session.add(invite)
    return invite, token


def create_link(cohort: Cohort, creator_id: int, days: int, max_uses: int | None):
    """A link anyone holding it can use; returns (invite, token)."""
    invite, token = _new(cohort, creator_id, days, max_uses)
    db.session.commit()
    return invite, token


def parse_emails(text: str) -> list[str]:
    """Addresses separated by commas, semicolons or new lines; every one must be valid."""
    found, bad = [], []
    for part in re.split(r"[,;\s]+", text or ""):
        if not part:
            continue
        try:
            address = normalize_email(validate_email(part, check_deliverability=False).normalized)
        except EmailNotValidError:
            bad.append(part)
            continue
        if address not in found:
            found.append(address)
    if bad:
        raise InviteError("Not an email address: " + ", ".join(bad[:5]) + ".")
    if not found:
        raise InviteError("Enter at least one email address.")
    if len(found) > MAX_EMAILS:
        raise InviteError(f"At most {MAX_EMAILS} addresses at a time.")
    return found


def invite_by_email(cohort: Cohort, creator_id: int, text: str, days: int) -> list[str]:
    """Mail a personal invitation to each address; all are checked before any is sent."""
    addresses = parse_emails(text)
    made = [(a, _new(cohort, creator_id, days, 1, email=a)[1]) for a in addresses]
    db.session.commit()
    for address, token in made:
        send_mail(
            address,
            f"You are invited to the cohort “{cohort.name}”",
            f"You have been invited to join the training cohort “{cohort.name}”.\n\n"
            f"Open this link to join (sign in or create an account with this address, "
            f"{address}): {public_url('cohorts.join', token=token)}\n\n"
            f"The invitation expires in {days} days.",
        )
    return addresses


def revoke(cohort: Cohort, invite_id: int) -> bool:
    invite = db.session.get(CohortInvite, invite_id)
    if invite is None or invite.cohort_id != cohort.id:
        return False
    if invite.revoked_at is None:
        invite.revoked_at = utcnow()
        db.session.commit()
    return True


def find(token: str) -> tuple[CohortInvite, Cohort] | None:
    if not token or len(token) > 100:
        return None
    row = db.session.execute(
        select(CohortInvite, Cohort)
        .join(Cohort, Cohort.id == CohortInvite.cohort_id)
        .where(CohortInvite.token_hash == _hash(token))
    ).first()
    return (row[0], row[1]) if row else None


def problem(invite: CohortInvite, cohort: Cohort, user, now: datetime) -> str | None:
    """Why ``user`` cannot join with this invitation now, or None."""
    if invite.revoked_at is not None:
        return "This invitation has been withdrawn. Ask your instructor for a new one."
    if invite.expires_at <= now:
        return "This invitation has expired. Ask your instructor for a new one."
    if cohort.archived_at is not None:
        return "This cohort is archived and closed to new learners."
    if invite.max_uses is not None and invite.uses >= invite.max_uses:
        return "This invitation has been used as many times as it allows."
    if invite.email is not None and user is not None:
        if normalize_email(user.email) != invite.email:
            return "This invitation was sent to another email address."
        if user.email_verified_at is None:
            return "Confirm your email address first, then open the invitation again."
    return None


def accept(token: str, user, now: datetime | None = None) -> Cohort:
    """Join the cohort; joining one you are already in changes nothing."""
    now = now or utcnow()
    found = find(token)
    if found is None:
        raise InviteError("This invitation link is not valid.")
    invite, cohort = found
    if db.session.get(CohortMember, (cohort.id, user.id)) is not None:
        return cohort
    reason = problem(invite, cohort, user, now)
    if reason:
        raise InviteError(reason)
    won = db.session.execute(  # two learners racing for the last use: one wins
        update(CohortInvite)
        .where(
            CohortInvite.id == invite.id,
            or_(CohortInvite.max_uses.is_(None), CohortInvite.uses < CohortInvite.max_uses),
        )
        .values(uses=CohortInvite.uses + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not won:
        db.session.rollback()
        raise InviteError("This invitation has been used as many times as it allows.")
    db.session.add(CohortMember(cohort_id=cohort.id, user_id=user.id, joined_at=now))
    db.session.flush()
    results.refresh_cohort(cohort, now, [user.id])  # work done before joining counts too
    stamps.stale([cohort.id])  # a new row on the board
    db.session.commit()
    return cohort


def open_invites(cohort: Cohort) -> list[CohortInvite]:
    return list(
        db.session.scalars(
            select(CohortInvite)
            .where(CohortInvite.cohort_id == cohort.id, CohortInvite.revoked_at.is_(None))
            .order_by(CohortInvite.created_at.desc())
        )
    )
