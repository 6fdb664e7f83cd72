"""The board's pages of learners: 25 a page unless the instructor picks 50 or 100, and
sort, order and page size carried by every link."""

from __future__ import annotations

import re

from tests.factories import make_user
from tests.functional.cohorts.helpers import enrol


def rows(page: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="[^"]*">([^<]*)</a>', page)


def learners(ctx, cohort, n: int) -> None:
    with ctx():
        ids = [make_user(display_name=f"Learner {i:02d}").id for i in range(n)]
    enrol(ctx, cohort, *ids)


def test_the_board_shows_25_learners_a_page_by_default_and_the_rest_on_the_next(owner, ctx, cohort):
    learners(ctx, cohort, 30)
    first = owner.client.get(f"/cohorts/{cohort}").text
    second = owner.client.get(f"/cohorts/{cohort}?page=2").text

    assert rows(first) == [f"Learner {i:02d}" for i in range(25)]
    assert rows(second) == [f"Learner {i:02d}" for i in range(25, 30)]
    assert (
        "Page 1 of 2" in first
        and f'href="/cohorts/{cohort}?sort=name&amp;page=2#assignments"' in first
    )
    assert '<nav class="pager" aria-label="Learners per page">' in first


def test_the_instructor_can_show_50_a_page_and_links_keep_that_choice(owner, ctx, cohort):
    learners(ctx, cohort, 60)
    page = owner.client.get(f"/cohorts/{cohort}?per=50&sort=name&desc=1").text

    assert len(rows(page)) == 50
    assert rows(page)[0] == "Learner 59"
    assert "Page 1 of 2" in page
    assert f"/cohorts/{cohort}?sort=name&amp;desc=1&amp;page=2&amp;per=50#assignments" in page
    assert f"/cohorts/{cohort}?sort=done&amp;per=50#assignments" in page
    assert '<span aria-current="true">50</span>' in page


def test_a_page_size_not_offered_falls_back_to_25(owner, ctx, cohort):
    learners(ctx, cohort, 30)
    for per in ("7", "1000", "many"):
        page = owner.client.get(f"/cohorts/{cohort}?per={per}")
        assert page.status_code == 200
        assert len(rows(page.text)) == 25


def test_a_small_cohort_offers_no_page_sizes(owner, ctx, cohort):
    learners(ctx, cohort, 3)
    page = owner.client.get(f"/cohorts/{cohort}").text
    assert len(rows(page)) == 3
    assert "Learners per page" not in page and "Page 1 of" not in page
