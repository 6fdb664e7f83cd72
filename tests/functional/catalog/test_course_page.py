"""The course page: modules, lessons, ticks for what the learner completed."""

import re

from tests.factories import make_user
from tests.functional.catalog.helpers import COURSE, LESSONS, complete, text

DONE_LINK = re.compile(r'<li class="done"> <a href="([^"]+)">')


def test_course_page_lists_modules_and_lessons_in_order(client):
    page = text(client.get(COURSE))
    assert "<h1>Project management for IT professionals</h1>" in page
    for module in ("1. Foundations", "2. Planning the work", "3. Risk and change control"):
        assert module in page
    lesson_links = re.findall(rf'href="({COURSE}/(?!practice/|exams/|scenarios/)[^"]+)"', page)
    assert lesson_links == [lesson.url for lesson in LESSONS]


def test_course_page_lists_its_practice_quizzes(client):
    page = text(client.get(COURSE))
    assert '<h2 id="practice-heading">Practice</h2>' in page
    assert f'href="{COURSE}/practice/why-check">Check: Why IT work is project work</a>' in page
    assert f'href="{COURSE}/practice/risk-and-change"' in page


def test_anonymous_visitor_is_invited_to_log_in_and_sees_no_ticks(client):
    page = text(client.get(COURSE))
    assert f'href="/login?next={COURSE}">Log in</a>' in page
    assert "to track your progress" in page
    assert 'aria-label="completed"' not in page and "<progress" not in page


def test_learner_sees_ticks_on_completed_lessons_and_a_progress_bar(client, learner):
    complete(client, LESSONS[0].id)
    complete(client, LESSONS[3].id)
    page = text(client.get(COURSE))
    assert DONE_LINK.findall(page) == [LESSONS[0].url, LESSONS[3].url]
    assert page.count('aria-label="completed"') == 2
    assert f"2 of {len(LESSONS)} lessons complete" in page
    assert f'<progress max="{len(LESSONS)}" value="2"' in page


def test_ticks_belong_to_the_learner_who_earned_them(client, learner, auth, ctx):
    complete(client, LESSONS[0][0])
    auth.logout()
    with ctx():
        make_user(email="other@example.com")
    auth.login(email="other@example.com")
    page = text(client.get(COURSE))
    assert DONE_LINK.findall(page) == []
    assert f"0 of {len(LESSONS)} lessons complete" in page


def test_course_page_lists_its_mock_exam(client):
    page = text(client.get(COURSE))
    assert f'href="{COURSE}/exams/mock-exam"' in page
    assert "40 questions · 60 min" in page


def test_course_page_lists_its_scenarios(client):
    page = text(client.get(COURSE))
    assert '<h2 id="scenarios-heading">Scenarios</h2>' in page
    assert f'href="{COURSE}/scenarios/patch-the-email-servers"' in page
