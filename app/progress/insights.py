"""What the dashboard tells a learner: mastery by syllabus tag, readiness for each
exam, and the one next step worth taking.

A fixed number of statements whatever the learner's history: mastery and study
days are running aggregates, and mock results are read a few at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import load_only

from app.extensions import db
from app.models import (
    Course,
    ExamAttempt,
    Lesson,
    LessonTag,
    Question,
    QuestionTag,
    Quiz,
    SyllabusGroup,
    SyllabusTag,
    TagMastery,
)
from app.progress import mastery, readiness
from app.progress.tracking import to_skill

RECENT_MOCKS = 20

# What the dashboard shows of a lesson (a link, its length): never its rendered HTML
# and text, which are most of a lesson row and would be read for every tagged lesson.
LESSON_LINK = load_only(
    Lesson.id,
    Lesson.course_id,
    Lesson.slug,
    Lesson.title,
    Lesson.minutes,
    Lesson.position,
    Lesson.retired_at,
)


@dataclass
class TagRow:
    tag: SyllabusTag
    group_title: str
    skill: mastery.Skill
    chance: float
    low: float
    high: float
    practice_questions: int
    lesson: tuple[Lesson, Course] | None

    @property
    def enough(self) -> bool:
        return self.skill.enough

    @property
    def percent(self) -> int:
        return round(100 * self.chance)


@dataclass
class ExamReadiness:
    quiz: Quiz
    course: Course
    forecast: readiness.Readiness
    weakest_titles: list[str]
    mocks: list[ExamAttempt]  # finished, newest first


@dataclass
class NextStep:
    label: str
    reason: str
    kind: str  # review | exam | practise | read
    target: object = None  # the exam, tag row or (lesson, course) it points at


def tag_rows(user_id: int, now: datetime) -> list[TagRow]:
    """Every tag with content or evidence, weakest first; thin evidence goes last."""
    tags = db.session.execute(
        select(SyllabusTag, SyllabusGroup.title)
        .join(SyllabusGroup, SyllabusGroup.id == SyllabusTag.group_id)
        .where(SyllabusTag.retired_at.is_(None))
        .order_by(SyllabusGroup.position, SyllabusTag.position)
    ).all()
    skills = {
        row.tag_id: mastery.at(to_skill(row), now)
        for row in db.session.scalars(select(TagMastery).where(TagMastery.user_id == user_id))
    }
    pools = dict(
        db.session.execute(
            select(QuestionTag.tag_id, func.count())
            .join(Question, Question.id == QuestionTag.question_id)
            .where(Question.in_practice, Question.retired_at.is_(None))
            .group_by(QuestionTag.tag_id)
        ).all()
    )
    lessons: dict[str, tuple[Lesson, Course]] = {}
    for tag_id, lesson, course in db.session.execute(
        select(LessonTag.tag_id, Lesson, Course)
        .join(Lesson, Lesson.id == LessonTag.lesson_id)
        .join(Course, Course.id == Lesson.course_id)
        .where(Lesson.retired_at.is_(None), Course.retired_at.is_(None))
        .order_by(Course.position, Lesson.position)
        .options(LESSON_LINK)
    ):
        lessons.setdefault(tag_id, (lesson, course))
    rows = []
    for tag, group_title in tags:
        skill = skills.get(tag.id, mastery.Skill())
        if not (pools.get(tag.id) or tag.id in lessons or skill.answers):
            continue
        low, high = mastery.band(skill)
        rows.append(
            TagRow(
                tag,
                group_title,
                skill,
                mastery.probability(skill),
                low,
                high,
                pools.get(tag.id, 0),
                lessons.get(tag.id),
            )
        )
    rows.sort(key=lambda r: (not r.enough, r.chance if r.enough else -r.skill.answers))
    return rows


def _area_titles() -> tuple[dict[str, set[str]], dict[str, str]]:
    """Group id → its tags, and every group's and tag's title (blueprint areas are either)."""
    members: dict[str, set[str]] = {}
    titles: dict[str, str] = dict(
        db.session.execute(select(SyllabusGroup.id, SyllabusGroup.title)).tuples().all()
    )
    for tag_id, group_id, title, retired_at in db.session.execute(
        select(SyllabusTag.id, SyllabusTag.group_id, SyllabusTag.title, SyllabusTag.retired_at)
    ):
        titles[tag_id] = title
        if retired_at is None:  # a retired tag no longer counts toward its group
            members.setdefault(group_id, set()).add(tag_id)
    return members, titles


def exam_readiness(user_id: int, rows: list[TagRow], now: datetime) -> list[ExamReadiness]:
    """A forecast for every current exam, from the tag rows already read."""
    exams = db.session.execute(
        select(Quiz, Course)
        .join(Course, Course.id == Quiz.course_id)
        .where(Quiz.kind == "exam", Quiz.retired_at.is_(None), Course.retired_at.is_(None))
        .order_by(Course.position, Quiz.position)
    ).all()
    if not exams:
        return []
    members, titles = _area_titles()
    mocks: dict[str, list[ExamAttempt]] = {}
    for attempt in db.session.scalars(
        select(ExamAttempt)
        .where(ExamAttempt.user_id == user_id, ExamAttempt.status != "open")
        .order_by(ExamAttempt.finished_at.desc())
        .limit(RECENT_MOCKS)
    ):
        mocks.setdefault(attempt.quiz_id, []).append(attempt)
    skills = {row.tag.id: row.skill for row in rows}
    result = []
    for quiz, course in exams:
        taken = mocks.get(quiz.id, [])
        forecast = readiness.forecast(
            quiz.blueprint,
            members,
            skills,
            quiz.pass_mark,
            now,
            [readiness.Mock(a.finished_at, a.score or 0, a.question_count) for a in taken[:1]],
        )
        weakest = [titles.get(area, area) for area in forecast.weakest]
        result.append(ExamReadiness(quiz, course, forecast, weakest, taken))
    return result


READY = 0.8  # pass probability at which a mock is the best next step


def next_step(
    due: int,
    rows: list[TagRow],
    exams: list[ExamReadiness],
    next_lesson: tuple[Lesson, Course] | None,
) -> NextStep | None:
    """One recommended action, and why: due reviews first (forgetting is the cheapest
    loss to prevent), then a mock when readiness is high, then the weakest area with
    enough evidence to call it weak, then the next lesson."""
    if due:
        return NextStep(
            f"Review {due} card{'s' if due != 1 else ''}",
            "They are due now; reviewing on time keeps what you learned.",
            "review",
        )
    ready = [e for e in exams if e.forecast.enough and e.forecast.pass_probability >= READY]
    if ready:
        best = max(ready, key=lambda e: e.forecast.pass_probability)
        return NextStep(
            f"Sit the mock exam “{best.quiz.title}”",
            f"Your predicted chance of passing is {round(100 * best.forecast.pass_probability)}%:"
            " a timed mock tests it under exam conditions.",
            "exam",
            best,
        )
    weak = [r for r in rows if r.enough and r.practice_questions and r.chance < 0.7]
    if weak:
        return NextStep(
            f"Practise {weak[0].tag.title}",
            f"It is your weakest area ({weak[0].percent}% expected on a question).",
            "practise",
            weak[0],
        )
    if next_lesson is not None:
        return NextStep(
            f"Read “{next_lesson[0].title}”",
            "It is the next lesson in your course.",
            "read",
            next_lesson,
        )
    untested = [r for r in rows if not r.enough and r.practice_questions]
    if untested:
        return NextStep(
            f"Practise {untested[0].tag.title}",
            "We do not have enough of your answers on it yet to know how you stand.",
            "practise",
            untested[0],
        )
    return None
