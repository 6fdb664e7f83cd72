"""A fresh, empty database per test, outside the shared rolled-back transaction.

SQLite: a new file in the test's temp folder. PostgreSQL (``TEST_DATABASE_URL``): a
new database on the same server, created and dropped with psycopg in autocommit
mode (CREATE/DROP DATABASE cannot run inside a transaction).
"""

import os
import uuid

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url

from app import create_app
from app.extensions import db
from tests.conftest import make_config


@pytest.fixture
def fresh_database_url(tmp_path):
    server = os.environ.get("TEST_DATABASE_URL")
    if not server:
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    url = make_url(server)
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"migrations_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            conn.execute(drop.format(sql.Identifier(name)))


@pytest.fixture
def fresh_app(fresh_database_url):
    """An app of its own on the fresh database; its engine is disposed afterwards."""
    app = create_app(make_config(fresh_database_url))
    yield app
    with app.app_context():
        db.engine.dispose()
