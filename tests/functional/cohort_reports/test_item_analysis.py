"""The item analysis page of an assigned mock exam, practice quiz and scenario."""

from datetime import timedelta

import pytest

from app.cohorts.analysis import MIN_RESPONSES
from tests.factories import make_user
from tests.functional.cohort_reports import builders as b
from tests.functional.cohort_reports.pages import (
    choice_counts,
    figure,
    item_section,
    option_counts,
)
from tests.functional.cohort_reports.test_statistics import PATTERN, Q1_BY_HAND


def analysis_path(cohort_id: int, assignment_id: int) -> str:
    return f"/cohorts/{cohort_id}/analysis/{assignment_id}"


def exam_by_pattern(ctx, cohort_id: int, copies: int) -> list[int]:
    """``5 × copies`` learners, each with one finished mock exam of the four questions
    answered right or wrong as the hand-worked PATTERN says."""
    with ctx():
        ids = b.add_learners(cohort_id, 5 * copies)
        for n, uid in enumerate(ids):
            scores = list(PATTERN.values())[n % 5]
            answers = {
                q: (b.RIGHT if ok else b.WRONG)[q]
                for q, ok in zip(b.QUESTIONS, scores, strict=True)
            }
            b.exam_attempt(uid, answers, b.earlier(2))
    return ids


def test_exam_analysis_shows_facility_discrimination_and_option_counts(teacher, cohort, ctx):
    with ctx():
        assignment = b.assign(cohort, "exam", b.EXAM)
    exam_by_pattern(ctx, cohort, MIN_RESPONSES // 5)
    page = teacher.client.get(analysis_path(cohort, assignment)).get_data(as_text=True)
    single = item_section(page, b.SINGLE)  # right, right, right, wrong, wrong
    assert figure(single, "responses") == "20"
    assert figure(single, "facility") == "60%"
    assert figure(single, "discrimination") == f"{Q1_BY_HAND:.2f}" == "0.48"
    assert option_counts(single) == {
        "a": (8, True),  # the wrong answer the team gave: a misconception
        "b": (0, False),
        "c": (12, False),
        "d": (0, False),
    }
    multiple = item_section(page, b.MULTIPLE)  # right for A to D; E ticked a and b
    assert figure(multiple, "facility") == "80%"
    assert option_counts(multiple) == {
        "a": (4, True),
        "b": (20, False),
        "c": (0, False),
        "d": (16, False),
        "e": (0, False),
    }
    true_false = item_section(page, b.TRUE_FALSE)  # right for A only
    assert figure(true_false, "facility") == "20%"
    assert option_counts(true_false) == {"true": (16, True), "false": (4, False)}


def test_exam_analysis_counts_only_the_attempt_that_counts_of_current_learners(
    teacher, cohort, ctx
):
    with ctx():
        assignment = b.assign(cohort, "exam", b.EXAM, counts="best")
        best, other = b.add_learners(cohort, 2)
        b.exam_attempt(best, {b.SINGLE: b.WRONG[b.SINGLE], b.SINGLE_2: None}, b.earlier(5))
        b.exam_attempt(best, {b.SINGLE: b.RIGHT[b.SINGLE], b.SINGLE_2: None}, b.earlier(4))
        b.exam_attempt(other, {b.SINGLE: {"choice": "d"}, b.SINGLE_2: None}, None)  # still open
        outsider = make_user(email="outsider@example.com").id
        b.exam_attempt(outsider, {b.SINGLE: {"choice": "b"}, b.SINGLE_2: None}, b.earlier(3))
    page = teacher.client.get(analysis_path(cohort, assignment)).get_data(as_text=True)
    single = item_section(page, b.SINGLE)
    assert figure(single, "responses") == "1"
    assert figure(single, "facility") == "100%"
    assert option_counts(single) == {
        "a": (0, False),
        "b": (0, False),
        "c": (1, False),
        "d": (0, False),
    }
    assert figure(item_section(page, b.SINGLE_2), "unanswered") == "1"
    assert "the attempt that counts of <strong>1</strong> of 2 current learners" in page


def test_discrimination_is_hidden_below_twenty_responses(teacher, cohort, ctx):
    with ctx():
        assignment = b.assign(cohort, "exam", b.EXAM)
    ids = exam_by_pattern(ctx, cohort, 4)
    path = analysis_path(cohort, assignment)
    assert (
        figure(
            item_section(teacher.client.get(path).get_data(as_text=True), b.SINGLE),
            "discrimination",
        )
        == "0.48"
    )
    with ctx():
        from app.cohorts import services
        from app.extensions import db
        from app.models import Cohort

        services.remove_member(db.session.get(Cohort, cohort), ids[-1])
    single = item_section(teacher.client.get(path).get_data(as_text=True), b.SINGLE)
    assert figure(single, "responses") == str(MIN_RESPONSES - 1)
    assert figure(single, "discrimination") == "needs 20 responses"


def test_practice_analysis_uses_the_latest_answer_of_counted_runs_from_the_open_date(
    teacher, cohort, ctx
):
    opens = b.earlier(10)
    with ctx():
        assignment = b.assign(cohort, "quiz", b.QUIZ, opens=opens)
        first, second = b.add_learners(cohort, 2)
        # Before the open date: not this assignment's work.
        b.practice_run(first, [(b.SINGLE, {"choice": "d"})], opens - timedelta(hours=1))
        run = b.practice_run(first, [(b.SINGLE, {"choice": "a"})], b.earlier(8))
        b.answer(run, 1, b.SINGLE, {"choice": "c"}, b.earlier(7))  # a retry: the latest counts
        b.practice_run(second, [(b.SINGLE, {"choice": "b"})], b.earlier(6))
        b.practice_run(second, [(b.SINGLE, {"choice": "c"})], b.earlier(5), finished=False)
    page = teacher.client.get(analysis_path(cohort, assignment)).get_data(as_text=True)
    single = item_section(page, b.SINGLE)
    assert figure(single, "responses") == "2"
    assert figure(single, "facility") == "50%"
    assert option_counts(single) == {
        "a": (0, False),
        "b": (1, True),
        "c": (1, False),
        "d": (0, False),
    }


def test_practice_analysis_gives_partial_credit_its_share(teacher, cohort, ctx):
    with ctx():
        assignment = b.assign(cohort, "quiz", b.QUIZ)
        (uid,) = b.add_learners(cohort, 1)
        b.practice_run(uid, [(b.MULTIPLE, {"choices": ["b"]})], b.earlier(3))  # half right
    page = teacher.client.get(analysis_path(cohort, assignment)).get_data(as_text=True)
    assert figure(item_section(page, b.MULTIPLE), "facility") == "50%"


def test_scenario_analysis_counts_each_choice_of_learners_counted_play(teacher, cohort, ctx):
    with ctx():
        assignment = b.assign(cohort, "scenario", b.SCENARIO, counts="best")
        one, two, three = b.add_learners(cohort, 3)
        b.scenario_attempt(one, [("brief", "tonight")], b.earlier(6), total=30.0)
        b.scenario_attempt(one, [("brief", "assess"), ("prereqs", "cu-first")], b.earlier(5), 80.0)
        b.scenario_attempt(two, [("brief", "assess"), ("prereqs", "su-anyway")], b.earlier(4))
        b.scenario_attempt(three, [("brief", "next-cycle")], b.earlier(3), total=None)  # abandoned
    response = teacher.client.get(analysis_path(cohort, assignment))
    assert response.status_code == 200
    counts = choice_counts(response.get_data(as_text=True))
    assert counts["brief.assess"] == 2
    assert counts["brief.tonight"] == 0
    assert counts["brief.next-cycle"] == 0
    assert counts["prereqs.cu-first"] == 1
    assert counts["prereqs.su-anyway"] == 1
    assert counts["rollback.tested-backup"] == 0
    assert "2 learners decided here" in response.get_data(as_text=True)


def test_a_lesson_has_no_item_analysis_but_says_so(teacher, cohort, ctx):
    with ctx():
        assignment = b.assign(cohort, "lesson", b.LESSON)
    response = teacher.client.get(analysis_path(cohort, assignment))
    assert response.status_code == 200
    assert "Item analysis covers practice quizzes, mock exams and scenarios" in response.get_data(
        as_text=True
    )


def test_the_assignments_page_links_to_each_item_analysis_and_the_board_to_the_exports(
    teacher, cohort, ctx
):
    with ctx():
        exam = b.assign(cohort, "exam", b.EXAM)
        lesson = b.assign(cohort, "lesson", b.LESSON)
    listed = teacher.client.get(f"/cohorts/{cohort}/assignments").get_data(as_text=True)
    board = teacher.client.get(f"/cohorts/{cohort}").get_data(as_text=True)
    assert f'href="{analysis_path(cohort, exam)}"' in listed
    assert analysis_path(cohort, lesson) not in listed
    assert f'href="/cohorts/{cohort}/export/matrix.csv"' in board
    assert f'href="/cohorts/{cohort}/export/attempts.csv"' in board


@pytest.mark.parametrize("kind, item", [("exam", b.EXAM), ("scenario", b.SCENARIO)])
def test_an_analysis_with_no_attempts_yet_is_empty_not_an_error(teacher, cohort, ctx, kind, item):
    with ctx():
        assignment = b.assign(cohort, kind, item)
        b.add_learners(cohort, 2)
    response = teacher.client.get(analysis_path(cohort, assignment))
    assert response.status_code == 200
    assert "<strong>0</strong> of 2 current learners" in response.get_data(as_text=True)
