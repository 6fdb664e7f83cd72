"""Full-text search over lessons: SQLite FTS5 or PostgreSQL tsvector, one interface.

SQLite keeps a ``lesson_fts`` virtual table that the loader maintains; PostgreSQL
searches an expression with a GIN index (both created by the migrations).
Snippets come back with private-use markers that ``_highlight`` turns into
``<mark>`` after escaping, so content text can never inject markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape
from sqlalchemy import text
from sqlalchemy.orm import Session

START, STOP = "\ue000", "\ue001"
MAX_TERMS = 8
PG_VECTOR = (
    "(setweight(to_tsvector('english', l.title), 'A') || "
    "setweight(to_tsvector('english', l.body_text), 'B'))"
)


@dataclass
class SearchHit:
    lesson_id: str
    lesson_slug: str
    title: str
    course_slug: str
    course_title: str
    snippet: Markup


def _terms(query: str) -> list[str]:
    return re.findall(r"\w+", query.lower())[:MAX_TERMS]


def _highlight(fragment: str) -> Markup:
    escaped = str(escape(fragment))
    return Markup(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S704 (escaped above)


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def index_lesson(session: Session, lesson) -> None:
    if not _is_sqlite(session):
        return
    remove_lesson(session, lesson.id)
    session.execute(
        text("INSERT INTO lesson_fts (lesson_id, title, body) VALUES (:id, :title, :body)"),
        {"id": lesson.id, "title": lesson.title, "body": lesson.body_text},
    )


def remove_lesson(session: Session, lesson_id: str) -> None:
    if _is_sqlite(session):
        session.execute(text("DELETE FROM lesson_fts WHERE lesson_id = :id"), {"id": lesson_id})


# Only module constants are interpolated below; user input is always a bound parameter.
_SQLITE_SEARCH = text(
    f"""
    SELECT l.id, l.slug, l.title, c.slug, c.title,
           snippet(lesson_fts, 2, '{START}', '{STOP}', '…', 24)
    FROM lesson_fts
    JOIN lessons l ON l.id = lesson_fts.lesson_id
    JOIN courses c ON c.id = l.course_id
    WHERE lesson_fts MATCH :match AND l.retired_at IS NULL AND c.retired_at IS NULL
    ORDER BY bm25(lesson_fts, 0.0, 10.0, 1.0)
    LIMIT :limit
    """  # noqa: S608
)

_PG_SEARCH = text(
    f"""
    SELECT l.id, l.slug, l.title, c.slug, c.title,
           ts_headline('english', l.body_text, q,
                       'StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=12')
    FROM lessons l
    JOIN courses c ON c.id = l.course_id,
         to_tsquery('english', :match) q
    WHERE {PG_VECTOR} @@ q AND l.retired_at IS NULL AND c.retired_at IS NULL
    ORDER BY ts_rank({PG_VECTOR}, q) DESC, l.title
    LIMIT :limit
    """  # noqa: S608
)


def search_lessons(session: Session, query: str, limit: int = 20) -> list[SearchHit]:
    """Lessons matching every word of ``query`` (prefixes too), best first."""
    terms = _terms(query)
    if not terms:
        return []
    if _is_sqlite(session):
        statement, match = _SQLITE_SEARCH, " ".join(f'"{t}"*' for t in terms)
    else:
        statement, match = _PG_SEARCH, " & ".join(f"{t}:*" for t in terms)
    rows = session.execute(statement, {"match": match, "limit": limit})
    return [SearchHit(r[0], r[1], r[2], r[3], r[4], _highlight(r[5] or "")) for r in rows]
