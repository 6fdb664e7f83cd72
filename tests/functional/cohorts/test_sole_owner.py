"""A cohort's only owner cannot delete their account until another owner exists."""

from __future__ import annotations

from app.extensions import db
from app.models import CohortStaff, User
from tests.factories import PASSWORD
from tests.functional.cohorts.helpers import post, text


def delete_account(client):
    return post(client, "/account/delete", {"password": PASSWORD}, token_from="/account")


def exists(ctx, user_id: int) -> bool:
    with ctx():
        return db.session.get(User, user_id) is not None


def test_the_only_owner_is_told_which_cohort_keeps_the_account(owner, cohort, ctx):
    page = text(owner.client.get("/account/delete"))

    assert "You are the only owner of 1 cohort (PRINCE2 team)." in page
    assert "Delete my account for good" not in page
    refused = delete_account(owner.client)
    assert refused.status_code == 400
    assert "PRINCE2 team" in text(refused)
    assert exists(ctx, owner.user_id)


def test_a_co_instructor_is_not_another_owner(person, owner, cohort, ctx):
    colleague = person("colleague@example.com", role="instructor")
    post(owner.client, f"/cohorts/{cohort}/staff", {"email": colleague.email})

    assert delete_account(owner.client).status_code == 400
    assert exists(ctx, owner.user_id)
    # The co-instructor owns nothing, so they may go.
    assert delete_account(colleague.client).status_code == 302
    assert not exists(ctx, colleague.user_id)


def test_the_owner_may_go_once_another_owner_exists(person, owner, cohort, ctx):
    colleague = person("colleague@example.com", role="instructor")
    post(owner.client, f"/cohorts/{cohort}/staff", {"email": colleague.email, "owner": "1"})

    response = delete_account(owner.client)

    assert response.status_code == 302
    assert not exists(ctx, owner.user_id)
    with ctx():
        assert [(s.user_id, s.role) for s in db.session.query(CohortStaff)] == [
            (colleague.user_id, "owner")
        ]
    assert "PRINCE2 team" in text(colleague.client.get("/cohorts"))
