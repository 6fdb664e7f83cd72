"""Generated content trees of any size, valid for ``load_content``."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import ROOT

COURSE_ID = "course-generated"
COURSE_SLUG = "generated-course"
PER_MODULE = 10


def lesson_id(n: int) -> str:
    return f"gen-lesson-{n:03d}"


def lesson_url(n: int) -> str:
    return f"/courses/{COURSE_SLUG}/lesson-{n:03d}"


def write_course(root: Path, lessons: int) -> Path:
    """Write syllabus.yaml and one course of ``lessons`` lessons, ten to a module."""
    root.mkdir(parents=True)
    shutil.copy(ROOT / "content" / "syllabus.yaml", root / "syllabus.yaml")
    course = root / "generated"
    course.mkdir()
    modules = (lessons + PER_MODULE - 1) // PER_MODULE
    lines = [
        f"id: {COURSE_ID}",
        f"slug: {COURSE_SLUG}",
        "title: A generated course",
        "summary: Lessons written by the test suite.",
        "audience: Tests.",
        "modules:",
    ]
    for m in range(1, modules + 1):
        lines.append(f"  - {{id: gen-module-{m:02d}, dir: {m:02d}-module, title: Module {m}}}")
        (course / f"{m:02d}-module").mkdir()
    (course / "course.yaml").write_text("\n".join(lines) + "\n")
    for n in range(1, lessons + 1):
        module = (n - 1) // PER_MODULE + 1
        number = (n - 1) % PER_MODULE + 1
        path = course / f"{module:02d}-module" / f"{number:02d}-lesson.md"
        path.write_text(
            f"""---
id: {lesson_id(n)}
slug: lesson-{n:03d}
title: Lesson {n}
summary: Generated lesson number {n}.
minutes: 10
objectives:
  - Read lesson {n}
tags: [it-project-basics]
---

## Introduction

Lesson {n} talks about change windows and rollback plans.

## Summary

That was lesson {n}.
"""
        )
    return root
