"""Belonging to cohorts: removal ends access at once, a learner can leave, and a
learner in several cohorts sees each one's work on the dashboard."""

from __future__ import annotations

from datetime import timedelta

from app.auth.services import get_user
from app.cohorts import services
from app.models._types import utcnow
from tests.functional.cohorts.helpers import (
    EXAM,
    LESSON,
    assign,
    dashboard_rows,
    enrol,
    is_member,
    post,
    text,
)

WEEK = timedelta(days=7)


def test_removing_a_learner_ends_their_access_at_once(person, owner, cohort, ctx):
    learner = person("member@example.com")
    enrol(ctx, cohort, learner.user_id)
    assign(ctx, cohort, "lesson", LESSON, utcnow() + WEEK)
    assert learner.client.get(f"/cohorts/{cohort}").status_code == 200
    assert [row[0] for row in dashboard_rows(learner.client)][0].startswith(
        "Why IT work is project work"
    )

    removed = post(owner.client, f"/cohorts/{cohort}/members/{learner.user_id}/remove")

    assert removed.status_code == 302
    assert learner.client.get(f"/cohorts/{cohort}").status_code == 404
    assert dashboard_rows(learner.client) == []
    assert "Assigned to you" not in text(learner.client.get("/progress"))
    assert post(learner.client, f"/cohorts/{cohort}/leave").status_code == 404
    assert "member@example.com" not in text(owner.client.get(f"/cohorts/{cohort}"))


def test_removing_someone_who_is_not_a_learner_is_not_found(person, owner, cohort, ctx):
    stranger = person("stranger@example.com")

    response = post(owner.client, f"/cohorts/{cohort}/members/{stranger.user_id}/remove")

    assert response.status_code == 404


def test_a_learner_leaves_a_cohort(person, owner, cohort, ctx):
    learner = person("member@example.com")
    enrol(ctx, cohort, learner.user_id)
    assign(ctx, cohort, "lesson", LESSON, utcnow() + WEEK)

    response = post(learner.client, f"/cohorts/{cohort}/leave")

    assert response.status_code == 302 and response.headers["Location"] == "/cohorts"
    assert "You have left “PRINCE2 team”" in text(learner.client.get("/cohorts"))
    assert not is_member(ctx, cohort, learner.user_id)
    assert learner.client.get(f"/cohorts/{cohort}").status_code == 404
    assert dashboard_rows(learner.client) == []


def test_a_learner_in_two_cohorts_sees_the_work_of_each(person, owner, cohort, ctx):
    other_owner = person("other-owner@example.com", role="instructor")
    with ctx():
        second = services.create_cohort(get_user(other_owner.user_id), "Exam prep", "UTC").id
    learner = person("member@example.com")
    enrol(ctx, cohort, learner.user_id)
    enrol(ctx, second, learner.user_id)
    assign(ctx, cohort, "lesson", LESSON, utcnow() + WEEK)
    assign(ctx, second, "exam", EXAM, utcnow() + 2 * WEEK)

    rows = dashboard_rows(learner.client)

    assert [(work.split(" ")[0], state) for work, _due, state, _ in rows] == [
        ("Why", "Not started"),
        ("Project", "Not started"),
    ]
    listed = text(learner.client.get("/cohorts"))
    assert "PRINCE2 team" in listed and "Exam prep" in listed
    assert learner.client.get(f"/cohorts/{second}").status_code == 200

    post(learner.client, f"/cohorts/{second}/leave")

    assert [row[0].split(" ")[0] for row in dashboard_rows(learner.client)] == ["Why"]


def test_work_not_yet_open_and_archived_cohorts_stay_off_the_dashboard(person, owner, cohort, ctx):
    learner = person("member@example.com")
    enrol(ctx, cohort, learner.user_id)
    assign(ctx, cohort, "lesson", LESSON, utcnow() + 2 * WEEK, open_at=utcnow() + WEEK)
    assert dashboard_rows(learner.client) == []
    assign(ctx, cohort, "exam", EXAM, utcnow() + WEEK)
    assert len(dashboard_rows(learner.client)) == 1

    post(owner.client, f"/cohorts/{cohort}/archive", {"archived": "1"})

    assert dashboard_rows(learner.client) == []
