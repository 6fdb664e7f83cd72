"""Question banks and quizzes to add to ``tests/content_trees.write_tree``.

Builders return YAML text with a fixed layout, so line numbers in expected
problems are fixed. ``bank(question(...))`` puts the question's lines at:

     1 questions:            7     pool: [...]          13       - id: a      (first option,
     2   - id: q-...         8     stem: |              14         text: ...   item or pair;
     3     type: ...         9       <stem>             15         correct: .. each option
     4     lesson: ...      10     explanation: |       16         reason: ..  is 4 lines)
     5     tags: [...]      11       <explanation>
     6     difficulty: 2    12     options: (or items, pairs, answer)

Every explanation and reason names its question (``Explanation of q-x.``), so a
test can look for exactly that text in a page. None contains a character HTML
would escape.
"""

from __future__ import annotations

from pathlib import Path

from tests.content_trees import write_tree

BANK = "course-a/questions/basics.yaml"
QUIZZES = "course-a/quizzes/checks.yaml"


def question(
    qid: str,
    qtype: str,
    body: str,
    *,
    lesson: str = "tst-first",
    tags: str = "[tag-scope]",
    pool: str = "[practice, exam]",
    stem: str = "Which of these is right?",
    explanation: str | None = None,
    style: str | None = None,
) -> str:
    """One question as a list item; ``body`` holds its type-specific fields.

    A ``style`` goes on its own line after ``type``; a stem of several lines takes
    as many lines: both move the lines below them down.
    """
    stem_lines = "".join(f"      {line}\n" if line else "\n" for line in stem.split("\n"))
    return (
        f"  - id: {qid}\n"
        f"    type: {qtype}\n"
        + (f"    style: {style}\n" if style else "")
        + f"    lesson: {lesson}\n"
        f"    tags: {tags}\n"
        "    difficulty: 2\n"
        f"    pool: {pool}\n"
        "    stem: |\n"
        f"{stem_lines}"
        "    explanation: |\n"
        f"      {explanation or f'Explanation of {qid}.'}\n"
        f"{body}"
    )


def options(qid: str, correct: str, ids: str = "abc") -> str:
    """Options ``ids`` (one letter each), those in ``correct`` marked right."""
    lines = ["    options:\n"]
    for oid in ids:
        lines.append(
            f"      - id: {oid}\n"
            f"        text: Option {oid} of {qid}\n"
            f"        correct: {'true' if oid in correct else 'false'}\n"
            f"        reason: Reason {oid} of {qid}.\n"
        )
    return "".join(lines)


def single(qid: str, correct: str = "a", ids: str = "abc", **kw) -> str:
    return question(qid, "single", options(qid, correct, ids), **kw)


def multiple(qid: str, correct: str = "ab", ids: str = "abcd", **kw) -> str:
    kw.setdefault("stem", "Which two of these are right?")
    return question(qid, "multiple", options(qid, correct, ids), **kw)


def true_false(qid: str, answer: bool = True, **kw) -> str:
    kw.setdefault("stem", "This statement is true.")
    body = (
        f"    answer: {'true' if answer else 'false'}\n    wrong_reason: Wrong reason of {qid}.\n"
    )
    return question(qid, "true_false", body, **kw)


def ordering(qid: str, steps: int = 4, **kw) -> str:
    """Items ``s1``… in their right order (``Step 1 of q-x`` first)."""
    kw.setdefault("stem", "Put these steps in order.")
    body = "    items:\n" + "".join(
        f"      - id: s{n}\n        text: Step {n} of {qid}\n" for n in range(1, steps + 1)
    )
    return question(qid, "ordering", body, **kw)


def matching(qid: str, pairs: int = 3, distractor: bool = True, **kw) -> str:
    """Pairs ``p1``… (``Prompt n`` goes with ``Match n``), plus one distractor."""
    kw.setdefault("stem", "Match each prompt.")
    body = "    pairs:\n" + "".join(
        f"      - id: p{n}\n"
        f"        prompt: Prompt {n} of {qid}\n"
        f"        match: Match {n} of {qid}\n"
        for n in range(1, pairs + 1)
    )
    if distractor:
        body += f"    distractors:\n      - Distractor of {qid}\n"
    return question(qid, "matching", body, **kw)


def bank(*questions: str) -> str:
    return "questions:\n" + "".join(questions)


def practice_quiz(
    qid: str,
    slug: str,
    *,
    lesson: str | None = None,
    tags: str | None = None,
    questions: int = 5,
) -> str:
    """A practice quiz: lines id, slug, title, kind, then lesson and/or tags, questions."""
    text = f"  - id: {qid}\n    slug: {slug}\n    title: Practice {slug}\n    kind: practice\n"
    if lesson:
        text += f"    lesson: {lesson}\n"
    if tags:
        text += f"    tags: {tags}\n"
    return text + f"    questions: {questions}\n"


def exam(qid: str, slug: str, blueprint: dict[str, int], *, questions: int, pass_mark: int) -> str:
    """An exam: lines id, slug, title, kind, questions, minutes, pass_mark, blueprint, areas."""
    return (
        f"  - id: {qid}\n"
        f"    slug: {slug}\n"
        f"    title: Exam {slug}\n"
        "    kind: exam\n"
        f"    questions: {questions}\n"
        "    minutes: 30\n"
        f"    pass_mark: {pass_mark}\n"
        "    blueprint:\n" + "".join(f"      {area}: {n}\n" for area, n in blueprint.items())
    )


def quizzes(*entries: str) -> str:
    return "quizzes:\n" + "".join(entries)


def every_type_bank() -> str:
    """Every type and style, in both pools.

    The five types check lesson tst-first (its practice check draws exactly these),
    the three exam styles lesson tst-third.
    """
    third = {"lesson": "tst-third", "tags": "[tag-risk]"}
    return bank(
        single("q-single"),
        multiple("q-multiple"),
        true_false("q-true-false", answer=False),
        ordering("q-ordering"),
        matching("q-matching"),
        single("q-list", "b", style="list", stem="1. One\n2. Two\n\nWhich are right?", **third),
        single("q-negative", style="negative", stem="Which is NOT a risk?", **third),
        single("q-gap", style="missing_word", stem="A plan is a ______.", **third),
    )


FIRST_CHECK = ["q-single", "q-multiple", "q-true-false", "q-ordering", "q-matching"]
CHECK_SLUG = "first-check"


def every_type_quizzes() -> str:
    """The lesson check of tst-first and an exam over both tags."""
    return quizzes(
        practice_quiz("quiz-first-check", CHECK_SLUG, lesson="tst-first", questions=5),
        exam(
            "exam-basics",
            "basics-exam",
            {"tag-scope": 2, "tag-risk": 1},
            questions=3,
            pass_mark=2,
        ),
    )


def bank_files() -> dict[str, str]:
    return {BANK: every_type_bank(), QUIZZES: every_type_quizzes()}


def write_bank_tree(tmp_path: Path, files: dict[str, str | bytes | None] | None = None) -> Path:
    """``write_tree`` plus the valid bank and quizzes, with ``files`` on top."""
    return write_tree(tmp_path, bank_files() | (files or {}))
