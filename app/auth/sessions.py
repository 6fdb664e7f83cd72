"""Server-side sessions in our own table.

The cookie carries a random token; the table stores its SHA-256, the session data,
and the user it belongs to, so logout, a password change or disabling an account
can end sessions for real (a copied cookie stops working), and the account page can
list them. "Remember me" is a permanent session: a longer-lived cookie and row.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, fields
from datetime import datetime, timedelta

from flask import Flask, Request, Response, request
from flask.sessions import SessionInterface, SessionMixin
from flask_login import UserMixin
from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.datastructures import CallbackDict

from app.database import start_writing
from app.extensions import db
from app.models import ReviewCard, User, UserSession
from app.models._types import utcnow
from app.progress.review import due_filter

TOUCH_EVERY = timedelta(minutes=5)


@dataclass
class SessionUser(UserMixin):
    """The signed-in user as read with the session, in the same statement.

    A plain record, not a mapped object: building an ORM instance on every request
    cost more than the query. Code that changes the account loads the ``User`` row
    (``app.auth.services.get_user``).
    """

    id: int
    email: str
    display_name: str
    timezone: str
    role: str
    email_verified_at: datetime | None
    disabled_at: datetime | None
    last_lesson_id: str | None
    time_allowance: int
    daily_goal: int
    review_due: int = 0  # cards due now, for the navigation; not a column

    @property
    def is_active(self) -> bool:
        return self.disabled_at is None

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None


_USER_COLUMNS = [getattr(User, f.name) for f in fields(SessionUser) if f.name != "review_due"]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ServerSession(CallbackDict, SessionMixin):
    """The session dict, plus what we know of its stored row.

    ``sid`` is the row's id (the token's hash), None until the row exists.
    """

    def __init__(
        self,
        initial=None,
        token: str | None = None,
        sid: str | None = None,
        last_seen_at: datetime | None = None,
        user: SessionUser | None = None,
    ):
        def on_update(_self):
            _self.modified = True

        super().__init__(initial or {}, on_update)
        self.token, self.sid, self.last_seen_at, self.user = token, sid, last_seen_at, user
        self.modified = False
        self.rotate = False

    def regenerate(self) -> None:
        """Give this session a new id (at login, after a password change)."""
        self.rotate = True
        self.modified = True


def end_user_sessions(user_id: int, keep: str | None = None) -> int:
    """Delete every session of ``user_id`` except the one whose hash is ``keep``."""
    stmt = delete(UserSession).where(UserSession.user_id == user_id)
    if keep:
        stmt = stmt.where(UserSession.id != keep)
    return db.session.execute(stmt).rowcount or 0


# Built once at import: this runs on every request that carries a cookie.
_REVIEW_DUE = (
    select(func.count())
    .select_from(ReviewCard)
    .where(due_filter(User.id, bindparam("now")))
    .correlate(User)
    .scalar_subquery()
)
_SESSION_AND_USER = (
    select(
        UserSession.data,
        UserSession.expires_at,
        UserSession.last_seen_at,
        *_USER_COLUMNS,
        _REVIEW_DUE,
    )
    .outerjoin(User, UserSession.user_id == User.id)
    .where(UserSession.id == bindparam("id"))
)


class ServerSessionInterface(SessionInterface):
    def open_session(self, app: Flask, request: Request) -> ServerSession:
        token = request.cookies.get(self.get_cookie_name(app))
        if not token or len(token) > 100:
            return ServerSession()
        sid = hash_token(token)
        try:
            now = utcnow()
            row = (
                db.session.connection().execute(_SESSION_AND_USER, {"id": sid, "now": now}).first()
            )
        except SQLAlchemyError:
            db.session.rollback()
            return ServerSession()
        if row is None or row.expires_at <= now:
            return ServerSession()
        try:
            data = json.loads(row.data)
        except ValueError:
            data = {}
        user = SessionUser(*row[3:-1], review_due=row[-1] or 0) if row.id is not None else None
        return ServerSession(data, token=token, sid=sid, last_seen_at=row.last_seen_at, user=user)

    def _lifetime(self, app: Flask, session: ServerSession) -> timedelta:
        if session.permanent:
            return app.config["PERMANENT_SESSION_LIFETIME"]
        return app.config["SESSION_IDLE_LIFETIME"]

    def save_session(self, app: Flask, session: ServerSession, response: Response) -> None:
        try:
            if self._save(app, session, response):
                db.session.commit()
        except SQLAlchemyError:
            db.session.rollback()
            app.logger.exception("could not save the session")

    def _save(self, app: Flask, session: ServerSession, response: Response) -> bool:
        """Write what changed; True if anything was written."""
        name, domain, path = (
            self.get_cookie_name(app),
            self.get_cookie_domain(app),
            self.get_cookie_path(app),
        )
        now = utcnow()
        expires = now + self._lifetime(app, session)
        if not session and not session.rotate:
            if session.sid is None:
                return False
            start_writing()  # a GET's read transaction must not turn into a write
            db.session.execute(delete(UserSession).where(UserSession.id == session.sid))
            response.delete_cookie(name, domain=domain, path=path)
            return True
        if not session.modified and session.sid is not None:
            if now - session.last_seen_at <= TOUCH_EVERY:
                return False
            start_writing()
            db.session.execute(
                update(UserSession)
                .where(UserSession.id == session.sid)
                .values(last_seen_at=now, expires_at=expires)
            )
            return True
        start_writing()
        if session.sid is not None and session.rotate:
            db.session.execute(delete(UserSession).where(UserSession.id == session.sid))
        user_id = session.get("_user_id")
        values = {
            "user_id": int(user_id) if user_id else None,
            "data": json.dumps(dict(session)),
            "persistent": session.permanent,
            "expires_at": expires,
            "last_seen_at": now,
            "user_agent": (request.user_agent.string or "")[:200],
            "ip_address": (request.remote_addr or "")[:64],
        }
        if session.sid is None or session.rotate:
            session.token = secrets.token_urlsafe(32)
            session.sid = hash_token(session.token)
            db.session.execute(insert(UserSession).values(id=session.sid, created_at=now, **values))
        else:
            db.session.execute(
                update(UserSession).where(UserSession.id == session.sid).values(**values)
            )
        session.rotate = False
        response.set_cookie(
            name,
            session.token,
            expires=expires if session.permanent else None,
            httponly=True,
            secure=app.config["SESSION_COOKIE_SECURE"],
            samesite=app.config["SESSION_COOKIE_SAMESITE"],
            domain=domain,
            path=path,
        )
        response.vary.add("Cookie")
        return True
