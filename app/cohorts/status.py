"""Where each learner stands on each assignment, for many learners at once.

A fixed number of statements whatever the number of learners or assignments: one
per kind of work, each filtered by the learners and the items involved. A learner's
work counts from the assignment's open date, if it has one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    Assignment,
    AssignmentException,
    ExamAttempt,
    Lesson,
    LessonProgress,
    PracticeAnswer,
    PracticeRun,
    Scenario,
    ScenarioAttempt,
)
from app.scenarios.engine import max_points

NOT_STARTED, IN_PROGRESS, DONE, OVERDUE = "not started", "in progress", "done", "overdue"


@dataclass
class Cell:
    state: str
    score: float | None = None  # 0..1 where the work is scored
    attempts: int = 0
    allowed: int | None = None  # attempts allowed for this learner, None for no limit
    due_at: datetime | None = None  # this learner's due date (with any extension)
    completed_at: datetime | None = None
    started: bool = False  # any work on it since it opened


@dataclass
class _Work:
    """One attempt or completion: when it finished (None if not yet) and its score."""

    started: datetime
    finished: datetime | None
    score: float | None


def counted_attempt(
    work: list[_Work], counts: str, allowed: int | None
) -> tuple[_Work | None, int]:
    """The attempt that counts among the finished ones within the allowance."""
    finished = sorted((w for w in work if w.finished), key=lambda w: w.finished)
    if allowed is not None:
        finished = finished[:allowed]
    if not finished:
        return None, len(finished)
    if counts == "first":
        return finished[0], len(finished)
    if counts == "last":
        return finished[-1], len(finished)
    return max(finished, key=lambda w: (w.score or 0, -w.finished.timestamp())), len(finished)


def matrix(
    user_ids: list[int], assignments: list[Assignment], now: datetime
) -> dict[tuple[int, int], Cell]:
    """(user id, assignment id) → Cell for every learner and assignment given."""
    if not user_ids or not assignments:
        return {}
    work = gather_work(user_ids, assignments)
    exceptions = {
        (e.user_id, e.assignment_id): e
        for e in db.session.scalars(
            select(AssignmentException).where(
                AssignmentException.assignment_id.in_([a.id for a in assignments]),
                AssignmentException.user_id.in_(user_ids),
            )
        )
    }
    cells = {}
    for a in assignments:
        for uid in user_ids:
            exception = exceptions.get((uid, a.id))
            due = exception.due_at if exception and exception.due_at else a.due_at
            allowed = a.attempts_allowed
            if allowed is not None and exception is not None:
                allowed += exception.extra_attempts
            items = [w for w in work[(*_key(a), uid)] if _since(w, a.open_at)]
            counted, used = counted_attempt(items, a.counts, allowed)
            if counted is not None:
                cell = Cell(DONE, counted.score, used, allowed, due, counted.finished, True)
            elif items:
                cell = Cell(OVERDUE if now > due else IN_PROGRESS, None, used, allowed, due)
                cell.started = True
            else:
                cell = Cell(OVERDUE if now > due else NOT_STARTED, None, 0, allowed, due)
            cells[(uid, a.id)] = cell
    return cells


def _since(work: _Work, open_at: datetime | None) -> bool:
    """Work counts from the open date: started then, or (a lesson opened earlier and
    completed since) finished then."""
    if open_at is None or work.started >= open_at:
        return True
    return work.finished is not None and work.finished >= open_at


def _key(a: Assignment) -> tuple[str, str | int]:
    """What an assignment's work is filed under: its item, or for a practice set built
    from syllabus tags (whose item id is always "topics") the assignment itself."""
    return (a.kind, a.id if a.kind == "topics" else a.item_id)


def gather_work(user_ids: list[int], assignments: list[Assignment]) -> dict:
    """(kind, item id or practice-set assignment id, user id) → the learner's work on it."""
    wanted: dict[str, set] = defaultdict(set)
    for a in assignments:
        wanted[a.kind].add(_key(a)[1])
    work: dict[tuple[str, str | int, int], list[_Work]] = defaultdict(list)
    if wanted["lesson"] or wanted["module"]:
        _lessons(user_ids, wanted, work)
    # Practice quizzes and practice sets alike: a run's score is its summary's, the
    # latest answer at each position over the run's questions (a retry replaces one).
    for kind, column in (("quiz", PracticeRun.quiz_id), ("topics", PracticeRun.assignment_id)):
        if not wanted[kind]:
            continue
        mine = (column.in_(wanted[kind]), PracticeRun.user_id.in_(user_ids))
        latest = (
            select(func.max(PracticeAnswer.id))
            .join(PracticeRun, PracticeRun.id == PracticeAnswer.run_id)
            .where(*mine)
            .group_by(PracticeAnswer.run_id, PracticeAnswer.position)
        )
        runs = (
            select(
                column,
                PracticeRun.user_id,
                PracticeRun.started_at,
                PracticeRun.finished_at,
                PracticeRun.question_ids,
                func.sum(PracticeAnswer.score),
            )
            .outerjoin(
                PracticeAnswer,
                (PracticeAnswer.run_id == PracticeRun.id) & PracticeAnswer.id.in_(latest),
            )
            .where(*mine)
            .group_by(PracticeRun.id)
        )
        for item, uid, started, finished, questions, total in db.session.execute(runs):
            score = (total or 0) / len(questions) if questions else None
            work[(kind, item, uid)].append(_Work(started, finished, score))
    if wanted["exam"]:
        for attempt in db.session.execute(
            select(
                ExamAttempt.quiz_id,
                ExamAttempt.user_id,
                ExamAttempt.started_at,
                ExamAttempt.finished_at,
                ExamAttempt.score,
                ExamAttempt.question_count,
            ).where(ExamAttempt.quiz_id.in_(wanted["exam"]), ExamAttempt.user_id.in_(user_ids))
        ):
            qid, uid, started, finished, score, total = attempt
            scaled = score / total if finished and score is not None and total else None
            work[("exam", qid, uid)].append(_Work(started, finished, scaled))
    if wanted["scenario"]:
        maxima = {
            sid: max_points(data)
            for sid, data in db.session.execute(
                select(Scenario.id, Scenario.data).where(Scenario.id.in_(wanted["scenario"]))
            )
        }
        for sid, uid, started, finished, total in db.session.execute(
            select(
                ScenarioAttempt.scenario_id,
                ScenarioAttempt.user_id,
                ScenarioAttempt.started_at,
                ScenarioAttempt.finished_at,
                ScenarioAttempt.total,
            ).where(
                ScenarioAttempt.scenario_id.in_(wanted["scenario"]),
                ScenarioAttempt.user_id.in_(user_ids),
            )
        ):
            # An abandoned attempt has a finish time but no score: it is not done.
            scaled = total / maxima[sid] if total is not None and maxima.get(sid) else None
            work[("scenario", sid, uid)].append(
                _Work(started, finished if total is not None else None, scaled)
            )
    return work


def _lessons(user_ids: list[int], wanted: dict, work: dict) -> None:
    """Lessons count when completed; a module when all its current lessons are."""
    modules: dict[str, list[str]] = defaultdict(list)
    for lid, mid in db.session.execute(
        select(Lesson.id, Lesson.module_id).where(
            Lesson.module_id.in_(wanted["module"]), Lesson.retired_at.is_(None)
        )
    ):
        modules[mid].append(lid)
    lesson_ids = set(wanted["lesson"]) | {lid for ids in modules.values() for lid in ids}
    progress = {
        (p.user_id, p.lesson_id): p
        for p in db.session.scalars(
            select(LessonProgress).where(
                LessonProgress.lesson_id.in_(lesson_ids), LessonProgress.user_id.in_(user_ids)
            )
        )
    }
    for uid in user_ids:
        for lid in wanted["lesson"]:
            p = progress.get((uid, lid))
            if p is not None:
                work[("lesson", lid, uid)].append(_Work(p.first_opened_at, p.completed_at, None))
        for mid, lids in modules.items():
            rows = [progress.get((uid, lid)) for lid in lids]
            opened = [p for p in rows if p is not None]
            if not opened:
                continue
            done = [p.completed_at for p in opened if p.completed_at]
            finished = max(done) if len(done) == len(lids) else None
            started = min(p.first_opened_at for p in opened)
            work[("module", mid, uid)].append(_Work(started, finished, len(done) / len(lids)))
