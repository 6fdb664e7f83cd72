"""The dashboard: overall and per-course completion, the last lesson opened, the next one."""

import re

from tests.functional.catalog.helpers import LESSONS, complete, text


def dashboard(client) -> str:
    response = client.get("/progress")
    assert response.status_code == 200
    return text(response)


def section(page: str, heading_id: str) -> str:
    match = re.search(rf'<h2 id="{heading_id}">.*?</section>', page)
    assert match, heading_id
    return match.group(0)


def test_new_learner_has_opened_nothing_and_starts_at_the_first_lesson(client, learner):
    page = dashboard(client)
    assert "0 of 6 lessons complete (0%)" in page
    assert "You have not opened a lesson yet." in section(page, "last-heading")
    assert f'href="{LESSONS[0][1]}"' in section(page, "next-heading")


def test_dashboard_shows_the_last_lesson_opened(client, learner):
    client.get(LESSONS[3][1])
    client.get(LESSONS[1][1])
    last = section(dashboard(client), "last-heading")
    assert f'href="{LESSONS[1][1]}">Scope and stakeholders</a>' in last


def test_next_to_read_is_the_first_unfinished_lesson(client, learner):
    for n in (0, 1, 3):
        complete(client, LESSONS[n][0])
    page = dashboard(client)
    assert "3 of 6 lessons complete (50%)" in page
    assert f'href="{LESSONS[2][1]}"' in section(page, "next-heading")


def test_per_course_bar_counts_completed_lessons(client, learner):
    complete(client, LESSONS[0][0])
    complete(client, LESSONS[4][0])
    page = dashboard(client)
    courses = section(page, "courses-heading")
    assert "2 of 6 complete" in courses
    assert '<progress max="100" value="33"' in courses


def test_learner_who_finished_everything_is_told_so(client, learner):
    for lesson_id, _ in LESSONS:
        complete(client, lesson_id)
    page = dashboard(client)
    assert "6 of 6 lessons complete (100%)" in page
    assert "Nothing left to read. Well done." in section(page, "next-heading")


def test_next_to_read_follows_the_last_lesson_opened(client, learner):
    client.get(LESSONS[2][1])
    assert f'href="{LESSONS[3][1]}"' in section(dashboard(client), "next-heading")


def test_next_to_read_skips_finished_lessons_after_the_last_opened(client, learner):
    client.get(LESSONS[2][1])
    complete(client, LESSONS[3][0])
    assert f'href="{LESSONS[4][1]}"' in section(dashboard(client), "next-heading")


def test_next_to_read_goes_back_to_the_earliest_gap_when_the_rest_is_done(client, learner):
    for n in (1, 2, 3, 4, 5):
        complete(client, LESSONS[n][0])
    client.get(LESSONS[5][1])
    assert f'href="{LESSONS[0][1]}"' in section(dashboard(client), "next-heading")
