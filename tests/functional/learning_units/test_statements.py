"""xAPI statements built from the rows the app stored for real learning events: every
verb and kind valid against xAPI 1.0.3, no email anywhere, paged newest first, and only
the learner's own."""

import json
import random
from datetime import timedelta

from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from app.extensions import db
from app.models import Lesson, Question, Quiz, Scenario, User
from app.models._types import utcnow
from app.progress import tracking, xapi
from app.progress.services import set_completed
from app.progress.tracking import Answer
from app.quizzes import exams
from app.scenarios import attempts, engine
from tests.conftest import PUBLIC_BASE_URL
from tests.factories import make_user
from tests.functional.exams.helpers import right_answer
from tests.functional.learning_units.conftest import NOW
from tests.unit.progress.xapi_spec import check_statement

EMAIL = "ada.lovelace@example.com"


def take_exam(user: User, right: bool) -> None:
    quiz = db.session.get(Quiz, "exam-pmit-mock")
    attempt = exams.start_or_resume(user, quiz, rng=random.Random(5))
    if right:
        for item in exams.items(attempt):
            exams.save_answer(attempt, item, MultiDict(right_answer(item.snapshot)))
    assert exams.submit(attempt)


def play_scenario(user_id: int) -> None:
    scenario = db.session.scalar(select(Scenario).where(Scenario.slug == "patch-the-email-servers"))
    attempt = attempts.start(user_id, scenario)
    attempt.total = 62.5
    tracking.record_scenario_finished(attempt, scenario, engine.max_points(scenario.data), utcnow())
    db.session.commit()


def learn_everything(user: User, question_ids: list[str], clock) -> None:
    """One event of every kind the app states (answered, completed, passed, failed,
    attempted), an hour apart."""
    questions = [db.session.get(Question, qid) for qid in question_ids[:3]]
    tracking.record_answers(
        user.id,
        [Answer(questions[0], 1, 12), Answer(questions[1], 0), Answer(questions[2], 0.5)],
        utcnow(),
    )
    db.session.commit()
    steps = [
        lambda: set_completed(user, db.session.get(Lesson, "pmit-risk"), True),
        lambda: take_exam(user, right=False),
        lambda: take_exam(user, right=True),
        lambda: play_scenario(user.id),
    ]
    for hour, step in enumerate(steps, start=1):
        clock.move_to(NOW + timedelta(hours=hour))
        step()


def all_statements(user: User) -> list[dict]:
    page, cursor = xapi.statements_page(user, PUBLIC_BASE_URL, limit=xapi.MAX_PAGE_SIZE)
    assert cursor is None
    return page


def test_every_stored_event_makes_a_valid_statement(ctx, clock, question_ids):
    with ctx():
        user = make_user(email=EMAIL)
        learn_everything(user, question_ids, clock)
        statements = all_statements(user)
        for statement in statements:
            check_statement(statement, PUBLIC_BASE_URL)
        assert {s["verb"]["display"]["en-US"] for s in statements} == set(xapi.VERBS)
        kinds = {s["object"]["id"].split("/")[-2] for s in statements}
        assert kinds == {"question", "lesson", "exam", "scenario"}


def test_statements_name_the_learner_by_the_opaque_id_and_never_by_email(ctx, clock, question_ids):
    with ctx():
        user = make_user(email=EMAIL, display_name="Ada Lovelace")
        learn_everything(user, question_ids, clock)
        statements = all_statements(user)
        text = json.dumps(statements)
        assert EMAIL not in text and "mbox" not in text and "Ada Lovelace" not in text
        names = {s["actor"]["account"]["name"] for s in statements}
        assert names == {user.xapi_id}
        assert user.xapi_id not in {str(user.id), EMAIL}


def test_results_carry_scores_and_success(ctx, clock, question_ids):
    with ctx():
        user = make_user()
        learn_everything(user, question_ids, clock)
        by_verb: dict[str, list[dict]] = {}
        for statement in all_statements(user):
            by_verb.setdefault(statement["verb"]["display"]["en-US"], []).append(statement)
        answered = sorted(s["result"]["score"]["scaled"] for s in by_verb["answered"])
        assert answered == [0, 0.5, 1]
        passed, failed = by_verb["passed"][0]["result"], by_verb["failed"][0]["result"]
        assert passed["success"] is True and failed["success"] is False
        assert passed["score"]["raw"] == passed["score"]["max"] == 40
        assert failed["score"]["raw"] == 0
        scenario = next(s for s in by_verb["completed"] if "/scenario/" in s["object"]["id"])[
            "result"
        ]["score"]
        assert scenario["raw"] == 62.5 and scenario["scaled"] == 0.625


def test_the_same_activity_has_the_same_iri_in_every_statement(ctx, clock, question_ids):
    with ctx():
        user = make_user()
        learn_everything(user, question_ids, clock)
        exam_iris = {
            s["object"]["id"] for s in all_statements(user) if "/exam/" in s["object"]["id"]
        }
        assert exam_iris == {f"{PUBLIC_BASE_URL}/xapi/activities/exam/exam-pmit-mock"}


def test_pages_run_newest_first_without_gaps_or_repeats(ctx, clock, question_ids):
    with ctx():
        user = make_user()
        learn_everything(user, question_ids, clock)
        everything = [s["id"] for s in all_statements(user)]
        assert len(everything) >= 7
        seen, cursor = [], None
        while True:
            page, cursor = xapi.statements_page(user, PUBLIC_BASE_URL, limit=3, before=cursor)
            assert len(page) <= 3
            seen += [s["id"] for s in page]
            if cursor is None:
                break
        assert seen == everything
        stamps = [s["timestamp"] for s in all_statements(user)]
        assert stamps == sorted(stamps, reverse=True)


def test_the_page_size_is_kept_within_bounds(ctx, clock, question_ids):
    with ctx():
        user = make_user()
        learn_everything(user, question_ids, clock)
        one, cursor = xapi.statements_page(user, PUBLIC_BASE_URL, limit=0)
        assert len(one) == 1 and cursor is not None


def test_a_learner_gets_only_their_own_statements(ctx, clock, question_ids):
    with ctx():
        mine, theirs = make_user(), make_user()
        learn_everything(theirs, question_ids, clock)
        tracking.record_answers(
            mine.id, [Answer(db.session.get(Question, question_ids[0]), 1)], NOW
        )
        db.session.commit()
        statements = all_statements(mine)
        assert len(statements) == 1
        assert statements[0]["actor"]["account"]["name"] == mine.xapi_id


def test_the_statements_api_serves_valid_statements_to_the_signed_in_learner(
    client, ctx, learner, clock, question_ids
):
    with ctx():
        user = db.session.get(User, learner)
        learn_everything(user, question_ids, clock)
    response = client.get("/api/v1/me/statements?limit=4")
    assert response.status_code == 200
    assert response.headers["X-Experience-API-Version"] == "1.0.3"
    body = response.get_json()
    assert len(body["statements"]) == 4 and body["more"]
    for statement in body["statements"]:
        check_statement(statement, PUBLIC_BASE_URL)
    assert "learner@example.com" not in response.get_data(as_text=True)
