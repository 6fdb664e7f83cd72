"""A whole mock exam in the browser: start, answer (saved in the background), flag,
reload and find everything kept, review, submit, and read the result."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import CSP_RECORDER, listen_for_problems, signed_in_state
from tests.browser.test_accessibility import blocking_violations
from tests.factories import make_user

pytestmark = pytest.mark.browser

EXAM = "/courses/project-management-for-it/exams/mock-exam"
EMAIL = "exam-taker@example.com"
ANSWERED = 4


@pytest.fixture(scope="module")
def exam_taker_state(browser: Browser, live_server) -> dict:
    """Cookies of a learner of these tests' own, signed in once through the form."""
    with live_server.app.app_context():
        make_user(email=EMAIL)
    return signed_in_state(browser, live_server, EMAIL)


@pytest.fixture
def exam_page(browser: Browser, live_server, exam_taker_state):
    context = browser.new_context(base_url=live_server.url, storage_state=exam_taker_state)
    context.add_init_script(CSP_RECORDER)
    yield context.new_page()
    context.close()


def csp_violations(page: Page) -> list[str]:
    return [f"CSP on {page.url}: {v}" for v in page.evaluate("window.__cspViolations")]


def arrive_at_question(page: Page, number: int) -> None:
    """Wait for question ``number`` to be loaded, its script ready to save answers."""
    expect(page).to_have_url(re.compile(rf"/exams/\d+/q/{number}$"))
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Question {number} of 40")


def answer_this_question(page: Page) -> dict[str, str]:
    """Answer as a hurried learner: the first option, the first step moved down one
    place (by its button, as a keyboard user would), the first match.

    Returns each answer field's value, to compare after a reload.
    """
    choices = page.locator("input[name=choice]")
    if choices.count():
        choices.first.check()
        return {"choice": choices.first.get_attribute("value")}
    if page.locator("ol.sortable").count():
        page.locator("ol.sortable li").first.get_by_role(
            "button", name=re.compile("^Move down")
        ).click()
        return {
            select.get_attribute("name"): select.input_value()
            for select in page.locator("select[name^='pos-']").all()
        }
    chosen = {}
    for select in page.locator("select[name^='pos-'], select[name^='match-']").all():
        name = select.get_attribute("name")
        if name.startswith("pos-"):
            chosen[name] = select.input_value()  # keep the order shown
        else:
            chosen[name] = select.locator("option").nth(1).get_attribute("value")
        select.select_option(chosen[name])  # a change event, as a learner's choice makes
    return chosen


def shown_answer(page: Page, fields: dict[str, str]) -> dict[str, str]:
    """The values the page shows now for ``fields``."""
    if "choice" in fields:
        checked = page.locator("input[name=choice]:checked")
        return {"choice": checked.get_attribute("value") if checked.count() else ""}
    return {name: page.locator(f"select[name='{name}']").input_value() for name in fields}


def grid_item(page: Page, number: int):
    return page.locator(".question-grid li").nth(number - 1)


def test_a_learner_sits_a_whole_mock_exam(exam_page: Page):
    page = exam_page
    problems = listen_for_problems(page)
    page.goto(EXAM)
    page.get_by_role("button", name="Start the exam").click()
    arrive_at_question(page, 1)
    expect(page.get_by_role("timer")).to_contain_text(re.compile(r"Time left: (59|60) min"))

    answers = {}
    for number in range(1, ANSWERED + 1):
        answers[number] = answer_this_question(page)
        expect(page.get_by_role("status")).to_have_text("Saved")  # saved in the background
        expect(grid_item(page, number)).to_have_class(re.compile(r"\banswered\b"))
        if number == 2:
            page.get_by_label("Flag this question for review").check()
            expect(page.get_by_role("status")).to_have_text("Saved")
            expect(grid_item(page, 2)).to_have_class(re.compile(r"\bflagged\b"))
        if number == 3:
            page.reload()  # mid-way: everything saved so far must still be there
            assert shown_answer(page, answers[3]) == answers[3]
            expect(page.get_by_role("status")).to_have_text("Saved")
            expect(grid_item(page, 2)).to_have_class(re.compile(r"\bflagged\b"))
            expect(grid_item(page, 2)).to_contain_text("answered, flagged")
        problems += csp_violations(page)
        # The grid, not the form: only the background save can have kept the answer.
        grid_item(page, number + 1).get_by_role("link").click()
        arrive_at_question(page, number + 1)

    for number, fields in answers.items():
        grid_item(page, number).get_by_role("link").click()
        arrive_at_question(page, number)
        assert shown_answer(page, fields) == fields, number
    expect(page.get_by_label("Flag this question for review")).not_to_be_checked()
    grid_item(page, 2).get_by_role("link").click()
    arrive_at_question(page, 2)
    expect(page.get_by_label("Flag this question for review")).to_be_checked()

    page.get_by_role("button", name="Review and submit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review and submit")
    expect(page.get_by_text(f"You have answered {ANSWERED} of 40 questions.")).to_be_visible()
    expect(page.get_by_role("heading", name="Not answered (36)")).to_be_visible()
    expect(page.get_by_role("link", name="Question 5", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Question 40", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Flagged for review (1)")).to_be_visible()
    problems += csp_violations(page)

    page.get_by_role("button", name="Submit the exam").click()
    expect(page).to_have_url(re.compile(r"/exams/\d+/result$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your result: Fail")
    expect(page.get_by_role("region", name="Scores by syllabus area")).to_be_visible()
    expect(page.locator("ol.review > li")).to_have_count(40)
    expect(page.locator("ol.review .explanation")).to_have_count(40)
    expect(page.get_by_role("heading", name="Question 2:")).to_contain_text("(flagged)")
    expect(page.get_by_role("heading", name="Question 5: not answered")).to_be_visible()
    problems += csp_violations(page)
    assert problems == []


def test_exam_question_and_result_pages_have_no_serious_accessibility_violation(
    exam_page: Page,
):
    page = exam_page
    page.goto(EXAM)
    page.get_by_role("button", name="Start the exam").click()
    arrive_at_question(page, 1)
    answer_this_question(page)
    expect(page.get_by_role("status")).to_have_text("Saved")
    page.get_by_label("Flag this question for review").check()
    expect(page.get_by_role("status")).to_have_text("Saved")
    page.reload()
    assert blocking_violations(page) == []

    page.context.set_offline(False)
    page.get_by_role("button", name="Review and submit").click()
    assert blocking_violations(page) == []
    page.context.set_offline(False)
    page.get_by_role("button", name="Submit the exam").click()
    expect(page).to_have_url(re.compile(r"/exams/\d+/result$"))
    assert blocking_violations(page) == []
