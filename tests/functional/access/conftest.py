"""One scene per module for the access matrix, each test rolled back to it.

The matrix makes hundreds of requests against the same people and objects, so the
scene (accounts, a cohort, learner A's work, tokens) is built once per module in a
module-wide transaction, and six people log in once. Each test then runs in a
SAVEPOINT of that transaction, rolled back afterwards, so a POST that archives the
cohort or ends a session changes nothing for the next test.

This replaces ``tests/functional/conftest.py``'s per-test ``_rolled_back`` (and so
``db_transaction``) for this folder: tests here must not ask for ``client``, ``ctx``
or ``db_transaction``, whose own transaction would hide the scene.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from app.auth.services import get_user
from app.auth.sessions import hash_token
from app.auth.tokens import make_reset_token, make_verify_token
from app.cohorts import assignments, calendar, invites, practice_sets, services
from app.extensions import db, limiter
from app.models import ExamAttempt, Question, Quiz, ReviewCard, Scenario
from app.models._types import utcnow
from app.progress import review
from app.progress.certificates import EXAM, code_for
from app.quizzes import exams, practice
from app.scenarios import attempts
from tests.conftest import AuthActions, csrf_token, rolled_back_session
from tests.factories import make_user

ANONYMOUS, LEARNER_A, LEARNER_B = "anonymous", "learner_a", "learner_b"
OTHER_INSTRUCTOR, INSTRUCTOR, ADMIN = "other_instructor", "instructor", "admin"
PERSONAS = (ANONYMOUS, LEARNER_A, LEARNER_B, OTHER_INSTRUCTOR, INSTRUCTOR, ADMIN)
ACCOUNTS = {  # persona: (email, role)
    LEARNER_A: ("learner.a@example.com", "learner"),
    LEARNER_B: ("learner.b@example.com", "learner"),
    OTHER_INSTRUCTOR: ("other.instructor@example.com", "instructor"),
    INSTRUCTOR: ("instructor@example.com", "instructor"),
    ADMIN: ("admin@example.com", "admin"),
}


@dataclass(frozen=True)
class Persona:
    """Someone's browser, as a session cookie and the CSRF token of that session."""

    name: str
    cookie: str
    csrf: str


@dataclass(frozen=True)
class Scene:
    ids: dict[str, object]  # the values the matrix's path templates name
    personas: dict[str, Persona]


@pytest.fixture(scope="module")
def module_connection(app):
    """One connection and outer transaction for the whole module, rolled back at its
    end; ``db.session`` joins it with savepoints, as in ``db_transaction``."""
    with rolled_back_session(app) as connection:
        yield connection


@pytest.fixture(autouse=True)
def _rolled_back(app, module_connection):
    """Overrides the functional tests' fixture: each test in a savepoint of the
    module's transaction, so the scene is shared and every test's changes undone."""
    savepoint = module_connection.begin_nested()
    limiter.reset()
    try:
        yield
    finally:
        with app.app_context():
            db.session.remove()
        if savepoint.is_active:
            savepoint.rollback()


def _build(app) -> dict[str, object]:
    """The scene's rows, made through the services the pages use; returns the ids."""
    now = utcnow()
    with app.app_context():
        users = {name: make_user(email=e, role=r) for name, (e, r) in ACCOUNTS.items()}
        a, owner, other = users[LEARNER_A], users[INSTRUCTOR], users[OTHER_INSTRUCTOR]
        cohort = services.create_cohort(owner, "PRINCE2 team", "Europe/Berlin")
        other_cohort = services.create_cohort(other, "Another team", "UTC")
        invite, invite_token = invites.create_link(cohort, owner.id, 14, None)
        invites.accept(invite_token, a)
        due = (now + timedelta(days=7)).replace(tzinfo=None)
        exam_assignment = assignments.create(cohort, "exam", "exam-pmit-mock", due)
        practice_set = practice_sets.create_practice_set(cohort, due)
        other_invite = invites.create_link(other_cohort, other.id, 14, None)[0]
        other_assignment = assignments.create(other_cohort, "lesson", "pmit-why-projects", due)

        run = practice.start_run(a.id, db.session.get(Quiz, "quiz-pmit-why-check"))
        exam = exams.start_or_resume(a, db.session.get(Quiz, "exam-pmit-mock"), now)
        db.session.commit()
        play = attempts.start(a.id, db.session.get(Scenario, "scn-email-patch"))
        question_id = db.session.scalar(
            select(Question.id).where(Question.retired_at.is_(None)).order_by(Question.id)
        )
        review.add_cards(a.id, "question", [question_id], now)
        db.session.commit()
        card = db.session.scalar(select(ReviewCard.id).where(ReviewCard.user_id == a.id))
        passed = _passed_exam(a.id, now)
        ids = {
            "a": a.id,
            "b": users[LEARNER_B].id,
            "cohort": cohort.id,
            "other_cohort": other_cohort.id,
            "invite": invite.id,
            "invite_token": invite_token,
            "assignment": exam_assignment.id,
            "practice_set": practice_set.id,
            "other_invite": other_invite.id,
            "other_assignment": other_assignment.id,
            "run": run.id,
            "exam": exam.id,
            "play": play.id,
            "card": card,
            "certificate": code_for(app.config["SECRET_KEY"], a.xapi_id, EXAM, passed),
            "calendar": calendar.create_or_reset_token(get_user(a.id)),
            "reset_token": make_reset_token(a),
            "verify_token": make_verify_token(a),
        }
        db.session.remove()
    return ids


def _passed_exam(user_id: int, now: datetime) -> int:
    """A finished, passed attempt at the mock exam: what a certificate is for."""
    attempt = ExamAttempt(
        user_id=user_id,
        quiz_id="exam-pmit-mock",
        status="submitted",
        started_at=now - timedelta(hours=2),
        deadline_at=now - timedelta(hours=1),
        finished_at=now - timedelta(hours=1),
        pass_mark=26,
        question_count=40,
        score=30,
        passed=True,
    )
    db.session.add(attempt)
    db.session.commit()
    return attempt.id


def _sign_in(app, name: str) -> Persona:
    """Log the persona in on a fresh browser (the anonymous one just opens a page)."""
    browser = app.test_client()
    if name != ANONYMOUS:
        login = AuthActions(browser).login(email=ACCOUNTS[name][0])
        assert login.status_code == 302, f"{name}: log-in failed"
    token = csrf_token(browser, "/login" if name == ANONYMOUS else "/")
    cookie = browser.get_cookie(app.config["SESSION_COOKIE_NAME"])
    assert cookie is not None, f"{name}: no session cookie"
    return Persona(name, cookie.value, token)


@pytest.fixture(scope="module")
def scene(app, module_connection) -> Scene:
    """Learner A in the instructor's cohort "PRINCE2 team" with an exam assignment and
    a practice set, and A's practice run, open exam attempt, scenario attempt, review
    card, certificate, calendar feed and mail tokens; learner B in no cohort; another
    instructor with a cohort of their own (no learners, an invitation, an assignment);
    an admin. All six personas signed in."""
    ids = _build(app)
    personas = {name: _sign_in(app, name) for name in PERSONAS}
    ids["a_session"] = hash_token(personas[LEARNER_A].cookie)
    limiter.reset()
    return Scene(ids, personas)
