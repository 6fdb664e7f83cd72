"""Error pages: in the site's layout, or JSON under /api/."""

from app.extensions import db
from app.models import LessonProgress
from tests.conftest import csrf_token


def assert_in_layout(response, status: int, title: str):
    page = response.get_data(as_text=True)
    assert response.status_code == status
    assert response.mimetype == "text/html"
    assert f"<h1>{title}</h1>" in page
    assert 'class="site-header"' in page and 'class="site-footer"' in page


def test_unknown_page_is_404_in_the_site_layout(client):
    assert_in_layout(client.get("/no/such/page"), 404, "Page not found")


def test_unknown_course_and_lesson_are_404(client):
    assert_in_layout(client.get("/courses/no-such-course"), 404, "Page not found")
    assert_in_layout(
        client.get("/courses/project-management-for-it/no-such-lesson"), 404, "Page not found"
    )


def test_wrong_method_is_405_in_the_site_layout(client):
    response = client.get("/logout")
    assert_in_layout(response, 405, "Method not allowed")
    assert "POST" in response.headers["Allow"]


def test_body_larger_than_max_content_length_is_413_in_the_site_layout(app, client):
    too_big = b"x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    response = client.post("/login", data=too_big, content_type="application/x-www-form-urlencoded")
    assert_in_layout(response, 413, "Too large")


def test_paths_under_api_answer_json(client):
    response = client.get("/api/no-such-thing")
    assert response.status_code == 404
    assert response.mimetype == "application/json"
    assert response.get_json()["status"] == 404
    assert response.get_json()["error"] == "Page not found"


def test_forged_lesson_id_in_completion_is_404_and_writes_nothing(client, learner, ctx):
    response = client.post(
        "/progress/lessons/no-such-lesson/complete", data={"csrf_token": csrf_token(client)}
    )
    assert_in_layout(response, 404, "Page not found")
    with ctx():
        assert db.session.query(LessonProgress).filter_by(user_id=learner).count() == 0
