"""The shape of syllabus.yaml, course.yaml and lesson front matter.

Each ``parse_*`` returns a plain dataclass and appends ``Problem``s for anything
wrong, so one run reports every problem with its file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from app.content.problems import Problem
from app.content.yamlfile import Lines, line_of

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NUMBERED_RE = re.compile(r"^\d{2}-[a-z0-9-]+$")


def whole_number(value, low: int, high: int) -> bool:
    """An int (not a bool, which YAML also gives) within [low, high]."""
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


@dataclass
class Syllabus:
    groups: list[dict] = field(default_factory=list)  # {id, title, tags: [{id, title}]}

    @property
    def tag_ids(self) -> set[str]:
        return {tag["id"] for group in self.groups for tag in group["tags"]}


@dataclass
class ModuleSpec:
    id: str
    dir: str
    title: str
    line: int


@dataclass
class CourseSpec:
    id: str
    slug: str
    title: str
    summary: str
    audience: str
    modules: list[ModuleSpec]
    path: str


@dataclass
class LessonSpec:
    id: str
    slug: str
    title: str
    summary: str
    minutes: int
    objectives: list[str]
    tags: list[str]
    path: str
    lines: Lines


class FieldChecker:
    """Field checks for one mapping, reporting against one file."""

    def __init__(self, path: str, data: Any, lines: Lines, problems: list[Problem], base=()):
        self.path, self.data, self.lines, self.problems, self.base = (
            path,
            data,
            lines,
            problems,
            base,
        )

    def report(self, key_path: tuple, message: str) -> None:
        self.problems.append(Problem(self.path, line_of(self.lines, self.base + key_path), message))

    def mapping(self, allowed: set[str], required: set[str]) -> bool:
        if not isinstance(self.data, dict):
            self.report((), "expected a mapping of fields")
            return False
        for key in self.data:
            if key not in allowed:
                self.report((key,), f"unknown field {key!r}")
        for key in sorted(required - set(self.data)):
            self.report((), f"missing required field {key!r}")
        return True

    def text(self, key: str, max_len: int = 200, required: bool = True) -> str:
        value = self.data.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            if key in self.data:
                self.report((key,), f"{key} must be non-empty text")
            return ""
        if len(value) > max_len:
            self.report((key,), f"{key} is longer than {max_len} characters")
        return value.strip()

    def pattern(self, key: str, regex: re.Pattern, what: str) -> str:
        value = self.data.get(key)
        if key in self.data and (not isinstance(value, str) or not regex.match(value)):
            self.report((key,), f"{key} {value!r} is not a valid {what}")
            return ""
        return value or ""

    def text_list(self, key: str) -> list[str]:
        value = self.data.get(key)
        if key not in self.data:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.report((key,), f"{key} must be a list of text items")
            return []
        return [v.strip() for v in value]


def parse_syllabus(path: str, data: Any, lines: Lines, problems: list[Problem]) -> Syllabus:
    check = FieldChecker(path, data, lines, problems)
    if not check.mapping({"groups"}, {"groups"}) or not isinstance(data.get("groups"), list):
        if isinstance(data, dict) and "groups" in data:
            check.report(("groups",), "groups must be a list")
        return Syllabus()
    syllabus, seen = Syllabus(), set()
    for gi, group in enumerate(data["groups"]):
        g = FieldChecker(path, group, lines, problems, ("groups", gi))
        if not g.mapping({"id", "title", "tags"}, {"id", "title", "tags"}):
            continue
        tags = []
        for ti, tag in enumerate(group.get("tags") or []):
            t = FieldChecker(path, tag, lines, problems, ("groups", gi, "tags", ti))
            if not t.mapping({"id", "title"}, {"id", "title"}):
                continue
            tag_id = t.pattern("id", ID_RE, "tag id")
            if tag_id in seen:
                t.report(("id",), f"duplicate tag id {tag_id!r}")
            seen.add(tag_id)
            tags.append({"id": tag_id, "title": t.text("title")})
        group_id = g.pattern("id", ID_RE, "group id")
        syllabus.groups.append({"id": group_id, "title": g.text("title"), "tags": tags})
    return syllabus


def parse_course(path: str, data: Any, lines: Lines, problems: list[Problem]) -> CourseSpec | None:
    fields = {"id", "slug", "title", "summary", "audience", "modules"}
    check = FieldChecker(path, data, lines, problems)
    if not check.mapping(fields, fields):
        return None
    modules = []
    if not isinstance(data.get("modules"), list) or not data["modules"]:
        check.report(("modules",), "modules must be a non-empty list")
    else:
        for mi, module in enumerate(data["modules"]):
            m = FieldChecker(path, module, lines, problems, ("modules", mi))
            if not m.mapping({"id", "dir", "title"}, {"id", "dir", "title"}):
                continue
            modules.append(
                ModuleSpec(
                    id=m.pattern("id", ID_RE, "module id"),
                    dir=m.pattern("dir", NUMBERED_RE, "module folder name (NN-name)"),
                    title=m.text("title"),
                    line=line_of(lines, ("modules", mi)),
                )
            )
    return CourseSpec(
        id=check.pattern("id", ID_RE, "course id"),
        slug=check.pattern("slug", SLUG_RE, "slug"),
        title=check.text("title"),
        summary=check.text("summary", 1000),
        audience=check.text("audience", 500),
        modules=modules,
        path=path,
    )


def parse_lesson(
    path: str, data: Any, lines: Lines, tag_ids: set[str], problems: list[Problem]
) -> LessonSpec | None:
    fields = {"id", "slug", "title", "summary", "minutes", "objectives", "tags"}
    check = FieldChecker(path, data, lines, problems)
    if not check.mapping(fields, fields):
        return None
    minutes = data.get("minutes")
    if "minutes" in data and not whole_number(minutes, 1, 240):
        check.report(("minutes",), "minutes must be a whole number from 1 to 240")
        minutes = 0
    objectives = check.text_list("objectives")
    if "objectives" in data and not objectives:
        check.report(("objectives",), "objectives must list at least one objective")
    tags = check.text_list("tags")
    for index, tag in enumerate(tags):
        if tag not in tag_ids:
            check.report(("tags", index), f"unknown syllabus tag {tag!r}")
    return LessonSpec(
        id=check.pattern("id", ID_RE, "lesson id"),
        slug=check.pattern("slug", SLUG_RE, "slug"),
        title=check.text("title"),
        summary=check.text("summary", 1000),
        minutes=minutes or 0,
        objectives=objectives,
        tags=tags,
        path=path,
        lines=lines,
    )
