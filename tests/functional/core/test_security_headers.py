"""Every page carries a strict Content-Security-Policy and friends, and needs no inline script."""

import re

import pytest

from tests.functional.core.samples import GET_ROUTES

CSP_DIRECTIVES = [
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
]
ERROR_PAGES = {
    "404": ("GET", "/no/such/page"),
    "405": ("GET", "/logout"),
    "csrf": ("POST", "/login"),
}
REFERRER_POLICIES = {"no-referrer", "same-origin", "strict-origin-when-cross-origin"}
SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)


def assert_safe(response):
    csp = [part.strip() for part in response.headers["Content-Security-Policy"].split(";")]
    for directive in CSP_DIRECTIVES:
        assert directive in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] in REFERRER_POLICIES
    if response.mimetype == "text/html":
        page = response.get_data(as_text=True)
        tags = SCRIPT_TAG.findall(page)
        if 'class="site-header"' in page:
            assert tags, "the layout loads its script from a file"
        assert all(re.search(r"\ssrc=", tag) for tag in tags), tags
        assert not EVENT_HANDLER.search(page)


@pytest.mark.parametrize("endpoint", sorted(GET_ROUTES))
def test_anonymous_pages_carry_security_headers_and_no_inline_script(client, endpoint):
    with client.get(GET_ROUTES[endpoint][0]) as response:
        assert_safe(response)


@pytest.mark.parametrize("endpoint", sorted(GET_ROUTES))
def test_learner_pages_carry_security_headers_and_no_inline_script(client, learner, endpoint):
    with client.get(GET_ROUTES[endpoint][0]) as response:
        assert_safe(response)


@pytest.mark.parametrize("name", sorted(ERROR_PAGES))
def test_error_pages_carry_security_headers_and_no_inline_script(client, name):
    method, path = ERROR_PAGES[name]
    assert_safe(client.open(path, method=method))
