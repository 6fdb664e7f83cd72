"""The pages log no console error and trip no Content-Security-Policy directive."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import listen_for_problems

pytestmark = pytest.mark.browser

LESSON = "/courses/project-management-for-it/planning-and-dependencies"
ANONYMOUS_PAGES = ["/", LESSON, "/login", "/register"]
LEARNER_PAGES = ["/", LESSON, "/progress"]


def csp_violations(page: Page) -> list[str]:
    """What the current page's CSP blocked (recorded by the fixture's init script)."""
    return page.evaluate("window.__cspViolations")


def visit(page: Page, paths: list[str]) -> list[str]:
    """Problems met while opening ``paths`` one after another."""
    problems = listen_for_problems(page)
    for path in paths:
        page.goto(path, wait_until="networkidle")
        assert page.url.endswith(path)
        problems += [f"CSP on {path}: {v}" for v in csp_violations(page)]
    return problems


def test_anonymous_pages_log_no_errors(new_page):
    assert visit(new_page(), ANONYMOUS_PAGES) == []


def test_learner_pages_log_no_errors(new_page):
    assert visit(new_page(signed_in=True), LEARNER_PAGES) == []


def test_pages_name_a_site_icon_that_loads(new_page):
    """Without one, browsers ask for /favicon.ico and log its 404 as an error."""
    page = new_page()
    page.goto("/")
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert icon
    assert page.request.get(icon).ok


def test_a_blocked_inline_script_is_heard(new_page):
    """The listeners above do hear a CSP violation, so their silence means something."""
    page = new_page()
    page.goto("/login")
    problems = listen_for_problems(page)
    with page.expect_console_message(lambda message: message.type == "error"):
        page.evaluate(
            "document.body.append(Object.assign(document.createElement('script'),"
            " {textContent: 'window.ran = true'}))"
        )
    assert page.evaluate("window.ran") is None
    assert csp_violations(page) == ["script-src-elem blocked inline"]
    assert any("Content Security Policy" in problem for problem in problems)
