"""Certificates of completion: for a course (every current lesson completed) or a
passed mock exam.

Nothing is stored: a certificate's code is a signed token (itsdangerous, keyed by
the app's SECRET_KEY with its own salt) naming the learner's opaque xAPI id, the
kind of achievement and the course or exam attempt. Verifying it checks the
signature and then that the achievement still holds in the data, so a forged or
tampered code, or one for work since undone, verifies as nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from itsdangerous import BadData, URLSafeSerializer
from sqlalchemy import func, select

from app.extensions import db
from app.models import Course, ExamAttempt, Lesson, LessonProgress, Quiz, User

SALT = "certificate-of-completion"
COURSE, EXAM = "course", "exam"


@dataclass(frozen=True)
class Certificate:
    learner_name: str
    kind: str  # course | exam
    title: str  # the course's or the mock exam's
    achieved_at: datetime
    code: str
    score: int | None = None  # a passed exam's marks
    out_of: int | None = None


def _serializer(secret: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt=SALT)


def code_for(secret: str, xapi_id: str, kind: str, item: str | int) -> str:
    return _serializer(secret).dumps({"u": xapi_id, "k": kind, "i": item})


def _courses_completed(user_id: int, course_id: str | None = None):
    """(course, completed at) for each current course whose every current lesson the
    learner has completed; completed at is when they finished the last one."""
    current = (Lesson.retired_at.is_(None), Course.retired_at.is_(None))
    totals = (
        select(Lesson.course_id, func.count().label("n"))
        .join(Course, Course.id == Lesson.course_id)
        .where(*current)
        .group_by(Lesson.course_id)
        .subquery()
    )
    done = (
        select(
            Lesson.course_id,
            func.count().label("n"),
            func.max(LessonProgress.completed_at).label("at"),
        )
        .join(LessonProgress, LessonProgress.lesson_id == Lesson.id)
        .join(Course, Course.id == Lesson.course_id)
        .where(LessonProgress.user_id == user_id, LessonProgress.completed_at.is_not(None))
        .where(*current)
        .group_by(Lesson.course_id)
        .subquery()
    )
    stmt = (
        select(Course, done.c.at)
        .join(totals, totals.c.course_id == Course.id)
        .join(done, done.c.course_id == Course.id)
        .where(done.c.n == totals.c.n)
        .order_by(Course.position)
    )
    if course_id is not None:
        stmt = stmt.where(Course.id == course_id)
    return db.session.execute(stmt).tuples().all()


def _exams_passed(user_id: int, attempt_id: int | None = None):
    """(attempt, exam) for each mock exam attempt the learner passed, newest first."""
    stmt = (
        select(ExamAttempt, Quiz)
        .join(Quiz, Quiz.id == ExamAttempt.quiz_id)
        .where(
            ExamAttempt.user_id == user_id,
            ExamAttempt.status != "open",
            ExamAttempt.passed.is_(True),
            ExamAttempt.finished_at.is_not(None),
        )
        .order_by(ExamAttempt.finished_at.desc())
    )
    if attempt_id is not None:
        stmt = stmt.where(ExamAttempt.id == attempt_id)
    return db.session.execute(stmt).tuples().all()


def _exam_certificate(user: User, attempt: ExamAttempt, exam: Quiz, code: str) -> Certificate:
    return Certificate(
        user.display_name,
        EXAM,
        exam.title,
        attempt.finished_at,
        code,
        attempt.score,
        attempt.question_count,
    )


def earned(secret: str, user: User) -> list[Certificate]:
    """Every certificate the learner holds now: courses first, then passed exams."""
    found = [
        Certificate(
            user.display_name,
            COURSE,
            course.title,
            at,
            code_for(secret, user.xapi_id, COURSE, course.id),
        )
        for course, at in _courses_completed(user.id)
    ]
    found += [
        _exam_certificate(user, attempt, exam, code_for(secret, user.xapi_id, EXAM, attempt.id))
        for attempt, exam in _exams_passed(user.id)
    ]
    return found


def verify(secret: str, code: str) -> Certificate | None:
    """The certificate a code stands for, if its signature holds and so does the
    achievement; None otherwise."""
    try:
        claim = _serializer(secret).loads(code)
    except BadData:
        return None
    if not isinstance(claim, dict) or not isinstance(claim.get("u"), str):
        return None
    kind, item = claim.get("k"), claim.get("i")
    user = db.session.scalar(select(User).where(User.xapi_id == claim["u"]))
    if user is None:
        return None
    if kind == COURSE and isinstance(item, str):
        rows = _courses_completed(user.id, item)
        if rows:
            course, at = rows[0]
            return Certificate(user.display_name, COURSE, course.title, at, code)
    elif kind == EXAM and isinstance(item, int) and not isinstance(item, bool):
        rows = _exams_passed(user.id, item)
        if rows:
            return _exam_certificate(user, *rows[0], code)
    return None
