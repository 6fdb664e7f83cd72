"""The board's stored results always equal what the rules compute from the learners'
work, after the learners work through the services."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from app.cohorts.assignments import of_cohort, set_exception
from app.cohorts.board import board
from app.cohorts.seed import seed
from app.cohorts.services import remove_member
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


def expected_columns(cohort, now) -> dict[int, tuple[int, int, float | None]]:
    """Each assignment's done, overdue and mean score, counted over every member's cell."""
    members = list(
        db.session.scalars(select(CohortMember.user_id).where(CohortMember.cohort_id == cohort.id))
    )
    cells = matrix(members, of_cohort(cohort.id), now)
    totals = {}
    for assignment in of_cohort(cohort.id):
        column = [cells[(user_id, assignment.id)] for user_id in members]
        scores = [c.score for c in column if c.score is not None]
        totals[assignment.id] = (
            sum(c.state == "done" for c in column),
            sum(c.state == "overdue" for c in column),
            sum(scores) / len(scores) if scores else None,
        )
    return totals


def shown_columns(cohort, now) -> dict[int, tuple[int, int, float | None]]:
    return {c.assignment.id: (c.done, c.overdue, c.mean_score) for c in board(cohort, now).columns}


def not_done(cohort, assignment) -> list[int]:
    return list(
        db.session.scalars(
            select(CohortMember.user_id)
            .outerjoin(
                AssignmentResult,
                (AssignmentResult.user_id == CohortMember.user_id)
                & (AssignmentResult.assignment_id == assignment.id),
            )
            .where(CohortMember.cohort_id == cohort.id, AssignmentResult.completed_at.is_(None))
            .order_by(CohortMember.user_id)
        )
    )


def test_column_totals_follow_extensions_either_side_of_now_and_leavers(app, ctx):
    with ctx(), app.test_request_context():
        only_seeded_accounts()
        cohort, _ = seed(20, 10, PASSWORD, utcnow())
        now = utcnow()
        assigned = of_cohort(cohort.id)
        past, future = [a for a in assigned if not_done(cohort, a)][:2]
        past.due_at, future.due_at = now - timedelta(days=2), now + timedelta(days=2)
        past.open_at = future.open_at = None
        db.session.flush()
        before = shown_columns(cohort, now)
        zone = ZoneInfo(cohort.timezone)
        later = (now + timedelta(days=30)).astimezone(zone).replace(tzinfo=None)
        earlier = (now - timedelta(hours=1)).astimezone(zone).replace(tzinfo=None)
        extended, shortened = not_done(cohort, past)[0], not_done(cohort, future)[0]
        set_exception(cohort, past, extended, later, 0)
        set_exception(cohort, future, shortened, earlier, 0)
        after = shown_columns(cohort, now)
        assert after == expected_columns(cohort, now)
        assert after[past.id][1] == before[past.id][1] - 1
        assert after[future.id][1] == before[future.id][1] + 1

        done_by = db.session.scalar(
            select(AssignmentResult.user_id).where(AssignmentResult.completed_at.is_not(None))
        )
        assert remove_member(cohort, done_by)
        assert shown_columns(cohort, now) == expected_columns(cohort, now)
        assert (
            db.session.scalar(
                select(func.count())
                .select_from(AssignmentResult)
                .where(AssignmentResult.user_id == done_by)
            )
            == 0
        )
