"""After log-in, ``next`` is followed only when it is a path on this site."""

import pytest

from tests.factories import make_user


@pytest.fixture
def learner(ctx):
    with ctx():
        make_user(email="learner@example.com")


@pytest.mark.parametrize("target", ["/courses/x", "/courses/x?tab=notes#part-2", "/account"])
def test_local_next_is_followed_after_log_in(target, auth, learner):
    response = auth.login(next_url=target)
    assert response.status_code == 302
    assert response.headers["Location"] == target


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "https://evil.example",
        "/\\evil.example",
        "/\\\\evil.example",
        "javascript:alert(1)",
        "http:/evil.example",
        "/courses/x\n/evil.example",
        "/\n/evil.example",
        "/\t/evil.example",
        "///evil.example",
        "evil.example",
    ],
    ids=[
        "scheme-relative",
        "absolute",
        "backslash",
        "two-backslashes",
        "javascript",
        "scheme-one-slash",
        "newline",
        "newline-scheme-relative",
        "tab-scheme-relative",
        "three-slashes",
        "bare-host",
    ],
)
def test_foreign_next_goes_to_the_dashboard_instead(target, auth, learner):
    response = auth.login(next_url=target)
    assert response.status_code == 302
    assert response.headers["Location"] == "/progress"


def test_next_is_ignored_when_log_in_fails(auth, learner):
    response = auth.login(password="not the password at all", next_url="/courses/x")
    assert response.status_code == 200
    assert "Location" not in response.headers
