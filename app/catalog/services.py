"""Reading the catalog. Each function issues a fixed number of statements,
whatever the number of lessons or learners (tests count them)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, bindparam, func, select
from sqlalchemy.orm import aliased

from app.extensions import db
from app.models import (
    Course,
    CourseRedirect,
    Lesson,
    LessonProgress,
    LessonRedirect,
    Media,
    Module,
    Quiz,
)


@dataclass
class CourseCard:
    course: Course
    completed: int
    next_lesson_slug: str | None

    @property
    def percent(self) -> int:
        return (
            round(100 * self.completed / self.course.lesson_count)
            if self.course.lesson_count
            else 0
        )


def _completed_counts(user_id: int | None):
    """A subquery: course_id → lessons completed by ``user_id`` (current lessons only)."""
    return (
        select(Lesson.course_id, func.count().label("done"))
        .join(LessonProgress, LessonProgress.lesson_id == Lesson.id)
        .where(
            LessonProgress.user_id == user_id,
            LessonProgress.completed_at.is_not(None),
            Lesson.retired_at.is_(None),
        )
        .group_by(Lesson.course_id)
        .subquery()
    )


def _next_unfinished(user_id: int | None):
    """A subquery: course_id → slug of the first current lesson not completed."""
    done = and_(
        LessonProgress.lesson_id == Lesson.id,
        LessonProgress.user_id == user_id,
        LessonProgress.completed_at.is_not(None),
    )
    first = (
        select(Lesson.course_id, func.min(Lesson.position).label("pos"))
        .outerjoin(LessonProgress, done)
        .where(Lesson.retired_at.is_(None), LessonProgress.lesson_id.is_(None))
        .group_by(Lesson.course_id)
        .subquery()
    )
    return (
        select(Lesson.course_id, Lesson.slug)
        .join(first, and_(first.c.course_id == Lesson.course_id, first.c.pos == Lesson.position))
        .where(Lesson.retired_at.is_(None))
        .subquery()
    )


def _cards_statement():
    done, nxt = _completed_counts(bindparam("user_id")), _next_unfinished(bindparam("user_id"))
    return (
        select(Course, func.coalesce(done.c.done, 0), nxt.c.slug)
        .outerjoin(done, done.c.course_id == Course.id)
        .outerjoin(nxt, nxt.c.course_id == Course.id)
        .where(Course.retired_at.is_(None))
        .order_by(Course.position)
    )


# Built once at import: the home page and the dashboard run it on every request, and
# building its subqueries each time cost more than running it.
_CARDS = _cards_statement()


def course_cards(user_id: int | None) -> list[CourseCard]:
    """Every current course, with the learner's completion and next lesson (one query)."""
    rows = db.session.execute(_CARDS, {"user_id": user_id})
    return [CourseCard(course, completed, slug) for course, completed, slug in rows]


@dataclass
class Resolved:
    course: Course | None = None
    lesson: Lesson | None = None
    redirect_to: tuple[str, str | None] | None = None  # (course slug, lesson slug)
    retired: bool = False


def resolve_course(slug: str) -> Resolved:
    course = db.session.scalar(select(Course).where(Course.slug == slug))
    if course is None:
        course = db.session.scalar(
            select(Course)
            .join(CourseRedirect, CourseRedirect.course_id == Course.id)
            .where(CourseRedirect.old_slug == slug)
        )
        if course is not None:
            return Resolved(course=course, redirect_to=(course.slug, None))
    if course is not None and course.retired_at is not None:
        return Resolved(course=course, retired=True)
    return Resolved(course=course)


def resolve_lesson(course_slug: str, lesson_slug: str) -> Resolved:
    """The lesson at this URL, or where it moved (old slugs answer 301)."""
    row = db.session.execute(
        select(Lesson, Course)
        .join(Course, Course.id == Lesson.course_id)
        .where(Course.slug == course_slug, Lesson.slug == lesson_slug)
    ).first()
    if row is not None:
        lesson, course = row
        return Resolved(course, lesson, retired=lesson.retired_at is not None)
    found = resolve_course(course_slug)
    if found.course is None:
        return Resolved()
    lesson = db.session.scalar(
        select(Lesson).where(Lesson.course_id == found.course.id, Lesson.slug == lesson_slug)
    ) or db.session.scalar(
        select(Lesson)
        .join(LessonRedirect, LessonRedirect.lesson_id == Lesson.id)
        .where(LessonRedirect.course_id == found.course.id, LessonRedirect.old_slug == lesson_slug)
    )
    if lesson is None:
        return Resolved()
    return Resolved(found.course, lesson, redirect_to=(found.course.slug, lesson.slug))


@dataclass
class LessonLink:
    slug: str
    title: str


@dataclass
class LessonBody:
    id: str
    title: str
    minutes: int
    objectives: list[str]
    toc: list[dict]
    html: str


@dataclass
class CourseRef:
    slug: str
    title: str


@dataclass
class LessonPage:
    """Everything the lesson page shows, read in one statement (the hot path).

    Plain columns, not ORM entities: building two mapped objects per request
    cost more than the query itself.
    """

    lesson: LessonBody
    course: CourseRef
    previous: LessonLink | None
    following: LessonLink | None
    progress_exists: bool
    completed: bool
    check_slug: str | None = None  # the lesson's practice check, if it has one


def _lesson_page_statement():
    """Built once: constructing a statement with aliases costs more than running it."""
    prev, nxt = aliased(Lesson), aliased(Lesson)

    def beside(alias, offset: int):
        return and_(
            alias.course_id == Lesson.course_id,
            alias.position == Lesson.position + offset,
            alias.retired_at.is_(None),
        )

    return (
        select(
            Lesson.id,
            Lesson.title,
            Lesson.minutes,
            Lesson.objectives,
            Lesson.toc,
            Lesson.html,
            Course.slug,
            Course.title,
            prev.slug,
            prev.title,
            nxt.slug,
            nxt.title,
            LessonProgress.user_id,
            LessonProgress.completed_at,
            select(Quiz.slug)
            .where(Quiz.lesson_id == Lesson.id, Quiz.kind == "practice", Quiz.retired_at.is_(None))
            .order_by(Quiz.position)
            .limit(1)
            .scalar_subquery(),
        )
        .join(Course, Course.id == Lesson.course_id)
        .outerjoin(prev, beside(prev, -1))
        .outerjoin(nxt, beside(nxt, 1))
        .outerjoin(
            LessonProgress,
            and_(
                LessonProgress.lesson_id == Lesson.id,
                LessonProgress.user_id == bindparam("user_id"),
            ),
        )
        .where(
            Course.slug == bindparam("course_slug"),
            Lesson.slug == bindparam("lesson_slug"),
            Lesson.retired_at.is_(None),
            Course.retired_at.is_(None),
        )
    )


_LESSON_PAGE = _lesson_page_statement()


def lesson_page(course_slug: str, lesson_slug: str, user_id: int | None) -> LessonPage | None:
    """The current lesson at this URL with its neighbours and the learner's progress.

    None when the URL is not a current lesson's: the caller then tries
    ``resolve_lesson`` for redirects and retired lessons.
    """
    # Columns only, so the Core path on the session's own connection will do: the ORM
    # execution machinery adds nothing here but time.
    row = (
        db.session.connection()
        .execute(
            _LESSON_PAGE,
            {"course_slug": course_slug, "lesson_slug": lesson_slug, "user_id": user_id},
        )
        .first()
    )
    if row is None:
        return None
    (lesson_id, title, minutes, objectives, toc, html, course_slug, course_title) = row[:8]
    prev_slug, prev_title, next_slug, next_title, progress_user, done, check_slug = row[8:]
    return LessonPage(
        lesson=LessonBody(lesson_id, title, minutes, objectives, toc, html),
        course=CourseRef(course_slug, course_title),
        previous=LessonLink(prev_slug, prev_title) if prev_slug else None,
        following=LessonLink(next_slug, next_title) if next_slug else None,
        progress_exists=progress_user is not None,
        completed=done is not None,
        check_slug=check_slug,
    )


@dataclass
class OutlineLesson:
    lesson: Lesson
    completed: bool


def course_outline(course: Course, user_id: int | None) -> list[tuple[Module, list[OutlineLesson]]]:
    """Modules in order, each with its current lessons and the learner's ticks."""
    modules = db.session.scalars(
        select(Module)
        .where(Module.course_id == course.id, Module.retired_at.is_(None))
        .order_by(Module.position)
    ).all()
    rows = db.session.execute(
        select(Lesson, LessonProgress.completed_at)
        .outerjoin(
            LessonProgress,
            and_(LessonProgress.lesson_id == Lesson.id, LessonProgress.user_id == user_id),
        )
        .where(Lesson.course_id == course.id, Lesson.retired_at.is_(None))
        .order_by(Lesson.position)
    )
    by_module: dict[str, list[OutlineLesson]] = {m.id: [] for m in modules}
    for lesson, completed_at in rows:
        by_module.setdefault(lesson.module_id, []).append(
            OutlineLesson(lesson, completed_at is not None)
        )
    return [(m, by_module[m.id]) for m in modules if by_module[m.id]]


def course_quizzes(course_id: str) -> list[Quiz]:
    """The course's current practice quizzes and mock exams, in file order."""
    return list(
        db.session.scalars(
            select(Quiz)
            .where(Quiz.course_id == course_id, Quiz.retired_at.is_(None))
            .order_by(Quiz.position)
        )
    )


def get_media(course_id: str, path: str) -> Media | None:
    return db.session.get(Media, (course_id, path))
