"""A long learning history for one learner, written in bulk: for the dashboard's
query-count test and ``make bench`` (20,000 answers, 2,000 review cards).

Mastery rows are computed with the real model from the seeded answers, so the
dashboard shows what such a learner would see; rows go in with executemany, not
one event at a time, so seeding 20,000 answers takes seconds.
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta

from sqlalchemy import insert, select

from app.extensions import db
from app.models import (
    ExamAttempt,
    PracticeAnswer,
    PracticeRun,
    Question,
    QuestionTag,
    Quiz,
    ReviewCard,
    StudyDay,
    TagMastery,
    XapiStatement,
)
from app.progress import mastery

RUN_LENGTH = 10


def seed_history(
    user_id: int, answers: int, cards: int, now: datetime, seed: int = 7, mocks: int = 12
) -> None:
    """``answers`` practice answers over the last 90 days, ``cards`` review cards (a
    third due now), ``mocks`` finished mock exams, study days, and statements."""
    rng = random.Random(seed)
    questions = list(db.session.execute(select(Question.id, Question.difficulty)))
    quiz_id = db.session.scalar(select(Quiz.id).where(Quiz.kind == "practice").limit(1))
    exam = db.session.scalar(select(Quiz).where(Quiz.kind == "exam").limit(1))
    tags: dict[str, list[str]] = {}
    for qid, tag in db.session.execute(select(QuestionTag.question_id, QuestionTag.tag_id)):
        tags.setdefault(qid, []).append(tag)
    start = now - timedelta(days=90)
    times = sorted(start + timedelta(seconds=rng.uniform(0, 90 * 86400)) for _ in range(answers))
    runs = (answers + RUN_LENGTH - 1) // RUN_LENGTH
    first_run = (
        db.session.execute(
            insert(PracticeRun).returning(PracticeRun.id),
            [
                {
                    "user_id": user_id,
                    "quiz_id": quiz_id,
                    "question_ids": [],
                    "started_at": times[min(r * RUN_LENGTH, answers - 1)],
                }
                for r in range(runs)
            ],
        )
        .scalars()
        .all()
    )
    answer_rows, statement_rows, skills = [], [], {}
    days: dict = {}
    for i, moment in enumerate(times):
        qid, level = questions[rng.randrange(len(questions))]
        score = 1.0 if rng.random() < 0.7 else 0.0
        answer_rows.append(
            {
                "user_id": user_id,
                "run_id": first_run[i // RUN_LENGTH],
                "position": i % RUN_LENGTH + 1,
                "question_id": qid,
                "question_version": 1,
                "response": {"choice": "a"},
                "score": score,
                "seconds": rng.randint(5, 90),
                "answered_at": moment,
            }
        )
        statement_rows.append(
            {
                "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "user_id": user_id,
                "verb": "answered",
                "object_kind": "question",
                "object_id": qid,
                "object_name": qid,
                "result": {"score": {"scaled": score}, "success": score >= 1},
                "timestamp": moment,
                "push_attempts": 0,
                "last_error": "",
            }
        )
        for tag in tags.get(qid, []):
            skill = skills.get(tag, mastery.Skill())
            difficulty = mastery.question_difficulty(level)
            skills[tag] = mastery.observe(skill, score, moment, difficulty)
        day = moment.date()
        actions, seconds = days.get(day, (0, 0))
        days[day] = (actions + 1, seconds + 40)
    db.session.execute(insert(PracticeAnswer), answer_rows)
    db.session.execute(insert(XapiStatement), statement_rows)
    db.session.execute(
        insert(TagMastery),
        [
            {
                "user_id": user_id,
                "tag_id": tag,
                "rating": s.rating,
                "variance": s.variance,
                "answers": s.answers,
                "correct": s.correct,
                "updated_at": s.updated_at,
            }
            for tag, s in skills.items()
        ],
    )
    db.session.execute(
        insert(StudyDay),
        [{"user_id": user_id, "day": d, "actions": a, "seconds": s} for d, (a, s) in days.items()],
    )
    card_items = [q for q, _ in questions] + [f"seed-item-{n}" for n in range(cards)]
    db.session.execute(
        insert(ReviewCard),
        [
            {
                "user_id": user_id,
                "kind": "question",
                "item_id": card_items[n],
                "state": {},
                "due_at": now - timedelta(hours=1) if n % 3 == 0 else now + timedelta(days=n),
                "reps": 1,
                "lapses": 0,
                "created_at": start,
            }
            for n in range(cards)
        ],
    )
    if exam is not None and mocks:
        finished = [now - timedelta(days=3 * k + 1) for k in range(mocks)]
        db.session.execute(
            insert(ExamAttempt),
            [
                {
                    "user_id": user_id,
                    "quiz_id": exam.id,
                    "status": "submitted",
                    "started_at": f - timedelta(minutes=50),
                    "deadline_at": f + timedelta(minutes=10),
                    "finished_at": f,
                    "pass_mark": exam.pass_mark,
                    "question_count": exam.question_count,
                    "score": rng.randint(exam.pass_mark - 8, exam.question_count),
                    "passed": True,
                    "by_area": {},
                    "current_position": 1,
                }
                for f in finished
            ],
        )
    db.session.commit()
