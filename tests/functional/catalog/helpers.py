"""Plain helpers for the catalog tests (the fixtures are in conftest.py)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import yaml

from tests.conftest import ROOT, csrf_token

COURSE_DIR = ROOT / "content" / "pm-for-it"


class LessonFile(NamedTuple):
    """A lesson as its file describes it (``id`` and ``url`` first, as the tests index them)."""

    id: str
    url: str
    title: str
    minutes: int
    module: str  # the module's id


def course_lessons(course_dir: Path = COURSE_DIR) -> tuple[str, list[LessonFile]]:
    """The course's URL and its lessons in course order, read from the files the way an
    author orders them (modules as ``course.yaml`` lists them, then lessons by file name)
    and not through the loader, so a test of the order the site shows can still fail."""
    spec = yaml.safe_load((course_dir / "course.yaml").read_text(encoding="utf-8"))
    url = f"/courses/{spec['slug']}"
    lessons = []
    for module in spec["modules"]:
        for path in sorted((course_dir / module["dir"]).glob("*.md")):
            front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])
            lessons.append(
                LessonFile(
                    front["id"],
                    f"{url}/{front['slug']}",
                    front["title"],
                    int(front["minutes"]),
                    module["id"],
                )
            )
    return url, lessons


COURSE, LESSONS = course_lessons()  # LESSONS: every lesson of the real course, in course order
# Every lesson of every course, in the order the dashboard counts them (courses by folder).
ALL_LESSONS = [
    lesson
    for course_dir in sorted(p.parent for p in (ROOT / "content").glob("*/course.yaml"))
    for lesson in course_lessons(course_dir)[1]
]
MODULES = [  # the lessons again, one list per module
    [lesson for lesson in LESSONS if lesson.module == module]
    for module in dict.fromkeys(lesson.module for lesson in LESSONS)
]
FIRST_LESSON_FILE = "pm-for-it/01-foundations/01-why-it-work-is-project-work.md"


def percent(part: int, whole: int) -> int:
    """A share as the progress bars show it: a whole percent."""
    return round(100 * part / whole)


def text(response) -> str:
    """The page with runs of whitespace collapsed, for matching text across lines."""
    return " ".join(response.get_data(as_text=True).split())


def complete(client, lesson_id: str) -> None:
    """Mark a lesson complete through the form, as a learner would."""
    response = client.post(
        f"/progress/lessons/{lesson_id}/complete", data={"csrf_token": csrf_token(client)}
    )
    assert response.status_code == 302, response.status_code


def links(html: str, rel: str) -> list[str]:
    return re.findall(rf'<a rel="{rel}" href="([^"]+)"', html)
