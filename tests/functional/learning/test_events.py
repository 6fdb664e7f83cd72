"""Progress from events, driven through the web: practice answers, "Practise this",
mock exams, completed lessons and scenario decisions update mastery, the review queue,
study days and the learner's statements."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import GlossaryTerm, PracticeRun, Question, QuestionTag
from app.models._types import utcnow
from app.quizzes.practice import tag_pool
from tests.functional.learning.helpers import (
    WHY_CHECK,
    WHY_LESSON,
    answer_exam,
    cards,
    complete_lesson,
    count,
    decide,
    exam_attempt,
    exam_items,
    logs,
    mastery,
    nav_due,
    post,
    practise,
    run_questions,
    start_exam,
    start_run,
    start_scenario,
    statements,
    submit_exam,
    text,
)

DAY = timedelta(days=1)


def question_tags(ctx, question_ids: list[str]) -> dict[str, list[str]]:
    with ctx():
        rows = db.session.execute(
            select(QuestionTag.question_id, QuestionTag.tag_id).where(
                QuestionTag.question_id.in_(question_ids)
            )
        )
        tags: dict[str, list[str]] = {}
        for qid, tag in rows:
            tags.setdefault(qid, []).append(tag)
        return tags


# --- practice answers and the review queue ---


def test_a_wrong_practice_answer_is_due_for_review_the_next_day(clock, client, auth, learner, ctx):
    run = start_run(client, f"{WHY_CHECK}/start")
    practise(client, ctx, run, 1, right=False)
    [card] = cards(ctx, learner)
    assert (card.kind, card.item_id) == ("question", run_questions(ctx, run)[0])
    assert nav_due(client) is None  # rated Again today: back tomorrow, not now
    clock.shift(DAY)
    assert auth.login().status_code == 302
    assert nav_due(client) == 1
    assert "Review (1 due)" in text(client.get("/progress"))


def test_a_right_practice_answer_creates_no_review_card(client, learner, ctx):
    run = start_run(client, f"{WHY_CHECK}/start")
    practise(client, ctx, run, 1, right=True)
    assert len(statements(ctx, learner, "answered")) == 1  # the answer did count
    assert cards(ctx, learner) == []
    assert nav_due(client) is None


def test_practising_a_due_question_right_reviews_its_card(clock, client, auth, learner, ctx):
    run = start_run(client, f"{WHY_CHECK}/start")
    practise(client, ctx, run, 1, right=False)
    clock.shift(DAY)
    assert auth.login().status_code == 302
    practise(client, ctx, run, 1, right=True)  # the same question, tried again
    [card] = cards(ctx, learner)
    assert card.reps == 2
    assert card.due_at > utcnow() + DAY
    assert [log.rating for log in logs(ctx, learner)] == [1, 3]  # Again, then Good
    assert nav_due(client) is None


# --- "Practise this" ---


def test_practise_this_draws_only_the_tags_practice_questions(client, learner, ctx):
    run = start_run(client, "/practice/topics/it-risk/start")
    drawn = run_questions(ctx, run)
    with ctx():
        pool = tag_pool("it-risk")
        in_practice = db.session.scalars(
            select(Question.in_practice).where(Question.id.in_(drawn))
        ).all()
        assert db.session.get(PracticeRun, run).tag_id == "it-risk"
    assert len(drawn) == min(10, len(pool)) and len(set(drawn)) == len(drawn)
    assert all("it-risk" in tags for tags in question_tags(ctx, drawn).values())
    assert len(question_tags(ctx, drawn)) == len(drawn) and all(in_practice)


def test_dashboard_offers_practise_this_only_for_tags_with_questions(
    client, learner, ctx, tag_without_questions
):
    page = client.get("/progress").get_data(as_text=True)
    with ctx():
        assert tag_pool("tag-scope") != [] and tag_pool(tag_without_questions) == []
    assert f'id="tag-{tag_without_questions}"' in page  # listed, for its lesson
    assert 'action="/practice/topics/tag-scope/start"' in page
    assert f'action="/practice/topics/{tag_without_questions}/start"' not in page


def test_practise_this_on_an_unknown_tag_is_not_found(client, learner, ctx):
    assert post(client, "/practice/topics/no-such-tag/start").status_code == 404
    assert count(ctx, PracticeRun, PracticeRun.user_id == learner) == 0


def test_practise_this_on_a_tag_without_questions_says_so(
    client, learner, ctx, tag_without_questions
):
    response = post(client, f"/practice/topics/{tag_without_questions}/start")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/progress")
    page = text(client.get("/progress"))
    assert "There are no practice questions on that topic yet." in page
    assert count(ctx, PracticeRun, PracticeRun.user_id == learner) == 0  # no empty run kept


def test_a_tag_runs_summary_names_the_tag_and_counts_the_answers(client, learner, ctx):
    run = start_run(client, "/practice/topics/it-risk/start")
    total = len(run_questions(ctx, run))
    practise(client, ctx, run, 1, right=True)
    response = client.get(f"/practice/runs/{run}/summary")
    assert response.status_code == 200
    page = text(response)
    assert "Practice: Risk and issue management: results" in page
    assert f"You answered 1 of {total} questions and scored {round(100 / total)}%" in page
    assert 'action="/practice/topics/it-risk/start"' in response.get_data(as_text=True)


# --- the mock exam ---


def expected_evidence(ctx, attempt: int, right: int) -> dict[str, tuple[int, float]]:
    """Per tag: (answers, correct) that an attempt with its first ``right`` questions
    right (and the rest unanswered, so wrong) is evidence of."""
    items = exam_items(ctx, attempt)
    tags = question_tags(ctx, [item.question_id for item in items])
    answers, correct = Counter(), Counter()
    for item in items:
        for tag in tags[item.question_id]:
            answers[tag] += 1
            correct[tag] += 1 if item.position <= right else 0
    return {tag: (answers[tag], float(correct[tag])) for tag in answers}


def test_a_passed_mock_credits_its_questions_tags_and_is_stated_once(client, learner, ctx):
    attempt = start_exam(client)
    answer_exam(client, ctx, attempt, right=30)
    submit_exam(client, attempt)
    assert exam_attempt(ctx, attempt).score == 30
    rows = mastery(ctx, learner)
    expected = expected_evidence(ctx, attempt, right=30)
    assert {tag: (row.answers, row.correct) for tag, row in rows.items()} == expected
    [stated] = statements(ctx, learner)  # one for the attempt, none per question
    assert (stated.verb, stated.object_kind, stated.object_id) == (
        "passed",
        "exam",
        "exam-pmit-mock",
    )
    assert stated.result["score"] == {"scaled": 0.75, "raw": 30, "min": 0, "max": 40}
    assert stated.result["success"] is True


def test_a_failed_mock_is_stated_as_failed_with_its_score(client, learner, ctx):
    attempt = start_exam(client)
    answer_exam(client, ctx, attempt, right=3)
    submit_exam(client, attempt)
    [stated] = statements(ctx, learner)
    assert stated.verb == "failed"
    assert stated.result["score"]["raw"] == 3 and stated.result["success"] is False
    rows = mastery(ctx, learner)
    assert sum(row.answers for row in rows.values()) == sum(
        answers for answers, _ in expected_evidence(ctx, attempt, right=3).values()
    )


# --- lessons ---


def test_completing_a_lesson_queues_its_terms_and_is_stated(client, learner, ctx):
    complete_lesson(client)
    with ctx():
        terms = set(
            db.session.scalars(select(GlossaryTerm.id).where(GlossaryTerm.lesson_id == WHY_LESSON))
        )
    queued = cards(ctx, learner)
    assert terms and {c.item_id for c in queued} == terms
    assert {c.kind for c in queued} == {"term"}
    assert nav_due(client) == len(terms)
    [stated] = statements(ctx, learner)
    assert (stated.verb, stated.object_kind, stated.object_id) == (
        "completed",
        "lesson",
        WHY_LESSON,
    )


def test_completing_a_lesson_twice_queues_its_terms_once(client, learner, ctx):
    complete_lesson(client)
    post(client, f"/progress/lessons/{WHY_LESSON}/undo")
    complete_lesson(client)
    queued = [c.item_id for c in cards(ctx, learner)]
    assert len(queued) == len(set(queued))


# --- scenario decisions ---


def test_a_good_scenario_decision_raises_mastery_of_its_tags(client, learner, ctx):
    attempt = start_scenario(client)
    decide(client, attempt, "brief", "assess")
    rows = mastery(ctx, learner)
    assert set(rows) == {"it-scope", "it-patching", "it-stakeholders"}
    assert all(row.rating > 0 for row in rows.values())


def test_a_poor_scenario_decision_lowers_mastery_of_its_tags(client, learner, ctx):
    attempt = start_scenario(client)
    decide(client, attempt, "brief", "tonight")
    before = mastery(ctx, learner)
    assert "p2-principle-manage-by-exception" not in before
    decide(client, attempt, "tonight-fallout", "push-on")  # gives away the best ending
    after = mastery(ctx, learner)
    assert after["p2-principle-manage-by-exception"].rating < 0
    assert after["it-cutover-rollback"].rating < 0
    assert after["it-patching"].rating == before["it-patching"].rating  # not in this choice


# --- study days and the daily goal ---


def test_review_and_dashboard_count_todays_study_and_the_streak(clock, client, auth, learner, ctx):
    run = start_run(client, f"{WHY_CHECK}/start")
    practise(client, ctx, run, 1, right=True)
    practise(client, ctx, run, 2, right=True)
    assert "2 of your daily goal of 20 done" in text(client.get("/review"))
    assert "Today: 2 of your goal of 20 · streak 1 day " in text(client.get("/progress"))
    clock.shift(DAY)
    assert auth.login().status_code == 302
    practise(client, ctx, run, 3, right=True)
    review_page = text(client.get("/review"))
    assert "1 of your daily goal of 20 done" in review_page
    assert "study streak: 2 days" in review_page
    assert "Today: 1 of your goal of 20 · streak 2 days" in text(client.get("/progress"))


def test_yesterdays_study_keeps_the_streak_until_today_is_over(clock, client, auth, learner, ctx):
    run = start_run(client, f"{WHY_CHECK}/start")
    practise(client, ctx, run, 1, right=True)
    clock.shift(DAY)
    assert auth.login().status_code == 302
    assert "Today: 0 of your goal of 20 · streak 1 day " in text(client.get("/progress"))


def test_a_day_without_study_breaks_the_streak(clock, client, auth, learner, ctx):
    run = start_run(client, f"{WHY_CHECK}/start")
    practise(client, ctx, run, 1, right=True)
    clock.shift(2 * DAY)
    assert auth.login().status_code == 302
    assert "Today: 0 of your goal of 20 · streak 0 days" in text(client.get("/progress"))


def test_the_dashboard_shows_the_daily_goal_the_learner_set(client, learner):
    assert post(client, "/review/goal", {"daily_goal": "30"}).status_code == 302
    assert "of your goal of 30" in text(client.get("/progress"))
