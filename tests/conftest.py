"""Shared fixtures.

The schema is migrated once per session (Alembic, as in production) and the real
``content/`` loaded once; each functional test then runs inside a transaction that
is rolled back, so tests are isolated without rebuilding anything.

``TEST_DATABASE_URL`` points the suite at PostgreSQL (``make test`` does this for
the functional and migration tests); otherwise a SQLite file in a temp folder.
"""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask_sqlalchemy.session import _app_ctx_id
from sqlalchemy import event
from sqlalchemy.orm import scoped_session, sessionmaker

from app.extensions import db, limiter
from app.mail import message_sent
from tests.databases import ready_app

ROOT = Path(__file__).resolve().parent.parent
PUBLIC_BASE_URL = "https://learn.example.test"


def make_config(database_url: str, **extra) -> dict:
    config = {
        "APP_ENV": "testing",
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-not-for-production",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "PUBLIC_BASE_URL": PUBLIC_BASE_URL,
        "CONTENT_DIR": str(ROOT / "content"),
        "RATELIMIT_STORAGE_URI": "memory://",
        "MAIL_SERVER": None,
        "SESSION_COOKIE_SECURE": False,
    }
    config.update(extra)
    return config


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    return os.environ.get("TEST_DATABASE_URL") or (
        f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    )


@pytest.fixture(scope="session")
def app(database_url):
    """One app for the session, its database migrated to head and content loaded."""
    with ready_app(make_config(database_url)) as app:
        yield app


@pytest.fixture
def db_transaction(app):
    """Run the test inside one outer transaction that is rolled back afterwards.

    The app's commits become savepoint releases on the shared connection.
    """
    with rolled_back_session(app) as connection:
        yield connection


@contextmanager
def rolled_back_session(app):
    """``db.session`` on one connection whose outer transaction is rolled back at the
    end; the app's commits become savepoint releases (for a test or a whole module)."""
    with app.app_context():
        connection = db.engine.connect()
        outer = connection.begin()
    original = db.session
    # A plain SQLAlchemy session: Flask-SQLAlchemy's own get_bind would ignore ``bind``.
    db.session = scoped_session(
        sessionmaker(bind=connection, join_transaction_mode="create_savepoint"),
        scopefunc=_app_ctx_id,
    )
    limiter.reset()
    try:
        yield connection
    finally:
        with app.app_context():
            db.session.remove()
        db.session = original
        outer.rollback()
        connection.close()


@pytest.fixture
def client(app, db_transaction):
    return app.test_client()


@pytest.fixture
def runner(app, db_transaction):
    return app.test_cli_runner()


@pytest.fixture
def ctx(app, db_transaction):
    """A context manager for calling services directly between requests.

    Do not hold it open around client requests: they would share its ``g``.
    """

    @contextmanager
    def app_context():
        with app.app_context():
            yield
            db.session.remove()

    return app_context


@pytest.fixture
def outbox(app):
    """Messages sent during the test, newest last."""
    sent = []

    def record(sender, message, **_):
        sent.append(message)

    message_sent.connect(record, app)
    yield sent
    message_sent.disconnect(record, app)


@contextmanager
def sql_statements(app):
    """Collects every SQL statement sent to the app's database inside the block."""
    with app.app_context():
        engine = db.engine
    sent: list[str] = []

    def record(conn, cursor, statement, *args):
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)


CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def csrf_token(client, path: str = "/login") -> str:
    """The CSRF token of the client's session, read from a page with a form."""
    html = client.get(path).get_data(as_text=True)
    match = CSRF_RE.search(html)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def link_in(message, path_prefix: str) -> str:
    """The first link in a mail whose path starts with ``path_prefix``."""
    body = message.get_content()
    match = re.search(re.escape(PUBLIC_BASE_URL + path_prefix) + r"\S+", body)
    assert match, f"no {path_prefix} link in: {body}"
    return match.group(0)


class AuthActions:
    def __init__(self, client):
        self.client = client

    def register(
        self,
        email="new@example.com",
        name="New Learner",
        password="correct horse battery staple",
        timezone="Europe/London",
    ):
        return self.client.post(
            "/register",
            data={
                "csrf_token": csrf_token(self.client, "/register"),
                "email": email,
                "display_name": name,
                "password": password,
                "timezone": timezone,
            },
        )

    def login(
        self,
        email="learner@example.com",
        password="correct horse battery staple",
        remember=False,
        next_url="",
    ):
        data = {
            "csrf_token": csrf_token(self.client),
            "email": email,
            "password": password,
            "next": next_url,
        }
        if remember:
            data["remember"] = "y"
        return self.client.post("/login", data=data)

    def logout(self):
        return self.client.post("/logout", data={"csrf_token": csrf_token(self.client, "/")})


@pytest.fixture
def auth(client):
    return AuthActions(client)
