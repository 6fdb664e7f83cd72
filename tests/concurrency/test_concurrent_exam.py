"""Twenty requests at once: an attempt is graded exactly once, and no saved answer is lost."""

import threading

import pytest

from app.quizzes import exams
from tests.concurrency.race import all_at_once
from tests.conftest import csrf_token
from tests.functional.exams.helpers import (
    QUESTIONS,
    answer_questions,
    attempt_row,
    item_rows,
    question_path,
    responses,
    result_path,
    right_answer,
    snapshots,
    start,
    submit_path,
    wrong_answer,
)

AT_ONCE = 20


@pytest.fixture
def gradings(monkeypatch):
    """The ids of the attempts graded during the test, once per grading."""
    graded, lock, grade = [], threading.Lock(), exams.grade_attempt

    def counting(attempt):
        with lock:
            graded.append(attempt.id)
        grade(attempt)

    monkeypatch.setattr(exams, "grade_attempt", counting)
    return graded


def test_twenty_simultaneous_submits_grade_the_attempt_exactly_once(
    client, same_browser, ctx, gradings
):
    attempt = start(client)
    answer_questions(client, ctx, attempt, right=7, wrong=3)
    token = csrf_token(client, "/")

    def press_submit(tab, _n):
        # A forged score rides along: the server computes its own.
        data = {"csrf_token": token, "score": str(QUESTIONS), "passed": "1"}
        return tab.post(submit_path(attempt), data=data)

    answers = all_at_once(same_browser(AT_ONCE), press_submit)

    assert [getattr(r, "status_code", r) for r in answers] == [302] * AT_ONCE
    assert {r.headers["Location"] for r in answers} == {result_path(attempt)}
    assert gradings == [attempt]
    with ctx():
        row = attempt_row(attempt)
        assert (row.status, row.score, row.passed) == ("submitted", 7, False)
        assert row.finished_at is not None
        assert sum(item.score for item in item_rows(attempt)) == 7
    pages = [tab.get(result_path(attempt)).text for tab in same_browser(3)]
    assert all("7 of 40 (18%)" in page for page in pages)


def test_saves_racing_a_finished_attempt_are_all_refused_and_change_nothing(
    client, same_browser, ctx
):
    attempt = start(client)
    answer_questions(client, ctx, attempt, right=2)
    client.post(submit_path(attempt), data={"csrf_token": csrf_token(client, "/")})
    with ctx():
        snaps, before = snapshots(attempt), responses(attempt)
        finished = attempt_row(attempt)
        finished = (finished.status, finished.finished_at, finished.score)
    token = csrf_token(client, "/")

    def late_save(tab, n):
        position = n % QUESTIONS + 1
        data = {"csrf_token": token, **wrong_answer(snaps[position - 1]), "flag": "1"}
        return tab.post(
            question_path(attempt, position), data=data, headers={"Accept": "application/json"}
        )

    answers = all_at_once(same_browser(AT_ONCE), late_save)

    assert [getattr(r, "status_code", r) for r in answers] == [409] * AT_ONCE
    with ctx():
        assert responses(attempt) == before
        assert not any(item.flagged for item in item_rows(attempt))
        row = attempt_row(attempt)
        assert (row.status, row.finished_at, row.score) == finished


def test_twenty_simultaneous_saves_of_different_questions_are_all_kept(client, same_browser, ctx):
    attempt = start(client)
    with ctx():
        snaps = snapshots(attempt)
    token = csrf_token(client, "/")

    def save(tab, n):
        data = {"csrf_token": token, **right_answer(snaps[n])}
        return tab.post(
            question_path(attempt, n + 1), data=data, headers={"Accept": "application/json"}
        )

    answers = all_at_once(same_browser(AT_ONCE), save)

    assert [getattr(r, "status_code", r) for r in answers] == [200] * AT_ONCE
    with ctx():
        saved = responses(attempt)
    assert all(response is not None for response in saved[:AT_ONCE])
    assert all(response is None for response in saved[AT_ONCE:])
    assert client.post(submit_path(attempt), data={"csrf_token": token}).status_code == 302
    with ctx():
        assert attempt_row(attempt).score == AT_ONCE
