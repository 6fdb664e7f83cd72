"""The lesson page: what it shows, and how it invites tracking."""

import re

from tests.conftest import csrf_token
from tests.functional.catalog.helpers import LESSONS, MODULES, complete, links, text

FIRST_ID, FIRST = LESSONS[0].id, LESSONS[0].url


def test_lesson_page_shows_title_minutes_and_objectives(client):
    page = text(client.get(FIRST))
    assert "<h1>Why IT work is project work</h1>" in page
    assert "About 15 minutes" in page
    objectives = re.search(r'<section class="objectives".*?</section>', page).group(0)
    assert objectives.count("<li>") == 3
    assert "Explain the characteristics that make a piece of IT work a project" in objectives


def test_lesson_page_has_a_table_of_contents_linking_to_its_headings(client):
    page = text(client.get(FIRST))
    toc = re.search(r'<nav class="toc".*?</nav>', page).group(0)
    targets = re.findall(r'href="#([^"]+)"', toc)
    assert "sec-introduction" in targets and "sec-summary" in targets
    for target in targets:
        assert f'id="{target}"' in page


def test_first_lesson_links_only_to_the_next(client):
    page = text(client.get(FIRST))
    assert links(page, "prev") == []
    assert links(page, "next") == [LESSONS[1][1]]


def test_lesson_in_the_middle_links_to_previous_and_next(client):
    page = text(client.get(LESSONS[1].url))
    assert links(page, "prev") == [LESSONS[0].url]
    assert links(page, "next") == [LESSONS[2].url]


def test_lesson_links_to_previous_and_next_across_modules(client):
    last_of_first, first_of_second = MODULES[0][-1], MODULES[1][0]
    assert links(text(client.get(last_of_first.url)), "next") == [first_of_second.url]
    assert links(text(client.get(first_of_second.url)), "prev") == [last_of_first.url]


def test_last_lesson_links_only_to_the_previous(client):
    page = text(client.get(LESSONS[-1][1]))
    assert links(page, "prev") == [LESSONS[-2][1]]
    assert links(page, "next") == []


def test_anonymous_reader_is_told_to_log_in_to_track_progress(client):
    page = text(client.get(FIRST))
    assert "Progress tracking needs an account" in page
    assert f'href="/login?next={FIRST}">log in</a>' in page
    assert "Mark as complete" not in page
    assert "/progress/lessons/" not in page


def test_learner_sees_mark_as_complete_form(client, learner):
    page = text(client.get(FIRST))
    form = re.search(
        rf'<form method="post" action="/progress/lessons/{FIRST_ID}/complete".*?</form>', page
    )
    assert form and 'name="csrf_token"' in form.group(0)
    assert "Mark as complete" in form.group(0)
    assert "Progress tracking needs an account" not in page


def test_completed_lesson_says_so_and_offers_undo(client, learner):
    complete(client, FIRST_ID)
    page = text(client.get(FIRST))
    assert "<strong>Completed</strong>" in page
    assert "You have completed this lesson." in page
    assert f'action="/progress/lessons/{FIRST_ID}/undo"' in page
    assert "Mark as complete<" not in page


def test_completing_returns_the_learner_to_the_lesson(client, learner):
    response = client.post(
        f"/progress/lessons/{FIRST_ID}/complete", data={"csrf_token": csrf_token(client, FIRST)}
    )
    assert response.headers["Location"] == FIRST + "#completion"
