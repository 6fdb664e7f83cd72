"""Account logic as plain functions: the views and the tests call these.

Answers never reveal whether an address has an account: register and reset send
a mail either way (to the owner, when there is one) and say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select

from app.auth import emails, tokens
from app.auth.passwords import hash_password, verify_password
from app.auth.sessions import end_user_sessions
from app.cohorts import stamps
from app.extensions import db
from app.models import User, UserSession
from app.models._types import utcnow


def normalize_email(email: str) -> str:
    return email.strip().lower()


def get_user(user_id: int) -> User:
    """The account row, for changing it (``current_user`` is a read-only record)."""
    return db.session.get_one(User, user_id)


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalize_email(email)))


def register(
    email: str, display_name: str, password: str, timezone: str, next_path: str = ""
) -> User | None:
    """Create an unverified account and mail a verification link.

    If the address is taken, mail its owner instead and return None; the caller
    answers the same way in both cases.
    """
    email = normalize_email(email)
    existing = find_user(email)
    if existing is not None:
        hash_password(password)  # same work as the other branch, so timing says nothing
        emails.send_already_registered(existing)
        return None
    user = User(
        email=email,
        display_name=display_name.strip(),
        password_hash=hash_password(password),
        timezone=timezone,
    )
    db.session.add(user)
    db.session.commit()
    emails.send_verification(user, next_path)
    return user


def authenticate(email: str, password: str) -> User | None:
    """The user whose credentials these are, if the account is usable."""
    user = find_user(email)
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not user.is_active:
        return None
    return user


def verify_email(token: str) -> User | None:
    data = tokens.read_verify_token(token)
    user = db.session.get(User, data.get("u")) if isinstance(data, dict) else None
    if user is None or not tokens.verify_token_matches(data, user):
        return None
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
        db.session.commit()
    return user


def request_password_reset(email: str) -> None:
    user = find_user(email)
    if user is not None and user.is_active:
        emails.send_password_reset(user)


def user_for_reset_token(token: str) -> User | None:
    data = tokens.read_reset_token(token)
    user = db.session.get(User, data.get("u")) if isinstance(data, dict) else None
    if user is None or not user.is_active or not tokens.reset_token_matches(data, user):
        return None
    return user


def set_password(user: User, password: str, keep_session: str | None = None) -> None:
    """Store a new password and end every session of the user but ``keep_session``.

    A reset also proves the user reads their mail, so it verifies the address.
    """
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    end_user_sessions(user.id, keep=keep_session)
    db.session.commit()


def disable_user(user: User) -> None:
    user.disabled_at = utcnow()
    end_user_sessions(user.id)
    db.session.commit()


def update_profile(user: User, display_name: str, timezone: str) -> None:
    if display_name.strip() != user.display_name:
        stamps.stale_for_learner(user.id)  # their cohorts' boards show the name
    user.display_name, user.timezone = display_name.strip(), timezone
    db.session.commit()


@dataclass
class ActiveSession:
    id: str
    current: bool
    persistent: bool
    created_at: object
    last_seen_at: object
    user_agent: str
    ip_address: str


def active_sessions(user: User, current_id: str | None) -> list[ActiveSession]:
    rows = db.session.scalars(
        select(UserSession)
        .where(UserSession.user_id == user.id, UserSession.expires_at > utcnow())
        .order_by(UserSession.last_seen_at.desc())
    )
    return [
        ActiveSession(
            r.id,
            r.id == current_id,
            r.persistent,
            r.created_at,
            r.last_seen_at,
            r.user_agent,
            r.ip_address,
        )
        for r in rows
    ]


def end_session(user: User, session_id: str) -> bool:
    """End one of ``user``'s own sessions; False if it is not theirs (or gone)."""
    row = db.session.get(UserSession, session_id)
    if row is None or row.user_id != user.id:
        return False
    db.session.delete(row)
    db.session.commit()
    return True


def purge_expired_sessions() -> int:
    """Delete expired session rows (run by a scheduler: ``flask sessions purge``)."""
    result = db.session.execute(delete(UserSession).where(UserSession.expires_at <= utcnow()))
    db.session.commit()
    return result.rowcount or 0


def is_last_admin(user: User) -> bool:
    """Whether removing ``user`` would leave the site with no active admin."""
    if user.role != "admin":
        return False
    others = db.session.scalar(
        select(func.count())
        .select_from(User)
        .where(User.role == "admin", User.id != user.id, User.disabled_at.is_(None))
    )
    return not others


def delete_account(user: User) -> None:
    """Remove the account and everything recorded about the learner.

    Every table that points at a user does so with ON DELETE CASCADE (progress,
    attempts, answers, review cards, statements, sessions), so one DELETE removes it
    all in one transaction, and no report can show the learner afterwards.
    """
    stamps.stale_for_learner(user.id)  # while the memberships still say which boards
    db.session.execute(delete(User).where(User.id == user.id))
    db.session.commit()
