"""Learning events as xAPI 1.0.3 statements.

Events are stored compactly (``XapiStatement``); the statement is built on the
way out. The actor is the learner's account on this site: ``homePage`` is
``PUBLIC_BASE_URL`` and ``name`` an opaque id made at registration, never the
email. Each lesson, question, exam and scenario has one IRI under
``PUBLIC_BASE_URL/xapi/activities/``, built from its stable content id.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select

from app.extensions import db
from app.models import User, XapiStatement

VERSION = "1.0.3"
ADL = "http://adlnet.gov/expapi"
VERBS = ("completed", "answered", "passed", "failed", "attempted")
ACTIVITY_TYPES = {
    "lesson": f"{ADL}/activities/lesson",
    "question": f"{ADL}/activities/cmi.interaction",
    "exam": f"{ADL}/activities/assessment",
    "scenario": f"{ADL}/activities/simulation",
}
PAGE_SIZE = 100
MAX_PAGE_SIZE = 500


def record(
    user_id: int,
    verb: str,
    kind: str,
    object_id: str,
    name: str,
    now: datetime,
    result: dict | None = None,
) -> None:
    """Keep one learning event; the caller commits with the event itself."""
    assert verb in VERBS and kind in ACTIVITY_TYPES
    db.session.add(
        XapiStatement(
            uuid=str(uuid.uuid4()),
            user_id=user_id,
            verb=verb,
            object_kind=kind,
            object_id=object_id,
            object_name=name[:200],
            result=result,
            timestamp=now,
        )
    )


def score_result(raw: float, maximum: float, success: bool | None = None) -> dict:
    """An xAPI result with a score (``scaled`` in 0..1) and, when known, success."""
    result: dict = {
        "score": {
            "scaled": round(raw / maximum, 4) if maximum else 0.0,
            "raw": round(raw, 2),
            "min": 0,
            "max": maximum,
        },
        "completion": True,
    }
    if success is not None:
        result["success"] = success
    return result


def activity_iri(base_url: str, kind: str, object_id: str) -> str:
    return f"{base_url}/xapi/activities/{kind}/{object_id}"


def _timestamp(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def statement(row: XapiStatement, base_url: str, actor_name: str) -> dict:
    """The full xAPI statement for a stored event."""
    built = {
        "id": row.uuid,
        "actor": {
            "objectType": "Agent",
            "account": {"homePage": base_url, "name": actor_name},
        },
        "verb": {"id": f"{ADL}/verbs/{row.verb}", "display": {"en-US": row.verb}},
        "object": {
            "objectType": "Activity",
            "id": activity_iri(base_url, row.object_kind, row.object_id),
            "definition": {
                "type": ACTIVITY_TYPES[row.object_kind],
                "name": {"en-US": row.object_name or row.object_id},
            },
        },
        "timestamp": _timestamp(row.timestamp),
        "version": VERSION,
    }
    if row.result:
        built["result"] = row.result
    return built


def statements_page(
    user: User, base_url: str, limit: int = PAGE_SIZE, before: int | None = None
) -> tuple[list[dict], int | None]:
    """The learner's statements, newest first, and the cursor of the next page."""
    limit = max(1, min(MAX_PAGE_SIZE, limit))
    stmt = select(XapiStatement).where(XapiStatement.user_id == user.id)
    if before is not None:
        stmt = stmt.where(XapiStatement.id < before)
    rows = list(db.session.scalars(stmt.order_by(XapiStatement.id.desc()).limit(limit + 1)))
    more = rows[limit - 1].id if len(rows) > limit else None
    return [statement(row, base_url, user.xapi_id) for row in rows[:limit]], more
