"""Engine settings per database: SQLite gets WAL, foreign keys and real transactions.

SQLite allows one writer at a time. A transaction that has read and then tries to
write fails at once ("database is locked", no busy wait) if another process wrote
in between, so requests that change things (POST and friends) begin with
``BEGIN IMMEDIATE``: they queue for the write lock up front, within the busy
timeout, instead of failing halfway. Reads begin deferred and run side by side.
"""

from __future__ import annotations

from flask import Flask, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

from app.extensions import db

READ_METHODS = {"GET", "HEAD", "OPTIONS"}


def start_writing() -> None:
    """Call before a GET request writes: ends its read transaction, so the writes
    start a fresh one that waits for the lock instead of failing (see above)."""
    session = db.session()
    if session.get_bind().dialect.name == "sqlite" and session.in_transaction():
        session.commit()


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the driver, emit BEGIN, so SAVEPOINT and DDL are transactional.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        writes = has_request_context() and request.method not in READ_METHODS
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def configure_engine(app: Flask) -> None:
    with app.app_context():
        engine = db.engine
        if engine.dialect.name == "sqlite":
            _configure_sqlite(engine)


def upsert(
    model,
    values: dict | list[dict],
    keys: list[str],
    changes: dict | None = None,
    replace: tuple[str, ...] = (),
    only_if=None,
):
    """INSERT … ON CONFLICT for either engine: update ``changes`` and overwrite the
    ``replace`` columns with the incoming row's values (or, with neither, do nothing).
    ``values`` may be a list of rows: one statement inserts them all. ``only_if``, given
    the incoming row (``excluded``), says when the stored row may be updated at all.

    Both SQLite and PostgreSQL speak the same clause; SQLAlchemy only needs the
    dialect's own ``insert`` to write it.
    """
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    stmt = insert(model).values(values)
    set_ = {name: stmt.excluded[name] for name in replace} | (changes or {})
    if set_:
        where = only_if(stmt.excluded) if only_if is not None else None
        return stmt.on_conflict_do_update(index_elements=keys, set_=set_, where=where)
    return stmt.on_conflict_do_nothing(index_elements=keys)
