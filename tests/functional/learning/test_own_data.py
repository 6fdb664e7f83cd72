"""A learner sees only their own data everywhere: the dashboard, the export, the xAPI
statements and the review queue. Learner A works through the web; learner B has a
long seeded history (mock exams, mastery, cards due, statements)."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlparse

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import PracticeAnswer, ReviewCard, XapiStatement
from app.models._types import utcnow
from app.progress import xapi
from tests.conftest import PUBLIC_BASE_URL
from tests.functional.learning.conftest import xapi_id
from tests.functional.learning.helpers import (
    WHY_CHECK,
    cards,
    complete_lesson,
    nav_due,
    practise,
    start_exam,
    start_run,
    statements,
    text,
)
from tests.seed_history import seed_history

A_EMAIL = "learner@example.com"
FIGURE = re.compile(r"from \d+ answers")


@pytest.fixture
def histories(client, learner, other, ctx):
    """A completed a lesson (term cards due) and answered one question wrongly; B has
    40 seeded answers, 9 review cards (3 due), 12 mock exams and one begun on the web."""
    complete_lesson(client)
    run = start_run(client, f"{WHY_CHECK}/start")
    practise(client, ctx, run, 1, right=False)
    start_exam(other.client)
    with ctx():
        seed_history(other.user_id, answers=40, cards=9, now=utcnow())
    return learner, other


def ids(ctx, model, user_id: int, column="id") -> set:
    with ctx():
        return set(
            db.session.scalars(select(getattr(model, column)).where(model.user_id == user_id))
        )


# --- the dashboard ---


def test_dashboard_shows_only_the_learners_own_history(client, histories, ctx):
    a, b = histories
    due = sum(1 for c in cards(ctx, a) if c.due_at <= utcnow())
    page = text(client.get("/progress"))
    assert f"Review ({due} due)" in page
    assert "No mock exams yet" in page and "Last mock:" not in page
    assert not FIGURE.search(page)  # A has too few answers for any figure
    theirs = text(b.client.get("/progress"))  # the same page does show B's history
    assert "Review (3 due)" in theirs and "Last mock:" in theirs and FIGURE.search(theirs)


def test_navigation_counts_only_the_learners_own_due_cards(client, histories, ctx):
    a, b = histories
    assert nav_due(client) == sum(1 for c in cards(ctx, a) if c.due_at <= utcnow())
    assert nav_due(b.client) == 3


# --- the review queue ---


def test_review_queue_offers_only_the_learners_own_cards(client, histories, ctx):
    a, b = histories
    page = client.get("/review").get_data(as_text=True)
    [card_id] = re.findall(r'action="/review/cards/(\d+)"', page)
    assert int(card_id) in {c.id for c in cards(ctx, a)}
    theirs = b.client.get("/review").get_data(as_text=True)
    [their_card] = re.findall(r'action="/review/cards/(\d+)"', theirs)
    assert int(their_card) in ids(ctx, ReviewCard, b.user_id)


# --- the export ---


def test_export_holds_only_the_learners_own_rows(client, histories, ctx):
    a, b = histories
    response = client.get("/account/export")
    raw = response.get_data(as_text=True)
    data = json.loads(raw)
    assert data["account"]["email"] == A_EMAIL
    assert b.email not in raw and xapi_id(ctx, b.user_id) not in raw
    answers = {row["id"] for row in data["practice_answers"]}
    assert answers == ids(ctx, PracticeAnswer, a) and len(answers) == 1
    assert {row["id"] for row in data["review_cards"]} == ids(ctx, ReviewCard, a)
    records = {row["uuid"] for row in data["learning_records"]}
    assert records == ids(ctx, XapiStatement, a, "uuid")
    assert records.isdisjoint(ids(ctx, XapiStatement, b.user_id, "uuid"))
    assert data["exam_attempts"] == [] and data["exam_items"] == []  # none of B's mocks


# --- the xAPI statements ---


def get_statements(client, **query):
    response = client.get("/api/v1/me/statements", query_string=query)
    assert response.status_code == 200
    assert response.headers["X-Experience-API-Version"] == "1.0.3"
    return response.get_json()


def test_statements_are_only_the_learners_own_and_name_no_email(client, histories, ctx):
    a, b = histories
    response = client.get("/api/v1/me/statements")
    raw = response.get_data(as_text=True)
    found = response.get_json()["statements"]
    assert {s["id"] for s in found} == ids(ctx, XapiStatement, a, "uuid")
    actor = {"homePage": PUBLIC_BASE_URL, "name": xapi_id(ctx, a)}
    assert all(s["actor"]["account"] == actor for s in found)
    assert A_EMAIL not in raw and b.email not in raw and "mbox" not in raw


def add_statements(ctx, user_id: int, n: int) -> None:
    with ctx():
        for k in range(n):
            xapi.record(user_id, "attempted", "scenario", f"scn-{k}", f"Scenario {k}", utcnow())
        db.session.commit()


def test_statements_page_through_with_more_links_without_repeats(client, histories, ctx):
    a, _ = histories
    add_statements(ctx, a, 5)
    everything = ids(ctx, XapiStatement, a, "uuid")
    seen, pages, query = [], 0, {"limit": 3}
    while True:
        page = get_statements(client, **query)
        pages += 1
        assert len(page["statements"]) <= 3
        seen += [s["id"] for s in page["statements"]]
        if not page["more"]:
            break
        query = {k: v[0] for k, v in parse_qs(urlparse(page["more"]).query).items()}
    assert len(seen) == len(set(seen)) == len(everything) and set(seen) == everything
    assert pages == -(-len(everything) // 3)


def test_statements_come_newest_first(client, histories, ctx):
    a, _ = histories
    add_statements(ctx, a, 3)
    found = get_statements(client)["statements"]
    newest = statements(ctx, a)[-1]
    assert found[0]["id"] == newest.uuid


def test_a_statement_limit_beyond_500_is_capped(client, learner, ctx):
    with ctx():
        seed_history(learner, answers=505, cards=1, now=utcnow(), mocks=0)
    page = get_statements(client, limit=1000)
    assert len(page["statements"]) == 500 and page["more"]
    rest = client.get(page["more"]).get_json()
    assert len(rest["statements"]) == 5 and rest["more"] == ""


def test_statements_need_a_signed_in_learner(client):
    response = client.get("/api/v1/me/statements")
    assert response.status_code == 401
    assert response.is_json and response.get_json()["error"]
