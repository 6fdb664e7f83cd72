"""The board's stored results always equal what the rules compute from the learners'
work, after the learners work through the services."""

from __future__ import annotations

from sqlalchemy import select

from app.cohorts.assignments import of_cohort
from app.cohorts.board import board
from app.cohorts.seed import seed
from app.cohorts.status import matrix
from app.extensions import db
from app.models import AssignmentResult, Cohort, CohortMember, Lesson, User
from app.models._types import utcnow
from app.progress.services import set_completed
from tests.factories import PASSWORD
from tests.functional.cohort_seed.test_seed import only_seeded_accounts


def board_cells(cohort, now) -> dict:
    shown = board(cohort, now)
    return {
        (row.user.id, column.assignment.id): (cell.state, cell.score, cell.attempts)
        for row in shown.rows
        for column, cell in zip(shown.columns, row.cells, strict=True)
    }


def computed_cells(cohort, user_ids, now) -> dict:
    cells = matrix(user_ids, of_cohort(cohort.id), now)
    return {key: (c.state, c.score, c.attempts) for key, c in cells.items()}


def test_stored_results_follow_the_learners_work(app, ctx, runner):
    with ctx(), app.test_request_context():
        only_seeded_accounts()
        cohort, _ = seed(20, 12, PASSWORD, utcnow())
        now = utcnow()
        members = list(
            db.session.scalars(
                select(CohortMember.user_id).where(CohortMember.cohort_id == cohort.id)
            )
        )
        for user_id in members[:10]:  # more work, through the service learners use
            for lesson in db.session.scalars(select(Lesson).limit(3)):
                set_completed(db.session.get(User, user_id), lesson, True)
        cohort = db.session.get(Cohort, cohort.id)
        assert board_cells(cohort, now) == computed_cells(cohort, members, now)


def test_the_refresh_command_repairs_results_written_around_the_services(app, ctx, runner):
    with ctx():
        only_seeded_accounts()
        cohort, _ = seed(5, 6, PASSWORD, utcnow())
        cohort_id = cohort.id
        db.session.execute(AssignmentResult.__table__.delete())
        db.session.commit()
    outcome = runner.invoke(args=["cohorts", "refresh-results"])
    assert outcome.exit_code == 0 and "refreshed" in outcome.output
    with ctx(), app.test_request_context():
        cohort = db.session.get(Cohort, cohort_id)
        members = list(
            db.session.scalars(
                select(CohortMember.user_id).where(CohortMember.cohort_id == cohort_id)
            )
        )
        now = utcnow()
        assert board_cells(cohort, now) == computed_cells(cohort, members, now)
