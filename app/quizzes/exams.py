"""Timed mock exams: draw by blueprint, save as the learner goes, finish exactly once.

The deadline is stored at the start (exam minutes plus the learner's allowance).
Nothing runs on a timer in the web process: an attempt past its deadline is
finalized when it is next read, or by ``flask exams finalize-expired``. Answers
arriving later than the deadline plus ``GRACE`` are refused.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update

from app.cohorts import results
from app.extensions import db
from app.models import (
    AttemptItem,
    Booklet,
    Course,
    ExamAttempt,
    Question,
    QuestionTag,
    Quiz,
    SyllabusGroup,
    SyllabusTag,
)
from app.models._types import utcnow
from app.progress import tracking
from app.quizzes.blueprint import area_members, assign
from app.quizzes.grading import TICKED_TYPES, grade, parse_response
from app.quizzes.practice import find_quiz
from app.quizzes.snapshot import detokenize, make_snapshot

GRACE = timedelta(seconds=30)


class AttemptClosed(Exception):
    """The attempt is finished (submitted or out of time): nothing can change it."""


def find_exam(course_slug: str, exam_slug: str) -> tuple[Course, Quiz] | None:
    return find_quiz(course_slug, exam_slug, kind="exam")


def get_attempt(user_id: int, attempt_id: int) -> ExamAttempt | None:
    """The attempt if it is this learner's; another learner's id is as good as unknown."""
    attempt = db.session.get(ExamAttempt, attempt_id)
    return attempt if attempt is not None and attempt.user_id == user_id else None


def open_attempt(user_id: int, quiz_id: str) -> ExamAttempt | None:
    return db.session.scalar(
        select(ExamAttempt).where(
            ExamAttempt.user_id == user_id,
            ExamAttempt.quiz_id == quiz_id,
            ExamAttempt.status == "open",
        )
    )


def _group_tags() -> dict[str, set[str]]:
    groups: dict[str, set[str]] = {}
    for tag in db.session.scalars(select(SyllabusTag)):
        groups.setdefault(tag.group_id, set()).add(tag.id)
    return groups


def draw(quiz: Quiz, user_id: int, rng: random.Random) -> list[tuple[str, Question]]:
    """(area, question) pairs by the blueprint from the exam pool of the quiz's own course
    (another course may share its tags: the PRINCE2 courses and the IT course do),
    preferring questions the learner has not met in any exam of that course, so a
    course's several mocks overlap as little as its pool allows."""
    pool = {
        q.id: q
        for q in db.session.scalars(
            select(Question).where(
                Question.in_exam,
                Question.retired_at.is_(None),
                Question.course_id == quiz.course_id,
            )
        )
    }
    tags: dict[str, set[str]] = {qid: set() for qid in pool}
    for qid, tag in db.session.execute(
        select(QuestionTag.question_id, QuestionTag.tag_id).where(QuestionTag.question_id.in_(pool))
    ):
        tags[qid].add(tag)
    seen = set(
        db.session.scalars(
            select(AttemptItem.question_id)
            .join(ExamAttempt, ExamAttempt.id == AttemptItem.attempt_id)
            .join(Quiz, Quiz.id == ExamAttempt.quiz_id)
            .where(ExamAttempt.user_id == user_id, Quiz.course_id == quiz.course_id)
        )
    )
    members = area_members(quiz.blueprint, _group_tags(), tags)
    for ids in members.values():
        rng.shuffle(ids)
        ids.sort(key=lambda qid: qid in seen)  # stable: unseen first, each part shuffled
    drawn = assign(quiz.blueprint, members)
    if drawn is None:
        raise RuntimeError(f"exam {quiz.id}: the blueprint cannot be drawn from the pool")
    chosen = [(area, pool[qid]) for area, ids in drawn.items() for qid in ids]
    rng.shuffle(chosen)
    return chosen


def exam_minutes(quiz: Quiz, allowance: int, second_language: bool = False) -> float:
    """The time a learner gets: the exam's (or its second-language time, when the exam
    has one and they sit it in a second language), plus their own allowance."""
    base = quiz.minutes
    if second_language and quiz.second_language_minutes:
        base = quiz.second_language_minutes
    return base * (100 + (allowance or 0)) / 100


def start_or_resume(
    user,
    quiz: Quiz,
    now: datetime | None = None,
    rng: random.Random | None = None,
    second_language: bool = False,
) -> ExamAttempt:
    """The learner's open attempt (one per exam), or a new one with its questions fixed."""
    now = now or utcnow()
    attempt = open_attempt(user.id, quiz.id)
    if attempt is not None and not finalize_if_expired(attempt, now):
        return attempt
    rng = rng or random.SystemRandom()
    minutes = exam_minutes(quiz, user.time_allowance, second_language)
    attempt = ExamAttempt(
        user_id=user.id,
        quiz_id=quiz.id,
        started_at=now,
        deadline_at=now + timedelta(minutes=minutes),
        pass_mark=quiz.pass_mark,
        question_count=quiz.question_count,
    )
    db.session.add(attempt)
    db.session.flush()
    for position, (area, question) in enumerate(draw(quiz, user.id, rng), start=1):
        db.session.add(
            AttemptItem(
                attempt_id=attempt.id,
                position=position,
                question_id=question.id,
                question_version=question.version,
                area=area,
                snapshot=dict(
                    make_snapshot(
                        question.type,
                        question.content,
                        question.shuffle,
                        f"{attempt.id}:{position}:{rng.random()}",
                    ),
                    booklet_id=question.booklet_id,
                ),
            )
        )
    results.touch(user.id, "exam", quiz.id, now)
    db.session.commit()
    return attempt


def booklet_of(item: AttemptItem) -> Booklet | None:
    booklet_id = item.snapshot.get("booklet_id")
    return db.session.get(Booklet, booklet_id) if booklet_id else None


def item_at(attempt: ExamAttempt, position: int) -> AttemptItem | None:
    return db.session.scalar(
        select(AttemptItem).where(
            AttemptItem.attempt_id == attempt.id, AttemptItem.position == position
        )
    )


def items(attempt: ExamAttempt) -> list[AttemptItem]:
    return list(
        db.session.scalars(
            select(AttemptItem)
            .where(AttemptItem.attempt_id == attempt.id)
            .order_by(AttemptItem.position)
        )
    )


def seconds_left(attempt: ExamAttempt, now: datetime | None = None) -> int:
    return max(0, int((attempt.deadline_at - (now or utcnow())).total_seconds()))


def save_answer(attempt: ExamAttempt, item: AttemptItem, form, now: datetime | None = None):
    """Store the learner's current answer (or clear it). Raises AttemptClosed or
    InvalidResponse; either way nothing changes."""
    now = now or utcnow()
    _require_open(attempt, now)
    response = None
    cleared = form.get("clear") or (
        item.snapshot["type"] in TICKED_TYPES and not form.getlist("choice")
    )  # the form always carries the whole state: no box ticked is no answer
    if not cleared:
        response = parse_response(
            item.snapshot["type"], item.snapshot["content"], detokenize(item.snapshot, form)
        )
    if response is not None and _untouched_order(item, response):
        response = item.response  # the steps as first shown are no answer (and never right)
    item.response = response
    item.saved_at, attempt.current_position = now, item.position
    db.session.commit()


def _untouched_order(item: AttemptItem, response: dict) -> bool:
    if item.snapshot["type"] != "ordering":
        return False
    tokens = item.snapshot["tokens"]
    shown = [tokens[step["token"]] for step in item.snapshot["shown"]["items"]]
    return response["order"] == shown


def set_flag(attempt: ExamAttempt, item: AttemptItem, flagged: bool, now=None) -> None:
    _require_open(attempt, now or utcnow())
    item.flagged = flagged
    db.session.commit()


def _require_open(attempt: ExamAttempt, now: datetime) -> None:
    if attempt.status != "open":
        raise AttemptClosed("This attempt is finished; it can no longer be changed.")
    if now > attempt.deadline_at + GRACE:
        finalize_if_expired(attempt, now)
        raise AttemptClosed("Time is up: the attempt was marked with the answers saved before.")


def _finish(attempt_id: int, status: str, now: datetime) -> bool:
    """Move an open attempt to ``status`` and grade it, exactly once however many
    requests race here: only the one whose conditional UPDATE wins grades."""
    won = db.session.execute(
        update(ExamAttempt)
        .where(ExamAttempt.id == attempt_id, ExamAttempt.status == "open")
        .values(status=status, finished_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if won != 1:
        db.session.rollback()
        return False
    attempt = db.session.get(ExamAttempt, attempt_id)
    db.session.refresh(attempt)
    grade_attempt(attempt)
    _credit(attempt, now)
    results.touch(attempt.user_id, "exam", attempt.quiz_id, now)
    db.session.commit()
    return True


def _credit(attempt: ExamAttempt, now: datetime) -> None:
    """Count the finished attempt in the learner's progress: each answer as evidence
    (unanswered ones as wrong, as the exam scores them) and the result as a statement."""
    found = items(attempt)
    questions = {
        q.id: q
        for q in db.session.scalars(
            select(Question).where(Question.id.in_({item.question_id for item in found}))
        )
    }
    answers = [tracking.Answer(questions[item.question_id], item.score or 0) for item in found]
    quiz = db.session.get(Quiz, attempt.quiz_id)
    tracking.record_exam_finished(attempt, quiz.title, answers, now)


def submit(attempt: ExamAttempt, now: datetime | None = None) -> bool:
    now = now or utcnow()
    if now > attempt.deadline_at + GRACE:
        return finalize_if_expired(attempt, now)
    return _finish(attempt.id, "submitted", now)


def finalize_if_expired(attempt: ExamAttempt, now: datetime | None = None) -> bool:
    """Mark an open attempt that ran out of time; True if it is (now) finished."""
    now = now or utcnow()
    if attempt.status != "open":
        return True
    if now <= attempt.deadline_at + GRACE:
        return False
    _finish(attempt.id, "expired", min(now, attempt.deadline_at + GRACE))
    db.session.refresh(attempt)
    return True


def finalize_expired(now: datetime | None = None) -> int:
    """For a scheduler: finish every open attempt past its deadline. Returns how many."""
    now = now or utcnow()
    expired = db.session.execute(
        select(ExamAttempt.id, ExamAttempt.deadline_at).where(
            ExamAttempt.status == "open", ExamAttempt.deadline_at < now - GRACE
        )
    ).all()
    # Finished when time ran out, as on a read: a late scheduler must not inflate time used.
    return sum(
        _finish(attempt_id, "expired", min(now, deadline + GRACE))
        for attempt_id, deadline in expired
    )


def grade_attempt(attempt: ExamAttempt) -> None:
    """0 or 1 per question, as in the real exam; totals by area."""
    by_area: dict[str, list[int]] = {}
    total = 0
    for item in items(attempt):
        snap = item.snapshot
        item.score = (
            int(grade(snap["type"], snap["content"], item.response, partial=False))
            if item.response
            else 0
        )
        total += item.score
        area = by_area.setdefault(item.area, [0, 0])
        area[0] += item.score
        area[1] += 1
    attempt.score, attempt.by_area = total, by_area
    attempt.passed = total >= attempt.pass_mark


@dataclass
class Regraded:
    attempt_id: int
    user_id: int
    old_score: int
    new_score: int
    old_passed: bool
    new_passed: bool


def regrade(quiz_id: str) -> list[Regraded]:
    """Re-score finished attempts against the current keys of their questions.

    For an author who fixed a wrong key: each item whose question has a newer
    version takes that version's content, if the learner's answer still fits it.
    Returns the attempts whose score changed.
    """
    changes = []
    attempts = db.session.scalars(
        select(ExamAttempt).where(ExamAttempt.quiz_id == quiz_id, ExamAttempt.status != "open")
    ).all()
    for attempt in attempts:
        old_score, old_passed = attempt.score, attempt.passed
        for item in items(attempt):
            question = db.session.get(Question, item.question_id)
            if question.version != item.question_version and _same_parts(item, question):
                snapshot = dict(item.snapshot, content=question.content)
                item.snapshot, item.question_version = snapshot, question.version
        grade_attempt(attempt)
        if attempt.score != old_score:
            changes.append(
                Regraded(
                    attempt.id,
                    attempt.user_id,
                    old_score,
                    attempt.score,
                    old_passed,
                    attempt.passed,
                )
            )
    db.session.commit()
    return changes


def _same_parts(item: AttemptItem, question: Question) -> bool:
    """The new version has the type and option/step/pair ids the learner answered."""
    if question.type != item.snapshot["type"]:
        return False
    old, new = item.snapshot["content"], question.content

    def ids(content: dict) -> set[str]:
        parts = content.get("options") or content.get("items") or content.get("pairs") or []
        return {part["id"] for part in parts}

    return ids(old) == ids(new) and len(old.get("distractors", [])) == len(
        new.get("distractors", [])
    )


def history(user_id: int, quiz_id: str) -> list[ExamAttempt]:
    return list(
        db.session.scalars(
            select(ExamAttempt)
            .where(
                ExamAttempt.user_id == user_id,
                ExamAttempt.quiz_id == quiz_id,
                ExamAttempt.status != "open",
            )
            .order_by(ExamAttempt.started_at)
        )
    )


def quiz_and_course(attempt: ExamAttempt) -> tuple[Quiz, Course]:
    quiz = db.session.get(Quiz, attempt.quiz_id)
    return quiz, db.session.get(Course, quiz.course_id)


def area_rows(attempt: ExamAttempt) -> list[tuple[str, int, int, int]]:
    """(area name, score, out of, percent) per blueprint area, weakest first."""
    names = {t.id: t.title for t in db.session.scalars(select(SyllabusTag))}
    names.update({g.id: g.title for g in db.session.scalars(select(SyllabusGroup))})
    rows = [
        (names.get(area, area), got, total, round(100 * got / total))
        for area, (got, total) in attempt.by_area.items()
    ]
    return sorted(rows, key=lambda row: (row[3], row[0]))
