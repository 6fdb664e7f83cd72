"""Learners' work written as the quiz, exam and scenario code writes it, with times and
answers the test chooses, so the expected statistics can be worked out by hand.

Call each builder inside ``with ctx():``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.cohorts import assignments
from app.extensions import db
from app.models import (
    AttemptItem,
    Cohort,
    CohortMember,
    ExamAttempt,
    PracticeAnswer,
    PracticeRun,
    Question,
    ScenarioAttempt,
)
from app.models._types import utcnow
from app.quizzes.grading import grade
from app.quizzes.snapshot import make_snapshot
from tests.factories import make_user

LESSON = "pmit-why-projects"
QUIZ = "quiz-pmit-why-check"  # draws from the lesson's questions q-pmit-why-01…12
EXAM = "exam-pmit-mock"
SCENARIO = "scn-email-patch"
SINGLE = "q-pmit-why-01"  # single choice: c is right; a, b, d are wrong
SINGLE_2 = "q-pmit-why-02"  # single choice: d is right
MULTIPLE = "q-pmit-why-07"  # multiple response: b and d are right
TRUE_FALSE = "q-pmit-why-09"  # the answer is false
ORDERING = "q-pmit-why-11"
QUESTIONS = (SINGLE, SINGLE_2, MULTIPLE, TRUE_FALSE)
RIGHT = {
    SINGLE: {"choice": "c"},
    SINGLE_2: {"choice": "d"},
    MULTIPLE: {"choices": ["b", "d"]},
    TRUE_FALSE: {"value": False},
}
WRONG = {
    SINGLE: {"choice": "a"},
    SINGLE_2: {"choice": "b"},
    MULTIPLE: {"choices": ["a", "b"]},
    TRUE_FALSE: {"value": True},
}


def earlier(hours: float) -> datetime:
    return utcnow() - timedelta(hours=hours)


def add_learners(cohort_id: int, count: int, prefix: str = "member", names=None) -> list[int]:
    """``count`` new learners in the cohort (named ``names`` if given)."""
    ids = []
    for n in range(count):
        name = names[n] if names else f"{prefix.title()} {n:03d}"
        user = make_user(email=f"{prefix}{n}@example.com", display_name=name)
        db.session.add(CohortMember(cohort_id=cohort_id, user_id=user.id))
        ids.append(user.id)
    db.session.commit()
    return ids


def assign(
    cohort_id: int,
    kind: str,
    item_id: str,
    due: timedelta = timedelta(days=7),
    opens: datetime | None = None,
    attempts_allowed: int | None = None,
    counts: str = "best",
) -> int:
    """An assignment made through the service (the cohort is in UTC)."""
    cohort = db.session.get(Cohort, cohort_id)
    naive = (utcnow() + due).replace(tzinfo=None, second=0, microsecond=0)
    open_local = opens.replace(tzinfo=None) if opens else None
    return assignments.create(cohort, kind, item_id, naive, open_local, attempts_allowed, counts).id


def _question(qid: str) -> Question:
    return db.session.get(Question, qid)


def exam_attempt(
    user_id: int, answers: dict[str, dict | None], finished: datetime | None, minutes: int = 30
) -> int:
    """A mock-exam attempt of these questions (None: left unanswered), graded 0 or 1 per
    question as the exam grades, finished at ``finished`` (None: still open)."""
    started = (finished or utcnow()) - timedelta(minutes=minutes)
    attempt = ExamAttempt(
        user_id=user_id,
        quiz_id=EXAM,
        status="submitted" if finished else "open",
        started_at=started,
        deadline_at=started + timedelta(minutes=60),
        finished_at=finished,
        pass_mark=1,
        question_count=len(answers),
    )
    db.session.add(attempt)
    db.session.flush()
    total = 0
    for position, (qid, response) in enumerate(answers.items(), start=1):
        q = _question(qid)
        score = int(grade(q.type, q.content, response, partial=False)) if response else 0
        total += score
        db.session.add(
            AttemptItem(
                attempt_id=attempt.id,
                position=position,
                question_id=qid,
                question_version=q.version,
                area="it-project-basics",
                snapshot=make_snapshot(q.type, q.content, False, f"{attempt.id}:{position}"),
                response=response,
                score=score if finished else None,
            )
        )
    if finished:
        attempt.score, attempt.passed = total, total >= 1
    db.session.commit()
    return attempt.id


def practice_run(
    user_id: int, answers: list[tuple[str, dict]], started: datetime, finished: bool = True
) -> int:
    """A run of the quiz answered in order; ``finished``: its last answer ends it."""
    run = PracticeRun(
        user_id=user_id,
        quiz_id=QUIZ,
        question_ids=[qid for qid, _ in answers],
        started_at=started,
        finished_at=started + timedelta(minutes=10) if finished else None,
    )
    db.session.add(run)
    db.session.flush()
    for position, (qid, response) in enumerate(answers, start=1):
        answer(run.id, position, qid, response, started + timedelta(minutes=position))
    db.session.commit()
    return run.id


def answer(run_id: int, position: int, qid: str, response: dict, at: datetime) -> None:
    """An answer at ``position`` of the run (a second one is a retry)."""
    run = db.session.get(PracticeRun, run_id)
    q = _question(qid)
    db.session.add(
        PracticeAnswer(
            user_id=run.user_id,
            run_id=run_id,
            position=position,
            question_id=qid,
            question_version=q.version,
            response=response,
            score=grade(q.type, q.content, response, partial=True),
            answered_at=at,
        )
    )
    db.session.commit()


def scenario_attempt(
    user_id: int, decisions: list[tuple[str, str]], finished: datetime, total: float | None = 50.0
) -> int:
    """A played scenario with these (stage, choice) decisions; ``total`` None: abandoned."""
    attempt = ScenarioAttempt(
        user_id=user_id,
        scenario_id=SCENARIO,
        scenario_version=1,
        state={"decisions": [{"stage": s, "choice": c} for s, c in decisions], "ended": True},
        steps=len(decisions),
        started_at=finished - timedelta(minutes=20),
        finished_at=finished,
        total=total,
    )
    db.session.add(attempt)
    db.session.commit()
    return attempt.id
