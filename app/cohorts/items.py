"""What can be assigned: current content items by kind, their titles and links."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from sqlalchemy import select

from app.extensions import db
from app.models import Course, Lesson, Module, Quiz, Scenario

KINDS = {
    "lesson": "Lesson",
    "module": "Module",
    "quiz": "Practice quiz",
    "exam": "Mock exam",
    "scenario": "Scenario",
}


@dataclass(frozen=True)
class Item:
    kind: str
    id: str
    title: str
    course_title: str


def assignable() -> list[Item]:
    """Every current item that can be assigned, course by course (for the form)."""
    current = Course.retired_at.is_(None)
    items = [
        Item("lesson", lid, title, course)
        for lid, title, course in db.session.execute(
            select(Lesson.id, Lesson.title, Course.title)
            .join(Course, Course.id == Lesson.course_id)
            .where(Lesson.retired_at.is_(None), current)
            .order_by(Course.position, Lesson.position)
        )
    ]
    items += [
        Item("module", mid, title, course)
        for mid, title, course in db.session.execute(
            select(Module.id, Module.title, Course.title)
            .join(Course, Course.id == Module.course_id)
            .where(Module.retired_at.is_(None), current)
            .order_by(Course.position, Module.position)
        )
    ]
    for quiz, course in db.session.execute(
        select(Quiz, Course.title)
        .join(Course, Course.id == Quiz.course_id)
        .where(Quiz.retired_at.is_(None), current)
        .order_by(Course.position, Quiz.position)
    ):
        items.append(Item("exam" if quiz.kind == "exam" else "quiz", quiz.id, quiz.title, course))
    items += [
        Item("scenario", sid, title, course)
        for sid, title, course in db.session.execute(
            select(Scenario.id, Scenario.title, Course.title)
            .join(Course, Course.id == Scenario.course_id)
            .where(Scenario.retired_at.is_(None), current)
            .order_by(Course.position, Scenario.title)
        )
    ]
    return items


def find_item(kind: str, item_id: str) -> Item | None:
    """The current item of ``kind`` with this id, or None (unknown, retired, wrong kind)."""
    return next((i for i in assignable() if i.kind == kind and i.id == item_id), None)


def item_url(kind: str, item_id: str) -> str | None:
    """Where a learner goes to do the item; None if it is no longer current, and for a
    practice set built from syllabus tags ("topics"), which is started from the cohort."""
    if kind == "topics":
        return None
    if kind in ("lesson", "module"):
        model = Lesson if kind == "lesson" else Module
        row = db.session.execute(
            select(Course.slug, Lesson.slug)
            .join(Lesson, Lesson.course_id == Course.id)
            .where(
                (Lesson.id == item_id) if model is Lesson else (Lesson.module_id == item_id),
                Lesson.retired_at.is_(None),
            )
            .order_by(Lesson.position)
            .limit(1)
        ).first()
        return url_for("catalog.lesson", course_slug=row[0], lesson_slug=row[1]) if row else None
    if kind in ("quiz", "exam"):
        row = db.session.execute(
            select(Course.slug, Quiz.slug)
            .join(Quiz, Quiz.course_id == Course.id)
            .where(Quiz.id == item_id, Quiz.retired_at.is_(None))
        ).first()
        if row is None:
            return None
        if kind == "exam":
            return url_for("quizzes.exam", course_slug=row[0], exam_slug=row[1])
        return url_for("quizzes.quiz", course_slug=row[0], quiz_slug=row[1])
    row = db.session.execute(
        select(Course.slug, Scenario.slug)
        .join(Scenario, Scenario.course_id == Course.id)
        .where(Scenario.id == item_id, Scenario.retired_at.is_(None))
    ).first()
    return url_for("scenarios.scenario", course_slug=row[0], slug=row[1]) if row else None
