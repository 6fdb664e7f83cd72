"""Plain helpers for the admin tests (the fixtures are in conftest.py)."""

from __future__ import annotations

import html
import re

from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, User, UserSession
from tests.conftest import csrf_token


def post(client, path: str, data: dict | None = None, token_from: str = "/"):
    """POST with the client's CSRF token, read from the page ``token_from``."""
    token = csrf_token(client, token_from)
    return client.post(path, data={"csrf_token": token, **(data or {})})


def text(response) -> str:
    """The page as text, entities decoded, for phrases to look for."""
    return html.unescape(response.get_data(as_text=True))


def emails_listed(response) -> list[str]:
    """The accounts in the users table, in order."""
    return re.findall(r'<th scope="row">([^<]+)<br>', response.get_data(as_text=True))


def user(ctx, user_id: int) -> User:
    with ctx():
        found = db.session.get(User, user_id)
        db.session.expunge(found)
        return found


def user_id_of(ctx, email: str) -> int | None:
    with ctx():
        return db.session.scalar(select(User.id).where(User.email == email))


def audit_rows(ctx) -> list[tuple]:
    """(actor_id, action, target_user_id, details) of every audit event, oldest first."""
    with ctx():
        events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))
        return [(e.actor_id, e.action, e.target_user_id, e.details) for e in events]


def count_sessions(ctx, user_id: int) -> int:
    with ctx():
        return db.session.scalar(
            select(func.count()).select_from(UserSession).where(UserSession.user_id == user_id)
        )


def is_logged_in(client) -> bool:
    response = client.get("/account")
    assert response.status_code in (200, 302)
    return response.status_code == 200
