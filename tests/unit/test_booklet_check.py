"""Scenario booklets: checked like lessons, and questions set in them point at one."""

from app.content.tree import read_content
from tests.bank_trees import bank, single, write_bank_tree

EXTRA = "content/course-a/questions/more.yaml"
BOOKLET_FILE = "course-a/booklets/mail-migration.md"
BOOKLET = """\
---
id: bk-mail-migration
slug: mail-migration
title: Moving the company's mail
---
## The project

The board approved the move on [the usual terms](lesson:tst-first).
"""


def problems(tmp_path, files) -> list[str]:
    return [str(p) for p in read_content(write_bank_tree(tmp_path, files)).problems]


def booklet_question(qid: str, booklet: str = "bk-mail-migration") -> str:
    """A single-choice question set in a booklet instead of checking a lesson."""
    return single(qid).replace("    lesson: tst-first\n", f"    booklet: {booklet}\n")


def test_a_question_set_in_a_booklet_is_valid(tmp_path):
    tree = read_content(
        write_bank_tree(
            tmp_path,
            {BOOKLET_FILE: BOOKLET, "course-a/questions/more.yaml": bank(booklet_question("q-b"))},
        )
    )
    assert tree.problems == []
    course = tree.courses[0]
    assert [b.id for b in course.booklets] == ["bk-mail-migration"]
    assert '<a href="/courses/test-course/first">the usual terms</a>' in course.booklets[0].html
    question = next(q for q in course.questions if q.id == "q-b")
    assert (question.booklet, question.lesson) == ("bk-mail-migration", None)


def test_unknown_booklet_is_reported_at_its_line(tmp_path):
    files = {
        BOOKLET_FILE: BOOKLET,
        "course-a/questions/more.yaml": bank(booklet_question("q-b", "bk-none")),
    }
    assert problems(tmp_path, files) == [
        f"{EXTRA}:4: unknown scenario booklet 'bk-none' in this course"
    ]


def test_a_question_with_both_a_lesson_and_a_booklet_is_reported(tmp_path):
    both = single("q-b").replace(
        "    lesson: tst-first\n", "    lesson: tst-first\n    booklet: bk-mail-migration\n"
    )
    files = {BOOKLET_FILE: BOOKLET, "course-a/questions/more.yaml": bank(both)}
    assert problems(tmp_path, files) == [
        f"{EXTRA}:2: a question checks a lesson or a scenario booklet: give one of them"
    ]


def test_a_question_with_neither_is_reported(tmp_path):
    neither = single("q-b").replace("    lesson: tst-first\n", "")
    assert problems(tmp_path, {"course-a/questions/more.yaml": bank(neither)}) == [
        f"{EXTRA}:2: a question checks a lesson or a scenario booklet: give one of them"
    ]


def test_a_broken_booklet_is_reported_with_its_file_and_line(tmp_path):
    broken = BOOKLET.replace("lesson:tst-first", "lesson:tst-gone").replace(
        "slug: mail-migration\n", "slug: mail-migration\ncolour: blue\n"
    )
    assert problems(tmp_path, {BOOKLET_FILE: broken}) == [
        "content/course-a/booklets/mail-migration.md:4: unknown field 'colour'",
        "content/course-a/booklets/mail-migration.md:9: link to unknown lesson id 'tst-gone'",
    ]
