"""The learner's own data, all of it, as one JSON document streamed in pieces
(a learner with years of answers must not need it all in memory at once)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime

from sqlalchemy import select

from app.extensions import db
from app.models import (
    AttemptItem,
    ExamAttempt,
    LessonProgress,
    PracticeAnswer,
    PracticeRun,
    ReviewCard,
    ReviewLog,
    ScenarioAttempt,
    StudyDay,
    TagMastery,
    User,
    UserSession,
    XapiStatement,
)

BATCH = 500


def _default(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(type(value))


def _row(obj, columns: list[str]) -> dict:
    return {name: getattr(obj, name) for name in columns}


# Per table: the model, the columns exported, and the filter for one learner.
SECTIONS = [
    (
        "lesson_progress",
        LessonProgress,
        ["lesson_id", "first_opened_at", "last_opened_at", "completed_at"],
    ),
    (
        "practice_runs",
        PracticeRun,
        ["id", "quiz_id", "tag_id", "question_ids", "started_at", "finished_at"],
    ),
    (
        "practice_answers",
        PracticeAnswer,
        [
            "id",
            "run_id",
            "position",
            "question_id",
            "question_version",
            "response",
            "score",
            "seconds",
            "answered_at",
        ],
    ),
    (
        "exam_attempts",
        ExamAttempt,
        [
            "id",
            "quiz_id",
            "status",
            "started_at",
            "deadline_at",
            "finished_at",
            "pass_mark",
            "question_count",
            "score",
            "passed",
            "by_area",
        ],
    ),
    (
        "scenario_attempts",
        ScenarioAttempt,
        [
            "id",
            "scenario_id",
            "scenario_version",
            "state",
            "steps",
            "started_at",
            "finished_at",
            "points",
            "total",
        ],
    ),
    ("mastery", TagMastery, ["tag_id", "rating", "variance", "answers", "correct", "updated_at"]),
    (
        "review_cards",
        ReviewCard,
        [
            "id",
            "kind",
            "item_id",
            "state",
            "due_at",
            "reps",
            "lapses",
            "created_at",
            "last_review_at",
        ],
    ),
    ("review_logs", ReviewLog, ["card_id", "rating", "reviewed_at"]),
    ("study_days", StudyDay, ["day", "actions", "seconds"]),
    (
        "learning_records",
        XapiStatement,
        [
            "uuid",
            "verb",
            "object_kind",
            "object_id",
            "object_name",
            "result",
            "timestamp",
            "pushed_at",
        ],
    ),
]
ITEM_COLUMNS = [
    "attempt_id",
    "position",
    "question_id",
    "question_version",
    "response",
    "flagged",
    "saved_at",
    "score",
]
ACCOUNT_COLUMNS = [
    "email",
    "display_name",
    "timezone",
    "role",
    "created_at",
    "email_verified_at",
    "time_allowance",
    "daily_goal",
    "xapi_id",
]
SESSION_COLUMNS = [
    "created_at",
    "last_seen_at",
    "expires_at",
    "persistent",
    "user_agent",
    "ip_address",
]


def _array(rows, columns: list[str]) -> Iterator[str]:
    yield "["
    for index, row in enumerate(rows):
        yield ("," if index else "") + json.dumps(_row(row, columns), default=_default)
    yield "]"


def export_chunks(user_id: int, now: datetime) -> Iterator[str]:
    """The JSON document, in pieces, for a streamed response."""
    user = db.session.get(User, user_id)
    yield '{"exported_at":' + json.dumps(now.isoformat())
    yield ',"account":' + json.dumps(_row(user, ACCOUNT_COLUMNS), default=_default)
    yield ',"sessions":'
    yield from _array(
        db.session.scalars(select(UserSession).where(UserSession.user_id == user_id)),
        SESSION_COLUMNS,
    )
    for name, model, columns in SECTIONS:
        yield f',"{name}":'
        rows = db.session.scalars(
            select(model).where(model.user_id == user_id).execution_options(yield_per=BATCH)
        )
        yield from _array(rows, columns)
    yield ',"exam_items":'
    items = db.session.scalars(
        select(AttemptItem)
        .join(ExamAttempt, ExamAttempt.id == AttemptItem.attempt_id)
        .where(ExamAttempt.user_id == user_id)
        .order_by(AttemptItem.attempt_id, AttemptItem.position)
        .execution_options(yield_per=BATCH)
    )
    yield from _array(items, ITEM_COLUMNS)
    yield "}"
