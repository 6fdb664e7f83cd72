"""Read and check the whole ``content/`` folder without touching the database.

``read_content`` is what ``flask content check`` runs and what the loader loads:
one pass that parses, validates and renders, and reports every problem.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from app.content import schema
from app.content.banks import BankContext, QuestionDoc, QuizDoc, read_questions
from app.content.booklets import BookletDoc, read_booklets
from app.content.glossary import GlossaryContext, TermDoc, read_glossary
from app.content.problems import Problem
from app.content.quizfiles import check_unique, read_quizzes
from app.content.render import (
    RASTER_EXTENSIONS,
    RENDERER_VERSION,
    RenderContext,
    render_lesson_page,
    render_markdown,
)
from app.content.scenarios import ScenarioDoc, read_scenarios
from app.content.yamlfile import YamlSyntaxError, load_yaml, split_front_matter

MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_TEXT_BYTES = 512 * 1024
_MAGIC = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
}
MIME = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif"}
MIME[".webp"] = "image/webp"


def lesson_url(course_slug: str, lesson_slug: str) -> str:
    return f"/courses/{course_slug}/{lesson_slug}"


def scenario_url(course_slug: str, scenario_slug: str) -> str:
    return f"/courses/{course_slug}/scenarios/{scenario_slug}"


def media_url(course_id: str, path: str) -> str:
    return f"/media/{course_id}/{path}"


@dataclass
class MediaFile:
    path: str  # relative to the course folder, POSIX
    mime_type: str
    data: bytes
    sha256: str


@dataclass
class LessonDoc:
    spec: schema.LessonSpec
    module_id: str
    position: int
    source: bytes
    body: str
    body_line: int
    html: str = ""
    toc: list = field(default_factory=list)
    text: str = ""
    source_hash: str = ""


@dataclass
class CourseDoc:
    spec: schema.CourseSpec
    position: int
    lessons: list[LessonDoc] = field(default_factory=list)
    media: dict[str, MediaFile] = field(default_factory=dict)
    questions: list[QuestionDoc] = field(default_factory=list)
    quizzes: list[QuizDoc] = field(default_factory=list)
    booklets: list[BookletDoc] = field(default_factory=list)
    scenarios: list[ScenarioDoc] = field(default_factory=list)
    terms: list[TermDoc] = field(default_factory=list)  # the glossary, in file order
    source_hash: str = ""


@dataclass
class ContentTree:
    root: Path
    syllabus: schema.Syllabus
    courses: list[CourseDoc]
    problems: list[Problem]

    @property
    def terms(self) -> list[TermDoc]:
        """Every course's glossary terms."""
        return [term for course in self.courses for term in course.terms]

    def counts(self) -> dict[str, int]:
        return {
            "courses": len(self.courses),
            "modules": sum(len(c.spec.modules) for c in self.courses),
            "lessons": sum(len(c.lessons) for c in self.courses),
            "images": sum(len(c.media) for c in self.courses),
            "questions": sum(len(c.questions) for c in self.courses),
            "quizzes": sum(len(c.quizzes) for c in self.courses),
            "booklets": sum(len(c.booklets) for c in self.courses),
            "scenarios": sum(len(c.scenarios) for c in self.courses),
            "terms": len(self.terms),
            "syllabus tags": len(self.syllabus.tag_ids),
        }


class _Reader:
    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root.parent))
        except ValueError:
            return str(path)

    def report(self, path: Path, line: int, message: str) -> None:
        self.problems.append(Problem(self.rel(path), line, message))

    def read_text(self, path: Path) -> str | None:
        try:
            raw = path.read_bytes()
            if len(raw) > MAX_TEXT_BYTES:
                self.report(path, 1, f"file is larger than {MAX_TEXT_BYTES // 1024} KiB")
                return None
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            self.report(path, line, "not valid UTF-8 text")
        except OSError as exc:
            self.report(path, 1, f"unreadable file: {exc.strerror}")
        return None

    def read_yaml(self, path: Path, text: str | None = None, offset: int = 0):
        text = self.read_text(path) if text is None else text
        if text is None:
            return None, {}
        try:
            return load_yaml(text, offset)
        except YamlSyntaxError as exc:
            self.report(path, exc.line, str(exc))
            return None, {}


def _read_media(reader: _Reader, course_dir: Path) -> dict[str, MediaFile]:
    media = {}
    for path in sorted(course_dir.rglob("*")):
        ext = path.suffix.lower()
        if not path.is_file() or ext not in RASTER_EXTENSIONS:
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            reader.report(path, 1, f"unreadable file: {exc.strerror}")
            continue
        if len(data) > MAX_IMAGE_BYTES:
            reader.report(path, 1, f"image is larger than {MAX_IMAGE_BYTES // 1024 // 1024} MiB")
            continue
        if not data.startswith(_MAGIC[ext]):
            reader.report(path, 1, f"file content is not a {ext[1:].upper()} image")
            continue
        key = path.relative_to(course_dir).as_posix()
        media[key] = MediaFile(key, MIME[ext], data, hashlib.sha256(data).hexdigest())
    return media


def _read_course(reader: _Reader, course_dir: Path, tag_ids: set[str], position: int):
    course_file = course_dir / "course.yaml"
    data, lines = reader.read_yaml(course_file)
    if data is None and not lines:
        return None
    spec = schema.parse_course(reader.rel(course_file), data, lines, reader.problems)
    if spec is None:
        return None
    course = CourseDoc(spec=spec, position=position, media=_read_media(reader, course_dir))
    listed = {m.dir for m in spec.modules}
    for entry in sorted(course_dir.iterdir()):
        if entry.is_dir() and schema.NUMBERED_RE.match(entry.name) and entry.name not in listed:
            reader.report(course_file, 1, f"module folder {entry.name!r} is not listed in modules")
    for module in spec.modules:
        module_dir = course_dir / module.dir
        if not module_dir.is_dir():
            reader.report(course_file, module.line, f"module folder {module.dir!r} not found")
            continue
        for path in sorted(module_dir.glob("*.md")):
            lesson = _read_lesson(reader, path, tag_ids)
            if lesson is not None:
                lesson.module_id = module.id
                lesson.position = len(course.lessons)
                course.lessons.append(lesson)
    return course


def _read_lesson(reader: _Reader, path: Path, tag_ids: set[str]) -> LessonDoc | None:
    if not schema.NUMBERED_RE.match(path.stem):
        reader.report(path, 1, "lesson file names start with two digits: NN-name.md")
    text = reader.read_text(path)
    if text is None:
        return None
    parts = split_front_matter(text)
    if parts is None:
        reader.report(path, 1, "missing front matter: the file must start with a --- line")
        return None
    front, body, body_line = parts
    data, lines = reader.read_yaml(path, front, offset=1)
    if data is None and not lines:
        if not any(p.path == reader.rel(path) for p in reader.problems):
            reader.report(path, 2, "empty front matter")
        return None
    spec = schema.parse_lesson(reader.rel(path), data, lines, tag_ids, reader.problems)
    if spec is None:
        return None
    return LessonDoc(spec, "", 0, text.encode(), body, body_line)


def _check_unique(reader: _Reader, courses: list[CourseDoc]) -> None:
    seen_ids: dict[str, str] = {}
    course_slugs: dict[str, str] = {}

    def claim(kind: str, value: str, where: str, line: int) -> None:
        if value and value in seen_ids:
            reader.problems.append(
                Problem(where, line, f"duplicate {kind} id {value!r} (also in {seen_ids[value]})")
            )
        seen_ids.setdefault(value, where)

    for course in courses:
        claim("course", course.spec.id, course.spec.path, 1)
        if course.spec.slug in course_slugs:
            reader.problems.append(Problem(course.spec.path, 1, "duplicate course slug"))
        course_slugs[course.spec.slug] = course.spec.path
        for module in course.spec.modules:
            claim("module", module.id, course.spec.path, module.line)
        lesson_slugs: set[str] = set()
        for lesson in course.lessons:
            line = lesson.spec.lines.get(("id",), 2)
            claim("lesson", lesson.spec.id, lesson.spec.path, line)
            if lesson.spec.slug in lesson_slugs:
                slug_line = lesson.spec.lines.get(("slug",), 2)
                msg = f"duplicate lesson slug {lesson.spec.slug!r} in this course"
                reader.problems.append(Problem(lesson.spec.path, slug_line, msg))
            lesson_slugs.add(lesson.spec.slug)


def _lesson_urls(courses: list[CourseDoc]) -> tuple[dict[str, str], str]:
    """Every lesson's URL, and their digest (part of the hash of whatever links to them)."""
    urls = {
        lesson.spec.id: lesson_url(course.spec.slug, lesson.spec.slug)
        for course in courses
        for lesson in course.lessons
    }
    return urls, hashlib.sha256(json.dumps(sorted(urls.items())).encode()).hexdigest()


def _render_lessons(reader: _Reader, courses: list[CourseDoc], urls: dict[str, str]) -> None:
    """Render every lesson, after the scenarios are read: lessons may link to them."""
    scenario_urls = {
        scenario.id: scenario_url(course.spec.slug, scenario.slug)
        for course in courses
        for scenario in course.scenarios
    }
    # Lesson HTML embeds lesson, scenario and media URLs, so they are part of every hash.
    links = json.dumps([sorted(urls.items()), sorted(scenario_urls.items())])
    link_digest = hashlib.sha256(links.encode()).hexdigest()
    for course in courses:
        media_urls = {key: media_url(course.spec.id, key) for key in course.media}
        media_digest = hashlib.sha256(
            json.dumps(sorted((k, m.sha256) for k, m in course.media.items())).encode()
        ).hexdigest()
        course_hash = hashlib.sha256((RENDERER_VERSION + link_digest + media_digest).encode())
        for lesson in course.lessons:
            base = str(Path(lesson.spec.path).parent.relative_to(Path(course.spec.path).parent))
            ctx = RenderContext(
                lesson_url=urls.get,
                scenario_url=scenario_urls.get,
                media=media_urls,
                base_dir="" if base == "." else base,
                line_offset=lesson.body_line - 1,
            )
            rendered = render_markdown(lesson.body, ctx)
            for line, message in ctx.problems:
                reader.problems.append(Problem(lesson.spec.path, line, message))
            lesson.html = render_lesson_page(lesson.spec.objectives, rendered.toc, rendered.html)
            lesson.toc, lesson.text = rendered.toc, rendered.text
            meta = f"{lesson.module_id}:{lesson.position}:{RENDERER_VERSION}:{link_digest}"
            lesson.source_hash = hashlib.sha256(
                lesson.source + meta.encode() + media_digest.encode()
            ).hexdigest()
            course_hash.update(lesson.source_hash.encode())
        course_hash.update(Path(course.spec.path).name.encode())
        course.source_hash = course_hash.hexdigest()


def _read_banks(reader: _Reader, courses, syllabus, urls: dict[str, str], link_digest: str):
    """Questions and quizzes of every course, checked against all lessons and tags."""
    ctx = BankContext(
        tag_ids=syllabus.tag_ids,
        group_tags={g["id"]: {t["id"] for t in g["tags"]} for g in syllabus.groups},
        lesson_url=urls.get,
        lesson_ids=set(urls),
        problems=reader.problems,
    )
    seen_questions: dict[str, str] = {}
    seen_quizzes: dict[str, str] = {}
    seen_booklets: dict[str, str] = {}
    seen_terms: dict[str, str] = {}
    for course in courses:
        course_dir = reader.root.parent / Path(course.spec.path).parent
        media_urls = {key: media_url(course.spec.id, key) for key in course.media}
        course.booklets = read_booklets(reader, course_dir, urls.get, media_urls, link_digest)
        check_unique(course.booklets, "booklet", reader.problems, seen_booklets)
        ctx.booklet_ids = {booklet.id for booklet in course.booklets}
        course.questions = read_questions(reader, course_dir, ctx)
        for question in course.questions:  # stems link lessons: their URLs are in the hash
            extra = f"{question.source_hash}:{RENDERER_VERSION}:{link_digest}"
            question.source_hash = hashlib.sha256(extra.encode()).hexdigest()
        course.quizzes = read_quizzes(reader, course_dir, ctx, course.questions)
        course.scenarios = read_scenarios(reader, course_dir, ctx)
        course_lessons = {lesson.spec.id for lesson in course.lessons}
        glossary = GlossaryContext(course_lessons, ctx.lesson_ids, reader.problems)
        course.terms = read_glossary(reader, course_dir, glossary)
        check_unique(course.terms, "term", reader.problems, seen_terms)
        check_unique(course.questions, "question", reader.problems, seen_questions)
        check_unique(course.quizzes, "quiz", reader.problems, seen_quizzes)
        slugs: dict[str, str] = {}
        for quiz in course.quizzes:
            if quiz.slug in slugs:
                reader.problems.append(
                    Problem(quiz.path, quiz.line, f"duplicate quiz slug {quiz.slug!r}")
                )
            slugs[quiz.slug] = quiz.id


def read_content(root: str | Path) -> ContentTree:
    """Parse, validate and render every file under ``root``; never raises for bad content."""
    root = Path(root).resolve()
    reader = _Reader(root)
    syllabus = schema.Syllabus()
    if not root.is_dir():
        reader.report(root, 1, "content folder not found")
        return ContentTree(root, syllabus, [], reader.problems)
    syllabus_file = root / "syllabus.yaml"
    if syllabus_file.is_file():
        data, lines = reader.read_yaml(syllabus_file)
        if data is not None:
            rel = reader.rel(syllabus_file)
            syllabus = schema.parse_syllabus(rel, data, lines, reader.problems)
    else:
        reader.report(syllabus_file, 1, "syllabus.yaml not found")
    courses = []
    for course_dir in sorted(
        p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")
    ):
        if not (course_dir / "course.yaml").is_file():
            reader.report(course_dir / "course.yaml", 1, "course folder without course.yaml")
            continue
        course = _read_course(reader, course_dir, syllabus.tag_ids, len(courses))
        if course is not None:
            courses.append(course)
    _check_unique(reader, courses)
    urls, link_digest = _lesson_urls(courses)
    _read_banks(reader, courses, syllabus, urls, link_digest)
    _render_lessons(reader, courses, urls)
    return ContentTree(root, syllabus, courses, sorted(set(reader.problems)))
