"""Managing accounts: create, list, set roles, disable and enable, the audit log.

Plain functions called by the admin pages and by ``flask users``. Every change of
role or access writes an ``AuditEvent`` in the same transaction as the change;
``actor`` is the admin who made it, or None from the command line.

A role change needs nothing else: the signed-in user is read with the session on
every request (``app.auth.sessions``), so the new role applies from their next one.
Disabling ends the account's sessions at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, or_, select, true
from sqlalchemy.orm import aliased

from app.auth import services as accounts
from app.auth.passwords import hash_password, password_problem
from app.extensions import db
from app.models import AuditEvent, User
from app.models._types import utcnow

ROLES = ("learner", "instructor", "admin")
PAGE_SIZE = 50
MAX_ID = 2**31 - 1  # the largest id an integer column holds; beyond it no row exists
CLI = {"via": "cli"}  # added to the details of changes made from the command line


class Refused(ValueError):
    """A change the rules do not allow; the message says why, for a person to read."""


@dataclass
class Page:
    """One page of a listing: ``items``, and where it sits among the others."""

    items: list
    number: int
    pages: int
    total: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def _page(stmt, count_stmt, page: int) -> Page:
    """Run ``stmt`` for page ``page`` (clamped to the pages there are)."""
    total = db.session.scalar(count_stmt) or 0
    pages = max(1, ceil(total / PAGE_SIZE))
    number = min(max(page, 1), pages)
    items = list(db.session.execute(stmt.limit(PAGE_SIZE).offset((number - 1) * PAGE_SIZE)))
    return Page(items, number, pages, total)


def user_by_id(user_id: int) -> User | None:
    """The account with this id, or None (also for ids no integer column can hold)."""
    if not 0 < user_id <= MAX_ID:
        return None
    return db.session.get(User, user_id)


def _audit(actor: int | None, action: str, target: User, details: dict) -> None:
    db.session.add(
        AuditEvent(actor_id=actor, action=action, target_user_id=target.id, details=details)
    )


def _details(actor, **details) -> dict:
    return details if actor is not None else {**details, **CLI}


def _actor_id(actor) -> int | None:
    return actor.id if actor is not None else None


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise Refused(f"Unknown role {role!r}: use one of {', '.join(ROLES)}.")


def _is_last_active_admin(user: User) -> bool:
    """Whether ``user`` is the only active admin, with the admins locked for the check.

    The lock (PostgreSQL; SQLite writers are serialized anyway) stops two admins from
    demoting each other at the same moment and leaving none.
    """
    if user.role != "admin" or user.disabled_at is not None:
        return False
    db.session.execute(
        select(User.id).where(User.role == "admin", User.disabled_at.is_(None)).with_for_update()
    ).all()
    db.session.refresh(user)
    return user.role == "admin" and user.disabled_at is None and accounts.is_last_admin(user)


def new_account_problem(email: str, role: str) -> str | None:
    """Why an account for ``email`` with ``role`` cannot be created, or None."""
    if role not in ROLES:
        return f"Unknown role {role!r}: use one of {', '.join(ROLES)}."
    try:
        validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        return f"{email!r} is not an e-mail address: {exc}"
    if len(accounts.normalize_email(email)) > 254:
        return "An e-mail address has at most 254 characters."
    if accounts.find_user(email) is not None:
        return f"An account with the address {accounts.normalize_email(email)} already exists."
    return None


def create_user(
    actor, email: str, role: str, password: str, display_name: str | None = None
) -> User:
    """A verified account with ``role``: the operator vouches for the address.

    The password follows the same rules as at registration.
    """
    problem = new_account_problem(email, role)
    email = accounts.normalize_email(email)
    name = (display_name or "").strip() or email.split("@")[0]
    if problem is None and len(name) > 80:
        problem = "A display name has at most 80 characters."
    if problem is None:
        problem = password_problem(password, [email, name])
    if problem:
        raise Refused(problem)
    now = utcnow()
    user = User(
        email=email,
        display_name=name,
        password_hash=hash_password(password),
        timezone="UTC",
        role=role,
        email_verified_at=now,
    )
    db.session.add(user)
    db.session.flush()
    _audit(_actor_id(actor), "user.create", user, _details(actor, role=role))
    db.session.commit()
    return user


def set_role(actor, user: User, role: str) -> bool:
    """Give ``user`` the role; False if they had it already (nothing recorded).

    The last active admin cannot be demoted, by others or by themselves.
    """
    _check_role(role)
    if user.role == role:
        return False
    if _is_last_active_admin(user):
        raise Refused(f"{user.email} is the only active admin: make someone else admin first.")
    before = user.role
    user.role = role
    _audit(_actor_id(actor), "role.set", user, _details(actor, **{"from": before, "to": role}))
    db.session.commit()
    return True


def disable(actor, user: User) -> bool:
    """Disable the account and end all of its sessions; False if it already was."""
    if actor is not None and actor.id == user.id:
        raise Refused("You cannot disable your own account.")
    if user.disabled_at is not None:
        return False
    if _is_last_active_admin(user):
        raise Refused(f"{user.email} is the only active admin: make someone else admin first.")
    _audit(_actor_id(actor), "user.disable", user, _details(actor))
    accounts.disable_user(user)  # commits, with the audit row
    return True


def enable(actor, user: User) -> bool:
    """Let a disabled account sign in again; False if it was not disabled."""
    if user.disabled_at is None:
        return False
    user.disabled_at = None
    _audit(_actor_id(actor), "user.enable", user, _details(actor))
    db.session.commit()
    return True


def list_users(query: str = "", page: int = 1) -> Page:
    """Accounts whose e-mail or name contains ``query`` (any case), by e-mail."""
    condition = true()
    words = query.strip().lower()
    if words:
        condition = or_(
            func.lower(User.email).contains(words, autoescape=True),
            func.lower(User.display_name).contains(words, autoescape=True),
        )
    stmt = select(User).where(condition).order_by(User.email)
    count = select(func.count()).select_from(User).where(condition)
    found = _page(stmt, count, page)
    found.items = [row[0] for row in found.items]
    return found


@dataclass
class AuditRow:
    at: object
    action: str
    actor_email: str | None
    target_email: str | None
    details: dict


def audit_events(page: int = 1) -> Page:
    """The audit log, newest first, with the e-mails of the actor and the target."""
    actor, target = aliased(User), aliased(User)
    stmt = (
        select(AuditEvent, actor.email, target.email)
        .outerjoin(actor, actor.id == AuditEvent.actor_id)
        .outerjoin(target, target.id == AuditEvent.target_user_id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    )
    found = _page(stmt, select(func.count()).select_from(AuditEvent), page)
    found.items = [
        AuditRow(event.at, event.action, actor_email, target_email, event.details or {})
        for event, actor_email, target_email in found.items
    ]
    return found
