"""The newcomer's journey by keyboard alone, with the focus always visible."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import COURSE_TITLE, FIRST_LESSON, listen_for_problems
from tests.browser.test_journey import expect_journey_done

pytestmark = pytest.mark.browser

# Reports whether the focused element matches, and whether a focused link or
# button lacks a visible outline (the CSS gives :focus-visible a 3px one).
FOCUS_PROBE = """
(predicate) => {
  const el = document.activeElement;
  const interactive = el.matches("a[href], button");
  return {
    matches: predicate(el),
    invisible: interactive && getComputedStyle(el).outlineStyle === "none",
    html: el.outerHTML.slice(0, 120),
  };
}
"""


def tab_to(page: Page, predicate_js: str, max_presses: int = 80, key: str = "Tab") -> None:
    """Press Tab (or ``key``) until the focused element satisfies ``predicate_js``.

    ``predicate_js`` is a JavaScript function of the element. Every link or button
    passed on the way must show its focus.
    """
    probe = f"({FOCUS_PROBE})({predicate_js})"
    for _ in range(max_presses):
        page.keyboard.press(key)
        focus = page.evaluate(probe)
        assert not focus["invisible"], f"focus is not visible on {focus['html']}"
        if focus["matches"]:
            return
    raise AssertionError(f"no element matching {predicate_js} after {max_presses} x {key}")


def field(label: str) -> str:
    """A predicate for the form field labelled ``label``."""
    return f"el => el.labels?.[0]?.textContent.trim() === {json.dumps(label)}"


def control(tag: str, text: str) -> str:
    """A predicate for the ``tag`` element whose text is ``text``."""
    return (
        f"el => el.tagName === {json.dumps(tag.upper())}"
        f" && el.textContent.trim().replace(/\\s+/g, ' ') === {json.dumps(text)}"
    )


def activate(page: Page, key: str = "Enter") -> None:
    """Press ``key`` on the focused control and wait for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press(key)


def test_newcomer_completes_the_journey_by_keyboard_alone(new_page, newcomer):
    page = new_page(timezone_id="Europe/Berlin")
    problems = listen_for_problems(page)
    page.goto("/")

    tab_to(page, control("a", "Register"))
    activate(page)
    tab_to(page, field("E-mail address"))
    page.keyboard.type(newcomer["email"])
    tab_to(page, field("Display name"))
    page.keyboard.type(newcomer["name"])
    tab_to(page, field("Password"))
    page.keyboard.type(newcomer["password"])
    tab_to(page, field("Time zone"))
    expect(page.get_by_label("Time zone")).to_have_value("Europe/Berlin")
    tab_to(page, control("button", "Create account"))
    activate(page)
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()

    tab_to(page, control("a", "Go to log in"))
    activate(page)
    tab_to(page, field("E-mail address"))
    page.keyboard.type(newcomer["email"])
    tab_to(page, field("Password"))
    page.keyboard.type(newcomer["password"])
    tab_to(page, control("button", "Log in"))
    activate(page)
    expect(page.get_by_role("heading", name="Your progress")).to_be_visible()

    tab_to(page, control("a", "Courses"))
    activate(page)
    tab_to(page, control("a", f"Start {COURSE_TITLE}"))
    activate(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(FIRST_LESSON)
    tab_to(page, control("button", "Mark as complete"))
    activate(page, "Space")
    expect(page.get_by_text("You have completed this lesson.")).to_be_visible()

    tab_to(page, control("a", "Dashboard"))
    activate(page)
    expect_journey_done(page)
    assert problems == []
