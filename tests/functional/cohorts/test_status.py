"""Where a learner stands on each assignment, from their real work: not started, in
progress, done (with a score), overdue; which attempt counts; extensions, extra
attempts and the exam time allowance set by the cohort's instructor."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import select

from app.extensions import db
from app.models import AssignmentException, ExamAttempt, Lesson, User
from app.models._types import utcnow
from app.quizzes import exams
from tests.functional.cohorts.helpers import (
    EXAM,
    LESSON,
    MODULE,
    QUIZ,
    SCENARIO,
    assign,
    assigned_rows,
    dashboard_rows,
    enrol,
    local_input,
    post,
    text,
)
from tests.functional.cohorts.work import exam_attempt, play_scenario, practice_run, retry
from tests.functional.exams.helpers import start as start_exam_on_page

WEEK = timedelta(days=7)


@pytest.fixture
def member(person, cohort, ctx):
    """A learner of the cohort, logged in."""
    learner = person("member@example.com")
    enrol(ctx, cohort, learner.user_id)
    return learner


def states(client) -> list[tuple[str, str]]:
    """(status, score) of each row of "Assigned to you" on the dashboard."""
    return [(state, score) for _work, _due, state, score in dashboard_rows(client)]


def cohort_rows(client, cohort: int) -> list[tuple[str, str, str, str]]:
    return assigned_rows(client.get(f"/cohorts/{cohort}").get_data(as_text=True))


def test_a_lesson_goes_from_not_started_to_in_progress_to_done(member, cohort, ctx):
    assign(ctx, cohort, "lesson", LESSON, utcnow() + WEEK)
    assert states(member.client) == [("Not started", "–")]

    [(work, _due, _state, _score)] = dashboard_rows(member.client)
    assert work.startswith("Why IT work is project work")
    member.client.get("/courses/project-management-for-it/why-it-work-is-project-work")
    assert states(member.client) == [("In progress", "–")]

    post(member.client, f"/progress/lessons/{LESSON}/complete")
    assert states(member.client) == [("Done", "–")]


def test_a_module_is_done_when_all_its_lessons_are(member, cohort, ctx):
    assign(ctx, cohort, "module", MODULE, utcnow() + WEEK)

    with ctx():
        lessons = db.session.scalars(
            select(Lesson.id).where(Lesson.module_id == MODULE).order_by(Lesson.position)
        ).all()
    assert len(lessons) >= 2 and lessons[0] == LESSON
    for lesson in lessons[:-1]:
        post(member.client, f"/progress/lessons/{lesson}/complete")
        assert states(member.client) == [("In progress", "–")]

    post(member.client, f"/progress/lessons/{lessons[-1]}/complete")
    assert states(member.client) == [("Done", "100%")]


def test_a_practice_quiz_is_done_when_its_run_is_finished_with_its_score(member, cohort, ctx):
    assign(ctx, cohort, "quiz", QUIZ, utcnow() + WEEK)
    now = utcnow()

    practice_run(ctx, member.user_id, QUIZ, [True, True, False], now)
    assert states(member.client) == [("In progress", "–")]

    practice_run(ctx, member.user_id, QUIZ, [True] * 4 + [False] * 4, now + timedelta(minutes=5))
    assert states(member.client) == [("Done", "50%")]


def test_a_retried_question_counts_once_as_in_the_runs_own_summary(member, cohort, ctx):
    """The run's summary counts the latest answer at each position; so does the cohort."""
    assign(ctx, cohort, "quiz", QUIZ, utcnow() + WEEK)
    now = utcnow()
    run = practice_run(ctx, member.user_id, QUIZ, [False] + [True] * 7, now)

    retry(ctx, run, 1, True, now + timedelta(minutes=1))

    summary = text(member.client.get(f"/practice/runs/{run}/summary"))
    assert "100%" in summary
    assert states(member.client) == [("Done", "100%")]


def test_a_mock_exam_is_in_progress_while_open_and_done_with_its_score(member, cohort, ctx):
    assign(ctx, cohort, "exam", EXAM, utcnow() + WEEK)

    attempt = exam_attempt(ctx, member.user_id, right=10, now=utcnow(), submit=False)
    assert states(member.client) == [("In progress", "–")]

    with ctx():
        assert exams.submit(db.session.get(ExamAttempt, attempt))
    assert states(member.client) == [("Done", "25%")]


def test_a_scenario_is_in_progress_until_its_ending_and_then_done(member, cohort, ctx):
    assign(ctx, cohort, "scenario", SCENARIO, utcnow() + WEEK)

    play_scenario(ctx, member.user_id, SCENARIO, finish=False)
    assert states(member.client) == [("In progress", "–")]

    play_scenario(ctx, member.user_id, SCENARIO)
    assert states(member.client) == [("Done", "100%")]


def test_the_instructor_sees_the_same_statuses(owner, member, cohort, ctx):
    assign(ctx, cohort, "lesson", LESSON, utcnow() + WEEK)
    assign(ctx, cohort, "exam", EXAM, utcnow() + WEEK)
    post(member.client, f"/progress/lessons/{LESSON}/complete")
    exam_attempt(ctx, member.user_id, right=20, now=utcnow())

    page = text(owner.client.get(f"/cohorts/{cohort}"))

    row = page.split('<th scope="row">', 2)[1]
    assert row.count("Done") == 2 and "Done · 50%" in row


def test_work_past_its_due_date_is_overdue_unless_done(member, cohort, ctx):
    soon = utcnow() + timedelta(hours=1)
    assign(ctx, cohort, "lesson", LESSON, soon)
    assign(ctx, cohort, "scenario", SCENARIO, soon)
    assign(ctx, cohort, "quiz", QUIZ, soon)
    play_scenario(ctx, member.user_id, SCENARIO, finish=False)
    practice_run(ctx, member.user_id, QUIZ, [True] * 8, utcnow())
    assert [s for s, _ in states(member.client)] == ["Not started", "In progress", "Done"]

    with time_machine.travel(datetime.now(UTC) + timedelta(hours=2), tick=False):
        after = states(member.client)

    assert after == [("Overdue", "–"), ("Overdue", "–"), ("Done", "100%")]


def test_work_done_before_the_open_date_does_not_count(member, cohort, ctx):
    practice_run(ctx, member.user_id, QUIZ, [True] * 8, utcnow() - timedelta(days=2))
    assign(ctx, cohort, "quiz", QUIZ, utcnow() + WEEK, open_at=utcnow() - timedelta(days=1))

    assert states(member.client) == [("Not started", "–")]


@pytest.fixture
def three_exams(member, ctx):
    """Three submitted mock exams, oldest first: 25%, 50%, 10%."""
    start = utcnow() - timedelta(hours=5)
    for n, right in enumerate([10, 20, 4]):
        exam_attempt(ctx, member.user_id, right, start + timedelta(hours=n))
    return member


@pytest.mark.parametrize(
    ("counts", "allowed", "extra", "shown"),
    [
        ("best", None, 0, ("Done", "50%")),
        ("first", None, 0, ("Done", "25%")),
        ("last", None, 0, ("Done", "10%")),
        ("best", 1, 0, ("Done", "25%")),
        ("last", 2, 0, ("Done", "50%")),
        ("last", 2, 1, ("Done", "10%")),
        ("best", 1, 2, ("Done", "50%")),
    ],
)
def test_which_attempt_counts(owner, three_exams, cohort, ctx, counts, allowed, extra, shown):
    assignment = assign(
        ctx, cohort, "exam", EXAM, utcnow() + WEEK, attempts_allowed=allowed, counts=counts
    )
    if extra:
        response = post(
            owner.client,
            f"/cohorts/{cohort}/assignments/{assignment}/exceptions",
            {"learner": str(three_exams.user_id), "extra_attempts": str(extra)},
        )
        assert response.status_code == 302

    [(work, _due, state, score)] = cohort_rows(three_exams.client, cohort)

    assert (state, score) == shown
    if allowed:
        used = min(3, allowed + extra)
        assert f"{used} of {allowed + extra} attempts" in work


def test_an_extension_moves_the_learners_due_date_and_ends_the_overdue(
    owner, member, person, cohort, ctx
):
    classmate = person("classmate@example.com")
    enrol(ctx, cohort, classmate.user_id)
    due = utcnow() + timedelta(hours=1)
    assignment = assign(ctx, cohort, "lesson", LESSON, due)
    extended = (utcnow() + timedelta(days=2)).replace(second=0, microsecond=0)

    with time_machine.travel(datetime.now(UTC) + timedelta(hours=2), tick=False):
        assert states(member.client) == [("Overdue", "–")]
        response = post(
            owner.client,
            f"/cohorts/{cohort}/assignments/{assignment}/exceptions",
            {
                "learner": str(member.user_id),
                "due_at": local_input(extended),
                "extra_attempts": "0",
            },
        )
        assert response.status_code == 302
        rows = dashboard_rows(member.client)
        others = states(classmate.client)
        manage = text(owner.client.get(f"/cohorts/{cohort}"))

    [(_work, due_shown, state, _score)] = rows
    assert state == "Not started"
    berlin = extended.astimezone(ZoneInfo("Europe/Berlin"))
    assert due_shown == berlin.strftime("%a %d %b %Y, %H:%M")
    assert others == [("Overdue", "–")]
    assert "extended to " + berlin.strftime("%a %d %b %Y, %H:%M") in manage


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"extra_attempts": "51"}, "Extra attempts"),
        ({"extra_attempts": "-1"}, "Extra attempts"),
        ({"due_at": "2026-11-30T09:00"}, "must come after the open date"),
    ],
)
def test_a_bad_exception_is_refused(owner, member, cohort, ctx, fields, message):
    assignment = assign(
        ctx,
        cohort,
        "quiz",
        QUIZ,
        datetime(2026, 12, 10, 12, tzinfo=UTC),
        open_at=datetime(2026, 12, 1, 12, tzinfo=UTC),
    )
    data = {"learner": str(member.user_id), "extra_attempts": "0", **fields}

    response = post(owner.client, f"/cohorts/{cohort}/assignments/{assignment}/exceptions", data)

    assert response.status_code == 400
    assert message in text(response)
    with ctx():
        assert db.session.query(AssignmentException).count() == 0


def test_an_exception_for_someone_outside_the_cohort_is_refused(owner, person, cohort, ctx):
    stranger = person("stranger@example.com")
    assignment = assign(ctx, cohort, "quiz", QUIZ, utcnow() + WEEK)

    response = post(
        owner.client,
        f"/cohorts/{cohort}/assignments/{assignment}/exceptions",
        {"learner": str(stranger.user_id), "extra_attempts": "2"},
    )

    assert response.status_code == 400
    assert "That learner is not in this cohort." in text(response)


def time_allowance(ctx, user_id: int) -> int:
    with ctx():
        return db.session.get(User, user_id).time_allowance


def test_the_instructor_sets_a_learners_exam_time_and_the_exam_uses_it(owner, member, cohort, ctx):
    response = post(
        owner.client, f"/cohorts/{cohort}/learners/{member.user_id}/allowance", {"percent": "50"}
    )

    assert response.status_code == 302
    assert time_allowance(ctx, member.user_id) == 50
    record = text(owner.client.get(f"/cohorts/{cohort}/learners/{member.user_id}"))
    assert 'name="percent" type="number" min="0" max="200" value="50"' in record
    attempt = start_exam_on_page(member.client)
    with ctx():
        row = db.session.get(ExamAttempt, attempt)
        assert row.deadline_at - row.started_at == timedelta(minutes=90)


@pytest.mark.parametrize("percent", ["-1", "201", "lots", ""])
def test_an_exam_time_allowance_outside_0_to_200_is_refused(owner, member, cohort, ctx, percent):
    response = post(
        owner.client, f"/cohorts/{cohort}/learners/{member.user_id}/allowance", {"percent": percent}
    )

    assert response.status_code == 400
    assert "Check the allowance" in text(response)
    assert time_allowance(ctx, member.user_id) == 0


def test_the_exam_time_of_someone_outside_the_cohort_cannot_be_set(owner, person, cohort, ctx):
    """The URL names the learner: outside the cohort, they are not found there."""
    stranger = person("stranger@example.com")

    response = post(
        owner.client, f"/cohorts/{cohort}/learners/{stranger.user_id}/allowance", {"percent": "50"}
    )

    assert response.status_code == 404
    assert time_allowance(ctx, stranger.user_id) == 0


def test_a_lesson_opened_before_the_open_date_and_completed_after_it_is_done(member, cohort, ctx):
    member.client.get("/courses/project-management-for-it/why-it-work-is-project-work")
    assign(ctx, cohort, "lesson", LESSON, utcnow() + WEEK, open_at=utcnow() + timedelta(hours=1))

    with time_machine.travel(datetime.now(UTC) + timedelta(hours=2), tick=False):
        assert states(member.client) == [("Not started", "–")]
        post(member.client, f"/progress/lessons/{LESSON}/complete")
        after = states(member.client)

    assert after == [("Done", "–")]
