"""A learner's completion record: the cohort's assigned work (status, date, score,
attempts) and their syllabus mastery, for the cohort's staff only, and nothing else
of the learner's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.auth.services import get_user
from app.cohorts import assignments, services
from app.extensions import db
from app.models import Cohort, LessonProgress, PracticeRun
from app.models._types import utcnow
from app.templating import local_time
from tests.functional.cohort_sets.helpers import skill, text

LESSON, LESSON_TITLE = "pmit-why-projects", "Why IT work is project work"
EXAM_TITLE = "Project management for IT: mock exam"
UNASSIGNED_QUIZ = "quiz-pmit-scope-check"  # "Check: Scope and stakeholders"


def assign(ctx, cohort_id: int, kind: str, item_id: str, **kw) -> int:
    with ctx():
        due = (utcnow() + timedelta(days=7)).replace(tzinfo=None)
        return assignments.create(db.session.get(Cohort, cohort_id), kind, item_id, due, **kw).id


def record_path(cohort_id: int, user_id: int) -> str:
    return f"/cohorts/{cohort_id}/learners/{user_id}"


def test_the_record_lists_each_assignment_with_status_completion_date_score_and_attempts(
    owner, member, ctx, cohort
):
    assign(ctx, cohort, "lesson", LESSON)
    assign(ctx, cohort, "exam", "exam-pmit-mock", attempts_allowed=2)
    completed = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    with ctx():
        db.session.add(
            LessonProgress(
                user_id=member.user_id,
                lesson_id=LESSON,
                first_opened_at=completed - timedelta(hours=1),
                last_opened_at=completed,
                completed_at=completed,
            )
        )
        db.session.commit()

    page = text(owner.client.get(record_path(cohort, member.user_id)))

    assert "Mina Member: completion record" in page
    assert LESSON_TITLE in page and EXAM_TITLE in page
    assert local_time(completed, "Europe/Berlin") in page  # Mon 02 Mar 2026, 10:30
    assert "Done" in page and "Not started" in page
    assert "0 of 2" in page  # exam attempts used of those allowed


def test_the_record_shows_only_the_cohorts_assigned_work_and_syllabus_mastery(
    owner, member, ctx, cohort
):
    assign(ctx, cohort, "lesson", LESSON)
    with ctx():
        elsewhere = services.create_cohort(get_user(owner.user_id), "Another team", "UTC")
        db.session.add(
            PracticeRun(
                user_id=member.user_id,
                quiz_id=UNASSIGNED_QUIZ,
                question_ids=[],
                started_at=utcnow(),
                finished_at=utcnow(),
            )
        )
        db.session.commit()
        elsewhere_id = elsewhere.id
    assign(ctx, elsewhere_id, "scenario", "scn-email-patch")
    skill(ctx, member.user_id, "it-risk", 2.0, answers=12)
    skill(ctx, member.user_id, "it-scope", 0.0, answers=2)

    page = text(owner.client.get(record_path(cohort, member.user_id)))

    assert LESSON_TITLE in page
    assert "Check: Scope and stakeholders" not in page  # their own practice
    assert "Patching the company's email servers" not in page  # another cohort's assignment
    assert "Risk and issue management" in page
    assert "Not enough evidence yet" in page  # it-scope: two answers


def test_only_the_cohorts_staff_see_a_learners_record(person, owner, member, ctx, cohort):
    path = record_path(cohort, member.user_id)
    outsider = person("outsider@example.com", role="instructor")
    with ctx():
        services.create_cohort(get_user(outsider.user_id), "Their own team", "UTC")
    stranger = person("stranger@example.com")
    admin = person("admin@example.com", role="admin")

    assert owner.client.get(path).status_code == 200
    assert admin.client.get(path).status_code == 200
    assert member.client.get(path).status_code == 404
    assert stranger.client.get(path).status_code == 404
    assert outsider.client.get(path).status_code == 404


def test_a_user_not_in_the_cohort_has_no_record_there(person, owner, ctx, cohort):
    stranger = person("stranger@example.com")

    assert owner.client.get(record_path(cohort, stranger.user_id)).status_code == 404
    assert owner.client.get(record_path(cohort, 999999)).status_code == 404


def test_the_learners_list_links_each_learner_to_their_record(owner, member, cohort):
    page = text(owner.client.get(f"/cohorts/{cohort}"))

    assert f'href="{record_path(cohort, member.user_id)}"' in page
