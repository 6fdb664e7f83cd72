"""The curriculum as the dashboard sees it: tags with their practice pools and
lessons, and the exams with their blueprints.

It depends on content only, so it is built once per content load and kept per
process under the digest ``flask content load`` stores (``ContentState``): each
request reads the digest (one small statement) and rebuilds only when it changed,
so a load on one host is seen by every process at its next request. No learner
data is kept here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import url_for
from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    ContentState,
    Course,
    Lesson,
    LessonTag,
    Question,
    QuestionTag,
    Quiz,
    SyllabusGroup,
    SyllabusTag,
)


@dataclass(frozen=True)
class TagInfo:
    id: str
    title: str
    group_title: str
    practice_questions: int
    practise_url: str
    lesson_title: str | None = None
    lesson_url: str | None = None


@dataclass(frozen=True)
class ExamInfo:
    id: str
    title: str
    url: str
    blueprint: dict
    pass_mark: int
    question_count: int


@dataclass(frozen=True)
class Syllabus:
    digest: str
    tags: tuple[TagInfo, ...] = ()
    exams: tuple[ExamInfo, ...] = ()
    members: dict[str, set[str]] = field(default_factory=dict)  # group → its current tags
    titles: dict[str, str] = field(default_factory=dict)  # group or tag → title


_built: dict[str, Syllabus] = {}
_DIGEST = select(ContentState.digest).where(ContentState.id == 1)


def current() -> Syllabus:
    """The syllabus of the content in the database now (call within a request)."""
    digest = db.session.scalar(_DIGEST) or ""
    found = _built.get(digest)
    if found is None:
        found = _build(digest)
        _built.clear()  # only the latest content is worth keeping
        _built[digest] = found
    return found


def _build(digest: str) -> Syllabus:
    titles = dict(db.session.execute(select(SyllabusGroup.id, SyllabusGroup.title)).tuples().all())
    pools = dict(
        db.session.execute(
            select(QuestionTag.tag_id, func.count())
            .join(Question, Question.id == QuestionTag.question_id)
            .where(Question.in_practice, Question.retired_at.is_(None))
            .group_by(QuestionTag.tag_id)
        )
        .tuples()
        .all()
    )
    lessons: dict[str, tuple[str, str]] = {}
    for tag_id, title, slug, course_slug in db.session.execute(
        select(LessonTag.tag_id, Lesson.title, Lesson.slug, Course.slug)
        .join(Lesson, Lesson.id == LessonTag.lesson_id)
        .join(Course, Course.id == Lesson.course_id)
        .where(Lesson.retired_at.is_(None), Course.retired_at.is_(None))
        .order_by(Course.position, Lesson.position)
    ):
        link = url_for("catalog.lesson", course_slug=course_slug, lesson_slug=slug)
        lessons.setdefault(tag_id, (title, link))
    tags, members = [], {}
    for tag_id, title, group_id, group_title in db.session.execute(
        select(SyllabusTag.id, SyllabusTag.title, SyllabusTag.group_id, SyllabusGroup.title)
        .join(SyllabusGroup, SyllabusGroup.id == SyllabusTag.group_id)
        .where(SyllabusTag.retired_at.is_(None))
        .order_by(SyllabusGroup.position, SyllabusTag.position)
    ):
        titles[tag_id] = title
        members.setdefault(group_id, set()).add(tag_id)
        lesson = lessons.get(tag_id, (None, None))
        url = url_for("quizzes.start_topic", tag_id=tag_id)
        tags.append(TagInfo(tag_id, title, group_title, pools.get(tag_id, 0), url, *lesson))
    exams = tuple(
        ExamInfo(
            quiz.id,
            quiz.title,
            url_for("quizzes.exam", course_slug=course_slug, exam_slug=quiz.slug),
            dict(quiz.blueprint),
            quiz.pass_mark,
            quiz.question_count,
        )
        for quiz, course_slug in db.session.execute(
            select(Quiz, Course.slug)
            .join(Course, Course.id == Quiz.course_id)
            .where(Quiz.kind == "exam", Quiz.retired_at.is_(None), Course.retired_at.is_(None))
            .order_by(Course.position, Quiz.position)
        )
    )
    return Syllabus(digest, tuple(tags), exams, members, titles)
