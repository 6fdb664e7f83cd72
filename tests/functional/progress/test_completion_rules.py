"""What marking a lesson complete accepts and refuses."""

from datetime import timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import Lesson, LessonProgress
from app.models._types import utcnow
from tests.conftest import csrf_token
from tests.factories import make_user

LESSON_ID = "pmit-why-projects"
LESSON = "/courses/project-management-for-it/why-it-work-is-project-work"


def post(client, lesson_id: str, action: str = "complete"):
    return client.post(
        f"/progress/lessons/{lesson_id}/{action}", data={"csrf_token": csrf_token(client)}
    )


def progress_rows(ctx, user_id: int) -> list[tuple[str, bool]]:
    with ctx():
        rows = db.session.execute(
            select(LessonProgress.lesson_id, LessonProgress.completed_at).where(
                LessonProgress.user_id == user_id
            )
        ).all()
    return [(lesson_id, completed_at is not None) for lesson_id, completed_at in rows]


def test_anonymous_completion_is_sent_to_log_in_and_writes_nothing(client, ctx):
    response = post(client, LESSON_ID)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
    with ctx():
        assert db.session.scalar(select(LessonProgress).limit(1)) is None


def test_unknown_lesson_id_is_404_for_complete_and_undo(client, learner, ctx):
    assert post(client, "no-such-lesson").status_code == 404
    assert post(client, "no-such-lesson", "undo").status_code == 404
    assert post(client, "pmit-why-projects' OR '1'='1").status_code == 404
    assert progress_rows(ctx, learner) == []


def test_retired_lesson_cannot_be_completed(client, learner, ctx):
    with ctx():
        db.session.get(Lesson, LESSON_ID).retired_at = utcnow()
        db.session.commit()
    assert post(client, LESSON_ID).status_code == 404
    assert progress_rows(ctx, learner) == []


def test_completing_twice_keeps_the_first_completion_time(client, learner, ctx):
    post(client, LESSON_ID)
    with ctx():
        row = db.session.get(LessonProgress, (learner, LESSON_ID))
        first = row.completed_at - timedelta(days=1)
        row.completed_at = first
        db.session.commit()
    post(client, LESSON_ID)
    with ctx():
        assert db.session.get(LessonProgress, (learner, LESSON_ID)).completed_at == first


def test_undo_of_a_lesson_never_completed_leaves_it_incomplete(client, learner, ctx):
    assert post(client, LESSON_ID, "undo").status_code == 302
    assert progress_rows(ctx, learner) == [(LESSON_ID, False)]


def test_one_learners_completion_is_not_anothers(client, learner, ctx):
    with ctx():
        other = make_user().id
    post(client, LESSON_ID)
    assert progress_rows(ctx, learner) == [(LESSON_ID, True)]
    assert progress_rows(ctx, other) == []
