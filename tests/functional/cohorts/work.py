"""A learner's real work, done through the quiz, exam and scenario services (the
same functions the pages call), so statuses come from the rows they write."""

from __future__ import annotations

import random
from datetime import datetime

from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from app.auth.services import get_user
from app.extensions import db
from app.models import PracticeRun, Question, Quiz, Scenario
from app.quizzes import exams, practice
from app.quizzes.grading import correct_options, match_tokens
from app.scenarios import attempts, engine
from tests.functional.exams.helpers import right_answer


def practice_form(question: Question, right: bool) -> MultiDict:
    """The form fields of a right answer, or of one that scores 0."""
    content, qtype = question.content, question.type
    if qtype in ("single", "multiple"):
        good = sorted(correct_options(content))
        bad = next(o["id"] for o in content["options"] if o["id"] not in good)
        return MultiDict([("choice", c) for c in (good if right else [bad])])
    if qtype == "true_false":
        return MultiDict({"choice": str(content["answer"] is right).lower()})
    if qtype == "ordering":
        ids = [item["id"] for item in content["items"]]
        order = ids if right else ids[::-1]
        return MultiDict({f"pos-{item_id}": str(order.index(item_id) + 1) for item_id in ids})
    token_of = {key: token for token, key in match_tokens(content).items()}
    pairs = [p["id"] for p in content["pairs"]]
    given = pairs if right else pairs[1:] + pairs[:1]
    return MultiDict({f"match-{p}": token_of[g] for p, g in zip(pairs, given, strict=True)})


def practice_run(ctx, user_id: int, quiz_id: str, right: list[bool], now: datetime) -> int:
    """A run of the quiz answered in order, right or wrong as ``right`` says; a run
    answered to its last question is finished."""
    with ctx():
        quiz = db.session.get(Quiz, quiz_id)
        run = practice.start_run(user_id, quiz, random.Random(7))
        run.started_at = now
        db.session.commit()
        for position, ok in enumerate(right, start=1):
            question = practice.question_at(run, position)
            practice.record_answer(run, position, question, practice_form(question, ok), now=now)
        return run.id


def retry(ctx, run_id: int, position: int, right: bool, now: datetime) -> None:
    """Answer a question of the run again (the page allows it)."""
    with ctx():
        run = db.session.get(PracticeRun, run_id)
        question = practice.question_at(run, position)
        practice.record_answer(run, position, question, practice_form(question, right), now=now)


def exam_attempt(ctx, user_id: int, right: int, now: datetime, submit: bool = True) -> int:
    """A mock-exam attempt with the first ``right`` questions answered right, submitted."""
    with ctx():
        quiz = db.session.scalar(select(Quiz).where(Quiz.id == "exam-pmit-mock"))
        attempt = exams.start_or_resume(get_user(user_id), quiz, now, random.Random(11))
        for item in exams.items(attempt)[:right]:
            exams.save_answer(attempt, item, MultiDict(right_answer(item.snapshot)), now)
        if submit:
            assert exams.submit(attempt, now)
        return attempt.id


def play_scenario(ctx, user_id: int, scenario_id: str, finish: bool = True) -> int:
    """Start the scenario and, if ``finish``, play the expert's path to its ending."""
    with ctx():
        scenario = db.session.get(Scenario, scenario_id)
        attempt = attempts.start(user_id, scenario)
        decisions = iter(engine.expert_path(scenario.data))
        while finish and not attempt.state["ended"]:
            stage = engine.stage_by_id(scenario.data, attempt.state["stage"])
            if stage["kind"] == "planning":
                marked = {
                    kind: {t["id"] for t in stage["tasks"] if t.get("kind") == kind}
                    for kind in ("rollback", "communication")
                }
                attempts.plan(
                    attempt,
                    scenario,
                    stage["id"],
                    stage["model_order"],
                    marked,
                    stage["model_window"],
                )
            else:
                attempts.choose(attempt, scenario, stage["id"], next(decisions)["choice"])
        return attempt.id
