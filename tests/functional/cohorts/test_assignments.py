"""Setting work: each kind of item, dates typed in the cohort's time zone and stored
in UTC, refusals that change nothing, and withdrawing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from app.auth.services import get_user
from app.cohorts import services
from app.extensions import db
from app.models import Assignment, Lesson
from app.models._types import utcnow
from tests.functional.cohorts.helpers import (
    EXAM,
    LESSON,
    MODULE,
    QUIZ,
    SCENARIO,
    assign,
    due_in,
    post,
    text,
)

ITEMS = [
    ("lesson", LESSON, "Why IT work is project work"),
    ("module", MODULE, "Foundations"),
    ("quiz", QUIZ, "Check: Why IT work is project work"),
    ("exam", EXAM, "Project management for IT: mock exam"),
    ("scenario", SCENARIO, "Patching the company's email servers"),
]


def assign_by_form(owner, cohort: int, **fields):
    data = {"due_at": due_in(timedelta(days=7)), "counts": "best", **fields}
    return post(owner.client, f"/cohorts/{cohort}/assignments", data)


def stored(ctx) -> list[Assignment]:
    with ctx():
        rows = list(db.session.scalars(select(Assignment).order_by(Assignment.id)))
        db.session.expunge_all()
        return rows


def test_the_form_offers_every_kind_of_item(owner, cohort):
    page = owner.client.get(f"/cohorts/{cohort}/assignments").get_data(as_text=True)

    for kind, item_id, _title in ITEMS:
        assert f'value="{kind}:{item_id}"' in page


@pytest.mark.parametrize(("kind", "item_id", "title"), ITEMS)
def test_each_kind_of_item_is_assigned(owner, cohort, ctx, kind, item_id, title):
    response = assign_by_form(owner, cohort, item=f"{kind}:{item_id}", attempts="2")

    assert response.status_code == 302
    [assignment] = stored(ctx)
    assert (assignment.cohort_id, assignment.kind, assignment.item_id, assignment.title) == (
        cohort,
        kind,
        item_id,
        title,
    )
    # Attempts are limited only where there are attempts to count.
    limited = kind in ("quiz", "exam", "scenario")
    assert assignment.attempts_allowed == (2 if limited else None)
    assert response.headers["Location"] == f"/cohorts/{cohort}/assignments"
    assert f"Assigned “{title}”." in text(owner.client.get(response.headers["Location"]))


def test_dates_are_typed_in_the_cohorts_time_zone_and_stored_in_utc(owner, cohort, ctx):
    response = assign_by_form(
        owner,
        cohort,
        item=f"exam:{EXAM}",
        open_at="2026-11-20T09:00",
        due_at="2026-12-01T17:00",
        attempts="3",
        counts="last",
    )

    assert response.status_code == 302
    [assignment] = stored(ctx)
    assert assignment.due_at == datetime(2026, 12, 1, 16, 0, tzinfo=UTC)
    assert assignment.open_at == datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    assert (assignment.attempts_allowed, assignment.counts) == (3, "last")
    for path in (f"/cohorts/{cohort}", f"/cohorts/{cohort}/assignments"):  # board and list
        page = text(owner.client.get(path))
        assert "due Tue 01 Dec 2026, 17:00" in page and "3 attempts, last counts" in page


def test_summer_time_is_taken_into_account(owner, cohort, ctx):
    assign_by_form(owner, cohort, item=f"lesson:{LESSON}", due_at="2026-07-01T17:00")

    assert stored(ctx)[0].due_at == datetime(2026, 7, 1, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize("open_at", ["2026-12-01T17:00", "2026-12-02T09:00"])
def test_a_due_date_not_after_the_open_date_is_refused(owner, cohort, ctx, open_at):
    response = assign_by_form(
        owner, cohort, item=f"lesson:{LESSON}", open_at=open_at, due_at="2026-12-01T17:00"
    )

    assert response.status_code == 400
    assert "The due date must come after the open date." in text(response)
    assert stored(ctx) == []


@pytest.mark.parametrize(
    "item",
    [
        "lesson:no-such-lesson",
        f"exam:{LESSON}",  # a lesson's id as an exam
        f"quiz:{EXAM}",  # the mock exam is not a practice quiz
        f"lesson:{MODULE}",
        f"scenario:{QUIZ}",
        "poem:ode-to-gantt",
        LESSON,  # no kind at all
    ],
)
def test_an_item_that_does_not_exist_as_that_kind_is_refused(owner, cohort, ctx, item):
    response = assign_by_form(owner, cohort, item=item)

    assert response.status_code == 400
    assert "There is a problem" in text(response)
    assert stored(ctx) == []


def test_a_retired_lesson_cannot_be_assigned(owner, cohort, ctx):
    with ctx():
        db.session.execute(update(Lesson).where(Lesson.id == LESSON).values(retired_at=utcnow()))
        db.session.commit()

    response = assign_by_form(owner, cohort, item=f"lesson:{LESSON}")

    assert response.status_code == 400
    assert "That item does not exist in the current curriculum." in text(response)
    assert stored(ctx) == []


@pytest.mark.parametrize(
    "fields",
    [
        {"attempts": "0"},
        {"attempts": "51"},
        {"counts": "average"},
        {"due_at": ""},
        {"due_at": "tomorrow"},
        {"item": ""},
    ],
)
def test_bad_assignment_fields_are_refused(owner, cohort, ctx, fields):
    response = assign_by_form(owner, cohort, **{"item": f"quiz:{QUIZ}", **fields})

    assert response.status_code == 400
    assert "There is a problem" in text(response)
    assert stored(ctx) == []


def test_an_archived_cohort_takes_no_assignments(owner, cohort, ctx):
    post(owner.client, f"/cohorts/{cohort}/archive", {"archived": "1"})

    response = assign_by_form(owner, cohort, item=f"lesson:{LESSON}")

    assert response.status_code == 400
    assert "This cohort is archived: no new assignments." in text(response)
    assert stored(ctx) == []


def test_an_assignment_is_withdrawn(owner, cohort, ctx):
    assignment = assign(ctx, cohort, "lesson", LESSON, utcnow() + timedelta(days=7))

    response = post(owner.client, f"/cohorts/{cohort}/assignments/{assignment}/delete")

    assert response.status_code == 302
    assert response.headers["Location"] == f"/cohorts/{cohort}/assignments"
    assert stored(ctx) == []
    after = text(owner.client.get(response.headers["Location"]))
    assert "is no longer assigned" in after and "Nothing assigned yet." in after


def test_another_cohorts_assignment_cannot_be_withdrawn_through_this_one(
    person, owner, cohort, ctx
):
    other = person("other@example.com", role="instructor")
    with ctx():
        theirs = services.create_cohort(get_user(other.user_id), "Theirs", "UTC").id
    assignment = assign(ctx, theirs, "lesson", LESSON, utcnow() + timedelta(days=7))

    mine = post(owner.client, f"/cohorts/{cohort}/assignments/{assignment}/delete")
    exception = post(
        owner.client,
        f"/cohorts/{cohort}/assignments/{assignment}/exceptions",
        {"learner": str(other.user_id), "extra_attempts": "1"},
    )

    assert mine.status_code == 404 and exception.status_code == 404
    assert [a.id for a in stored(ctx)] == [assignment]
