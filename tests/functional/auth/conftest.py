"""Fixtures for the account tests: more browsers, some already logged in."""

from __future__ import annotations

import pytest

from tests.conftest import AuthActions
from tests.factories import PASSWORD


@pytest.fixture
def browser(app, db_transaction):
    """Open another browser: ``browser(user_agent=...)`` returns (client, AuthActions)."""

    def open_browser(user_agent: str = "Test browser"):
        other = app.test_client()
        other.environ_base["HTTP_USER_AGENT"] = user_agent
        return other, AuthActions(other)

    return open_browser


@pytest.fixture
def logged_in(browser):
    """A new browser already logged in as ``email`` (remembered if asked)."""

    def log_in(email: str, remember: bool = False, user_agent: str = "Test browser"):
        other, actions = browser(user_agent)
        response = actions.login(email=email, password=PASSWORD, remember=remember)
        assert response.status_code == 302, "log-in failed"
        return other

    return log_in
