"""axe-core finds no serious or critical problem on the main pages, light or dark."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

LESSON = "/courses/project-management-for-it/planning-and-dependencies"
PAGES = [
    ("/", False),
    ("/", True),
    (LESSON, False),
    (LESSON, True),
    ("/login", False),
    ("/register", False),
    ("/progress", True),
    ("/review", True),
    ("/cohorts", True),
    ("/account/delete", True),
]
BLOCKING = {"serious", "critical"}

axe = Axe()


def blocking_violations(page: Page) -> list[str]:
    """Serious and critical axe violations, one readable line per element.

    The page is taken offline first: axe.js comes from the package, not the network.
    """
    page.context.set_offline(True)
    results = axe.run(page).response
    return [
        f"{v['id']} ({v['impact']}) at {node['target']}: {v['help']}"
        for v in results["violations"]
        if v["impact"] in BLOCKING
        for node in v["nodes"]
    ]


@pytest.mark.parametrize(("path", "signed_in"), PAGES)
def test_page_has_no_serious_accessibility_violation(new_page, path, signed_in):
    page = new_page(signed_in=signed_in)
    page.goto(path)
    assert page.url.endswith(path)
    violations = blocking_violations(page)
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize("signed_in", [False, True])
def test_lesson_in_dark_mode_has_no_serious_accessibility_violation(new_page, signed_in):
    page = new_page(signed_in=signed_in, color_scheme="dark")
    page.goto(LESSON)
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    violations = blocking_violations(page)
    assert not violations, "\n".join(violations)


def test_scan_reports_serious_violations(new_page):
    """The scan itself can fail: a page with known defects is caught."""
    page = new_page()
    page.set_content("<html><body><img src='x.png'><button></button></body></html>")
    violations = blocking_violations(page)
    assert any(v.startswith("image-alt (critical)") for v in violations)
    assert any(v.startswith("button-name (critical)") for v in violations)
