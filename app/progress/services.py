"""Recording what a learner opened and completed, and summarising it.

Writes happen only when something changes (a different lesson opened, a
completion toggled), so re-reading a page costs one read, not a write.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, bindparam, select, update
from sqlalchemy.orm import load_only

from app.auth.sessions import SessionUser
from app.catalog.services import CourseCard, course_cards
from app.cohorts import results
from app.cohorts.services import assigned_to
from app.database import start_writing
from app.extensions import db
from app.models import Course, Lesson, LessonProgress, User
from app.models._types import utcnow
from app.progress import activity, charts, insights, review, syllabus, tracking

# What the dashboard shows of a lesson (a link, its length): never its rendered HTML
# and text, which are most of a lesson row.
LESSON_LINK = load_only(
    Lesson.id,
    Lesson.course_id,
    Lesson.slug,
    Lesson.title,
    Lesson.minutes,
    Lesson.position,
    Lesson.retired_at,
)


def record_open(
    user: SessionUser | User, lesson_id: str, progress_exists: bool, completed: bool
) -> bool:
    """Note that ``user`` opened the lesson; return whether it is complete.

    Writes only when the learner opens a different lesson from the last one, so
    re-reading (or reloading) a page costs no write.
    """
    if user.last_lesson_id != lesson_id:
        start_writing()
        now = utcnow()
        if progress_exists:
            db.session.execute(
                update(LessonProgress)
                .where(LessonProgress.user_id == user.id, LessonProgress.lesson_id == lesson_id)
                .values(last_opened_at=now)
            )
        else:
            db.session.add(
                LessonProgress(
                    user_id=user.id, lesson_id=lesson_id, first_opened_at=now, last_opened_at=now
                )
            )
            results.touch(user.id, "lesson", lesson_id, now)  # first opened: in progress
        db.session.execute(update(User).where(User.id == user.id).values(last_lesson_id=lesson_id))
        db.session.commit()
    return completed


def current_lesson(lesson_id: str) -> Lesson | None:
    lesson = db.session.get(Lesson, lesson_id)
    return lesson if lesson is not None and lesson.retired_at is None else None


def set_completed(user: User, lesson: Lesson, completed: bool) -> None:
    """Mark ``lesson`` complete for ``user``, or undo it. Idempotent."""
    progress = db.session.get(LessonProgress, (user.id, lesson.id))
    now = utcnow()
    if progress is None:
        progress = LessonProgress(
            user_id=user.id, lesson_id=lesson.id, first_opened_at=now, last_opened_at=now
        )
        db.session.add(progress)
    if completed and progress.completed_at is None:
        progress.completed_at = now
        tracking.record_lesson_completed(user.id, lesson, progress.first_opened_at, now)
    elif not completed:
        progress.completed_at = None
    results.touch(user.id, "lesson", lesson.id, now)
    db.session.commit()


@dataclass
class Dashboard:
    cards: list[CourseCard]
    last_lesson: Lesson | None
    last_course: Course | None
    next_lesson: Lesson | None
    next_course: Course | None
    tags: list[insights.TagRow] = field(default_factory=list)
    exams: list[insights.ExamReadiness] = field(default_factory=list)
    study: activity.StudySummary | None = None
    due: int = 0
    step: insights.NextStep | None = None
    mastery_chart: charts.Chart | None = None
    trend_chart: charts.Chart | None = None
    weekly_chart: charts.Chart | None = None
    weeks: list = field(default_factory=list)
    assigned: list = field(default_factory=list)  # "Assigned to you", across cohorts

    @property
    def total(self) -> int:
        return sum(card.course.lesson_count for card in self.cards)

    @property
    def completed(self) -> int:
        return sum(card.completed for card in self.cards)

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.total) if self.total else 0


_DONE = and_(
    LessonProgress.lesson_id == Lesson.id,
    LessonProgress.user_id == bindparam("user_id"),
    LessonProgress.completed_at.is_not(None),
)
# Built once: the dashboard runs it on every request.
_FIRST_UNFINISHED = (
    select(Lesson, Course)
    .join(Course, Course.id == Lesson.course_id)
    .outerjoin(LessonProgress, _DONE)
    .where(
        Lesson.course_id == bindparam("course_id"),
        Lesson.retired_at.is_(None),
        Lesson.position > bindparam("after"),
        LessonProgress.lesson_id.is_(None),
    )
    .order_by(Lesson.position)
    .limit(1)
    .options(LESSON_LINK)
)


_LESSON_AND_COURSE = (
    select(Lesson, Course)
    .join(Course, Course.id == Lesson.course_id)
    .where(Lesson.id == bindparam("id"), Lesson.retired_at.is_(None))
    .options(LESSON_LINK)
)


def _first_unfinished(user_id: int, course_id: str, after: int = -1):
    """The learner's first current, unfinished lesson of a course after a position."""
    params = {"user_id": user_id, "course_id": course_id, "after": after}
    return db.session.execute(_FIRST_UNFINISHED, params).first()


def dashboard(user: User, now: datetime | None = None) -> Dashboard:
    """Overall and per-course completion, the last lesson opened and the next to read.

    Next is the first unfinished lesson after the last one opened (the learner
    reads on); failing that the earliest gap in that course, then in other courses.
    """
    cards = course_cards(user.id)
    last = None
    if user.last_lesson_id:
        last = db.session.execute(_LESSON_AND_COURSE, {"id": user.last_lesson_id}).first()
    nxt = None
    if last is not None:
        nxt = _first_unfinished(user.id, last[1].id, after=last[0].position)
    if nxt is None:
        unfinished = [card.course.id for card in cards if card.next_lesson_slug]
        if last is not None and last[1].id in unfinished:
            unfinished.remove(last[1].id)
            unfinished.insert(0, last[1].id)
        if unfinished:
            nxt = _first_unfinished(user.id, unfinished[0])
    board = Dashboard(
        cards=cards,
        last_lesson=last[0] if last else None,
        last_course=last[1] if last else None,
        next_lesson=nxt[0] if nxt else None,
        next_course=nxt[1] if nxt else None,
    )
    _add_insights(board, user, now or utcnow())
    return board


def _add_insights(board: Dashboard, user, now: datetime) -> None:
    """Mastery, readiness, the review queue, study time and the next step."""
    known = syllabus.current()
    board.tags = insights.tag_rows(known, user.id, now)
    board.exams = insights.exam_readiness(known, user.id, board.tags, now)
    board.study = activity.study_summary(user.id, user.timezone, user.daily_goal, now)
    # The signed-in user's record carries the due count from the session's own query.
    due = getattr(user, "review_due", None)
    board.due = review.due_count(user.id, now) if due is None else due
    lesson = (board.next_lesson, board.next_course) if board.next_lesson else None
    board.step = insights.next_step(board.due, board.tags, board.exams, lesson)
    board.assigned = assigned_to(user.id, now)
    board.mastery_chart = charts.mastery_bars(
        [(r.tag.title, r.chance, r.low, r.high) for r in board.tags if r.enough]
    )
    mocks = [
        (e.quiz.title, a.finished_at, round(100 * (a.score or 0) / a.question_count))
        for e in board.exams
        for a in e.mocks
        if a.question_count
    ]
    taken = [e.quiz for e in board.exams if e.mocks]
    pass_percent = (
        round(100 * taken[0].pass_mark / taken[0].question_count) if len(taken) == 1 else None
    )
    board.trend_chart = charts.score_trend(mocks, pass_percent)
    today = activity.local_day(user.timezone, now)
    board.weeks = activity.weekly_minutes(board.study.days, today)
    board.weekly_chart = charts.weekly_columns(board.weeks)
