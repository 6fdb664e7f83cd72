"""Driving the learning events through the client: practice answers, a mock exam, a
lesson completion, a scenario decision and the review queue, with answers built from
the question's key so a test knows whether it answered right or wrong.

Functions that read the database take ``ctx`` and open their own app context, so they
can be called between requests.
"""

from __future__ import annotations

import html
import re

from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    AttemptItem,
    ExamAttempt,
    PracticeRun,
    Question,
    ReviewCard,
    ReviewLog,
    TagMastery,
    XapiStatement,
)
from app.quizzes.grading import correct_options, match_tokens
from tests.conftest import csrf_token

COURSE = "/courses/project-management-for-it"
WHY_CHECK = f"{COURSE}/practice/why-check"
EXAM = f"{COURSE}/exams/mock-exam"
SCENARIO = f"{COURSE}/scenarios/patch-the-email-servers"
WHY_LESSON = "pmit-why-projects"
NAV_DUE = re.compile(r'>Review <span class="count">\((\d+) due\)</span></a>')
RUN_RE = re.compile(r"/practice/runs/(\d+)/1$")
EXAM_RE = re.compile(r"/exams/(\d+)/q/\d+$")
SCENARIO_RE = re.compile(r"/scenarios/attempts/(\d+)$")


def text(response) -> str:
    """The page as a reader sees it: tags removed, entities decoded, spaces collapsed."""
    page = response.get_data(as_text=True) if hasattr(response, "get_data") else response
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def nav_due(client) -> int | None:
    """The number in the navigation's "Review (N due)", or None when it shows no count."""
    page = client.get("/").get_data(as_text=True)
    assert 'href="/review">Review' in page, "no Review link in the navigation"
    match = NAV_DUE.search(page)
    return int(match.group(1)) if match else None


def post(client, path: str, data: dict | None = None, **kw):
    """A form post carrying the session's CSRF token."""
    return client.post(path, data={"csrf_token": csrf_token(client, "/"), **(data or {})}, **kw)


# --- answers built from the key, in the real ids a practice or review form sends ---


def answer_fields(qtype: str, content: dict, right: bool) -> dict:
    """The form fields of a right answer, or of a wrong one that scores 0."""
    if qtype in {"single", "multiple"}:
        if right:
            chosen = sorted(correct_options(content))
            return {"choice": chosen if qtype == "multiple" else chosen[0]}
        return {"choice": next(o["id"] for o in content["options"] if not o.get("correct"))}
    if qtype == "true_false":
        value = content["answer"] if right else not content["answer"]
        return {"choice": str(value).lower()}
    if qtype == "ordering":
        ids = [item["id"] for item in content["items"]]
        order = ids if right else ids[::-1]  # reversed: every pair out of order
        return {f"pos-{item_id}": str(order.index(item_id) + 1) for item_id in ids}
    keys = {key: token for token, key in match_tokens(content).items()}
    pairs = [pair["id"] for pair in content["pairs"]]
    given = pairs if right else pairs[1:] + pairs[:1]  # wrong: each gets the next one's match
    return {f"match-{pair}": keys[match] for pair, match in zip(pairs, given, strict=True)}


def question(ctx, question_id: str) -> tuple[str, dict]:
    with ctx():
        row = db.session.get(Question, question_id)
        return row.type, row.content


# --- practice ---


def start_run(client, path: str) -> int:
    """Press a start button (a quiz's, or "Practise this"); returns the new run's id."""
    response = post(client, path)
    assert response.status_code == 302, response.status_code
    match = RUN_RE.search(response.headers["Location"])
    assert match, response.headers["Location"]
    return int(match.group(1))


def run_questions(ctx, run_id: int) -> list[str]:
    with ctx():
        return list(db.session.get(PracticeRun, run_id).question_ids)


def practise(client, ctx, run_id: int, position: int, right: bool):
    """Answer the question at ``position`` of a run, right or wrong."""
    qtype, content = question(ctx, run_questions(ctx, run_id)[position - 1])
    response = post(
        client, f"/practice/runs/{run_id}/{position}", answer_fields(qtype, content, right)
    )
    assert response.status_code == 302, response.status_code
    return response


# --- the mock exam (answers go in the attempt's opaque tokens) ---


def start_exam(client) -> int:
    response = post(client, f"{EXAM}/start")
    assert response.status_code == 302, response.status_code
    return int(EXAM_RE.search(response.headers["Location"]).group(1))


def exam_items(ctx, attempt_id: int) -> list[AttemptItem]:
    with ctx():
        return list(
            db.session.scalars(
                select(AttemptItem)
                .where(AttemptItem.attempt_id == attempt_id)
                .order_by(AttemptItem.position)
            )
        )


def _tokenized(snapshot: dict, fields: dict) -> dict:
    token = {real: tok for tok, real in snapshot["tokens"].items()}
    result = {}
    for name, value in fields.items():
        prefix, _, real = name.partition("-")
        if name == "choice":
            result[name] = [token[v] for v in value] if isinstance(value, list) else token[value]
        elif prefix == "pos":
            result[f"pos-{token[real]}"] = value
        else:
            result[f"match-{token[real]}"] = token[value]
    return result


def answer_exam(client, ctx, attempt_id: int, right: int) -> None:
    """Save right answers to the first ``right`` questions; leave the rest unanswered."""
    items = exam_items(ctx, attempt_id)
    token = csrf_token(client, "/")
    for item in items[:right]:
        snap = item.snapshot
        fields = _tokenized(snap, answer_fields(snap["type"], snap["content"], right=True))
        response = client.post(
            f"/exams/{attempt_id}/q/{item.position}",
            data={"csrf_token": token, **fields},
            headers={"Accept": "application/json"},
        )
        assert response.get_json()["saved"], response.get_json()


def submit_exam(client, attempt_id: int):
    response = post(client, f"/exams/{attempt_id}/submit")
    assert response.status_code == 302, response.status_code
    return response


# --- lessons and scenarios ---


def complete_lesson(client, lesson_id: str = WHY_LESSON):
    response = post(client, f"/progress/lessons/{lesson_id}/complete")
    assert response.status_code == 302, response.status_code
    return response


def start_scenario(client) -> int:
    response = post(client, f"{SCENARIO}/start")
    assert response.status_code == 302, response.status_code
    return int(SCENARIO_RE.search(response.headers["Location"]).group(1))


def decide(client, attempt_id: int, stage: str, choice: str):
    response = post(
        client,
        f"/scenarios/attempts/{attempt_id}/choose",
        {"stage": stage, "choice": choice},
    )
    assert response.status_code == 302, response.status_code
    return response


# --- the state behind the pages ---


def cards(ctx, user_id: int) -> list[ReviewCard]:
    with ctx():
        return list(
            db.session.scalars(
                select(ReviewCard).where(ReviewCard.user_id == user_id).order_by(ReviewCard.id)
            )
        )


def logs(ctx, user_id: int) -> list[ReviewLog]:
    with ctx():
        return list(
            db.session.scalars(
                select(ReviewLog).where(ReviewLog.user_id == user_id).order_by(ReviewLog.id)
            )
        )


def mastery(ctx, user_id: int) -> dict[str, TagMastery]:
    with ctx():
        rows = db.session.scalars(select(TagMastery).where(TagMastery.user_id == user_id))
        return {row.tag_id: row for row in rows}


def statements(ctx, user_id: int, verb: str | None = None) -> list[XapiStatement]:
    with ctx():
        stmt = select(XapiStatement).where(XapiStatement.user_id == user_id)
        if verb:
            stmt = stmt.where(XapiStatement.verb == verb)
        return list(db.session.scalars(stmt.order_by(XapiStatement.id)))


def exam_attempt(ctx, attempt_id: int) -> ExamAttempt:
    with ctx():
        return db.session.get(ExamAttempt, attempt_id)


def count(ctx, model, *where) -> int:
    with ctx():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))
