"""Plain helpers for the practice-set, record and certificate tests."""

from __future__ import annotations

import html
import re
from datetime import datetime
from zoneinfo import ZoneInfo

from app.extensions import db
from app.models import PracticeRun, Question, TagMastery
from app.models._types import utcnow
from app.quizzes.grading import correct_options, match_tokens
from tests.conftest import csrf_token

RUN_RE = re.compile(r"/practice/runs/(\d+)/1$")


def post(client, path: str, data: dict | None = None):
    """POST with the client's CSRF token."""
    return client.post(path, data={"csrf_token": csrf_token(client, "/"), **(data or {})})


def text(response) -> str:
    """The page as text, entities decoded, for phrases to look for."""
    return html.unescape(response.get_data(as_text=True))


def local_input(moment: datetime, timezone: str = "Europe/Berlin") -> str:
    """``moment`` as a datetime-local field value in ``timezone``."""
    return moment.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%dT%H:%M")


def skill(ctx, user_id: int, tag_id: str, rating: float, answers: int, variance=0.5) -> None:
    """A hand-made mastery row: the learner's belief on one tag."""
    with ctx():
        db.session.add(
            TagMastery(
                user_id=user_id,
                tag_id=tag_id,
                rating=rating,
                variance=variance,
                answers=answers,
                correct=answers / 2,
                updated_at=utcnow(),
            )
        )
        db.session.commit()


def right_answer(question: Question) -> dict:
    """The practice form fields of the right answer (practice forms send plain ids)."""
    qtype, content = question.type, question.content
    if qtype in {"single", "multiple"}:
        chosen = sorted(correct_options(content))
        return {"choice": chosen if qtype == "multiple" else chosen[0]}
    if qtype == "true_false":
        return {"choice": "true" if content["answer"] else "false"}
    if qtype == "ordering":
        return {f"pos-{item['id']}": str(n) for n, item in enumerate(content["items"], 1)}
    tokens = {key: token for token, key in match_tokens(content).items()}
    return {f"match-{pair['id']}": tokens[pair["id"]] for pair in content["pairs"]}


def started_run(response) -> int:
    """The run a "practise" POST redirected to."""
    assert response.status_code == 302, response.status_code
    match = RUN_RE.search(response.headers["Location"])
    assert match, response.headers["Location"]
    return int(match.group(1))


def answer_right(client, ctx, run_id: int, positions: range | None = None) -> None:
    """Answer the run's questions (all, or those at ``positions``) right, as the form does."""
    with ctx():
        run = db.session.get(PracticeRun, run_id)
        answers = [right_answer(db.session.get(Question, qid)) for qid in run.question_ids]
    positions = positions or range(1, len(answers) + 1)
    for position in positions:
        response = post(client, f"/practice/runs/{run_id}/{position}", answers[position - 1])
        assert response.status_code == 302, (position, text(response))
