"""Spaced review in the browser: a wrong answer comes back the next day, and reviewing
it moves mastery and exam readiness on the dashboard. Also the review queue by keyboard
alone, and the review and progress pages (with data behind every chart) under axe and
at 375 px."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
import time_machine
from playwright.sync_api import Browser, Locator, Page, expect
from sqlalchemy import func, select

from app.extensions import db
from app.models import Lesson, PracticeRun, Question, QuestionTag, Quiz, ReviewCard
from app.models._types import utcnow
from app.progress import services, tracking
from app.quizzes.practice import tag_pool
from tests.browser.conftest import (
    LiveServer,
    listen_for_problems,
    signed_in_state,
)
from tests.browser.test_accessibility import blocking_violations
from tests.browser.test_small_screen import OVERFLOW, PHONE
from tests.factories import PASSWORD, make_user
from tests.seed_history import seed_history

pytestmark = pytest.mark.browser

EXAM_ID = "exam-pmit-mock"
TAG = "it-change-enablement"  # in the mock exam's blueprint
# Earlier practice on every area of the exam: about half right, so the pass chance sits
# where one answer visibly moves it.
EARLIER_OUTCOMES = [1.0, 0.0, 1.0, 1.0, 0.0, 1.0]
FIRST_LESSON_ID = "pmit-why-projects"


@dataclass
class Account:
    user_id: int
    email: str
    state: dict | None = None  # signed-in cookies


def single_choice_questions(tag_id: str | None = None) -> list[Question]:
    """Current single-choice practice questions outside any booklet; with ``tag_id``,
    only those tagged with it alone (so an answer moves that one area)."""
    stmt = select(Question).where(
        Question.type == "single",
        Question.in_practice,
        Question.booklet_id.is_(None),
        Question.retired_at.is_(None),
    )
    if tag_id is not None:
        only_tag = (
            select(QuestionTag.question_id)
            .group_by(QuestionTag.question_id)
            .having(func.count() == 1, func.max(QuestionTag.tag_id) == tag_id)
        )
        stmt = stmt.where(Question.id.in_(only_tag))
    return list(db.session.scalars(stmt.order_by(Question.id)))


def option_text(question: Question, correct: bool) -> str:
    return next(o["text"] for o in question.content["options"] if o["correct"] is correct)


@pytest.fixture
def open_as(new_page):
    """Open a page in a fresh context: ``open_as(account, viewport=...)``, or
    ``open_as(None)`` signed out; the contexts are closed after the test."""

    def open_page(account: Account | None, **options) -> Page:
        return new_page(state=account.state if account is not None else None, **options)

    return open_page


# --- 1. The journey: wrong today, due tomorrow, reviewed, dashboard moves ---


@dataclass
class Journey:
    email: str
    run_path: str
    question_stem: str
    wrong: str
    right: str


@pytest.fixture(scope="module")
def journey(live_server: LiveServer) -> Journey:
    """A learner with some earlier practice on every exam area (no review cards), and a
    practice run holding one single-choice question on ``TAG``."""
    with live_server.app.app_context():
        user = make_user(email="review-journey@example.com")
        earlier = utcnow() - timedelta(days=3)
        blueprint = db.session.get(Quiz, EXAM_ID).blueprint
        for tag_id in blueprint:
            questions = [db.session.get(Question, qid) for qid in tag_pool(tag_id)]
            answers = [
                tracking.Answer(question, outcome, 40)
                for question, outcome in zip(questions, EARLIER_OUTCOMES, strict=False)
            ]
            # schedule=False: this history comes without review cards, so that the
            # only card in the story is the one the learner gets wrong below.
            tracking.record_answers(user.id, answers, earlier, schedule=False)
        question = single_choice_questions(TAG)[0]
        run = PracticeRun(
            user_id=user.id, quiz_id="quiz-pmit-change-check", question_ids=[question.id]
        )
        db.session.add(run)
        db.session.commit()
        found = Journey(
            user.email,
            f"/practice/runs/{run.id}/1",
            html.unescape(re.sub(r"<[^>]+>", "", question.content["stem_html"])).strip(),
            option_text(question, correct=False),
            option_text(question, correct=True),
        )
        db.session.remove()
    return found


def review_link(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Main").get_by_role(
        "link", name=re.compile(r"^Review")
    )


def pass_chance(page: Page) -> int:
    """The mock exam's pass probability shown on the dashboard, in percent."""
    figure = page.locator(f"article.readiness:has(#exam-{EXAM_ID}) .readiness-figure").inner_text()
    return int(re.fullmatch(r"(\d+)% chance of passing now", figure.strip()).group(1))


def answers_behind(page: Page, tag_id: str) -> int:
    """How many answers the dashboard says are behind ``tag_id``'s mastery figure."""
    text = page.locator(f"#tagv-{tag_id}").inner_text()
    return int(re.search(r"from (\d+) answers", text).group(1))


def log_in_and_stay(page: Page, email: str) -> None:
    """Log in with "Keep me signed in": the session must outlive a night (an ordinary
    session ends after 12 idle hours)."""
    page.goto("/login")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Keep me signed in on this device").check()
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/progress$"))


def test_a_wrong_answer_is_due_for_review_next_day_and_reviewing_it_moves_the_dashboard(
    open_as, journey: Journey
):
    page = open_as(None)
    problems = listen_for_problems(page)
    log_in_and_stay(page, journey.email)
    answers_before, chance_before = answers_behind(page, TAG), pass_chance(page)
    expect(review_link(page)).to_have_text("Review")

    page.goto(journey.run_path)
    page.get_by_label(journey.wrong, exact=True).check()
    page.get_by_role("button", name="Check answer").click()
    expect(page.locator("#feedback-heading")).to_be_visible()
    page.get_by_role("link", name="Dashboard").click()
    assert answers_behind(page, TAG) == answers_before + 1
    assert pass_chance(page) < chance_before
    expect(review_link(page)).to_have_text("Review")  # not due today

    # The live server is a thread of this process (conftest.start_live_server), and
    # time-machine replaces the clock functions process-wide, so this moves the server's
    # clock: no test hook in app/. Chromium keeps the real time, which only it uses (for
    # cookies). Nothing rate-limited is posted while time is moved: the limiter keeps
    # its windows in memory, and one opened tomorrow would outlast this test.
    with time_machine.travel(utcnow() + timedelta(days=1, hours=1)):
        page.reload()
        expect(review_link(page)).to_have_text("Review (1 due)")
        answers_next_day, chance_next_day = answers_behind(page, TAG), pass_chance(page)

        review_link(page).click()
        expect(page.get_by_role("heading", name="Question")).to_be_visible()
        expect(page.locator("#stem")).to_contain_text(journey.question_stem)
        page.get_by_label(journey.right, exact=True).check()
        page.get_by_role("button", name="Check answer").click()
        expect(page.get_by_text(re.compile(r"^Rated (Good|Easy):"))).to_be_visible()
        page.get_by_role("link", name="All done: back to your dashboard").click()

        expect(page).to_have_url(re.compile(r"/progress$"))
        expect(review_link(page)).to_have_text("Review")
        assert answers_behind(page, TAG) == answers_next_day + 1
        assert pass_chance(page) > chance_next_day
    assert problems == []


# --- A learner with cards to review: one wrong answer per test, and key terms ---


@pytest.fixture(scope="module")
def reviewer(browser: Browser, live_server: LiveServer) -> Account:
    """A learner who completed the first lesson: its key terms are in the queue."""
    with live_server.app.app_context():
        user = make_user(email="review-cards@example.com")
        services.set_completed(user, db.session.get(Lesson, FIRST_LESSON_ID), True)
        account = Account(user.id, user.email)
        db.session.remove()
    account.state = signed_in_state(browser, live_server, account.email)
    return account


@pytest.fixture
def question_card(live_server: LiveServer, reviewer: Account) -> str:
    """A question the reviewer got wrong three days ago, so its card is the most overdue
    (before the key terms); returns its correct option's text."""
    with live_server.app.app_context():
        carded = set(
            db.session.scalars(
                select(ReviewCard.item_id).where(ReviewCard.user_id == reviewer.user_id)
            )
        )
        question = next(q for q in single_choice_questions() if q.id not in carded)
        wrong = tracking.Answer(question, 0.0, 40)
        tracking.record_answers(reviewer.user_id, [wrong], utcnow() - timedelta(days=3))
        db.session.commit()
        right = option_text(question, correct=True)
        db.session.remove()
    return right


def due_now(page: Page) -> int:
    """The number of cards the review page says are due now."""
    text = page.locator("#goal-text").inner_text()
    return int(re.search(r"(\d+) cards? due now", text).group(1))


def answer_then_next_card(page: Page, option: str) -> None:
    """Answer the question card shown, then go on to the next card."""
    page.get_by_label(option, exact=True).check()
    page.get_by_role("button", name="Check answer").click()
    page.get_by_role("link", name=re.compile(r"^Next card")).click()
    expect(page.get_by_role("heading", name="Key term")).to_be_visible()


# --- 2. Keyboard alone ---

# The focused element, and whether it is a control whose focus shows no outline (the
# CSS gives :focus-visible a 3px one).
FOCUS_PROBE = """
(predicate) => {
  const el = document.activeElement;
  const control = el.matches("a[href], button, input, select, summary");
  return {
    matches: predicate(el),
    invisible: control && getComputedStyle(el).outlineStyle === "none",
    html: el.outerHTML.slice(0, 120),
  };
}
"""


def tab_to(page: Page, predicate_js: str, max_presses: int = 60) -> None:
    """Press Tab until the focused element satisfies ``predicate_js`` (a JavaScript
    function of the element); every control passed on the way must show its focus."""
    probe = f"({FOCUS_PROBE})({predicate_js})"
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        focus = page.evaluate(probe)
        assert not focus["invisible"], f"focus is not visible on {focus['html']}"
        if focus["matches"]:
            return
    raise AssertionError(f"nothing matching {predicate_js} after {max_presses} presses of Tab")


def named(tag: str, text: str, starts: bool = False) -> str:
    """A predicate for the ``tag`` element whose text is (or, with ``starts``, begins
    with) ``text``."""
    shown = "el.textContent.trim().replace(/\\s+/g, ' ')"
    test = (
        f"{shown}.startsWith({json.dumps(text)})" if starts else f"{shown} === {json.dumps(text)}"
    )
    return f"el => el.tagName === {json.dumps(tag.upper())} && {test}"


def press(page: Page, key: str) -> None:
    """Press ``key`` on the focused control and wait for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press(key)


def test_a_question_card_and_a_key_term_are_reviewed_by_keyboard_alone(
    open_as, reviewer: Account, question_card: str
):
    page = open_as(reviewer)
    problems = listen_for_problems(page)
    page.goto("/review")
    expect(page.get_by_role("heading", name="Question")).to_be_visible()

    tab_to(page, "el => el.name === 'choice'")
    page.keyboard.press("Space")
    expect(page.locator("input[name=choice]:checked")).to_have_count(1)
    tab_to(page, named("button", "Check answer"))
    press(page, "Enter")
    expect(page.get_by_text(re.compile(r"^Rated (Again|Good|Easy):"))).to_be_visible()

    tab_to(page, named("a", "Next card", starts=True))
    press(page, "Enter")
    expect(page.get_by_role("heading", name="Key term")).to_be_visible()
    due_before = due_now(page)
    definition = page.locator("details.definition")
    tab_to(page, named("summary", "Show the definition"))
    page.keyboard.press("Enter")
    expect(definition).to_have_attribute("open", "")
    expect(definition.locator("p")).to_be_visible()
    tab_to(page, named("button", "Good"))
    press(page, "Enter")
    expect(page).to_have_url(re.compile(r"/review$"))
    assert due_now(page) == due_before - 1
    assert problems == []


# --- 3. axe and 375 px on the review queue ---


def test_review_cards_have_no_serious_accessibility_violation(
    open_as, reviewer: Account, question_card: str
):
    page = open_as(reviewer)
    page.goto("/review")
    expect(page.get_by_role("heading", name="Question")).to_be_visible()
    found = blocking_violations(page)
    page.context.set_offline(False)
    page.get_by_label(question_card, exact=True).check()
    page.get_by_role("button", name="Check answer").click()
    expect(page.get_by_text(re.compile(r"^Rated (Good|Easy):"))).to_be_visible()
    found += blocking_violations(page)
    page.context.set_offline(False)
    page.get_by_role("link", name=re.compile(r"^Next card")).click()
    expect(page.get_by_role("heading", name="Key term")).to_be_visible()
    page.get_by_text("Show the definition").click()
    found += blocking_violations(page)
    assert found == []


def test_review_cards_fit_375px(open_as, reviewer: Account, question_card: str):
    page = open_as(reviewer, viewport=PHONE)
    page.goto("/review")
    expect(page.get_by_role("heading", name="Question")).to_be_visible()
    overflow = {"question": page.evaluate(OVERFLOW)}
    answer_then_next_card(page, question_card)
    page.get_by_text("Show the definition").click()
    overflow["key term"] = page.evaluate(OVERFLOW)
    assert {card: px for card, px in overflow.items() if px > 0} == {}, "pixels of sideways scroll"


# --- 3 and 4. The dashboard with data behind every chart ---

CHARTS = [
    # (the chart's name, its table's summary and caption, what marks one figure in the SVG)
    ("Mastery by area", "Mastery as a table", "Mastery by area", "rect.bar"),
    ("Mock exam scores over time", "Mock scores as a table", "Mock exam scores", "circle"),
    ("Time studied per week", "Time studied as a table", "Time studied per week", "rect.column"),
]


@pytest.fixture(scope="module")
def seasoned(browser: Browser, live_server: LiveServer) -> Account:
    """A learner with three months of history: answers on every area, mock exams, study
    days, so that every chart on the dashboard is drawn."""
    with live_server.app.app_context():
        user = make_user(email="review-seasoned@example.com")
        seed_history(user.id, answers=400, cards=1, now=utcnow(), mocks=6)
        account = Account(user.id, user.email)
        db.session.remove()
    account.state = signed_in_state(browser, live_server, account.email)
    return account


def seasoned_dashboard(page: Page) -> Page:
    """The seasoned learner's dashboard with every chart drawn and every table opened."""
    page.goto("/progress")
    expect(page.locator("figure.chart svg")).to_have_count(len(CHARTS))
    for _name, summary, _caption, _mark in CHARTS:
        page.get_by_text(summary, exact=True).click()
    return page


def test_dashboard_with_charts_has_no_serious_accessibility_violation(open_as, seasoned: Account):
    page = seasoned_dashboard(open_as(seasoned))
    assert blocking_violations(page) == []


def test_dashboard_with_charts_and_open_tables_fits_375px(open_as, seasoned: Account):
    page = seasoned_dashboard(open_as(seasoned, viewport=PHONE))
    overflow = page.evaluate(OVERFLOW)
    assert overflow <= 0, f"/progress scrolls {overflow}px sideways"


@pytest.mark.parametrize(("name", "summary", "caption", "mark"), CHARTS)
def test_each_chart_is_a_named_image_with_a_table_behind_its_summary(
    open_as, seasoned: Account, name, summary, caption, mark
):
    page = open_as(seasoned)
    page.goto("/progress")
    chart = page.get_by_role("img", name=name)
    expect(chart).to_have_count(1)
    expect(chart).to_have_accessible_name(re.compile(rf"^{re.escape(name)}\b"))
    points = chart.locator(mark).count()
    assert points > 0

    details = page.locator("details", has=page.get_by_text(summary, exact=True))
    table = details.get_by_role("table", name=caption, exact=True)
    expect(table).to_be_hidden()
    details.get_by_text(summary, exact=True).click()
    expect(table).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(points)
