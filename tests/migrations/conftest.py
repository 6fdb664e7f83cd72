"""A fresh, empty database per test, outside the shared rolled-back transaction.

SQLite: a new file in the test's temp folder. PostgreSQL (``TEST_DATABASE_URL``): a
new database on the same server, created and dropped with psycopg in autocommit
mode (CREATE/DROP DATABASE cannot run inside a transaction).
"""

import pytest

from app import create_app
from app.extensions import db
from tests.conftest import make_config
from tests.databases import fresh_database


@pytest.fixture
def fresh_database_url(tmp_path):
    with fresh_database(tmp_path, "migrations") as url:
        yield url


@pytest.fixture
def fresh_app(fresh_database_url):
    """An app of its own on the fresh database; its engine is disposed afterwards."""
    app = create_app(make_config(fresh_database_url))
    yield app
    with app.app_context():
        db.engine.dispose()
