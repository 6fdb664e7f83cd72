"""Delete my account: confirmed by the password, it removes the learner and every row
of theirs, logs them out and leaves other learners alone; the last admin cannot."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    AttemptItem,
    ExamAttempt,
    LessonProgress,
    PracticeAnswer,
    PracticeRun,
    ReviewCard,
    ReviewLog,
    ScenarioAttempt,
    StudyDay,
    TagMastery,
    User,
    UserSession,
    XapiStatement,
)
from app.models._types import utcnow
from tests.factories import PASSWORD, make_user
from tests.functional.learning.helpers import post, text
from tests.seed_history import seed_history

PER_USER = [
    PracticeAnswer,
    PracticeRun,
    ExamAttempt,
    ScenarioAttempt,
    TagMastery,
    ReviewCard,
    ReviewLog,
    StudyDay,
    XapiStatement,
    UserSession,
    LessonProgress,
]


def rows_of(ctx, user_id: int) -> dict[str, int]:
    """How many rows each table holds for the learner (exam items through their attempts)."""
    with ctx():
        counts = {
            model.__tablename__: db.session.scalar(
                select(func.count()).select_from(model).where(model.user_id == user_id)
            )
            for model in PER_USER
        }
        counts["attempt_items"] = db.session.scalar(
            select(func.count())
            .select_from(AttemptItem)
            .join(ExamAttempt, ExamAttempt.id == AttemptItem.attempt_id)
            .where(ExamAttempt.user_id == user_id)
        )
        counts["users"] = db.session.scalar(
            select(func.count()).select_from(User).where(User.id == user_id)
        )
        return counts


def delete(client, password: str = PASSWORD):
    return post(client, "/account/delete", {"password": password})


def test_delete_page_asks_for_the_password_in_a_labelled_field(client, learner):
    response = client.get("/account/delete")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    label = re.search(r'<label for="([^"]+)">Your password, to confirm</label>', page)
    assert label, "no label for the password"
    assert re.search(rf'<input[^>]* id="{label.group(1)}"[^>]* type="password"', page)


def test_a_wrong_password_deletes_nothing(client, busy, ctx):
    before = rows_of(ctx, busy["user_id"])
    response = delete(client, "not my password at all")
    assert response.status_code == 400
    assert "That is not your password." in text(response)
    assert rows_of(ctx, busy["user_id"]) == before
    assert client.get("/progress").status_code == 200  # still logged in


def test_deleting_removes_every_row_of_the_learner_and_logs_them_out(client, busy, other, ctx):
    with ctx():
        seed_history(other.user_id, answers=30, cards=6, now=utcnow(), mocks=2)
    theirs = rows_of(ctx, other.user_id)
    mine = rows_of(ctx, busy["user_id"])
    assert [table for table, n in mine.items() if n == 0] == []  # something in every table
    response = delete(client)
    assert response.status_code == 302
    assert "everything recorded about you have been deleted" in text(client.get("/"))
    assert set(rows_of(ctx, busy["user_id"]).values()) == {0}
    assert client.get("/progress").status_code == 302  # logged out
    assert rows_of(ctx, other.user_id) == theirs
    assert other.client.get("/progress").status_code == 200


def test_a_deleted_learner_cannot_log_in_again(client, auth, busy):
    delete(client)
    assert auth.login().status_code == 200  # the form again, with an error


def test_the_last_admin_cannot_delete_their_account(browser, ctx):
    admin = browser("admin@example.com", role="admin")
    page = text(admin.client.get("/account/delete"))
    assert "You are the only administrator of this site." in page
    response = delete(admin.client)
    assert response.status_code == 400
    assert "Make someone else an administrator" in text(response)
    assert rows_of(ctx, admin.user_id)["users"] == 1


def test_a_disabled_admin_does_not_count_as_another_admin(browser, ctx):
    admin = browser("admin@example.com", role="admin")
    with ctx():
        make_user(email="gone@example.com", role="admin", disabled_at=utcnow())
    assert delete(admin.client).status_code == 400
    assert rows_of(ctx, admin.user_id)["users"] == 1


def test_an_admin_can_delete_their_account_while_another_admin_remains(browser, ctx):
    admin = browser("admin@example.com", role="admin")
    with ctx():
        make_user(email="second@example.com", role="admin")
    assert delete(admin.client).status_code == 302
    assert rows_of(ctx, admin.user_id)["users"] == 0
