"""An app of its own on a fresh database, for requests that really run at the same time.

The functional tests share one connection inside a rolled-back transaction, where
nothing can race. Here the database is new for the module (a SQLite file, or a new
PostgreSQL database when ``TEST_DATABASE_URL`` is set), migrated and loaded with the
real content; requests come from threads, each with its own connection, and commit.
"""

from contextlib import contextmanager
from itertools import count

import pytest

from app.extensions import db
from tests.concurrency.race import same_session
from tests.conftest import AuthActions, make_config
from tests.databases import fresh_database, ready_app
from tests.factories import make_user

_learners = count(1)


@pytest.fixture(scope="module")
def race_app(tmp_path_factory):
    """The real app on a fresh database: migrated, content loaded, nothing rolled back."""
    folder = tmp_path_factory.mktemp("concurrency")
    with fresh_database(folder, "concurrency") as url, ready_app(make_config(url)) as app:
        yield app


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
    return lambda n: same_session(race_app, client, n)
