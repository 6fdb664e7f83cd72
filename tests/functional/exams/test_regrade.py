"""``flask attempts regrade EXAM``: re-score finished attempts after an author fixes a key."""

from app.extensions import db
from app.models import Question, Quiz
from tests.functional.exams.helpers import (
    EXAM,
    EXAM_ID,
    QUESTIONS,
    answer_questions,
    attempt_row,
    item_rows,
    start,
    submit,
)

OTHER_EXAM = "/courses/project-management-for-it/exams/other-mock"


def move_the_key(question_id: str) -> str:
    """Make another option the correct one and bump the version, as a content reload
    of an edited bank does. Returns the id of the newly correct option."""
    question = db.session.get(Question, question_id)
    options = [dict(option) for option in question.content["options"]]
    new = next(option for option in options if not option["correct"])
    for option in options:
        option["correct"] = option is new
    question.content = {**question.content, "options": options}
    question.version += 1
    db.session.commit()
    return new["id"]


def correct_in_snapshot(attempt_id: int, question_id: str) -> list[str]:
    item = next(i for i in item_rows(attempt_id) if i.question_id == question_id)
    return [o["id"] for o in item.snapshot["content"]["options"] if o["correct"]]


def add_second_exam() -> None:
    """Another exam of the same course, drawn from the same pool."""
    mock = db.session.get(Quiz, EXAM_ID)
    db.session.add(
        Quiz(
            id="exam-other-mock",
            course_id=mock.course_id,
            slug="other-mock",
            title="Another mock exam",
            kind="exam",
            question_count=mock.question_count,
            minutes=mock.minutes,
            pass_mark=mock.pass_mark,
            blueprint=mock.blueprint,
            feedback="after",
        )
    )
    db.session.commit()


def finish_with_every_answer_right(client, ctx, exam: str = EXAM) -> int:
    attempt_id = start(client, exam)
    answer_questions(client, ctx, attempt_id, right=QUESTIONS)
    assert submit(client, attempt_id).status_code == 302
    return attempt_id


def test_regrade_rescores_with_the_fixed_key_and_says_what_changed(
    client, learner, ctx, runner, intruder
):
    with ctx():
        add_second_exam()
    mine = finish_with_every_answer_right(client, ctx)
    other = finish_with_every_answer_right(intruder, ctx, OTHER_EXAM)
    with ctx():
        both = {i.question_id for i in item_rows(mine)} & {i.question_id for i in item_rows(other)}
        single = next(
            i.question_id
            for i in item_rows(mine)
            if i.question_id in both and i.snapshot["type"] == "single"
        )
        old_key = correct_in_snapshot(mine, single)
        new_key = move_the_key(single)
        other_before = item_rows(other)[0].snapshot, attempt_row(other).score

    result = runner.invoke(args=["attempts", "regrade", EXAM_ID])

    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"attempt {mine} (user {learner}): 40 -> 39",
        "1 attempt(s) changed",
    ]
    with ctx():
        assert correct_in_snapshot(mine, single) == [new_key] != old_key
        item = next(i for i in item_rows(mine) if i.question_id == single)
        assert (item.question_version, item.score) == (2, 0)
        assert attempt_row(mine).score == 39
        assert correct_in_snapshot(other, single) == old_key  # another exam: untouched
        assert (item_rows(other)[0].snapshot, attempt_row(other).score) == other_before
        assert next(i for i in item_rows(other) if i.question_id == single).question_version == 1


def test_regrade_says_when_a_result_changes_from_pass_to_fail(client, learner, ctx, runner):
    attempt_id = start(client)
    answer_questions(client, ctx, attempt_id, right=26)
    submit(client, attempt_id)
    with ctx():
        single = next(
            i.question_id
            for i in item_rows(attempt_id)[:26]
            if i.snapshot["type"] in {"single", "multiple"}
        )
        move_the_key(single)
    result = runner.invoke(args=["attempts", "regrade", EXAM_ID])
    assert f"attempt {attempt_id} (user {learner}): 26 -> 25, now failed" in result.output
    with ctx():
        assert attempt_row(attempt_id).passed is False


def test_regrade_leaves_open_attempts_and_unchanged_results_alone(client, learner, ctx, runner):
    attempt_id = start(client)
    answer_questions(client, ctx, attempt_id, right=3)
    with ctx():
        question_id = item_rows(attempt_id)[0].question_id
        snapshot = item_rows(attempt_id)[0].snapshot
        question = db.session.get(Question, question_id)
        question.version += 1  # a new version whose key did not move
        db.session.commit()
    result = runner.invoke(args=["attempts", "regrade", EXAM_ID])
    assert result.output.strip() == "0 attempt(s) changed"
    with ctx():
        assert item_rows(attempt_id)[0].snapshot == snapshot
        assert attempt_row(attempt_id).score is None


def test_regrade_of_an_unknown_exam_fails_and_says_so(runner):
    result = runner.invoke(args=["attempts", "regrade", "exam-nope"])
    assert result.exit_code == 1
    assert "no exam with id exam-nope" in result.output
