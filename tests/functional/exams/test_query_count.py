"""Saving an answer costs the same number of SQL statements wherever it is and however
many attempts came before: nothing in the save path loops over items or history."""

from tests.conftest import csrf_token, sql_statements
from tests.functional.exams.helpers import (
    QUESTIONS,
    question_path,
    right_answer,
    snapshots,
    start,
    submit,
    wrong_answer,
)


def statements_to_save(app, client, ctx, attempt_id: int, position: int) -> int:
    """The statements one background save of an answer at ``position`` costs."""
    with ctx():
        snap = snapshots(attempt_id)[position - 1]
    token = csrf_token(client, "/")
    for answer in (wrong_answer(snap), right_answer(snap)):  # the first saves, the second changes
        data = {"csrf_token": token, **answer}
        with sql_statements(app) as sent:
            response = client.post(
                question_path(attempt_id, position),
                data=data,
                headers={"Accept": "application/json"},
            )
        assert response.get_json()["saved"] is True
    return len(sent)


def finish_attempts(client, how_many: int) -> None:
    for _ in range(how_many):
        assert submit(client, start(client)).status_code == 302


def test_saving_costs_the_same_statements_at_the_first_and_the_last_question(
    app, client, attempt, ctx, clock
):
    counts = [statements_to_save(app, client, ctx, attempt, p) for p in (1, QUESTIONS, 1)]
    assert counts[0] > 0
    assert counts[0] == counts[1] == counts[2], counts


def test_saving_costs_the_same_statements_after_one_or_five_finished_attempts(
    app, client, learner, ctx, clock
):
    finish_attempts(client, 1)
    after_one = statements_to_save(app, client, ctx, start(client), 20)
    finish_attempts(client, 4)
    after_five = statements_to_save(app, client, ctx, start(client), 20)
    assert after_one > 0
    assert after_one == after_five
