"""An exam's second-language time (chosen by the learner at the start, on top of any
allowance) and whether it is open book, as the exam page states them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.extensions import db
from app.models import Quiz
from tests.conftest import csrf_token
from tests.functional.exams.helpers import EXAM, EXAM_ID, attempt_row, start


@pytest.fixture
def second_language(ctx):
    """The mock exam as the PRINCE2 Foundation mocks are: 60 minutes, 75 in a second
    language."""
    with ctx():
        quiz = db.session.get(Quiz, EXAM_ID)
        quiz.second_language_minutes = 75
        db.session.commit()


def start_in_second_language(client) -> int:
    data = {"csrf_token": csrf_token(client, "/"), "second_language": "1"}
    response = client.post(f"{EXAM}/start", data=data)
    assert response.status_code == 302
    return int(response.headers["Location"].split("/exams/")[1].split("/")[0])


def allowed(ctx, attempt_id: int) -> timedelta:
    with ctx():
        attempt = attempt_row(attempt_id)
        return attempt.deadline_at - attempt.started_at


def test_the_exam_page_offers_the_second_language_time_with_a_labelled_checkbox(
    client, learner, second_language
):
    page = client.get(EXAM).text
    assert "60 minutes; 75 if you sit it in a language that is not your first" in page
    assert '<label class="check"><input type="checkbox" name="second_language" value="1">' in page


def test_ticking_the_box_gives_the_second_language_time(client, learner, second_language, ctx):
    assert allowed(ctx, start_in_second_language(client)) == timedelta(minutes=75)


def test_not_ticking_it_gives_the_exam_time(client, learner, second_language, ctx):
    assert allowed(ctx, start(client)) == timedelta(minutes=60)


def test_the_learners_own_allowance_adds_to_the_second_language_time(
    client, learner, second_language, runner, ctx
):
    assert runner.invoke(args=["users", "allowance", "learner@example.com", "20"]).exit_code == 0
    assert "72 minutes (including your time allowance); 90 if" in client.get(EXAM).text
    assert allowed(ctx, start_in_second_language(client)) == timedelta(minutes=90)


def test_an_exam_without_a_second_language_time_ignores_the_box(client, learner, ctx):
    assert "second_language" not in client.get(EXAM).text
    assert allowed(ctx, start_in_second_language(client)) == timedelta(minutes=60)


def test_the_page_says_closed_or_open_book_as_the_exam_is(client, learner, ctx):
    assert "Closed book." in client.get(EXAM).text
    with ctx():
        db.session.get(Quiz, EXAM_ID).open_book = True
        db.session.commit()
    page = client.get(EXAM).text
    assert "Open book: the real exam allows the official manual only" in page
    assert "Closed book." not in page
