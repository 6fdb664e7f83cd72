"""Quizzes and exams (``quizzes/*.yaml``), checked against the course's question banks."""

from __future__ import annotations

from pathlib import Path

from app.content.banks import BankContext, QuestionDoc, QuizDoc, digest, read_list_file
from app.content.problems import Problem
from app.content.schema import ID_RE, SLUG_RE, FieldChecker, whole_number
from app.content.yamlfile import Lines, line_of
from app.quizzes.blueprint import area_members, assign

FIELDS = {
    "id",
    "slug",
    "title",
    "kind",
    "lesson",
    "tags",
    "questions",
    "minutes",
    "pass_mark",
    "blueprint",
    "feedback",
    "second_language_minutes",
    "open_book",
}
PRACTICE_FIELDS = {"id", "slug", "title", "kind", "lesson", "tags", "questions"}


def _practice_pool(doc: QuizDoc, questions: list[QuestionDoc]) -> list[QuestionDoc]:
    pool = [q for q in questions if "practice" in q.pools]
    if doc.lesson:
        return [q for q in pool if q.lesson == doc.lesson]
    return [q for q in pool if set(q.tags) & set(doc.tags)]


def _check_blueprint(check: FieldChecker, doc: QuizDoc, questions, ctx: BankContext) -> None:
    exam_pool = {q.id: set(q.tags) for q in questions if "exam" in q.pools}
    members = area_members(doc.blueprint, ctx.group_tags, exam_pool)
    short = False
    for area, count in doc.blueprint.items():
        if len(members[area]) < count:
            short = True
            check.report(
                ("blueprint", area),
                f"blueprint asks for {count} questions in "
                f"{area!r} but the exam pool holds "
                f"{len(members[area])}",
            )
    if not short and assign(doc.blueprint, members) is None:
        check.report(
            ("blueprint",),
            "the blueprint cannot be drawn without repeating a "
            "question: its areas share too many questions",
        )


def parse_quiz(path: str, data, lines: Lines, base: tuple, ctx: BankContext, questions):
    check = FieldChecker(path, data, lines, ctx.problems, base)
    if not isinstance(data, dict):
        check.report((), "a quiz must be a mapping of fields")
        return None
    kind = data.get("kind")
    if kind not in {"practice", "exam"}:
        check.report(("kind",), f"kind must be practice or exam, not {kind!r}")
        return None
    required = {"id", "slug", "title", "kind", "questions"}
    if kind == "exam":
        required |= {"minutes", "pass_mark", "blueprint"}
    check.mapping(FIELDS if kind == "exam" else PRACTICE_FIELDS, required)
    count = data.get("questions")
    if "questions" in data and not whole_number(count, 1, 200):
        check.report(("questions",), "questions must be a whole number from 1 to 200")
        count = 0
    tags = check.text_list("tags")
    for index, tag in enumerate(tags):
        if tag not in ctx.tag_ids:
            check.report(("tags", index), f"unknown syllabus tag {tag!r}")
    lesson = data.get("lesson")
    if lesson is not None and lesson not in ctx.lesson_ids:
        check.report(("lesson",), f"unknown lesson id {lesson!r}")
    doc = QuizDoc(
        id=check.pattern("id", ID_RE, "quiz id"),
        slug=check.pattern("slug", SLUG_RE, "slug"),
        title=check.text("title"),
        kind=kind,
        lesson=lesson,
        tags=tags,
        questions=count or 0,
        minutes=data.get("minutes"),
        pass_mark=data.get("pass_mark"),
        blueprint={},
        feedback=data.get("feedback", "after" if kind == "exam" else "during"),
        path=path,
        line=line_of(lines, base),
        source_hash=digest(data),
    )
    if kind == "practice":
        if bool(lesson) == bool(tags):
            check.report((), "a practice quiz draws from a lesson or from tags: give one of them")
        elif not _practice_pool(doc, questions):
            check.report((), "no practice-pool question matches this quiz")
        return doc
    if not whole_number(doc.minutes, 1, 600):
        check.report(("minutes",), "minutes must be a whole number from 1 to 600")
    if not whole_number(doc.pass_mark, 1, count or 1):
        check.report(
            ("pass_mark",), "pass_mark must be a whole number from 1 to the question count"
        )
    if doc.feedback not in {"after", "during"}:
        check.report(("feedback",), "feedback must be after or during")
    doc.second_language_minutes = data.get("second_language_minutes")
    if doc.second_language_minutes is not None and not (
        whole_number(doc.second_language_minutes, 1, 600)
        and doc.second_language_minutes > (doc.minutes or 0)
    ):
        check.report(
            ("second_language_minutes",),
            "second_language_minutes must be a whole number of minutes above minutes, up to 600",
        )
        doc.second_language_minutes = None
    doc.open_book = data.get("open_book", False)
    if not isinstance(doc.open_book, bool):
        check.report(("open_book",), "open_book must be true or false")
        doc.open_book = False
    blueprint = data.get("blueprint")
    areas = ctx.tag_ids | set(ctx.group_tags)
    if not isinstance(blueprint, dict) or not blueprint:
        check.report(("blueprint",), "blueprint must map syllabus areas to question counts")
        return doc
    for area, n in blueprint.items():
        if area not in areas:
            check.report(("blueprint", area), f"unknown syllabus area or tag {area!r}")
        elif not whole_number(n, 1, 200):
            check.report(("blueprint", area), "each area needs a whole number of questions")
        else:
            doc.blueprint[area] = n
    if len(doc.blueprint) == len(blueprint):
        if sum(doc.blueprint.values()) != count:
            check.report(
                ("blueprint",),
                f"the blueprint adds up to {sum(doc.blueprint.values())} questions, not {count}",
            )
        else:
            _check_blueprint(check, doc, questions, ctx)
    return doc


def read_quizzes(reader, course_dir: Path, ctx: BankContext, questions) -> list[QuizDoc]:
    quizzes = []
    for path in sorted((course_dir / "quizzes").glob("*.yaml")):
        entries, lines = read_list_file(reader, path, "quizzes")
        for index, entry in enumerate(entries or []):
            doc = parse_quiz(reader.rel(path), entry, lines, ("quizzes", index), ctx, questions)
            if doc is not None:
                quizzes.append(doc)
    return quizzes


def check_unique(docs, kind: str, problems: list[Problem], seen: dict[str, str]) -> None:
    for doc in docs:
        if doc.id and doc.id in seen:
            problems.append(
                Problem(
                    doc.path, doc.line, f"duplicate {kind} id {doc.id!r} (also in {seen[doc.id]})"
                )
            )
        seen.setdefault(doc.id, doc.path)
