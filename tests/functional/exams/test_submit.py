"""Submitting: graded once on the server, a result by area, every question reviewable."""

from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import SyllabusTag
from tests.functional.exams.helpers import (
    EXAM,
    QUESTIONS,
    answer_questions,
    attempt_row,
    item_rows,
    page_text,
    question_path,
    responses,
    result_path,
    right_answer,
    save,
    snapshots,
    start,
    submit,
    wrong_answer,
)


@pytest.mark.parametrize(("right", "verdict"), [(26, "Pass"), (25, "Fail")])
def test_result_shows_the_score_against_the_pass_mark(client, attempt, ctx, right, verdict):
    answer_questions(client, ctx, attempt, right=right, wrong=3)
    response = submit(client, attempt)
    assert response.headers["Location"] == result_path(attempt)
    page = client.get(result_path(attempt)).text
    assert f"Your result: {verdict}" in page
    percent = round(100 * right / QUESTIONS)
    assert f"{right} of 40 ({percent}%); the pass mark is 26." in page_text(page)
    with ctx():
        row = attempt_row(attempt)
        assert (row.status, row.score, row.passed) == ("submitted", right, verdict == "Pass")


def test_result_breaks_the_score_down_by_syllabus_area(client, attempt, ctx):
    answer_questions(client, ctx, attempt, right=20, wrong=0)
    submit(client, attempt)
    with ctx():
        items = item_rows(attempt)
        titles = dict(db.session.execute(select(SyllabusTag.id, SyllabusTag.title)).all())
    got = Counter(item.area for item in items if item.position <= 20)
    out_of = Counter(item.area for item in items)
    text = page_text(client.get(result_path(attempt)).text)
    for area, total in out_of.items():
        percent = round(100 * got[area] / total)
        assert f"{titles[area]} {got[area]} / {total} {percent}%" in text, area


def test_result_reviews_every_question_with_answers_and_explanations(client, attempt, ctx):
    answer_questions(client, ctx, attempt, right=2, wrong=1)
    save(client, attempt, 4, {"flag": "1"}, as_json=True)
    submit(client, attempt)
    with ctx():
        snaps = snapshots(attempt)
    text = page_text(client.get(result_path(attempt)).text)
    assert "Question 1: correct" in text
    assert "Question 2: correct" in text
    assert "Question 3: not correct" in text
    assert "Question 4: not answered (flagged)" in text
    for position, snap in enumerate(snaps, 1):
        assert f"Question {position}:" in text
        assert page_text(snap["content"]["explanation_html"]) in text, position
        for option in snap["content"].get("options", []):
            assert page_text(option["reason"]) in text, position


def test_submitting_again_grades_nothing_twice(client, attempt, ctx, clock):
    answer_questions(client, ctx, attempt, right=3, wrong=0)
    submit(client, attempt)
    with ctx():
        first = attempt_row(attempt)
        finished_at, score = first.finished_at, first.score
    clock.shift(timedelta(minutes=1))

    again = submit(client, attempt)

    assert again.status_code == 302
    assert again.headers["Location"] == result_path(attempt)
    with ctx():
        row = attempt_row(attempt)
        assert (row.status, row.finished_at, row.score) == ("submitted", finished_at, score)


@pytest.mark.parametrize("as_json", [True, False])
def test_a_finished_attempt_cannot_be_changed(client, attempt, ctx, as_json):
    answer_questions(client, ctx, attempt, right=1, wrong=1)
    submit(client, attempt)
    with ctx():
        snaps, before = snapshots(attempt), responses(attempt)
        score = attempt_row(attempt).score

    for position in (1, 2, 3):
        late = save(client, attempt, position, {**right_answer(snaps[1]), "flag": "1"}, as_json)
        if as_json:
            assert late.status_code == 409
            assert late.get_json() == {"saved": False, "error": "This attempt is finished."}
        else:
            assert late.headers["Location"] == result_path(attempt)

    assert client.get(question_path(attempt, 1)).headers["Location"] == result_path(attempt)
    with ctx():
        assert responses(attempt) == before
        assert not any(item.flagged for item in item_rows(attempt))
        assert attempt_row(attempt).score == score


def test_a_score_sent_by_the_client_is_ignored(client, attempt, ctx):
    with ctx():
        first = snapshots(attempt)[0]
    save(client, attempt, 1, wrong_answer(first), as_json=True, score="1")
    response = submit(client, attempt, score="40", passed="1", by_area="{}")
    assert response.status_code == 302
    with ctx():
        row = attempt_row(attempt)
        assert (row.score, row.passed) == (0, False)
        assert item_rows(attempt)[0].score == 0
    assert "Your result: Fail" in client.get(result_path(attempt)).text


def test_the_exam_page_lists_past_attempts_and_the_result_shows_the_trend(client, learner, ctx):
    first = start(client)
    answer_questions(client, ctx, first, right=5, wrong=0)
    submit(client, first)
    second = start(client)
    answer_questions(client, ctx, second, right=30, wrong=0)
    submit(client, second)
    history = page_text(client.get(EXAM).text)
    assert "5 / 40 Fail" in history
    assert "30 / 40 Pass" in history
    trend = page_text(client.get(result_path(second)).text)
    assert "Your trend" in trend
    assert "30/40 (this attempt)" in trend
    assert "5/40" in trend
