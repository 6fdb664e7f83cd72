"""Ordering and matching by drag and drop, and the same by keyboard; the form fields
(the selects a browser without JavaScript uses) always follow."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from app.extensions import db
from app.models import PracticeRun, Question, User
from tests.browser.conftest import LEARNER_EMAIL, listen_for_problems
from tests.browser.test_accessibility import blocking_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def run_path(live_server) -> str:
    """A practice run holding one ordering and one matching question of the real banks."""
    with live_server.app.app_context():
        user = db.session.scalar(select(User).where(User.email == LEARNER_EMAIL))
        ordering = db.session.scalar(select(Question.id).where(Question.type == "ordering"))
        matching = db.session.scalar(select(Question.id).where(Question.type == "matching"))
        run = PracticeRun(
            user_id=user.id, quiz_id="quiz-pmit-why-check", question_ids=[ordering, matching]
        )
        db.session.add(run)
        db.session.commit()
        path = f"/practice/runs/{run.id}"
        db.session.remove()
    return path


def positions(page: Page) -> list[str]:
    return page.eval_on_selector_all("select[name^='pos-']", "els => els.map(e => e.value)")


def test_ordering_by_drag_and_by_buttons_keeps_the_positions_in_step(new_page, run_path):
    page = new_page(signed_in=True)
    problems = listen_for_problems(page)
    page.goto(run_path + "/1")
    steps = page.locator("ol.sortable li")
    first_text = steps.first.locator(".text").inner_text()
    before = positions(page)

    steps.first.get_by_role("button", name=f"Move down: {first_text}").press("Enter")
    expect(steps.nth(1).locator(".text")).to_have_text(first_text)
    expect(page.locator("fieldset.ordering [aria-live=polite]")).to_contain_text("to position 2")
    after_keys = positions(page)
    assert after_keys != before and sorted(after_keys) == sorted(before)

    last_text = steps.last.locator(".text").inner_text()
    steps.last.locator(".text").drag_to(steps.first.locator(".text"))
    expect(steps.first.locator(".text")).to_have_text(last_text)
    shown = [t.strip() for t in page.locator("ol.sortable li .text").all_inner_texts()]
    by_position = {
        page.locator(f"label[for='{name}']").inner_text().strip(): int(value)
        for name, value in zip(
            page.eval_on_selector_all("select[name^='pos-']", "els => els.map(e => e.id)"),
            positions(page),
            strict=True,
        )
    }
    assert sorted(by_position, key=by_position.get) == shown  # selects follow the list

    page.get_by_role("button", name="Check answer").click()
    expect(page.locator("#feedback-heading")).to_be_visible()
    assert problems == []


def test_matching_by_drag_and_by_select_keeps_field_and_chip_together(new_page, run_path):
    page = new_page(signed_in=True)
    problems = listen_for_problems(page)
    page.goto(run_path + "/2")
    first_select = page.locator("select[name^='match-']").first
    first_slot = page.locator(".match-slot").first
    chip = page.locator(".match-pool .chip").first
    value = chip.get_attribute("data-value")

    chip.drag_to(first_slot)
    expect(first_select).to_have_value(value)
    expect(first_slot.locator(".chip")).to_have_attribute("data-value", value)

    other = page.locator(".match-pool .chip").first.get_attribute("data-value")
    first_select.select_option(other)  # the keyboard's way
    expect(first_slot.locator(".chip")).to_have_attribute("data-value", other)
    expect(page.locator(f".match-pool .chip[data-value='{value}']")).to_have_count(1)

    for select_box in page.locator("select[name^='match-']").all():
        if not select_box.input_value():
            select_box.select_option(index=1)
    page.get_by_role("button", name="Check answer").click()
    expect(page.locator("#feedback-heading")).to_be_visible()
    assert problems == []


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_practice_question_and_feedback_pages_have_no_serious_violation(
    new_page, run_path, color_scheme
):
    page = new_page(signed_in=True, color_scheme=color_scheme)
    page.goto(run_path + "/2")
    found = blocking_violations(page)
    page.context.set_offline(False)
    for select_box in page.locator("select[name^='match-']").all():
        select_box.select_option(index=1)
    page.get_by_role("button", name="Check answer").click()
    expect(page.locator("#feedback-heading")).to_be_visible()
    found += blocking_violations(page)
    assert found == []
