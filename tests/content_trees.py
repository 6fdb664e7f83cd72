"""Small content trees on disk for the check, CLI and loader tests.

``write_tree(tmp_path)`` writes a valid tree (one course, two modules, three lessons
and an image) under ``tmp_path / "content"``; pass ``files`` to replace or add files
(a value of None deletes one). Every lesson file from ``lesson()`` has the same
layout, so line numbers in expected problems are fixed:

    1 ---          5 summary     9 tags:
    2 id           6 minutes    10   - tag-scope
    3 slug         7 objectives: 11 ---
    4 title        8   - ...    12 first line of the body
"""

from __future__ import annotations

from pathlib import Path

BODY_LINE = 12
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32

SYLLABUS = """\
groups:
  - id: grp-basics
    title: Basics
    tags:
      - id: tag-scope
        title: Scope
      - id: tag-risk
        title: Risk
"""

COURSE = """\
id: tst-course
slug: test-course
title: Test course
summary: A small course for tests.
audience: Testers.
modules:
  - id: tst-mod-one
    dir: 01-one
    title: Module one
  - id: tst-mod-two
    dir: 02-two
    title: Module two
"""


def lesson(
    id: str,
    slug: str,
    body: str = "## Section\n\nSome text.\n",
    *,
    title: str | None = None,
    minutes: str = "10",
    tag: str = "tag-scope",
) -> str:
    return (
        "---\n"
        f"id: {id}\n"
        f"slug: {slug}\n"
        f"title: {title or slug.replace('-', ' ').capitalize()}\n"
        "summary: What this lesson is about.\n"
        f"minutes: {minutes}\n"
        "objectives:\n"
        "  - Explain the thing\n"
        "tags:\n"
        f"  - {tag}\n"
        "---\n"
        f"{body}"
    )


def valid_files() -> dict[str, str | bytes]:
    return {
        "syllabus.yaml": SYLLABUS,
        "course-a/course.yaml": COURSE,
        "course-a/01-one/01-first.md": lesson(
            "tst-first", "first", "## Start\n\nSee [the second](lesson:tst-second).\n"
        ),
        "course-a/01-one/02-second.md": lesson(
            "tst-second", "second", "## Picture\n\n![A chart](../img/chart.png)\n"
        ),
        "course-a/02-two/01-third.md": lesson("tst-third", "third", tag="tag-risk"),
        "course-a/img/chart.png": PNG,
    }


def write_tree(tmp_path: Path, files: dict[str, str | bytes | None] | None = None) -> Path:
    """Write the valid tree with ``files`` replacing, adding or (None) removing files.

    Writing again into the same ``tmp_path`` edits the tree in place, as an author would.
    """
    root = tmp_path / "content"
    merged = valid_files() | (files or {})
    for name, data in merged.items():
        path = root / name
        if data is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return root
