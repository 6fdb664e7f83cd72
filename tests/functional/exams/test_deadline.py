"""The deadline, with time frozen: a grace for answers in flight, then the attempt is marked.

Nothing runs on a timer: an attempt past its deadline is finalized when it is next
read, or by ``flask exams finalize-expired``.
"""

from datetime import timedelta

import pytest

from app.quizzes.exams import GRACE
from tests.functional.exams.helpers import (
    EXAM,
    answer_questions,
    attempt_row,
    question_path,
    responses,
    result_path,
    right_answer,
    save,
    snapshots,
    start,
    submit,
    submit_path,
)

HOUR = timedelta(minutes=60)


def test_an_answer_arriving_within_the_grace_after_the_deadline_is_saved(client, clock, ctx):
    attempt = start(client)
    with ctx():
        first = snapshots(attempt)[0]
    clock.shift(HOUR + GRACE)  # the last moment of the grace

    response = save(client, attempt, 1, right_answer(first), as_json=True)

    assert response.status_code == 200
    assert response.get_json()["saved"] is True
    assert response.get_json()["seconds_left"] == 0
    with ctx():
        assert responses(attempt)[0] is not None
        assert attempt_row(attempt).status == "open"


@pytest.mark.parametrize("as_json", [True, False])
def test_an_answer_arriving_after_the_grace_is_refused_and_changes_nothing(
    client, clock, ctx, as_json
):
    attempt = start(client)
    answer_questions(client, ctx, attempt, right=0, wrong=1)
    with ctx():
        snaps, before = snapshots(attempt), responses(attempt)
    clock.shift(HOUR + GRACE + timedelta(seconds=1))

    late = [save(client, attempt, n, right_answer(snaps[n - 1]), as_json=as_json) for n in (1, 2)]

    for response in late:
        if as_json:
            assert response.status_code == 409
            assert response.get_json()["saved"] is False
        else:
            assert response.status_code == 302
            assert response.headers["Location"] == result_path(attempt)
    with ctx():
        assert responses(attempt) == before
        assert attempt_row(attempt).score == 0


def test_reading_a_question_after_the_deadline_marks_the_answers_saved_so_far(client, clock, ctx):
    attempt = start(client)
    answer_questions(client, ctx, attempt, right=3, wrong=2)
    clock.shift(HOUR + timedelta(minutes=5))

    response = client.get(question_path(attempt, 6))

    assert response.status_code == 302
    assert response.headers["Location"] == result_path(attempt)
    with ctx():
        row = attempt_row(attempt)
        assert (row.status, row.score, row.passed) == ("expired", 3, False)
        assert row.finished_at == row.deadline_at + GRACE
    result = client.get(result_path(attempt)).text
    assert "Time ran out: the answers saved by then were marked." in result
    assert "Time used: 60 min of 60." in result


def test_the_exam_page_after_the_deadline_marks_the_attempt_and_offers_a_new_start(
    client, clock, ctx
):
    attempt = start(client)
    clock.shift(2 * HOUR)
    page = client.get(EXAM).text
    assert "Start the exam" in page
    assert "(time ran out)" in page
    with ctx():
        assert attempt_row(attempt).status == "expired"
    assert start(client) != attempt


def test_submitting_after_the_grace_marks_the_attempt_as_out_of_time(client, clock, ctx):
    attempt = start(client)
    answer_questions(client, ctx, attempt, right=1, wrong=0)
    clock.shift(HOUR + GRACE + timedelta(seconds=1))
    assert client.get(submit_path(attempt)).headers["Location"] == result_path(attempt)
    response = submit(client, attempt)
    assert response.headers["Location"] == result_path(attempt)
    with ctx():
        assert (attempt_row(attempt).status, attempt_row(attempt).score) == ("expired", 1)


def test_finalize_expired_marks_only_the_attempts_out_of_time_and_counts_them(
    client, clock, ctx, runner, intruder
):
    late = start(client)
    answer_questions(client, ctx, late, right=2, wrong=0)
    finished = start(intruder)
    assert submit(intruder, finished).status_code == 302
    clock.shift(timedelta(minutes=30))
    running = start(intruder)
    clock.shift(HOUR + GRACE + timedelta(seconds=1) - timedelta(minutes=30))  # only `late` is over
    with ctx():
        finished_at = attempt_row(finished).finished_at

    result = runner.invoke(args=["exams", "finalize-expired"])

    assert result.exit_code == 0, result.output
    assert result.output.strip() == "finalized 1 expired attempt(s)"
    with ctx():
        assert (attempt_row(late).status, attempt_row(late).score) == ("expired", 2)
        assert attempt_row(late).finished_at == attempt_row(late).deadline_at + GRACE
        assert attempt_row(running).status == "open"
        assert attempt_row(running).score is None
        assert attempt_row(finished).status == "submitted"
        assert attempt_row(finished).finished_at == finished_at
    again = runner.invoke(args=["exams", "finalize-expired"])
    assert again.output.strip() == "finalized 0 expired attempt(s)"


def test_finalize_expired_much_later_still_records_the_time_the_attempt_ran_out(
    client, clock, ctx, runner
):
    attempt = start(client)
    clock.shift(timedelta(hours=9))  # e.g. the scheduler was down overnight
    assert runner.invoke(args=["exams", "finalize-expired"]).exit_code == 0
    with ctx():
        row = attempt_row(attempt)
        assert row.finished_at == row.deadline_at + GRACE
    assert "Time used: 60 min of 60." in client.get(result_path(attempt)).text
