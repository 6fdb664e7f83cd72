"""Glossaries to add to ``tests/content_trees.write_tree``.

``glossary(term(...), ...)`` writes each term in four lines, so the n-th term
(from 0) starts at line ``2 + 4 * n``:

    1 terms:
    2   - id: term-...
    3     term: ...
    4     definition: ...
    5     lesson: ...      (omitted with lesson=None: later terms move up a line)
"""

from __future__ import annotations

GLOSSARY = "course-a/glossary.yaml"
GLOSSARY_PATH = f"content/{GLOSSARY}"  # as problems name it

COURSE_B = """\
id: tst-course-b
slug: other-course
title: Other course
summary: A second course, for references across courses.
audience: Testers.
modules:
  - id: tst-b-mod
    dir: 01-only
    title: Only module
"""


def term(
    tid: str,
    text: str,
    definition: str | None = None,
    lesson: str | None = "tst-first",
) -> str:
    return (
        f"  - id: {tid}\n"
        f"    term: {text}\n"
        f"    definition: {definition or f'What {text} means, in one sentence.'}\n"
        + (f"    lesson: {lesson}\n" if lesson else "")
    )


def glossary(*terms: str) -> str:
    return "terms:\n" + "".join(terms)


def three_terms() -> str:
    return glossary(
        term("term-tst-scope", "Scope"),
        term("term-tst-risk", "Risk", lesson="tst-third"),
        term("term-tst-float", "Float", lesson=None),
    )
