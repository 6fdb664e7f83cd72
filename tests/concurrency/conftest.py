"""An app of its own on a fresh database, for requests that really run at the same time.

The functional tests share one connection inside a rolled-back transaction, where
nothing can race. Here the database is new for the module (a SQLite file, or a new
PostgreSQL database when ``TEST_DATABASE_URL`` is set), migrated and loaded with the
real content; requests come from threads, each with its own connection, and commit.
"""

import os
import uuid
from contextlib import contextmanager
from itertools import count

import psycopg
import pytest
from flask_migrate import upgrade
from psycopg import sql
from sqlalchemy.engine import make_url

from app import create_app
from app.content.loader import load_content
from app.extensions import db
from tests.conftest import ROOT, AuthActions, make_config
from tests.factories import make_user

_learners = count(1)


@pytest.fixture(scope="module")
def fresh_database_url(tmp_path_factory):
    server = os.environ.get("TEST_DATABASE_URL")
    if not server:
        yield f"sqlite:///{tmp_path_factory.mktemp('concurrency') / 'race.db'}"
        return
    url = make_url(server)
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"concurrency_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            conn.execute(drop.format(sql.Identifier(name)))


@pytest.fixture(scope="module")
def race_app(fresh_database_url):
    """The real app on the fresh database: migrated, content loaded, nothing rolled back."""
    app = create_app(make_config(fresh_database_url))
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        load_content(db.session, app.config["CONTENT_DIR"])
        db.session.remove()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def ctx(race_app):
    """Like the functional ``ctx``: services and queries between requests."""

    @contextmanager
    def app_context():
        with race_app.app_context():
            yield
            db.session.remove()

    return app_context


@pytest.fixture
def client(race_app, ctx):
    """A test client logged in as a learner of its own (every test gets a new one)."""
    email = f"racer{next(_learners)}@example.com"
    with ctx():
        make_user(email=email)
    client = race_app.test_client()
    assert AuthActions(client).login(email=email).status_code == 302
    return client


@pytest.fixture
def same_browser(race_app, client):
    """``same_browser(n)``: n more test clients holding ``client``'s session cookie,
    as tabs of one browser (or a double-click) would."""
    name = race_app.config["SESSION_COOKIE_NAME"]
    cookie = client.get_cookie(name)
    assert cookie is not None

    def clients(n: int) -> list:
        others = [race_app.test_client() for _ in range(n)]
        for other in others:
            other.set_cookie(name, cookie.value)
        return others

    return clients
