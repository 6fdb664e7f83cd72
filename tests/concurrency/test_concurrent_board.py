"""Learners finishing work while their instructors look at the board, all at once.

Each learner's result marks the cohort's board stale by updating the cohort's row
(``app.cohorts.stamps``), and each look may store a page: no request may fail or wait
out a lock, and once the dust settles the board served is the board as it is.
"""

from datetime import timedelta

from app.auth.services import get_user
from app.cohorts import assignments, board_cache, invites, services
from app.extensions import db, limiter
from app.models import Cohort
from app.models._types import utcnow
from tests.concurrency.race import all_at_once, same_session
from tests.conftest import AuthActions, csrf_token
from tests.factories import make_user
from tests.functional.cohorts.helpers import LESSON, naive_local

LEARNERS = 12
LOOKS = 6


def test_work_and_board_views_at_once_fail_nothing_and_leave_the_board_true(race_app, ctx):
    with ctx():
        teacher = make_user(email="board-teacher@example.com", role="instructor")
        cohort = services.create_cohort(teacher, "Racing team", "UTC")
        assignments.create(cohort, "lesson", LESSON, naive_local(utcnow() + timedelta(days=7)))
        _, token = invites.create_link(cohort, teacher.id, 14, None)
        learner_ids = [
            make_user(email=f"board-racer{n}@example.com", display_name=f"Racer {n:02d}").id
            for n in range(LEARNERS)
        ]
        for user_id in learner_ids:
            invites.accept(token, get_user(user_id))
        cohort_id = cohort.id
    learners = [signed_in(race_app, f"board-racer{n}@example.com") for n in range(LEARNERS)]
    teacher_browser = signed_in(race_app, "board-teacher@example.com")
    staff = [teacher_browser] + same_session(race_app, teacher_browser, LOOKS - 1)
    tokens = [csrf_token(client, f"/cohorts/{cohort_id}") for client in learners]
    board_path = f"/cohorts/{cohort_id}"

    def act(client, n: int):
        if n < LEARNERS:
            done = f"/progress/lessons/{LESSON}/complete"
            return client.post(done, data={"csrf_token": tokens[n]}).status_code
        return client.get(board_path).status_code

    statuses = all_at_once(learners + staff, act)

    assert statuses == [302] * LEARNERS + [200] * LOOKS
    page = staff[0].get(board_path).text
    assert page.count('class="status-done"') == LEARNERS
    with ctx():
        cohort = db.session.get(Cohort, cohort_id)
        fresh = board_cache.board(cohort, utcnow())
        assert [c.state for row in fresh.rows for c in row.cells] == ["done"] * LEARNERS


def signed_in(app, email: str):
    """A client logged in as ``email``. The log-in limit (per address, and every client
    here shares one) is not what this test is about: it is reset before each."""
    limiter.reset()
    client = app.test_client()
    assert AuthActions(client).login(email=email).status_code == 302
    return client
