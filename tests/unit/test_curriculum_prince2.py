"""Curriculum II (PRINCE2® 7 Foundation and Practitioner): the minimums issue 8 sets,
checked on the real ``content/`` so a later edit cannot quietly fall below them."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from app.quizzes.blueprint import area_members, assign

INDEPENDENT = "not affiliated with, endorsed or reviewed by PeopleCert"


@pytest.fixture(scope="module")
def tree(curriculum):
    return curriculum


def course(tree, course_id: str):
    return next(c for c in tree.courses if c.spec.id == course_id)


@pytest.fixture(scope="module")
def foundation(tree):
    return course(tree, "course-p2-foundation")


@pytest.fixture(scope="module")
def practitioner(tree):
    return course(tree, "course-p2-practitioner")


def group_tags(tree) -> dict[str, set[str]]:
    return {g["id"]: {t["id"] for t in g["tags"]} for g in tree.syllabus.groups}


def test_both_courses_say_they_are_independent_of_peoplecert(foundation, practitioner):
    for doc in (foundation, practitioner):
        assert INDEPENDENT in " ".join(doc.spec.summary.split())


def test_foundation_has_16_lessons_covering_every_principle_practice_and_process(tree, foundation):
    assert len(foundation.lessons) >= 16
    taught = {tag for lesson in foundation.lessons for tag in lesson.spec.tags}
    groups = group_tags(tree)
    for group in ("p2-principles", "p2-practices", "p2-processes"):
        assert groups[group] <= taught, group
    assert {"p2-integrated-elements", "p2-people", "p2-tailoring"} <= taught
    checks = {q.lesson for q in foundation.quizzes if q.kind == "practice"}
    for lesson in foundation.lessons:
        headings = re.findall(r"^## (.+)$", lesson.body, re.M)
        assert any(h.startswith("Worked example") for h in headings), lesson.spec.id
        assert headings[-1] == "Summary" and lesson.spec.id in checks, lesson.spec.id


def test_foundation_bank_has_300_questions_in_every_style_each_tied_to_its_lesson(foundation):
    lessons = {lesson.spec.id for lesson in foundation.lessons}
    questions = foundation.questions
    assert len(questions) >= 300
    assert all(q.lesson in lessons for q in questions)
    styles = Counter(q.style for q in questions if q.type == "single")
    assert set(styles) == {"standard", "list", "negative", "missing_word"}
    for q in questions:
        for option in q.content.get("options", []):
            assert len(option["reason"]) >= 20, (q.id, option["id"])


def test_foundation_exam_and_practice_pools_are_separate_and_exam_questions_single(foundation):
    for q in foundation.questions:
        assert len(q.pools) == 1, q.id
        if "exam" in q.pools:
            assert q.type == "single" and len(q.content["options"]) == 4, q.id


def test_three_foundation_mocks_in_the_real_format(foundation):
    mocks = [q for q in foundation.quizzes if q.kind == "exam"]
    assert len(mocks) == 3
    for mock in mocks:
        assert (mock.questions, mock.minutes, mock.pass_mark) == (60, 60, 36)
        assert mock.second_language_minutes == 75 and not mock.open_book
        assert mock.blueprint == mocks[0].blueprint


def test_every_blueprint_area_holds_enough_for_three_mocks_without_repeats(tree, foundation):
    blueprint = next(q for q in foundation.quizzes if q.kind == "exam").blueprint
    pool = {q.id: set(q.tags) for q in foundation.questions if "exam" in q.pools}
    tripled = {area: 3 * n for area, n in blueprint.items()}
    members = area_members(tripled, group_tags(tree), pool)
    for area, n in tripled.items():
        assert len(members[area]) >= n, area
    drawn = assign(tripled, members)
    assert drawn is not None
    assert len({qid for ids in drawn.values() for qid in ids}) == 180


def test_practitioner_has_two_booklets_and_70_booklet_questions_in_its_form(practitioner):
    booklets = {b.id for b in practitioner.booklets}
    assert len(booklets) >= 2
    set_in = [q for q in practitioner.questions if q.booklet]
    assert len(set_in) >= 70
    assert {q.booklet for q in set_in} == booklets
    assert all(q.type == "single" and q.tags for q in set_in)
    because = [q for q in set_in if all(", because" in o["text"] for o in q.content["options"])]
    assert len(because) >= 0.5 * len(set_in)


def test_the_practitioner_mock_is_70_marks_150_minutes_pass_42_open_book(practitioner):
    mock = next(q for q in practitioner.quizzes if q.kind == "exam")
    assert (mock.questions, mock.minutes, mock.pass_mark) == (70, 150, 42)
    assert mock.open_book


def test_at_least_60_prince2_terms_in_the_glossaries(foundation, practitioner):
    assert len(foundation.terms) + len(practitioner.terms) >= 60
