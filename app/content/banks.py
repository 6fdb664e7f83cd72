"""Question banks (``questions/*.yaml``) and quizzes (``quizzes/*.yaml``) of a course.

Parsed and checked with the lessons by ``read_content``, so one ``content check``
reports every problem as ``path:line: message``. The format is in the README.
A right answer is marked on the option itself (``correct: true``), so a key can
never name an option that does not exist.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from app.content.problems import Problem
from app.content.render import RenderContext, render_markdown
from app.content.schema import ID_RE, FieldChecker, whole_number
from app.content.yamlfile import Lines, line_of, text_line
from app.quizzes.grading import CHOICE_TYPES, QUESTION_TYPES

STYLES = {"standard", "list", "negative", "missing_word"}
POOLS = {"practice", "exam"}
COMMON = {
    "id",
    "type",
    "style",
    "lesson",
    "booklet",
    "tags",
    "difficulty",
    "pool",
    "shuffle",
    "stem",
    "explanation",
}
REQUIRED = {"id", "type", "tags", "difficulty", "pool", "stem", "explanation"}
BY_TYPE = {
    "single": {"options"},
    "multiple": {"options"},
    "true_false": {"answer", "wrong_reason"},
    "ordering": {"items"},
    "matching": {"pairs"},
}
OPTIONAL_BY_TYPE = {"matching": {"distractors"}}
GAP = "______"


@dataclass
class QuestionDoc:
    id: str
    type: str
    style: str
    lesson: str | None
    tags: list[str]
    difficulty: int
    pools: set[str]
    shuffle: bool
    content: dict
    path: str
    line: int
    source_hash: str = ""
    booklet: str | None = None
    stem: str = ""  # as written, for the quality review (``quality.py``)
    words: str = ""  # every text of the question as written, ditto


@dataclass
class QuizDoc:
    id: str
    slug: str
    title: str
    kind: str
    lesson: str | None
    tags: list[str]
    questions: int
    minutes: int | None
    pass_mark: int | None
    blueprint: dict[str, int]
    feedback: str
    path: str
    line: int
    source_hash: str = ""
    second_language_minutes: int | None = None
    open_book: bool = False


@dataclass
class BankContext:
    """What questions may refer to, and where problems go."""

    tag_ids: set[str]
    group_tags: dict[str, set[str]]
    lesson_url: object
    lesson_ids: set[str]
    problems: list[Problem] = field(default_factory=list)
    booklet_ids: set[str] = field(default_factory=set)  # the course's scenario booklets


def _render(check: FieldChecker, key: str, ctx: BankContext, lines: Lines, base: tuple) -> str:
    text = check.text(key, 5000)
    rctx = RenderContext(lesson_url=ctx.lesson_url)
    html = render_markdown(text, rctx).html if text else ""
    raw = check.data.get(key)
    skipped = raw[: len(raw) - len(raw.lstrip())].count("\n") if isinstance(raw, str) else 0
    offset = text_line(lines, (*base, key)) + skipped - 1
    for line, message in rctx.problems:
        check.problems.append(Problem(check.path, offset + line, message))
    return html


def _options(check: FieldChecker, data: dict, qtype: str, lines: Lines, base: tuple) -> list:
    options = data.get("options")
    if not isinstance(options, list) or not 3 <= len(options) <= 6:
        check.report(("options",), "options must be a list of 3 to 6 options")
        return []
    result, seen = [], set()
    for index, option in enumerate(options):
        o = FieldChecker(check.path, option, lines, check.problems, (*base, "options", index))
        if not o.mapping({"id", "text", "correct", "reason"}, {"id", "text", "reason"}):
            continue
        oid = o.text("id", 20)
        if oid in seen:
            o.report(("id",), f"duplicate option id {oid!r}")
        seen.add(oid)
        correct = option.get("correct", False)
        if not isinstance(correct, bool):
            o.report(("correct",), "correct must be true or false")
        result.append(
            {
                "id": oid,
                "text": o.text("text", 500),
                "correct": correct is True,
                "reason": o.text("reason", 500),
            }
        )
    right = sum(o["correct"] for o in result)
    if qtype == "single" and right != 1:
        check.report(
            ("options",), f"a single-choice question needs exactly one correct option, not {right}"
        )
    if qtype == "multiple" and right < 2:
        check.report(
            ("options",), "a multiple-response question needs at least two correct options"
        )
    return result


def _items(
    check: FieldChecker,
    data: dict,
    key: str,
    fields: set[str],
    low: int,
    high: int,
    lines: Lines,
    base: tuple,
) -> list:
    items = data.get(key)
    if not isinstance(items, list) or not low <= len(items) <= high:
        check.report((key,), f"{key} must be a list of {low} to {high} entries")
        return []
    result, seen = [], set()
    for index, item in enumerate(items):
        c = FieldChecker(check.path, item, lines, check.problems, (*base, key, index))
        if not c.mapping(fields, fields):
            continue
        entry = {name: c.text(name, 500) for name in sorted(fields)}
        if entry["id"] in seen:
            c.report(("id",), f"duplicate id {entry['id']!r}")
        seen.add(entry["id"])
        result.append(entry)
    return result


def parse_question(path: str, data, lines: Lines, base: tuple, ctx: BankContext):
    check = FieldChecker(path, data, lines, ctx.problems, base)
    if not isinstance(data, dict):
        check.report((), "a question must be a mapping of fields")
        return None
    qtype = data.get("type")
    if qtype not in QUESTION_TYPES:
        check.report(
            ("type",),
            f"unknown question type {qtype!r} (use one of {', '.join(sorted(QUESTION_TYPES))})",
        )
        return None
    extra = BY_TYPE[qtype] | OPTIONAL_BY_TYPE.get(qtype, set())
    check.mapping(COMMON | extra, REQUIRED | BY_TYPE[qtype])
    qid = check.pattern("id", ID_RE, "question id")
    style = data.get("style", "standard")
    if "style" in data and (qtype not in CHOICE_TYPES or style not in STYLES):
        check.report(
            ("style",),
            f"style {style!r} is not allowed here (choice questions: {', '.join(sorted(STYLES))})",
        )
    lesson, booklet = data.get("lesson"), data.get("booklet")
    if ("lesson" in data) == ("booklet" in data):
        check.report((), "a question checks a lesson or a scenario booklet: give one of them")
    if "lesson" in data and lesson not in ctx.lesson_ids:
        check.report(("lesson",), f"unknown lesson id {lesson!r}")
    if "booklet" in data and booklet not in ctx.booklet_ids:
        check.report(("booklet",), f"unknown scenario booklet {booklet!r} in this course")
    tags = check.text_list("tags")
    if "tags" in data and not tags:
        check.report(("tags",), "tags must list at least one syllabus tag")
    for index, tag in enumerate(tags):
        if tag not in ctx.tag_ids:
            check.report(("tags", index), f"unknown syllabus tag {tag!r}")
    if "difficulty" in data and not whole_number(data["difficulty"], 1, 3):
        check.report(("difficulty",), "difficulty must be 1, 2 or 3")
    pools = check.text_list("pool")
    if "pool" in data and (not pools or not set(pools) <= POOLS):
        check.report(("pool",), "pool must list practice, exam or both")
    shuffle = data.get("shuffle", True)
    if not isinstance(shuffle, bool):
        check.report(("shuffle",), "shuffle must be true or false")
    content = {
        "stem_html": _render(check, "stem", ctx, lines, base),
        "explanation_html": _render(check, "explanation", ctx, lines, base),
    }
    stem = data.get("stem") or ""
    if style == "missing_word" and GAP not in stem:
        check.report(("stem",), f"a missing-word stem needs a gap written {GAP}")
    if style == "negative" and " NOT " not in f" {stem} ":
        check.report(("stem",), "a negative stem says NOT in capitals")
    if qtype in CHOICE_TYPES:
        content["options"] = _options(check, data, qtype, lines, base)
    elif qtype == "true_false":
        if not isinstance(data.get("answer"), bool):
            check.report(("answer",), "answer must be true or false")
        content["answer"] = data.get("answer") is True
        content["wrong_reason"] = check.text("wrong_reason", 500)
    elif qtype == "ordering":
        content["items"] = _items(check, data, "items", {"id", "text"}, 3, 8, lines, base)
    else:
        content["pairs"] = _items(
            check, data, "pairs", {"id", "prompt", "match"}, 3, 6, lines, base
        )
        content["distractors"] = check.text_list("distractors")
    return QuestionDoc(
        id=qid,
        type=qtype,
        style=style if qtype in CHOICE_TYPES else "standard",
        lesson=lesson,
        booklet=booklet,
        tags=tags,
        difficulty=data.get("difficulty") or 1,
        pools=set(pools),
        shuffle=shuffle is not False,
        content=content,
        path=path,
        line=line_of(lines, base),
        source_hash=digest(data),
        stem=stem if isinstance(stem, str) else "",
        words="\n".join(_strings(data)),
    )


def _strings(value) -> list[str]:
    """Every string in a question's YAML, in file order (ids and keys included: short)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def digest(data) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def read_list_file(reader, path: Path, key: str):
    """The list under ``key`` in a YAML file, with its line map, or None."""
    data, lines = reader.read_yaml(path)
    if data is None and not lines:
        return None, lines
    if not isinstance(data, dict) or set(data) != {key} or not isinstance(data[key], list):
        reader.report(path, 1, f"expected a mapping with one key, {key!r}, holding a list")
        return None, lines
    return data[key], lines


def read_questions(reader, course_dir: Path, ctx: BankContext) -> list[QuestionDoc]:
    questions = []
    for path in sorted((course_dir / "questions").glob("*.yaml")):
        entries, lines = read_list_file(reader, path, "questions")
        for index, entry in enumerate(entries or []):
            doc = parse_question(reader.rel(path), entry, lines, ("questions", index), ctx)
            if doc is not None:
                questions.append(doc)
    return questions
