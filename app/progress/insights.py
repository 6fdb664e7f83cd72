"""What the dashboard tells a learner: mastery by syllabus tag, readiness for each
exam, and the one next step worth taking.

A fixed number of statements whatever the learner's history: mastery and study
days are running aggregates, and mock results are read a few at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select

from app.extensions import db
from app.models import Course, ExamAttempt, Lesson, TagMastery
from app.progress import mastery, readiness
from app.progress.syllabus import ExamInfo, Syllabus, TagInfo
from app.progress.tracking import to_skill

RECENT_MOCKS = 20

# Built once: the dashboard runs them on every request.
_MASTERY = select(TagMastery).where(TagMastery.user_id == bindparam("user_id"))
_RECENT_MOCKS = (
    select(ExamAttempt)
    .where(ExamAttempt.user_id == bindparam("user_id"), ExamAttempt.status != "open")
    .order_by(ExamAttempt.finished_at.desc())
    .limit(RECENT_MOCKS)
)


@dataclass
class TagRow:
    tag: TagInfo
    skill: mastery.Skill
    chance: float
    low: float
    high: float

    @property
    def practice_questions(self) -> int:
        return self.tag.practice_questions

    @property
    def enough(self) -> bool:
        return self.skill.enough

    @property
    def percent(self) -> int:
        return round(100 * self.chance)


@dataclass
class ExamReadiness:
    quiz: ExamInfo
    forecast: readiness.Readiness
    weakest_titles: list[str]
    mocks: list[ExamAttempt]  # finished, newest first


@dataclass
class NextStep:
    label: str
    reason: str
    kind: str  # review | exam | practise | read
    target: object = None  # the exam, tag row or (lesson, course) it points at


def tag_rows(syllabus: Syllabus, user_id: int, now: datetime) -> list[TagRow]:
    """Every tag with content or evidence, weakest first; thin evidence goes last."""
    skills = {
        row.tag_id: mastery.at(to_skill(row), now)
        for row in db.session.scalars(_MASTERY, {"user_id": user_id})
    }
    rows = []
    for tag in syllabus.tags:
        skill = skills.get(tag.id, mastery.Skill())
        if not (tag.practice_questions or tag.lesson_url or skill.answers):
            continue
        low, high = mastery.band(skill)
        rows.append(TagRow(tag, skill, mastery.probability(skill), low, high))
    rows.sort(key=lambda r: (not r.enough, r.chance if r.enough else -r.skill.answers))
    return rows


def exam_readiness(
    syllabus: Syllabus, user_id: int, rows: list[TagRow], now: datetime
) -> list[ExamReadiness]:
    """A forecast for every current exam, from the tag rows already read."""
    if not syllabus.exams:
        return []
    mocks: dict[str, list[ExamAttempt]] = {}
    for attempt in db.session.scalars(_RECENT_MOCKS, {"user_id": user_id}):
        mocks.setdefault(attempt.quiz_id, []).append(attempt)
    skills = {row.tag.id: row.skill for row in rows}
    result = []
    for exam in syllabus.exams:
        taken = mocks.get(exam.id, [])
        forecast = readiness.forecast(
            exam.blueprint,
            syllabus.members,
            skills,
            exam.pass_mark,
            now,
            [readiness.Mock(a.finished_at, a.score or 0, a.question_count) for a in taken[:1]],
        )
        weakest = [syllabus.titles.get(area, area) for area in forecast.weakest]
        result.append(ExamReadiness(exam, forecast, weakest, taken))
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
