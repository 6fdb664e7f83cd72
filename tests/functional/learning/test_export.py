"""The JSON export (/account/export): one document with every section, holding the
learner's real rows, downloaded as a file."""

from __future__ import annotations

import json

from sqlalchemy import select

from app.extensions import db
from app.models import (
    AttemptItem,
    LessonProgress,
    ReviewCard,
    ReviewLog,
    StudyDay,
    TagMastery,
    User,
    XapiStatement,
)
from tests.functional.learning.helpers import WHY_LESSON

SECTIONS = {
    "account",
    "sessions",
    "lesson_progress",
    "practice_runs",
    "practice_answers",
    "exam_attempts",
    "exam_items",
    "scenario_attempts",
    "mastery",
    "review_cards",
    "review_logs",
    "study_days",
    "learning_records",
}


def export(client) -> dict:
    response = client.get("/account/export")
    assert response.status_code == 200
    return json.loads(response.get_data(as_text=True))


def column(ctx, attribute, *where) -> list:
    with ctx():
        return list(db.session.scalars(select(attribute).where(*where)))


def test_export_is_a_json_download_with_every_section_filled(client, busy):
    response = client.get("/account/export")
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Cache-Control"] == "no-store"
    data = json.loads(response.get_data(as_text=True))
    assert set(data) >= SECTIONS
    assert [name for name in sorted(SECTIONS) if not data[name]] == []


def test_export_account_is_the_learners_without_secrets(client, busy, ctx):
    raw = client.get("/account/export").get_data(as_text=True)
    account = json.loads(raw)["account"]
    with ctx():
        user = db.session.get(User, busy["user_id"])
        assert (account["email"], account["xapi_id"]) == (user.email, user.xapi_id)
        assert user.password_hash not in raw
    assert "password" not in raw


def test_export_holds_the_learners_activity(client, busy):
    data = export(client)
    assert [row["lesson_id"] for row in data["lesson_progress"]] == [WHY_LESSON]
    assert data["lesson_progress"][0]["completed_at"]
    assert [row["id"] for row in data["practice_runs"]] == [busy["run"]]
    [answer] = data["practice_answers"]
    assert (answer["run_id"], answer["position"], answer["score"]) == (busy["run"], 1, 0.0)
    [attempt] = data["exam_attempts"]
    assert (attempt["id"], attempt["status"], attempt["score"]) == (busy["exam"], "submitted", 5)
    assert [row["id"] for row in data["scenario_attempts"]] == [busy["scenario"]]
    assert data["scenario_attempts"][0]["state"]["decisions"][0]["choice"] == "assess"
    assert len(data["sessions"]) == 1


def test_export_exam_items_are_every_item_of_the_learners_attempts(client, busy, ctx):
    items = export(client)["exam_items"]
    assert {row["attempt_id"] for row in items} == {busy["exam"]}
    assert [row["position"] for row in items] == list(range(1, 41))
    stored = column(ctx, AttemptItem.question_id, AttemptItem.attempt_id == busy["exam"])
    assert sorted(row["question_id"] for row in items) == sorted(stored)
    assert sum(1 for row in items if row["response"] is not None) == 5


def test_export_progress_sections_match_the_database(client, busy, ctx):
    data = export(client)
    user_id = busy["user_id"]
    mine = {
        "mastery": (TagMastery.tag_id, "tag_id"),
        "review_cards": (ReviewCard.id, "id"),
        "review_logs": (ReviewLog.card_id, "card_id"),
        "study_days": (StudyDay.day, "day"),
        "learning_records": (XapiStatement.uuid, "uuid"),
        "lesson_progress": (LessonProgress.lesson_id, "lesson_id"),
    }
    for section, (attribute, key) in mine.items():
        stored = column(ctx, attribute, attribute.class_.user_id == user_id)
        exported = [row[key] for row in data[section]]
        stored = [v.isoformat() if section == "study_days" else v for v in stored]
        assert sorted(exported) == sorted(stored), section
    verbs = sorted(row["verb"] for row in data["learning_records"])
    assert verbs == ["answered", "attempted", "completed", "failed"]
