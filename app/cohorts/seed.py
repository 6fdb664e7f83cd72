"""``flask dev seed``: a realistic cohort for demos and ``make bench``.

A thousand learners with thirty assignments and the work they did: lessons read,
practice runs, mock exams, scenario play-throughs and mastery. Rows go in with
executemany, and every seeded account shares one password hash, so it takes
seconds. It refuses a database that holds any account it did not create.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import func, insert, select

from app.auth.passwords import hash_password
from app.cohorts import results
from app.extensions import db
from app.models import (
    Assignment,
    Cohort,
    CohortMember,
    CohortStaff,
    ExamAttempt,
    Lesson,
    LessonProgress,
    Module,
    PracticeAnswer,
    PracticeRun,
    Question,
    QuestionTag,
    Quiz,
    Scenario,
    ScenarioAttempt,
    TagMastery,
    User,
)
from app.progress import mastery
from app.scenarios.engine import initial_state, max_points

DOMAIN = "seed.example.com"  # example.com is reserved (RFC 2606): no mail reaches it
INSTRUCTOR = f"instructor@{DOMAIN}"


class SeedRefused(RuntimeError):
    pass


def _items() -> list[tuple[str, str, str]]:
    """(kind, id, title) of every current assignable item."""
    items = [
        ("lesson", i, t)
        for i, t in db.session.execute(
            select(Lesson.id, Lesson.title).where(Lesson.retired_at.is_(None))
        )
    ]
    items += [
        ("module", i, t)
        for i, t in db.session.execute(
            select(Module.id, Module.title).where(Module.retired_at.is_(None))
        )
    ]
    items += [
        ("exam" if k == "exam" else "quiz", i, t)
        for i, t, k in db.session.execute(
            select(Quiz.id, Quiz.title, Quiz.kind).where(Quiz.retired_at.is_(None))
        )
    ]
    items += [
        ("scenario", i, t)
        for i, t in db.session.execute(
            select(Scenario.id, Scenario.title).where(Scenario.retired_at.is_(None))
        )
    ]
    return items


def _mixed(items: list[tuple[str, str, str]], n: int) -> list[tuple[str, str, str]]:
    """``n`` items taking each kind in turn (a lesson, a quiz, an exam...), so a cohort of
    any size gets every kind of work however large the curriculum; items repeat only
    when there are fewer than ``n``."""
    by_kind: dict[str, list] = {}
    for item in items:
        by_kind.setdefault(item[0], []).append(item)
    ordered = []
    for rank in range(max(len(group) for group in by_kind.values())):
        ordered += [group[rank] for group in by_kind.values() if rank < len(group)]
    return [ordered[i % len(ordered)] for i in range(n)]


def seed(learners: int, assignments: int, password: str, now: datetime, seed_value: int = 1):
    """Create the instructor, the cohort, its learners, assignments and their work."""
    real = db.session.scalar(
        select(func.count()).select_from(User).where(~User.email.endswith("@" + DOMAIN))
    )
    if real:
        raise SeedRefused(f"the database holds {real} real account(s); seed an empty one")
    items = _items()
    if not items:
        raise SeedRefused("no content loaded: run `flask content load` first")
    rng = random.Random(seed_value)
    hashed = hash_password(password)
    start = now - timedelta(days=42)
    instructor = User(
        email=INSTRUCTOR,
        display_name="Seed Instructor",
        password_hash=hashed,
        role="instructor",
        email_verified_at=start,
    )
    db.session.add(instructor)
    cohort = Cohort(name=f"Seeded cohort of {learners}", timezone="Europe/London")
    db.session.add(cohort)
    db.session.flush()
    db.session.add(CohortStaff(cohort_id=cohort.id, user_id=instructor.id, role="owner"))
    first = len(db.session.scalars(select(User.id)).all())
    user_ids = (
        db.session.execute(
            insert(User).returning(User.id),
            [
                {
                    "email": f"learner{n:05d}@{DOMAIN}",
                    "display_name": f"Learner {n:05d}",
                    "password_hash": hashed,
                    "timezone": "Europe/London",
                    "role": "learner",
                    "email_verified_at": start,
                    "created_at": start,
                    "password_changed_at": start,
                    "time_allowance": 0,
                    "daily_goal": 20,
                }
                for n in range(first, first + learners)
            ],
        )
        .scalars()
        .all()
    )
    db.session.execute(
        insert(CohortMember),
        [{"cohort_id": cohort.id, "user_id": uid, "joined_at": start} for uid in user_ids],
    )
    chosen = _mixed(items, assignments)
    rows = []
    for n, (kind, item_id, title) in enumerate(chosen):
        due = start + timedelta(days=2 + n * 40 // max(1, assignments))
        rows.append(
            {
                "cohort_id": cohort.id,
                "kind": kind,
                "item_id": item_id,
                "title": title,
                "tags": [],
                "open_at": None,
                "due_at": due,
                "counts": "best",
                "attempts_allowed": 3 if kind in ("quiz", "exam", "scenario") else None,
                "created_at": start,
            }
        )
    db.session.execute(insert(Assignment), rows)
    _work(rng, user_ids, chosen, start, now)
    results.refresh_cohort(cohort, now)
    db.session.commit()
    return cohort, len(user_ids)


def _work(rng, user_ids, chosen, start, now) -> None:
    """Each learner's effort level decides how much of the assigned work they did."""
    lessons = dict(db.session.execute(select(Lesson.id, Lesson.module_id)).tuples().all())
    questions = list(db.session.execute(select(Question.id, Question.difficulty)))
    tags = {}
    for qid, tag in db.session.execute(select(QuestionTag.question_id, QuestionTag.tag_id)):
        tags.setdefault(qid, []).append(tag)
    exams = {q.id: q for q in db.session.scalars(select(Quiz).where(Quiz.kind == "exam"))}
    scenarios = {s.id: s for s in db.session.scalars(select(Scenario))}
    progress, runs, exam_rows, scenario_rows, mastery_rows = [], [], [], [], []
    answers = []
    for uid in user_ids:
        effort, ability = rng.random(), rng.gauss(0.0, 1.0)
        when = lambda: start + timedelta(seconds=rng.uniform(0, (now - start).total_seconds()))  # noqa: E731
        lesson_ids = {i for k, i, _ in chosen if k == "lesson"}
        lesson_ids |= {
            lid for lid, mid in lessons.items() if ("module", mid) in {(k, i) for k, i, _ in chosen}
        }
        for lid in lesson_ids:
            if rng.random() < effort:
                opened = when()
                done = opened + timedelta(minutes=15) if rng.random() < 0.8 else None
                progress.append(
                    {
                        "user_id": uid,
                        "lesson_id": lid,
                        "first_opened_at": opened,
                        "last_opened_at": opened,
                        "completed_at": done,
                    }
                )
        skills = {}
        for kind, item_id, _title in chosen:
            if rng.random() > effort:
                continue
            started = when()
            if kind == "quiz":
                runs.append((uid, item_id, started))
            elif kind == "exam":
                quiz = exams[item_id]
                score = max(
                    0,
                    min(
                        quiz.question_count,
                        round(quiz.question_count * (0.62 + 0.15 * ability + rng.gauss(0, 0.06))),
                    ),
                )
                exam_rows.append(
                    {
                        "user_id": uid,
                        "quiz_id": item_id,
                        "status": "submitted",
                        "started_at": started,
                        "finished_at": started + timedelta(minutes=50),
                        "deadline_at": started + timedelta(minutes=60),
                        "pass_mark": quiz.pass_mark,
                        "question_count": quiz.question_count,
                        "score": score,
                        "passed": score >= quiz.pass_mark,
                        "by_area": {},
                        "current_position": 1,
                    }
                )
            elif kind == "scenario":
                sc = scenarios[item_id]
                total = round(max_points(sc.data) * min(1.0, max(0.0, 0.6 + 0.2 * ability)), 2)
                scenario_rows.append(
                    {
                        "user_id": uid,
                        "scenario_id": item_id,
                        "scenario_version": sc.version,
                        "state": initial_state(sc.data),
                        "steps": 6,
                        "started_at": started,
                        "finished_at": started + timedelta(minutes=20),
                        "points": {},
                        "total": total,
                    }
                )
        for _ in range(int(40 * effort)):
            qid, level = questions[rng.randrange(len(questions))]
            right = rng.random() < 0.5 + 0.4 * effort
            moment = when()
            for tag in tags.get(qid, []):
                skills[tag] = mastery.observe(
                    skills.get(tag, mastery.Skill()),
                    float(right),
                    moment,
                    mastery.question_difficulty(level),
                )
        mastery_rows += [
            {
                "user_id": uid,
                "tag_id": t,
                "rating": s.rating,
                "variance": s.variance,
                "answers": s.answers,
                "correct": s.correct,
                "updated_at": s.updated_at,
            }
            for t, s in skills.items()
        ]
    if progress:
        db.session.execute(insert(LessonProgress), progress)
    if exam_rows:
        db.session.execute(insert(ExamAttempt), exam_rows)
    if scenario_rows:
        db.session.execute(insert(ScenarioAttempt), scenario_rows)
    if mastery_rows:
        db.session.execute(insert(TagMastery), mastery_rows)
    if runs:
        run_ids = (
            db.session.execute(
                insert(PracticeRun).returning(PracticeRun.id),
                [
                    {
                        "user_id": uid,
                        "quiz_id": qid,
                        "question_ids": [],
                        "started_at": t,
                        "finished_at": t + timedelta(minutes=8),
                    }
                    for uid, qid, t in runs
                ],
            )
            .scalars()
            .all()
        )
        for run_id, (uid, _qid, t) in zip(run_ids, runs, strict=True):
            for position in range(1, 6):
                qid, _level = questions[rng.randrange(len(questions))]
                answers.append(
                    {
                        "user_id": uid,
                        "run_id": run_id,
                        "position": position,
                        "question_id": qid,
                        "question_version": 1,
                        "response": {"choice": "a"},
                        "score": float(rng.random() < 0.7),
                        "seconds": 30,
                        "answered_at": t,
                    }
                )
        db.session.execute(insert(PracticeAnswer), answers)
