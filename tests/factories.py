"""Test data builders with sensible defaults: ``make_user(email=...)`` and friends."""

from __future__ import annotations

from functools import cache
from itertools import count

from app.auth.passwords import hash_password
from app.extensions import db
from app.models import User
from app.models._types import utcnow

PASSWORD = "correct horse battery staple"
_seq = count(1)


@cache
def _password_hash() -> str:
    return hash_password(PASSWORD)  # scrypt is slow on purpose: hash once per run


def make_user(
    email: str | None = None, password: str | None = None, verified: bool = True, **kw
) -> User:
    """Create and commit a user (call inside an app context)."""
    n = next(_seq)
    user = User(
        email=email or f"learner{n}@example.com",
        display_name=kw.pop("display_name", f"Learner {n}"),
        password_hash=hash_password(password) if password else _password_hash(),
        timezone=kw.pop("timezone", "Europe/London"),
        email_verified_at=utcnow() if verified else None,
        **kw,
    )
    db.session.add(user)
    db.session.commit()
    return user
