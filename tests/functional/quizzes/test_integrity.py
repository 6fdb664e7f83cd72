"""Practice integrity: no key before an answer, runs belong to their learner, the server scores."""

import re

import pytest
from flask import request_finished
from sqlalchemy import func, select

from app.extensions import db
from app.models import PracticeAnswer, PracticeRun, Question, Quiz
from app.quizzes import practice
from tests.bank_trees import FIRST_CHECK
from tests.conftest import csrf_token
from tests.factories import make_user
from tests.functional.quizzes.helpers import (
    CHECK,
    answer_form,
    answers_of,
    page,
    question_path,
    run_questions,
    start,
    submit,
)
from tests.functional.quizzes.test_practice_flow import ANSWERS


def secrets_of(content: dict) -> list[str]:
    """Every text of a question that gives its answer away."""
    texts = [re.sub(r"<[^>]+>", "", content["explanation_html"]).strip()]
    texts += [option["reason"] for option in content.get("options", [])]
    if content.get("wrong_reason"):
        texts.append(content["wrong_reason"])
    return texts


def bank_secrets(ctx) -> dict[str, list[str]]:
    with ctx():
        rows = db.session.scalars(select(Question).where(Question.course_id == "tst-course"))
        return {q.id: secrets_of(q.content) for q in rows}


def answer_count(ctx) -> int:
    with ctx():
        return db.session.scalar(select(func.count()).select_from(PracticeAnswer))


@pytest.fixture
def served(app):
    """The text of every response the app serves during the test, in order."""
    pages = []

    def record(sender, response, **_):
        pages.append((response.status_code, response.get_data(as_text=True)))

    request_finished.connect(record, app)
    yield pages
    request_finished.disconnect(record, app)


@pytest.fixture
def others_run(bank_tree, ctx):
    """A run of the lesson check that belongs to another learner."""
    with ctx():
        other = make_user(email="other@example.com")
        return practice.start_run(other.id, db.session.get(Quiz, "quiz-first-check")).id


@pytest.mark.parametrize("question_id", FIRST_CHECK)
def test_question_page_holds_no_key_before_it_is_answered(
    bank_tree, client, learner, ctx, question_id
):
    run_id = start(client)
    position = run_questions(ctx, run_id).index(question_id) + 1
    html = page(client, question_path(run_id, position))
    for secret in bank_secrets(ctx)[question_id]:
        assert secret not in html
    main = html[html.index('<main id="main"') : html.index("</main>")]
    assert "correct" not in main.lower()
    assert "explanation" not in main.lower() and "reason" not in main.lower()


def test_matching_form_values_do_not_name_the_prompt_they_belong_to(
    bank_tree, client, learner, ctx
):
    run_id = start(client)
    position = run_questions(ctx, run_id).index("q-matching") + 1
    form = answer_form(client, run_id, position)
    for n in (1, 2, 3):
        offered = form.values[f"match-p{n}"]
        assert sorted(offered) == ["m1", "m2", "m3", "m4"]
        assert f"p{n}" not in offered


def test_no_page_served_during_a_run_leaks_an_unanswered_questions_key(
    bank_tree, client, learner, ctx, served
):
    secrets = bank_secrets(ctx)
    answered: set[str] = set()

    def assert_no_leak():
        for status, html in served:
            for question_id, texts in secrets.items():
                if question_id in answered:
                    continue
                for text in texts:
                    assert text not in html, f"{text!r} of {question_id} served ({status})"
        served.clear()

    run_id = start(client)
    for position, question_id in enumerate(run_questions(ctx, run_id), 1):
        data, _ = ANSWERS[question_id](answer_form(client, run_id, position))
        page(client, question_path(run_id, position) + "?retry=1")
        client.post(question_path(run_id, position), data={"csrf_token": "x"} | data)
        submit(client, run_id, position, {"choice": "forged", "pos-s1": "9"})
        assert_no_leak()
        assert submit(client, run_id, position, data).status_code == 302
        answered.add(question_id)
        page(client, question_path(run_id, position))
        assert_no_leak()
    page(client, f"/practice/runs/{run_id}/summary")
    page(client, CHECK)
    assert_no_leak()
    # The three exam-style questions of the bank are in no run: never shown at all.
    assert {"q-list", "q-negative", "q-gap"}.isdisjoint(answered)


def test_another_learners_run_is_not_found(client, learner, ctx, others_run):
    assert client.get(question_path(others_run, 1)).status_code == 404
    assert client.get(f"/practice/runs/{others_run}/summary").status_code == 404
    token = csrf_token(client, CHECK)
    response = client.post(question_path(others_run, 1), data={"csrf_token": token, "choice": "a"})
    assert response.status_code == 404
    assert answer_count(ctx) == 0


def test_a_forged_option_is_refused_with_a_clear_message_and_not_recorded(
    bank_tree, client, learner, ctx
):
    run_id = start(client)
    position = run_questions(ctx, run_id).index("q-single") + 1
    response = submit(client, run_id, position, {"choice": "z"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "That answer is not one of this question&#39;s options." in html
    assert "Check answer" in html  # the form again, to answer properly
    assert answer_count(ctx) == 0


FORGED = {
    "q-multiple": (
        {"choice": ["a", "e"]},
        "That answer is not one of this question&#39;s options.",
    ),
    "q-true-false": ({"choice": "maybe"}, "Choose true or false."),
    "q-ordering": (
        {"pos-s1": "1", "pos-s2": "2", "pos-s3": "3", "pos-s4": "9"},
        "Use each position exactly once.",
    ),
    "q-matching": (
        {"match-p1": "p1", "match-p2": "p2", "match-p3": "p3"},  # pair ids, not form values
        "Choose a match for every item.",
    ),
}


@pytest.mark.parametrize("question_id", sorted(FORGED))
def test_a_forged_answer_to_any_type_is_refused_with_its_message(
    bank_tree, client, learner, ctx, question_id
):
    run_id = start(client)
    position = run_questions(ctx, run_id).index(question_id) + 1
    data, message = FORGED[question_id]
    response = submit(client, run_id, position, data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert answer_count(ctx) == 0


@pytest.mark.parametrize(
    "data",
    [{}, {"choice": ["a", "b"]}, {"choice": ["a", "a"]}],
    ids=["nothing", "two-for-single", "repeated"],
)
def test_a_malformed_single_choice_answer_is_refused_and_not_recorded(
    bank_tree, client, learner, ctx, data
):
    run_id = start(client)
    position = run_questions(ctx, run_id).index("q-single") + 1
    assert submit(client, run_id, position, data).status_code == 400
    assert answer_count(ctx) == 0


def test_a_position_outside_the_run_is_not_found_and_nothing_is_recorded(
    bank_tree, client, learner, ctx
):
    run_id = start(client)
    token = csrf_token(client, CHECK)
    for position in (0, 6, 99):
        assert client.get(question_path(run_id, position)).status_code == 404
        response = client.post(
            question_path(run_id, position), data={"csrf_token": token, "choice": "a"}
        )
        assert response.status_code == 404
    assert answer_count(ctx) == 0


def test_a_score_sent_by_the_client_is_ignored(bank_tree, client, learner, ctx):
    run_id = start(client)
    position = run_questions(ctx, run_id).index("q-single") + 1
    submit(client, run_id, position, {"choice": "b", "score": "1", "score_percent": "100"})
    [answer] = answers_of(ctx, run_id)
    assert (answer.response, answer.score) == ({"choice": "b"}, 0.0)
    assert "Not quite" in page(client, question_path(run_id, position))


def test_anonymous_visitor_sees_the_quiz_with_a_login_prompt_but_cannot_start(
    bank_tree, client, ctx
):
    html = page(client, CHECK)
    assert f'href="/login?next={CHECK}">log in</a>' in html
    assert "Start practising" not in html
    response = client.post(f"{CHECK}/start", data={"csrf_token": csrf_token(client)})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
    with ctx():
        assert db.session.scalar(select(func.count()).select_from(PracticeRun)) == 0


def test_anonymous_visitor_cannot_open_a_run(client, ctx, others_run):
    response = client.get(question_path(others_run, 1))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_starting_without_a_csrf_token_is_refused(bank_tree, client, learner, ctx):
    assert client.post(f"{CHECK}/start").status_code == 400
    with ctx():
        assert db.session.scalar(select(func.count()).select_from(PracticeRun)) == 0


def test_answering_without_a_csrf_token_is_refused(bank_tree, client, learner, ctx):
    run_id = start(client)
    position = run_questions(ctx, run_id).index("q-single") + 1
    response = client.post(question_path(run_id, position), data={"choice": "a"})
    assert response.status_code == 400
    assert answer_count(ctx) == 0


def test_an_unknown_or_exam_quiz_has_no_practice_page(bank_tree, client, learner):
    assert client.get("/courses/test-course/practice/no-such-check").status_code == 404
    assert client.get("/courses/test-course/practice/basics-exam").status_code == 404
