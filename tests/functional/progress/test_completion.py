"""Marking lessons complete and seeing it on the dashboard."""

from tests.conftest import csrf_token
from tests.factories import make_user
from tests.functional.catalog.helpers import ALL_LESSONS, LESSONS

FIRST = LESSONS[0]
LESSON = FIRST.url
TOTAL = len(ALL_LESSONS)  # the dashboard counts every course's lessons


def test_learner_marks_lesson_complete_and_dashboard_counts_it(client, auth, ctx):
    with ctx():
        make_user(email="learner@example.com")
    assert auth.login().status_code == 302
    page = client.get(LESSON).get_data(as_text=True)
    assert "Mark as complete" in page
    response = client.post(
        f"/progress/lessons/{FIRST.id}/complete",
        data={"csrf_token": csrf_token(client, LESSON)},
    )
    assert response.status_code == 302
    dashboard = client.get("/progress").get_data(as_text=True)
    assert f"1 of {TOTAL} lessons complete" in dashboard
    assert FIRST.title in dashboard  # the last lesson opened


def test_completion_can_be_undone(client, auth, ctx):
    with ctx():
        make_user(email="learner@example.com")
    auth.login()
    token = csrf_token(client, LESSON)
    client.post(f"/progress/lessons/{FIRST.id}/complete", data={"csrf_token": token})
    client.post(f"/progress/lessons/{FIRST.id}/undo", data={"csrf_token": token})
    assert f"0 of {TOTAL} lessons complete" in client.get("/progress").get_data(as_text=True)


def test_each_test_starts_with_no_progress(client, auth, ctx):
    with ctx():
        make_user(email="learner@example.com")
    auth.login()
    assert f"0 of {TOTAL} lessons complete" in client.get("/progress").get_data(as_text=True)
