"""The dashboard, the review page and the navigation's due count cost a fixed number
of SQL statements however long the learner's history: the same for 100 answers and
20 review cards as for 20,000 answers and 2,000 cards. Statements are counted on the
engine, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from app.models._types import utcnow
from tests.conftest import sql_statements
from tests.seed_history import seed_history

PAGES = {"dashboard": "/progress", "review": "/review", "navigation": "/"}
# Measured on both engines. Each count includes the test transaction's SAVEPOINT and
# ROLLBACK TO SAVEPOINT, and one statement for the session, the user and the navigation's
# due count together (the home page's fourth is its course list). The dashboard reads the
# syllabus (tags, pools, lessons, exams) once per content load and then only its digest;
# one statement finds work assigned to the learner in their cohorts (none here).
# A change here is a change to look at, not a number to paste in.
STATEMENTS = {"dashboard": 10, "review": 6, "navigation": 4}


def statements_per_page(app, client) -> dict[str, int]:
    """Statements per page, each page read once before (a first visit may write)."""
    counts = {}
    for name, path in PAGES.items():
        assert client.get(path).status_code == 200, path
        with sql_statements(app) as sent:
            assert client.get(path).status_code == 200, path
        counts[name] = len(sent)
    return counts


def test_pages_cost_the_same_statements_for_100_and_20000_answers(app, browser, ctx):
    counts = {}
    for n, (answers, cards) in enumerate([(100, 20), (20_000, 2_000)]):
        learner = browser(f"history{answers}@example.com")
        with ctx():
            seed_history(learner.user_id, answers=answers, cards=cards, now=utcnow(), seed=n)
        counts[answers] = statements_per_page(app, learner.client)
    assert counts[100] == counts[20_000] == STATEMENTS
