"""At 375 px wide (a small phone) no page scrolls sideways."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


def test_planning_lesson_with_tables_and_code_fits_375px(new_page):
    page = new_page(viewport=PHONE)
    page.goto("/courses/project-management-for-it/planning-and-dependencies")
    assert page.locator(".lesson-body table").count() > 0
    assert page.locator(".lesson-body pre").count() > 0
    overflow = page.evaluate(OVERFLOW)
    assert overflow <= 0, f"the page scrolls {overflow}px sideways"


def test_every_lesson_fits_375px(new_page, live_server):
    page = new_page(viewport=PHONE)
    paths = live_server.lesson_paths()
    assert len(paths) >= 6
    overflowing = {}
    for path in paths:
        page.goto(path)
        overflow = page.evaluate(OVERFLOW)
        if overflow > 0:
            overflowing[path] = overflow
    assert overflowing == {}, f"pixels of horizontal scroll: {overflowing}"


@pytest.mark.parametrize(
    ("path", "signed_in"),
    [
        ("/", False),
        ("/", True),
        ("/login", False),
        ("/register", False),
        ("/progress", True),
        ("/review", True),
        ("/cohorts", True),
    ],
)
def test_page_fits_375px(new_page, path, signed_in):
    page = new_page(signed_in=signed_in, viewport=PHONE)
    page.goto(path)
    assert page.url.endswith(path)
    overflow = page.evaluate(OVERFLOW)
    assert overflow <= 0, f"{path} scrolls {overflow}px sideways"
