"""``safe_next``: only a path on this site, anything else is the dashboard."""

import pytest

from app.auth.redirects import safe_next


@pytest.fixture
def request_context(app):
    with app.test_request_context():
        yield


@pytest.mark.parametrize(
    "target",
    ["/courses/x", "/", "/courses/x?tab=notes&page=2", "/courses/x#part-2", "/search?q=a%2Fb"],
)
def test_local_path_is_kept(target, request_context):
    assert safe_next(target) == target


@pytest.mark.parametrize(
    "target",
    [
        None,
        "",
        "//evil.example",
        "///evil.example",
        "https://evil.example",
        "HTTPS://evil.example/courses",
        "/\\evil.example",
        "/\\\\evil.example",
        "/courses\\..\\evil",
        "javascript:alert(1)",
        "http:/evil.example",
        "evil.example/courses",
        "courses/x",
        "/courses/x\nLocation: https://evil.example",
        "/\r\n/evil.example",
        "/\t/evil.example",
        "/\x00/evil.example",
        "/\x7f/evil.example",
        "/" + "a" * 2000,
    ],
)
def test_anything_but_a_local_path_goes_to_the_dashboard(target, request_context):
    assert safe_next(target) == "/progress"
