"""403 and 500 answer in the site's layout (or JSON under /api/), never a bare error."""

import pytest
from flask import abort

from app import create_app
from app.extensions import db
from tests.conftest import make_config


@pytest.fixture
def failing_client(database_url):
    """A separate app with routes that fail on purpose, exceptions not propagated."""
    app = create_app(make_config(database_url, TESTING=False, PROPAGATE_EXCEPTIONS=False))

    @app.get("/boom")
    def boom():
        raise RuntimeError("deliberate failure")

    @app.get("/api/boom")
    def api_boom():
        raise RuntimeError("deliberate failure")

    @app.get("/forbidden")
    def forbidden():
        abort(403)

    yield app.test_client()
    with app.app_context():
        db.engine.dispose()


def test_unexpected_error_is_a_friendly_500_page(failing_client):
    response = failing_client.get("/boom")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Something went wrong" in page
    assert "deliberate failure" not in page  # no internals leak to the visitor
    assert 'class="site-footer"' in page


def test_unexpected_error_under_api_is_json(failing_client):
    response = failing_client.get("/api/boom")
    assert response.status_code == 500
    assert response.get_json()["status"] == 500


def test_forbidden_is_a_403_page_in_the_layout(failing_client):
    response = failing_client.get("/forbidden")
    assert response.status_code == 403
    assert "You do not have access to this page." in response.get_data(as_text=True)
