"""`flask dev seed`'s service: a realistic cohort, and never on a database with real
accounts. The cohort page costs the same statements for 10 learners as for 1,000."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.cohorts.seed import DOMAIN, SeedRefused, seed
from app.extensions import db
from app.models import Assignment, CohortMember, ExamAttempt, LessonProgress, TagMastery, User
from app.models._types import utcnow
from tests.conftest import csrf_token, sql_statements
from tests.factories import PASSWORD, make_user
from tests.functional.cohorts.helpers import forget_boards


def count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def only_seeded_accounts() -> None:
    """The session database has the suite's own users; seeding needs none but its own."""
    db.session.execute(User.__table__.delete())


def test_seeding_makes_a_cohort_with_learners_assignments_and_their_work(ctx):
    with ctx():
        only_seeded_accounts()
        cohort, learners = seed(40, 30, PASSWORD, utcnow())
        assert learners == 40
        assert count(CohortMember, CohortMember.cohort_id == cohort.id) == 40
        assert count(Assignment, Assignment.cohort_id == cohort.id) == 30
        assert count(LessonProgress) > 0 and count(ExamAttempt) > 0 and count(TagMastery) > 0
        assert count(User, ~User.email.endswith("@" + DOMAIN)) == 0


def test_seeding_refuses_a_database_with_real_accounts(ctx):
    with ctx():
        make_user(email="someone@example.com")
        before = count(User)
        with pytest.raises(SeedRefused, match="real account"):
            seed(5, 3, PASSWORD, utcnow())
        db.session.rollback()
        assert count(User) == before


@pytest.mark.board_unchecked
def test_the_cohort_page_costs_the_same_statements_for_10_and_1000_learners(app, ctx, client):
    """Both when the board is computed and when it is served as stored."""
    counts = []
    for learners in (10, 1000):
        with ctx():
            only_seeded_accounts()
            cohort, _ = seed(learners, 30, PASSWORD, utcnow(), seed_value=learners)
            cohort_id = cohort.id
        token = csrf_token(client, "/login")
        response = client.post(
            "/login",
            data={"csrf_token": token, "email": f"instructor@{DOMAIN}", "password": PASSWORD},
        )
        assert response.status_code == 302
        assert client.get(f"/cohorts/{cohort_id}").status_code == 200
        with sql_statements(app) as stored:
            assert client.get(f"/cohorts/{cohort_id}").status_code == 200
        forget_boards(ctx)
        with sql_statements(app) as computed:
            assert client.get(f"/cohorts/{cohort_id}").status_code == 200
        counts.append((len(stored), len(computed)))
        with ctx():
            db.session.execute(User.__table__.delete())
            db.session.commit()
    assert counts[0] == counts[1]
    assert counts[0][0] < counts[0][1]


def test_the_seed_command_refuses_real_data_and_says_so(runner, ctx):
    with ctx():
        make_user(email="real@example.com")
    result = runner.invoke(args=["dev", "seed", "--learners", "3", "--password", PASSWORD])
    assert result.exit_code == 1
    assert "real account" in result.output
