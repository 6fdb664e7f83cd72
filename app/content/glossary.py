"""Course glossaries (``content/<course>/glossary.yaml``): the key terms that become
flashcards once the learner completes the lesson a term names.

A mapping with one key, ``terms``, a list of ``{id, term, definition, lesson?}``.
Definitions are plain text, shown escaped, one line each; every problem is reported
as ``path:line: message`` like the rest of the content.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.content.banks import digest, read_list_file
from app.content.problems import Problem
from app.content.schema import ID_RE, FieldChecker
from app.content.yamlfile import Lines, line_of

FIELDS = {"id", "term", "definition", "lesson"}
REQUIRED = {"id", "term", "definition"}
MAX_TERM = 120
MAX_DEFINITION = 300


@dataclass
class TermDoc:
    id: str
    term: str
    definition: str
    lesson: str | None
    path: str
    line: int
    source_hash: str = ""


@dataclass
class GlossaryContext:
    """What a course's terms may point at, and where problems go."""

    course_lessons: set[str]  # this course's lesson ids
    all_lessons: set[str]  # every course's, to tell "another course" from "unknown"
    problems: list[Problem]


def _lesson(check: FieldChecker, ctx: GlossaryContext) -> str | None:
    if "lesson" not in check.data:
        return None
    lesson = check.text("lesson", 64)
    if not lesson:
        return None
    if lesson in ctx.course_lessons:
        return lesson
    if lesson in ctx.all_lessons:
        check.report(("lesson",), f"lesson {lesson!r} belongs to another course")
    else:
        check.report(("lesson",), f"unknown lesson id {lesson!r}")
    return None


def parse_term(path: str, data, lines: Lines, index: int, ctx: GlossaryContext):
    """One entry of the list; None when it is not even a mapping."""
    base = ("terms", index)
    check = FieldChecker(path, data, lines, ctx.problems, base)
    if not check.mapping(FIELDS, REQUIRED):
        return None
    definition = check.text("definition", MAX_DEFINITION)
    if "\n" in definition:
        check.report(("definition",), "definition must be one line of text, without line breaks")
    return TermDoc(
        id=check.pattern("id", ID_RE, "term id"),
        term=check.text("term", MAX_TERM),
        definition=definition,
        lesson=_lesson(check, ctx),
        path=path,
        line=line_of(lines, base),
        # The position is part of the row, so a reordered file is a changed one.
        source_hash=digest({"entry": data, "position": index}),
    )


def _check_terms_unique(terms: list[tuple[int, TermDoc]], lines: Lines, problems) -> None:
    """A term's text appears once per course, whatever its case or spacing."""
    seen: dict[str, int] = {}
    for index, doc in terms:
        key = " ".join(doc.term.split()).casefold()
        if not key:
            continue
        line = line_of(lines, ("terms", index, "term"), doc.line)
        if key in seen:
            problems.append(
                Problem(doc.path, line, f"duplicate term {doc.term!r} (also at line {seen[key]})")
            )
        seen.setdefault(key, line)


def read_glossary(reader, course_dir: Path, ctx: GlossaryContext) -> list[TermDoc]:
    """The course's terms in file order; an absent glossary is an empty one."""
    path = course_dir / "glossary.yaml"
    if not path.is_file():
        return []
    entries, lines = read_list_file(reader, path, "terms")
    rel = reader.rel(path)
    terms = []
    for index, entry in enumerate(entries or []):
        doc = parse_term(rel, entry, lines, index, ctx)
        if doc is not None:
            terms.append((index, doc))
    _check_terms_unique(terms, lines, ctx.problems)
    return [doc for _, doc in terms]
