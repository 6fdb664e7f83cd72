"""Plain helpers for the account tests (the fixtures are in conftest.py)."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from sqlalchemy import func, select

from app.auth.sessions import hash_token
from app.extensions import db
from app.models import User, UserSession


def session_cookie(client) -> str | None:
    cookie = client.get_cookie("session")
    return cookie.value if cookie else None


def session_id(client) -> str:
    """The server-side id (the stored hash) of the client's session."""
    token = session_cookie(client)
    assert token, "the client has no session cookie"
    return hash_token(token)


def is_logged_in(client) -> bool:
    response = client.get("/account")
    if response.status_code == 200:
        return True
    assert response.status_code == 302 and response.location.startswith("/login")
    return False


def path_of(url: str) -> str:
    """The path (and query) of an absolute link from a mail, to request it in the test client."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def field_error(page: str, field: str) -> str | None:
    """The error shown under a form field, as plain text."""
    match = re.search(rf'<p class="error" id="{field}-error">(.*?)</p>', page, re.S)
    return html.unescape(match.group(1)) if match else None


def user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email))


def count_users() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def count_sessions(user_id: int) -> int:
    return db.session.scalar(
        select(func.count()).select_from(UserSession).where(UserSession.user_id == user_id)
    )
