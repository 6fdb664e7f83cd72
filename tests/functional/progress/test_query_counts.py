"""The lesson page and the dashboard (and the home and course pages) cost a fixed
number of SQL statements, however many lessons there are and however many learners
have progress. Statements are counted on the engine, savepoints included."""

from __future__ import annotations

from app.content.loader import load_content
from app.extensions import db
from app.models import LessonProgress
from app.models._types import utcnow
from tests.conftest import sql_statements
from tests.factories import make_user
from tests.functional.progress.content_trees import (
    COURSE_SLUG,
    lesson_id,
    lesson_url,
    write_course,
)

MAX_STATEMENTS = 8
# The dashboard also reads mastery, exams and mocks, the review count and study days.
MAX_DASHBOARD_STATEMENTS = 16


def within_budget(counts: dict[str, int]) -> bool:
    pages = {name: n for name, n in counts.items() if name != "dashboard"}
    return max(pages.values()) <= MAX_STATEMENTS and counts["dashboard"] <= MAX_DASHBOARD_STATEMENTS


def statements_per_page(app, client, lesson: str) -> dict[str, int]:
    """Statements per page, each read once before: the first view of the lesson records
    the open, and the first dashboard after a content load builds the syllabus view."""
    assert client.get(lesson).status_code == 200
    assert client.get("/progress").status_code == 200
    counts = {}
    for name, path in {
        "lesson": lesson,
        "dashboard": "/progress",
        "home": "/",
        "course": f"/courses/{COURSE_SLUG}",
    }.items():
        with sql_statements(app) as statements:
            response = client.get(path)
        assert response.status_code == 200, path
        counts[name] = len(statements)
    return counts


def give_progress(user_ids: list[int], lessons: range) -> None:
    """Each user completes the lessons numbered in ``lessons``."""
    now = utcnow()
    db.session.add_all(
        LessonProgress(
            user_id=user_id,
            lesson_id=lesson_id(n),
            first_opened_at=now,
            last_opened_at=now,
            completed_at=now,
        )
        for user_id in user_ids
        for n in lessons
    )
    db.session.commit()


def test_statements_do_not_grow_with_the_number_of_lessons(app, client, learner, ctx, tmp_path):
    counts = []
    completed = range(1, 6)  # then, with 200 lessons, 90 more
    for lessons in (10, 200):
        with ctx():
            load_content(db.session, write_course(tmp_path / f"content-{lessons}", lessons))
            give_progress([learner], completed)
        counts.append(statements_per_page(app, client, lesson_url(lessons // 2 + 1)))
        completed = range(11, 101)
    assert counts[0] == counts[1]
    assert within_budget(counts[1]), counts[1]


def test_statements_do_not_grow_with_the_number_of_learners(app, client, learner, ctx, tmp_path):
    lessons = 20
    with ctx():
        load_content(db.session, write_course(tmp_path / "content", lessons))
        give_progress([learner], range(1, 11))
    counts, others = [], 0
    for learners in (10, 200):
        with ctx():
            give_progress([make_user().id for _ in range(learners - others)], range(1, 11))
        others = learners
        counts.append(statements_per_page(app, client, lesson_url(lessons // 2 + 1)))
    assert counts[0] == counts[1]
    assert within_budget(counts[1]), counts[1]
