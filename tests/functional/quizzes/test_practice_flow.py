"""A learner practises a lesson's check: every type answered through its form, with feedback."""

import pytest

from tests.bank_trees import FIRST_CHECK
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

LESSON_LINK = '<a href="/courses/test-course/first">First</a>'


def answer_single(form):
    assert form.kinds["choice"] == "radio"
    assert sorted(form.values["choice"]) == ["a", "b", "c"]
    return {"choice": "a"}, "Correct"


def answer_multiple(form):
    assert form.kinds["choice"] == "checkbox"
    assert sorted(form.values["choice"]) == ["a", "b", "c", "d"]
    return {"choice": ["a"]}, "Partly right (50%)"  # one of the two right options


def answer_true_false(form):
    assert form.kinds["choice"] == "radio"
    assert form.values["choice"] == ["true", "false"]
    return {"choice": "true"}, "Not quite"  # the statement is false


def answer_ordering(form):
    steps = {f"pos-s{n}" for n in range(1, 5)}
    assert {name for name in form.values if name.startswith("pos-")} == steps
    assert all(form.values[name] == ["1", "2", "3", "4"] for name in steps)
    # The last two swapped: 5 of the 6 pairs in the right order.
    return {"pos-s1": "1", "pos-s2": "2", "pos-s3": "4", "pos-s4": "3"}, "Partly right (83%)"


def answer_matching(form):
    assert {name for name in form.values if name.startswith("match-")} == {
        "match-p1",
        "match-p2",
        "match-p3",
    }
    pick = {
        "match-p1": "Match 1 of q-matching",
        "match-p2": "Match 3 of q-matching",
        "match-p3": "Distractor of q-matching",
    }
    data = {name: form.choose(name, text) for name, text in pick.items()}
    return data, "Partly right (33%)"  # one of the three prompts right


ANSWERS = {
    "q-single": answer_single,
    "q-multiple": answer_multiple,
    "q-true-false": answer_true_false,
    "q-ordering": answer_ordering,
    "q-matching": answer_matching,
}
REASONS = {
    "q-single": [f"Reason {o} of q-single." for o in "abc"],
    "q-multiple": [f"Reason {o} of q-multiple." for o in "abcd"],
    "q-true-false": ["Wrong reason of q-true-false."],
    "q-ordering": [],
    "q-matching": [],
}


def answer_every_question(client, ctx, run_id):
    """Answer each question of the run through its form; returns {question id: feedback}."""
    feedback = {}
    for position, question_id in enumerate(run_questions(ctx, run_id), 1):
        data, _ = ANSWERS[question_id](answer_form(client, run_id, position))
        response = submit(client, run_id, position, data)
        assert response.status_code == 302
        assert response.headers["Location"] == question_path(run_id, position) + "#feedback"
        feedback[question_id] = page(client, question_path(run_id, position))
    return feedback


def test_starting_a_lesson_check_opens_its_first_question(bank_tree, client, learner, ctx):
    run_id = start(client)
    assert sorted(run_questions(ctx, run_id)) == sorted(FIRST_CHECK)
    assert "Question 1 of 5" in page(client, question_path(run_id, 1))


@pytest.mark.parametrize("question_id", FIRST_CHECK)
def test_feedback_says_how_right_the_answer_was_and_why(
    bank_tree, client, learner, ctx, question_id
):
    run_id = start(client)
    position = run_questions(ctx, run_id).index(question_id) + 1
    data, verdict = ANSWERS[question_id](answer_form(client, run_id, position))
    submit(client, run_id, position, data)
    feedback = page(client, question_path(run_id, position))
    assert f'<h2 id="feedback-heading">{verdict}</h2>' in feedback
    for reason in REASONS[question_id]:
        assert reason in feedback
    assert f"Explanation of {question_id}." in feedback
    assert f"Taught in {LESSON_LINK}." in feedback
    assert "Check answer" not in feedback  # feedback, not the form again


def test_ordering_feedback_shows_the_learners_order_and_the_right_one(
    bank_tree, client, learner, ctx
):
    run_id = start(client)
    position = run_questions(ctx, run_id).index("q-ordering") + 1
    submit(client, run_id, position, answer_ordering(answer_form(client, run_id, position))[0])
    feedback = page(client, question_path(run_id, position))
    steps = [f"<li>Step {n} of q-ordering</li>" for n in (1, 2, 4, 3)]
    assert "<h3>Your order</h3><ol>" + "".join(steps) + "</ol>" in feedback
    right = [f"<li>Step {n} of q-ordering</li>" for n in (1, 2, 3, 4)]
    assert "<h3>Right order</h3><ol>" + "".join(right) + "</ol>" in feedback


def test_retrying_a_question_shows_the_form_again_and_keeps_both_answers(
    bank_tree, client, learner, ctx
):
    run_id = start(client)
    position = run_questions(ctx, run_id).index("q-true-false") + 1
    submit(client, run_id, position, {"choice": "true"})
    retry = page(client, question_path(run_id, position) + "?retry=1")
    assert "Check answer" in retry and "feedback-heading" not in retry
    assert submit(client, run_id, position, {"choice": "false"}).status_code == 302
    feedback = page(client, question_path(run_id, position))
    assert '<h2 id="feedback-heading">Correct</h2>' in feedback
    kept = [(a.position, a.response, a.score) for a in answers_of(ctx, run_id)]
    assert kept == [(position, {"value": True}, 0.0), (position, {"value": False}, 1.0)]


def test_summary_counts_the_latest_answer_to_each_question(bank_tree, client, learner, ctx):
    run_id = start(client)
    answer_every_question(client, ctx, run_id)
    # 1 + 0.5 + 0 + 5/6 + 1/3 = 2.67 of 5
    summary = page(client, f"/practice/runs/{run_id}/summary")
    assert "You answered 5 of 5 questions and scored 53%." in summary
    position = run_questions(ctx, run_id).index("q-true-false") + 1
    submit(client, run_id, position, {"choice": "false"})  # a retry, now right
    summary = page(client, f"/practice/runs/{run_id}/summary")
    assert "You answered 5 of 5 questions and scored 73%." in summary
    assert len(answers_of(ctx, run_id)) == 6


def test_the_quiz_page_lists_the_learners_earlier_runs(bank_tree, client, learner, ctx):
    run_id = start(client)
    answer_every_question(client, ctx, run_id)
    quiz_page = page(client, CHECK)
    assert f'href="/practice/runs/{run_id}/summary"' in quiz_page
    assert "5 of 5 answered, 53%" in quiz_page


def test_the_last_feedback_leads_to_the_results(bank_tree, client, learner, ctx):
    run_id = start(client)
    feedback = answer_every_question(client, ctx, run_id)
    last = feedback[run_questions(ctx, run_id)[-1]]
    assert f'href="/practice/runs/{run_id}/summary">See your results</a>' in last
    first = feedback[run_questions(ctx, run_id)[0]]
    assert f'href="{question_path(run_id, 2)}">Next question</a>' in first
