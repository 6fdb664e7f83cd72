"""Column helpers shared by the model modules."""

from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC datetime on both engines (SQLite drops the offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime; use an aware UTC datetime")
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        # PostgreSQL returns the session's zone (ZoneInfo("Etc/UTC")), not ``UTC`` itself,
        # which ``fsrs`` refuses: the same instant, in the one UTC everyone compares with.
        return value.astimezone(UTC) if value is not None else value
