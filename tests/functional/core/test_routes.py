"""Every GET route, as an anonymous user and as a learner.

The table is checked against ``app.url_map``: a new GET route fails here until a
sample request and the expected answers are added.
"""

import pytest

from tests.functional.core.samples import GET_ROUTES


def get_endpoints(app) -> set[str]:
    return {rule.endpoint for rule in app.url_map.iter_rules() if "GET" in rule.methods}


def test_every_get_route_has_a_sample_request(app):
    assert get_endpoints(app) == set(GET_ROUTES), "add the new route to GET_ROUTES"


def assert_answer(response, expected):
    status, text = expected
    assert response.status_code == status
    if 300 <= status < 400:
        assert response.headers["Location"] == text
    else:
        assert text in response.get_data(as_text=True)


@pytest.mark.parametrize("endpoint", sorted(GET_ROUTES))
def test_get_route_as_anonymous_user(client, endpoint):
    path, anonymous, _ = GET_ROUTES[endpoint]
    with client.get(path) as response:
        assert_answer(response, anonymous)


@pytest.mark.parametrize("endpoint", sorted(GET_ROUTES))
def test_get_route_as_learner(client, learner, endpoint):
    path, _, as_learner = GET_ROUTES[endpoint]
    with client.get(path) as response:
        assert_answer(response, as_learner)
