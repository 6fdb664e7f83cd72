"""The dashboard: overall and per-course completion, the last lesson opened, the next one."""

import re

from tests.functional.catalog.helpers import ALL_LESSONS, LESSONS, complete, percent, text

TOTAL = len(ALL_LESSONS)  # the dashboard counts every course's lessons


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
    assert f"0 of {TOTAL} lessons complete (0%)" in page
    assert "You have not opened a lesson yet." in section(page, "last-heading")
    assert f'href="{LESSONS[0].url}"' in section(page, "next-heading")


def test_dashboard_shows_the_last_lesson_opened(client, learner):
    client.get(LESSONS[3].url)
    client.get(LESSONS[1].url)
    last = section(dashboard(client), "last-heading")
    assert f'href="{LESSONS[1].url}">{LESSONS[1].title}</a>' in last


def test_next_to_read_is_the_first_unfinished_lesson(client, learner):
    for n in (0, 1, 3):
        complete(client, LESSONS[n].id)
    page = dashboard(client)
    assert f"3 of {TOTAL} lessons complete ({percent(3, TOTAL)}%)" in page
    assert f'href="{LESSONS[2].url}"' in section(page, "next-heading")


def test_per_course_bar_counts_completed_lessons(client, learner):
    complete(client, LESSONS[0].id)
    complete(client, LESSONS[4].id)
    page = dashboard(client)
    courses = section(page, "courses-heading")
    assert f"2 of {len(LESSONS)} complete" in courses  # the course's own lessons
    assert f'<progress max="100" value="{percent(2, len(LESSONS))}"' in courses


def test_learner_who_finished_everything_is_told_so(client, learner):
    for lesson in ALL_LESSONS:
        complete(client, lesson.id)
    page = dashboard(client)
    assert f"{TOTAL} of {TOTAL} lessons complete (100%)" in page
    assert "Nothing left to read. Well done." in section(page, "next-heading")


def test_next_to_read_follows_the_last_lesson_opened(client, learner):
    client.get(LESSONS[2].url)
    assert f'href="{LESSONS[3].url}"' in section(dashboard(client), "next-heading")


def test_next_to_read_skips_finished_lessons_after_the_last_opened(client, learner):
    client.get(LESSONS[2].url)
    complete(client, LESSONS[3].id)
    assert f'href="{LESSONS[4].url}"' in section(dashboard(client), "next-heading")


def test_next_to_read_goes_back_to_the_earliest_gap_when_the_rest_is_done(client, learner):
    for lesson in LESSONS[1:]:
        complete(client, lesson.id)
    client.get(LESSONS[-1].url)
    assert f'href="{LESSONS[0].url}"' in section(dashboard(client), "next-heading")
