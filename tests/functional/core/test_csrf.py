"""Every POST route refuses a request without a valid CSRF token: a friendly 400.

The routes come from ``app.url_map``, so a new POST route fails here until it has
a sample path in ``POST_ROUTES``.
"""

import pytest
from sqlalchemy import func, select

from app.errors import CSRF_MESSAGE
from app.extensions import db
from app.models import LessonProgress
from tests.functional.core.samples import POST_ROUTES

MISSING_OR_FORGED = [{}, {"csrf_token": "forged-token"}]


def post_endpoints(app) -> set[str]:
    return {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods}


def test_every_post_route_has_a_sample_path(app):
    assert post_endpoints(app) == set(POST_ROUTES), "add the new route to POST_ROUTES"


def assert_friendly_csrf_refusal(response):
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert CSRF_MESSAGE in page
    assert 'class="site-header"' in page and 'class="site-footer"' in page


@pytest.mark.parametrize("data", MISSING_OR_FORGED, ids=["missing", "forged"])
@pytest.mark.parametrize("endpoint", sorted(POST_ROUTES))
def test_post_without_csrf_token_is_refused_for_anonymous_user(client, endpoint, data):
    assert_friendly_csrf_refusal(client.post(POST_ROUTES[endpoint], data=data))


@pytest.mark.parametrize("data", MISSING_OR_FORGED, ids=["missing", "forged"])
@pytest.mark.parametrize("endpoint", sorted(POST_ROUTES))
def test_post_without_csrf_token_is_refused_for_learner(client, learner, endpoint, data):
    assert_friendly_csrf_refusal(client.post(POST_ROUTES[endpoint], data=data))


def test_logout_without_csrf_token_leaves_the_learner_logged_in(client, learner):
    client.post("/logout")
    assert client.get("/progress").status_code == 200


def test_completion_without_csrf_token_writes_nothing(client, learner, ctx):
    client.post(POST_ROUTES["progress.complete_lesson"])
    with ctx():
        rows = db.session.scalar(
            select(func.count()).select_from(LessonProgress).filter_by(user_id=learner)
        )
    assert rows == 0
