"""Starting a mock exam: a blueprint draw fixed for the attempt, one open attempt, the deadline."""

from collections import Counter
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from app.content.loader import load_content
from app.extensions import db
from app.models import ExamAttempt, Question, QuestionTag, Quiz
from tests.bank_trees import write_bank_tree
from tests.conftest import csrf_token
from tests.functional.exams.helpers import (
    EXAM,
    EXAM_ID,
    QUESTIONS,
    attempt_row,
    item_rows,
    question_path,
    right_answer,
    save,
    snapshots,
    start,
    submit,
)

SMALL_EXAM = "/courses/test-course/exams/basics-exam"  # in tests/bank_trees.py


def drawn_ids(ctx, attempt_id: int) -> list[str]:
    with ctx():
        return [item.question_id for item in item_rows(attempt_id)]


def test_start_draws_the_blueprint_from_the_exam_pool_with_no_repeats(attempt, ctx):
    with ctx():
        blueprint = db.session.get(Quiz, EXAM_ID).blueprint
        items = item_rows(attempt)
        tagged = set(db.session.execute(select(QuestionTag.question_id, QuestionTag.tag_id)))
        exam_pool = set(db.session.scalars(select(Question.id).where(Question.in_exam)))
    assert sum(blueprint.values()) == QUESTIONS
    assert [item.position for item in items] == list(range(1, QUESTIONS + 1))
    assert len({item.question_id for item in items}) == QUESTIONS
    assert Counter(item.area for item in items) == Counter(blueprint)
    assert all((item.question_id, item.area) in tagged for item in items)
    assert {item.question_id for item in items} <= exam_pool


def test_start_on_an_open_attempt_resumes_it_where_the_learner_was(client, attempt, ctx):
    with ctx():
        seventh = snapshots(attempt)[6]
    assert save(client, attempt, 7, right_answer(seventh), go="7").status_code == 302
    drawn = drawn_ids(ctx, attempt)

    response = client.post(f"{EXAM}/start", data={"csrf_token": csrf_token(client, "/")})

    assert response.headers["Location"] == question_path(attempt, 7)
    assert drawn_ids(ctx, attempt) == drawn
    with ctx():
        open_attempts = db.session.scalar(
            select(func.count()).select_from(ExamAttempt).where(ExamAttempt.status == "open")
        )
    assert open_attempts == 1


def test_exam_page_offers_to_resume_an_open_attempt(client, attempt):
    page = client.get(EXAM).text
    assert "You have an exam in progress" in page
    assert "Resume the exam" in page


def test_each_new_attempt_prefers_questions_not_seen_in_earlier_ones(
    client, learner, ctx, tmp_path
):
    """The real pool is many times one exam, so this uses the small tree of
    ``tests/bank_trees.py``: eight questions, an exam of three. The second attempt can
    avoid the first's questions entirely; the third must repeat one, yet still takes
    the two nobody has drawn."""
    root = write_bank_tree(tmp_path)
    with ctx():
        load_content(db.session, root)
        pool = set(
            db.session.scalars(
                select(Question.id).where(
                    Question.course_id == "tst-course",
                    Question.in_exam,
                    Question.retired_at.is_(None),
                )
            )
        )
    drawn = []
    for _ in range(3):
        attempt_id = start(client, SMALL_EXAM)
        assert submit(client, attempt_id).status_code == 302
        drawn.append(set(drawn_ids(ctx, attempt_id)))
    first, second, third = drawn
    assert (len(pool), len(first), len(second), len(third)) == (8, 3, 3, 3)
    assert not first & second
    assert pool - first - second <= third


def test_deadline_is_the_exam_minutes_from_the_start(client, clock, ctx):
    started = datetime.now(UTC)
    attempt_id = start(client)
    with ctx():
        attempt = attempt_row(attempt_id)
        assert attempt.started_at == started
        assert attempt.deadline_at == started + timedelta(minutes=60)
    assert 'data-seconds-left="3600"' in client.get(question_path(attempt_id, 1)).text
    clock.shift(timedelta(minutes=10, seconds=30))
    assert 'data-seconds-left="2970"' in client.get(question_path(attempt_id, 1)).text


def test_time_allowance_set_on_the_command_line_extends_the_deadline(client, runner, clock, ctx):
    result = runner.invoke(args=["users", "allowance", "learner@example.com", "25"])
    assert result.exit_code == 0, result.output
    assert "learner@example.com: exam time allowance 25%" in result.output
    assert "75 minutes (including your time allowance)" in client.get(EXAM).text

    attempt_id = start(client)

    with ctx():
        attempt = attempt_row(attempt_id)
        assert attempt.deadline_at - attempt.started_at == timedelta(minutes=75)
    assert 'data-seconds-left="4500"' in client.get(question_path(attempt_id, 1)).text


def test_allowance_for_an_unknown_address_fails_and_says_so(runner):
    result = runner.invoke(args=["users", "allowance", "nobody@example.com", "25"])
    assert result.exit_code == 1
    assert "no account with address nobody@example.com" in result.output


def test_starting_needs_an_account(client):
    assert "Mock exams need an account" in client.get(EXAM).text
    response = client.post(f"{EXAM}/start", data={"csrf_token": csrf_token(client, "/login")})
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
