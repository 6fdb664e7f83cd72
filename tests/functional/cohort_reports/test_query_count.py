"""The reports and the cohort's staff pages cost the same number of SQL statements for
10 learners as for 60 (the board's at 1,000: ``cohort_seed/test_seed.py``), the board
both when computed and when served as stored."""

import pytest

from tests.conftest import sql_statements
from tests.functional.cohort_reports import builders as b
from tests.functional.cohorts.helpers import forget_boards


def cohort_with_work(ctx, cohort_id: int, learners: int, prefix: str) -> list[str]:
    """Every learner has finished an exam, a practice run and a scenario; returns the
    paths of the reports and of the staff pages."""
    with ctx():
        exam = b.assign(cohort_id, "exam", b.EXAM)
        quiz = b.assign(cohort_id, "quiz", b.QUIZ)
        scenario = b.assign(cohort_id, "scenario", b.SCENARIO)
        b.assign(cohort_id, "lesson", b.LESSON)
        for n, uid in enumerate(b.add_learners(cohort_id, learners, prefix=prefix)):
            right = n % 3 != 0
            pick = b.RIGHT if right else b.WRONG
            b.exam_attempt(uid, {q: pick[q] for q in b.QUESTIONS}, b.earlier(3))
            b.practice_run(uid, [(q, pick[q]) for q in b.QUESTIONS], b.earlier(2))
            choice = "assess" if right else "tonight"
            b.scenario_attempt(uid, [("brief", choice)], b.earlier(1))
    return [
        f"/cohorts/{cohort_id}",  # the progress board, 50 learners a page
        f"/cohorts/{cohort_id}?sort=score&desc=1&page=2",
        f"/cohorts/{cohort_id}/assignments",
        f"/cohorts/{cohort_id}/areas",
        f"/cohorts/{cohort_id}/people",
        f"/cohorts/{cohort_id}/settings",
        f"/cohorts/{cohort_id}/analysis/{exam}",
        f"/cohorts/{cohort_id}/analysis/{quiz}",
        f"/cohorts/{cohort_id}/analysis/{scenario}",
        f"/cohorts/{cohort_id}/export/matrix.csv",
        f"/cohorts/{cohort_id}/export/attempts.csv",
    ]


def statements(app, client, path: str, ctx=None) -> int:
    """Statements of a warm request; with ``ctx``, after dropping the stored boards, so a
    board page is computed."""
    client.get(path).close()  # warm: the first request of a session may do extra work
    if ctx is not None:
        forget_boards(ctx)
    with sql_statements(app) as sent, client.get(path) as response:
        assert response.status_code == 200
        response.get_data()
    return len(sent)


@pytest.mark.board_unchecked
def test_reports_and_staff_pages_cost_the_same_statements_for_10_and_60_learners(
    app, teacher, cohort, ctx
):
    from app.auth.services import get_user
    from app.cohorts import services

    small = cohort_with_work(ctx, cohort, 10, "small")
    with ctx():
        big_id = services.create_cohort(get_user(teacher.user_id), "Big team", "UTC").id
    big = cohort_with_work(ctx, big_id, 60, "big")
    for few, many in zip(small, big, strict=True):
        counted = statements(app, teacher.client, few, ctx)
        assert counted > 0
        assert counted == statements(app, teacher.client, many, ctx), few
    stored = statements(app, teacher.client, small[0])
    assert stored == statements(app, teacher.client, big[0])
    assert stored < statements(app, teacher.client, small[0], ctx)
