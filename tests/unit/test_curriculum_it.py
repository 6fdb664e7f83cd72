"""Curriculum I ("Project management for IT professionals"): the minimums issue 7
sets, checked on the real ``content/`` so a later edit cannot quietly fall below them."""

from __future__ import annotations

import re
from collections import Counter

import pytest


@pytest.fixture(scope="module")
def course(curriculum):
    return next(c for c in curriculum.courses if c.spec.id == "course-pm-it")


def test_at_least_20_lessons_in_at_least_6_modules(course):
    assert len(course.lessons) >= 20
    assert len({lesson.module_id for lesson in course.lessons}) >= 6


def test_every_lesson_has_objectives_a_worked_it_example_a_summary_and_a_check(course):
    checks = {q.lesson for q in course.quizzes if q.kind == "practice"}
    for lesson in course.lessons:
        headings = re.findall(r"^## (.+)$", lesson.body, re.M)
        assert len(lesson.spec.objectives) >= 3, lesson.spec.id
        assert any(h.startswith("Worked example") for h in headings), lesson.spec.id
        assert headings[-1] == "Summary", lesson.spec.id
        assert lesson.spec.id in checks, lesson.spec.id


def test_at_least_80_questions_each_tied_to_a_lesson_using_every_type_and_style(course):
    lessons = {lesson.spec.id for lesson in course.lessons}
    assert len(course.questions) >= 80
    assert all(q.lesson in lessons for q in course.questions)
    types = Counter(q.type for q in course.questions)
    assert set(types) == {"single", "multiple", "true_false", "ordering", "matching"}
    styles = {q.style for q in course.questions if q.type in ("single", "multiple")}
    assert styles == {"standard", "list", "negative", "missing_word"}


def test_every_wrong_option_gives_its_reason(course):
    for q in course.questions:
        for option in q.content.get("options", []):
            assert len(option["reason"]) >= 20, (q.id, option["id"])
        if q.type == "true_false":
            assert len(q.content["wrong_reason"]) >= 20, q.id


def test_each_lesson_check_can_draw_eight_practice_questions(course):
    practice = Counter(q.lesson for q in course.questions if "practice" in q.pools)
    for quiz in course.quizzes:
        if quiz.kind == "practice" and quiz.lesson:
            assert practice[quiz.lesson] >= quiz.questions, quiz.id


def test_glossary_has_at_least_60_terms_from_lessons_of_the_course(course):
    lessons = {lesson.spec.id for lesson in course.lessons}
    assert len(course.terms) >= 60
    assert all(term.lesson in lessons for term in course.terms)


def test_the_end_of_course_assessment_is_30_questions_45_minutes_pass_70_percent(course):
    final = next(q for q in course.quizzes if q.id == "exam-pmit-final")
    assert (final.kind, final.questions, final.minutes) == ("exam", 30, 45)
    assert final.pass_mark == 21 == round(0.7 * final.questions)
    assert sum(final.blueprint.values()) == 30
