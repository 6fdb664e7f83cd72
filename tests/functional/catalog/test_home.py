"""The home page: the catalog, and for a learner, progress and where to go next."""

import re

from tests.functional.catalog.helpers import COURSE, LESSONS, complete, percent, text


def continue_link(page: str) -> tuple[str, str]:
    match = re.search(r'<a class="button" href="([^"]+)">(Continue|Start)<', page)
    assert match, "no Continue or Start button"
    return match.group(1), match.group(2)


def test_home_lists_the_course_with_lesson_count_and_hours(client):
    page = text(client.get("/"))
    assert f'<a href="{COURSE}">Project management for IT professionals</a>' in page
    hours = round(sum(lesson.minutes for lesson in LESSONS) / 60, 1)
    assert f"{len(LESSONS)} lessons · about {hours} hours" in page


def test_anonymous_home_shows_no_progress(client):
    page = text(client.get("/"))
    assert "<progress" not in page
    assert "Continue" not in page and "Start<" not in page


def test_new_learner_sees_empty_progress_bar_and_start_at_the_first_lesson(client, learner):
    page = text(client.get("/"))
    assert f"0 of {len(LESSONS)} complete" in page
    assert '<progress max="100" value="0"' in page
    assert continue_link(page) == (LESSONS[0][1], "Start")


def test_learner_continues_at_the_next_unfinished_lesson(client, learner):
    complete(client, LESSONS[0][0])
    page = text(client.get("/"))
    assert f"1 of {len(LESSONS)} complete" in page
    assert f'<progress max="100" value="{percent(1, len(LESSONS))}"' in page
    assert continue_link(page) == (LESSONS[1][1], "Continue")


def test_continue_goes_to_the_first_gap_not_past_the_last_completed(client, learner):
    complete(client, LESSONS[0][0])
    complete(client, LESSONS[2][0])
    assert continue_link(text(client.get("/"))) == (LESSONS[1][1], "Continue")


def test_learner_who_finished_every_lesson_sees_course_complete(client, learner):
    for lesson in LESSONS:
        complete(client, lesson.id)
    page = text(client.get("/"))
    assert f"{len(LESSONS)} of {len(LESSONS)} complete" in page and "Course complete." in page
    assert "Project management for IT professionals</span></a>" not in page  # no Start/Continue
