"""Load a checked content tree into the database in one transaction.

Upserts by id, keeps learner progress (it points at ids), records old slugs so
their URLs redirect, retires what disappeared (never deletes), and leaves rows
whose source hash is unchanged untouched.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.content import render, search_index
from app.content.bank_loader import (
    load_booklets,
    load_glossary,
    load_questions,
    load_quizzes,
    load_scenarios,
)
from app.content.problems import ContentError
from app.content.tree import ContentTree, read_content
from app.models import (
    ContentState,
    Course,
    CourseRedirect,
    Lesson,
    LessonRedirect,
    LessonTag,
    Media,
    Module,
    SyllabusGroup,
    SyllabusTag,
)
from app.models._types import utcnow


@dataclass
class LoadReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0
    renamed: list[str] = field(default_factory=list)
    questions: list[int] = field(default_factory=lambda: [0, 0, 0])  # changed, same, retired
    terms: list[int] = field(default_factory=lambda: [0, 0, 0])  # the same, for glossaries
    skipped: bool = False  # the files match what was loaded last: nothing read or written

    def __str__(self) -> str:
        if self.skipped:
            return (
                "content unchanged since the last load: nothing written "
                "(--force reads and checks it all again)"
            )
        changed, same, retired = self.questions
        t_changed, t_same, t_retired = self.terms
        text = (
            f"lessons: {self.added} added, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.retired} retired"
            f"\nquestions: {changed} added or changed, {same} unchanged, {retired} retired"
            f"\nterms: {t_changed} added or changed, {t_same} unchanged, {t_retired} retired"
        )
        return text + "".join(f"\n  slug changed: {r}" for r in self.renamed)


def _load_syllabus(session: Session, tree: ContentTree) -> None:
    groups = {g.id: g for g in session.scalars(select(SyllabusGroup))}
    tags = {t.id: t for t in session.scalars(select(SyllabusTag))}
    present = set()
    for gpos, group in enumerate(tree.syllabus.groups):
        row = groups.get(group["id"]) or session.merge(SyllabusGroup(id=group["id"], title=""))
        row.title, row.position = group["title"], gpos
        for tpos, tag in enumerate(group["tags"]):
            present.add(tag["id"])
            trow = tags.get(tag["id"]) or SyllabusTag(id=tag["id"])
            trow.group_id, trow.title, trow.position, trow.retired_at = (
                group["id"],
                tag["title"],
                tpos,
                None,
            )
            session.add(trow)
    for tag_id, trow in tags.items():
        if tag_id not in present and trow.retired_at is None:
            trow.retired_at = utcnow()
    session.flush()


def _load_course(session: Session, doc, report: LoadReport) -> None:
    spec = doc.spec
    course = session.get(Course, spec.id)
    if course is None:
        course = Course(id=spec.id, slug=spec.slug, title=spec.title)
        session.add(course)
    elif course.slug != spec.slug:
        session.merge(CourseRedirect(old_slug=course.slug, course_id=course.id))
        report.renamed.append(f"course {course.slug} -> {spec.slug}")
    if session.get(CourseRedirect, spec.slug) is not None:  # a current slug is no old one
        session.execute(delete(CourseRedirect).where(CourseRedirect.old_slug == spec.slug))
    course.slug, course.title, course.summary, course.audience = (
        spec.slug,
        spec.title,
        spec.summary,
        spec.audience,
    )
    course.position, course.retired_at = doc.position, None
    course.lesson_count = len(doc.lessons)
    course.total_minutes = sum(lesson.spec.minutes for lesson in doc.lessons)
    if course.source_hash != doc.source_hash:
        course.source_hash, course.updated_at = doc.source_hash, utcnow()
    session.flush()

    modules = {m.id: m for m in session.scalars(select(Module).where(Module.course_id == spec.id))}
    for position, mspec in enumerate(spec.modules):
        module = modules.pop(mspec.id, None) or Module(id=mspec.id, course_id=spec.id)
        module.title, module.position, module.retired_at = mspec.title, position, None
        session.add(module)
    for module in modules.values():
        module.retired_at = module.retired_at or utcnow()
    _load_media(session, doc)
    session.flush()
    _load_lessons(session, doc, report)
    session.flush()
    load_booklets(session, spec.id, doc.booklets)
    counts = load_questions(session, spec.id, doc.questions)
    report.questions = [a + b for a, b in zip(report.questions, counts, strict=True)]
    load_quizzes(session, spec.id, doc.quizzes)
    load_scenarios(session, spec.id, doc.scenarios)
    counts = load_glossary(session, spec.id, doc.terms)
    report.terms = [a + b for a, b in zip(report.terms, counts, strict=True)]


def _load_media(session: Session, doc) -> None:
    existing = {
        m.path: m for m in session.scalars(select(Media).where(Media.course_id == doc.spec.id))
    }
    for path, media in doc.media.items():
        row = existing.pop(path, None)
        if row is None:
            session.add(
                Media(
                    course_id=doc.spec.id,
                    path=path,
                    mime_type=media.mime_type,
                    sha256=media.sha256,
                    data=media.data,
                )
            )
        elif row.sha256 != media.sha256:
            row.mime_type, row.sha256, row.data = media.mime_type, media.sha256, media.data
    for row in existing.values():
        session.delete(row)


def _load_lessons(session: Session, doc, report: LoadReport) -> None:
    course_id = doc.spec.id
    existing = {
        lesson.id: lesson
        for lesson in session.scalars(select(Lesson).where(Lesson.course_id == course_id))
    }
    for ldoc in doc.lessons:
        spec = ldoc.spec
        lesson = existing.pop(spec.id, None)
        if lesson is None:
            other = session.get(Lesson, spec.id)  # moved from another course
            lesson = other or Lesson(id=spec.id, course_id=course_id)
            session.add(lesson)
            report.added += 1
        elif lesson.source_hash == ldoc.source_hash and lesson.retired_at is None:
            report.unchanged += 1
            continue
        else:
            report.updated += 1
        if lesson.slug and lesson.slug != spec.slug and lesson.course_id == course_id:
            session.merge(
                LessonRedirect(course_id=course_id, old_slug=lesson.slug, lesson_id=lesson.id)
            )
            report.renamed.append(f"lesson {lesson.id}: {lesson.slug} -> {spec.slug}")
        lesson.course_id, lesson.module_id, lesson.slug = course_id, ldoc.module_id, spec.slug
        lesson.title, lesson.summary, lesson.minutes = spec.title, spec.summary, spec.minutes
        lesson.objectives, lesson.toc, lesson.html = spec.objectives, ldoc.toc, ldoc.html
        lesson.body_text, lesson.position = ldoc.text, ldoc.position
        lesson.source_path, lesson.source_hash = spec.path, ldoc.source_hash
        lesson.retired_at, lesson.updated_at = None, utcnow()
        session.flush()
        session.execute(delete(LessonTag).where(LessonTag.lesson_id == lesson.id))
        session.add_all(
            LessonTag(lesson_id=lesson.id, tag_id=tag) for tag in dict.fromkeys(spec.tags)
        )
        search_index.index_lesson(session, lesson)
    current = [ldoc.spec.slug for ldoc in doc.lessons]
    shadowing = select(LessonRedirect.old_slug).where(  # a current slug can be no old one
        LessonRedirect.course_id == course_id, LessonRedirect.old_slug.in_(current)
    )
    if session.scalars(shadowing).first() is not None:
        session.execute(
            delete(LessonRedirect).where(
                LessonRedirect.course_id == course_id, LessonRedirect.old_slug.in_(current)
            )
        )
    for lesson in existing.values():
        if lesson.retired_at is None:
            lesson.retired_at = utcnow()
            search_index.remove_lesson(session, lesson.id)
            report.retired += 1


def load_tree(session: Session, tree: ContentTree, digest: str) -> LoadReport:
    """Write ``tree`` (whose files have ``digest``) to the database; the caller commits.
    Refuses a tree with problems."""
    if tree.problems:
        raise ContentError(tree.problems)
    report = LoadReport()
    _load_syllabus(session, tree)
    present = set()
    for doc in tree.courses:
        present.add(doc.spec.id)
        _load_course(session, doc, report)
    for course in session.scalars(select(Course).where(Course.id.not_in(present))):
        if course.retired_at is None:
            course.retired_at = utcnow()
        for lesson in session.scalars(select(Lesson).where(Lesson.course_id == course.id)):
            if lesson.retired_at is None:
                lesson.retired_at = utcnow()
                search_index.remove_lesson(session, lesson.id)
                report.retired += 1
        report.questions[2] += load_questions(session, course.id, [])[2]  # retires them all
        load_quizzes(session, course.id, [])
        load_booklets(session, course.id, [])
        load_scenarios(session, course.id, [])
        report.terms[2] += load_glossary(session, course.id, [])[2]
    _record_digest(session, digest)
    session.flush()
    return report


# Bump when the loader maps files to rows differently (a new column filled at load):
# the digest changes with it, so the next ``flask content load`` is a full one.
LOADER_VERSION = "2"  # 2: quizzes' second_language_minutes and open_book


def content_digest(root) -> str:
    """A digest of every file under ``root`` (and the renderer's and loader's versions):
    it changes when any content changes, and only then."""
    digest = hashlib.sha256(f"{render.RENDERER_VERSION}:{LOADER_VERSION}".encode())
    base = Path(root)
    for path in sorted(p for p in base.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(base)).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _record_digest(session: Session, digest: str) -> None:
    """Store the digest of what was loaded; nothing is written when it is unchanged."""
    state = session.get(ContentState, 1)
    if state is None:
        session.add(ContentState(id=1, digest=digest))
    elif state.digest != digest:
        state.digest, state.loaded_at = digest, utcnow()


def load_content(session: Session, root, force: bool = False) -> LoadReport:
    """Check and load ``root`` in one transaction: all of it, or nothing. Files that
    match the digest of the last load are not even read (unless ``force``): reading and
    rendering the curriculum is most of a load's time, and the result would be the same."""
    digest = content_digest(root)  # before reading: a file edited meanwhile loads next time
    if not force:
        state = session.get(ContentState, 1)
        if state is not None and state.digest == digest:
            return LoadReport(skipped=True)
    tree = read_content(root)
    try:
        report = load_tree(session, tree, digest)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return report
