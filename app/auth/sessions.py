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
from datetime import timedelta

from flask import Flask, Request, Response, request
from flask.sessions import SessionInterface, SessionMixin
from sqlalchemy import delete, select
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.datastructures import CallbackDict

from app.extensions import db
from app.models import User, UserSession
from app.models._types import utcnow

TOUCH_EVERY = timedelta(minutes=5)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ServerSession(CallbackDict, SessionMixin):
    """The session dict, plus what we know of its row."""

    def __init__(self, initial=None, token: str | None = None, row: UserSession | None = None):
        def on_update(_self):
            _self.modified = True

        super().__init__(initial or {}, on_update)
        self.token = token
        self.row = row
        self.user: User | None = row.user if row is not None else None
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


class ServerSessionInterface(SessionInterface):
    def open_session(self, app: Flask, request: Request) -> ServerSession:
        token = request.cookies.get(self.get_cookie_name(app))
        if not token or len(token) > 100:
            return ServerSession()
        try:
            row = db.session.execute(
                select(UserSession)
                .outerjoin(User, UserSession.user_id == User.id)
                .where(UserSession.id == hash_token(token))
                .add_columns(User)
            ).first()
        except SQLAlchemyError:
            db.session.rollback()
            return ServerSession()
        if row is None or row[0].expires_at <= utcnow():
            return ServerSession()
        try:
            data = json.loads(row[0].data)
        except ValueError:
            data = {}
        return ServerSession(data, token=token, row=row[0])

    def _lifetime(self, app: Flask, session: ServerSession) -> timedelta:
        if session.permanent:
            return app.config["PERMANENT_SESSION_LIFETIME"]
        return app.config["SESSION_IDLE_LIFETIME"]

    def save_session(self, app: Flask, session: ServerSession, response: Response) -> None:
        name, domain, path = (
            self.get_cookie_name(app),
            self.get_cookie_domain(app),
            self.get_cookie_path(app),
        )
        try:
            self._save(app, session, response, name, domain, path)
            db.session.commit()
        except SQLAlchemyError:
            db.session.rollback()
            app.logger.exception("could not save the session")

    def _save(self, app, session: ServerSession, response, name, domain, path) -> None:
        now = utcnow()
        if not session and not session.rotate:
            if session.row is not None:
                db.session.execute(delete(UserSession).where(UserSession.id == session.row.id))
                response.delete_cookie(name, domain=domain, path=path)
            return
        new_token = None
        if session.row is None or session.rotate:
            if session.row is not None:
                db.session.execute(delete(UserSession).where(UserSession.id == session.row.id))
            new_token = secrets.token_urlsafe(32)
            session.row = UserSession(id=hash_token(new_token), created_at=now)
            db.session.add(session.row)
            session.modified = True
        row = session.row
        expires = now + self._lifetime(app, session)
        if session.modified:
            user_id = session.get("_user_id")
            row.user_id = int(user_id) if user_id else None
            row.data = json.dumps(dict(session))
            row.persistent = session.permanent
            row.expires_at, row.last_seen_at = expires, now
            row.user_agent = (request.user_agent.string or "")[:200]
            row.ip_address = (request.remote_addr or "")[:64]
        elif now - row.last_seen_at > TOUCH_EVERY:
            row.last_seen_at, row.expires_at = now, expires
        else:
            return
        if new_token or session.modified:
            response.set_cookie(
                name,
                new_token or session.token,
                expires=expires if session.permanent else None,
                httponly=True,
                secure=app.config["SESSION_COOKIE_SECURE"],
                samesite=app.config["SESSION_COOKIE_SAMESITE"],
                domain=domain,
                path=path,
            )
        response.vary.add("Cookie")
