"""Databases for tests that cannot share the rolled-back transaction of tests/conftest.py."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from flask import Flask
from flask_migrate import upgrade
from psycopg import sql
from sqlalchemy.engine import make_url

from app import create_app
from app.content.loader import load_content
from app.extensions import db

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def fresh_database(folder: Path, prefix: str) -> Iterator[str]:
    """The URL of a new, empty database, removed afterwards.

    SQLite: a new file in ``folder``. PostgreSQL (``TEST_DATABASE_URL``): a new
    database on the same server, created and dropped with psycopg in autocommit
    mode (CREATE/DROP DATABASE cannot run inside a transaction).
    """
    server = os.environ.get("TEST_DATABASE_URL")
    if not server:
        yield f"sqlite:///{folder / f'{prefix}.db'}"
        return
    url = make_url(server)
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            conn.execute(drop.format(sql.Identifier(name)))


@contextmanager
def ready_app(config: dict) -> Iterator[Flask]:
    """An app on ``config``'s database, migrated to head with the real content loaded;
    its engine is disposed afterwards."""
    app = create_app(config)
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        load_content(db.session, app.config["CONTENT_DIR"])
        db.session.remove()
    try:
        yield app
    finally:
        with app.app_context():
            db.engine.dispose()
