"""A newcomer goes from the home page to a completed lesson on the dashboard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import COURSE_TITLE, FIRST_LESSON, listen_for_problems
from tests.functional.catalog.helpers import ALL_LESSONS

pytestmark = pytest.mark.browser

START = re.compile(rf"^(Start|Continue) {COURSE_TITLE}$")


def verification_link(live_server, email: str) -> str:
    """The link in the newest mail to ``email``, which must point at the live server."""
    mail = next(m for m in reversed(live_server.mails) if m["To"] == email)
    match = re.search(re.escape(live_server.url) + r"/verify/\S+", mail.get_content())
    assert match, mail.get_content()
    return match.group(0)


def expect_journey_done(page: Page) -> None:
    """The dashboard counts one lesson done and names it as the last one opened."""
    expect(page).to_have_url(re.compile(r"/progress$"))
    expect(page.locator("#overall-text")).to_contain_text(
        f"1 of {len(ALL_LESSONS)} lessons complete"
    )
    expect(page.get_by_role("region", name="Last lesson opened")).to_contain_text(FIRST_LESSON)


def test_newcomer_registers_reads_and_completes_a_lesson_with_the_mouse(
    new_page, live_server, newcomer
):
    page = new_page(timezone_id="Europe/Berlin")
    problems = listen_for_problems(page)
    page.goto("/")
    page.get_by_role("link", name="Register").click()

    expect(page.get_by_label("Time zone")).to_have_value("Europe/Berlin")
    page.get_by_label("E-mail address").fill(newcomer["email"])
    page.get_by_label("Display name").fill(newcomer["name"])
    page.get_by_label("Password").fill(newcomer["password"])
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()

    page.goto(verification_link(live_server, newcomer["email"]))
    expect(page.get_by_text("your e-mail address is confirmed")).to_be_visible()

    page.get_by_label("E-mail address").fill(newcomer["email"])
    page.get_by_label("Password").fill(newcomer["password"])
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Courses").click()
    page.get_by_role("link", name=START).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(FIRST_LESSON)
    page.get_by_role("button", name="Mark as complete").click()
    expect(page.get_by_text("You have completed this lesson.")).to_be_visible()
    page.get_by_role("link", name="Dashboard").click()
    expect_journey_done(page)
    assert problems == []
