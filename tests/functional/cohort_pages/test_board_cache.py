"""The progress board is stored once rendered and served until something on it changes.

Each test of a change first has the page stored, then makes the change the way the
product makes it (through its service), then looks again: the page must show the
change. Independently, every board page any functional test is served is compared
with a freshly computed one (``_boards_never_stale`` in tests/functional/conftest.py).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from app.auth import services as accounts
from app.cohorts import assignments, board_cache, invites, practice_sets, services, stamps
from app.extensions import db
from app.models import Assignment, BoardView, Cohort, Lesson, User
from app.models._types import utcnow
from app.progress.services import set_completed
from app.templating import local_time
from tests.factories import make_user
from tests.functional.cohort_pages.conftest import WEEK
from tests.functional.cohorts.helpers import LESSON, enrol, link_token, naive_local, text


def board(owner, cohort: int, query: str = "") -> str:
    response = owner.client.get(f"/cohorts/{cohort}{query}")
    assert response.status_code == 200
    return text(response)


def stored(ctx, cohort: int) -> dict[str, int]:
    """The cohort's stored pages that would be served now: view → version."""
    with ctx():
        version = db.session.get(Cohort, cohort).board_version
        return {
            view: kept
            for view, kept in db.session.execute(
                select(BoardView.view, BoardView.version).where(BoardView.cohort_id == cohort)
            )
            if kept == version
        }


def stored_then(owner, ctx, cohort: int, change) -> tuple[str, str]:
    """The board before and after ``change`` (run in an app context), the first stored."""
    before = board(owner, cohort)
    assert "name|0|1|25" in stored(ctx, cohort)
    with ctx():
        change()
    assert stored(ctx, cohort) == {}, "the change left the stored page current"
    return before, board(owner, cohort)


def get(model, key):
    return db.session.get(model, key)


# Serving what is stored


@pytest.mark.board_unchecked
def test_a_stored_page_is_served_without_computing_the_board(
    owner, ctx, cohort, member, work, monkeypatch
):
    first = board(owner, cohort)

    def computing(*args, **kwargs):
        raise AssertionError("the board was computed again")

    monkeypatch.setattr(board_cache, "board", computing)
    assert board(owner, cohort) == first
    assert "Mina Member" in first


def test_each_sort_order_page_and_size_is_stored_apart(owner, ctx, cohort, member, work):
    board(owner, cohort)
    board(owner, cohort, "?sort=done&desc=1")
    board(owner, cohort, f"?sort=a{work['exam']}&per=50")
    assert set(stored(ctx, cohort)) == {"name|0|1|25", "done|1|1|25", f"a{work['exam']}|0|1|50"}


def test_parameters_out_of_range_are_served_but_store_nothing_new(owner, ctx, cohort, member, work):
    board(owner, cohort)
    for query in ("?page=99", "?sort=bogus", "?per=7", "?page=-3", "?sort=a999999"):
        assert "Mina Member" in board(owner, cohort, query)
    assert set(stored(ctx, cohort)) == {"name|0|1|25"}


# Every change the board shows makes the stored page stale


def test_a_learners_work_shows_at_once(owner, ctx, cohort, member, work):
    def read_the_lesson():
        set_completed(get(User, member.user_id), get(Lesson, LESSON), True)

    before, after = stored_then(owner, ctx, cohort, read_the_lesson)
    assert "Done" not in before.split("<tbody>")[1].split("</tbody>")[0]
    assert "Done" in after.split("<tbody>")[1].split("</tbody>")[0]


def test_work_that_changes_no_result_leaves_the_stored_page_current(
    owner, ctx, cohort, member, work
):
    with ctx():
        set_completed(get(User, member.user_id), get(Lesson, LESSON), True)
    board(owner, cohort)
    with ctx():
        version = get(Cohort, cohort).board_version
        set_completed(get(User, member.user_id), get(Lesson, LESSON), True)  # again: no change
        assert get(Cohort, cohort).board_version == version
    assert "name|0|1|25" in stored(ctx, cohort)


@pytest.mark.parametrize("assigned", [True, False], ids=["with work", "nothing assigned"])
def test_a_learner_joining_shows_at_once(owner, ctx, cohort, member, request, assigned):
    """With nothing assigned no result is written, so joining marks the board itself."""
    if assigned:
        request.getfixturevalue("work")
    with ctx():
        newcomer = make_user(email="new@example.com", display_name="Nadia Newcomer").id
    token = link_token(ctx, cohort, member.user_id)
    before, after = stored_then(
        owner, ctx, cohort, lambda: invites.accept(token, get(User, newcomer))
    )
    assert "Nadia Newcomer" not in before and "Nadia Newcomer" in after
    assert "2 learners" in after


def test_a_learner_removed_or_leaving_goes_at_once(owner, ctx, cohort, member, work):
    with ctx():
        other = make_user(email="other@example.com", display_name="Otto Other").id
    enrol(ctx, cohort, other)

    before, after = stored_then(
        owner, ctx, cohort, lambda: services.remove_member(get(Cohort, cohort), other)
    )
    assert "Otto Other" in before and "Otto Other" not in after

    _, after = stored_then(
        owner, ctx, cohort, lambda: services.leave(get(Cohort, cohort), member.user_id)
    )
    assert "Mina Member" not in after and "No learners yet" in after


def test_work_assigned_or_withdrawn_shows_at_once(owner, ctx, cohort, member, work):
    def assign_scenario():
        assignments.create(
            get(Cohort, cohort), "scenario", "scn-email-patch", naive_local(utcnow() + WEEK)
        )

    before, after = stored_then(owner, ctx, cohort, assign_scenario)
    assert after.count('<th scope="col"') == before.count('<th scope="col"') + 1

    _, after = stored_then(
        owner, ctx, cohort, lambda: assignments.remove(get(Assignment, work["exam"]))
    )
    assert after.count('<th scope="col"') == before.count('<th scope="col"')


def test_a_practice_set_built_for_the_cohort_shows_at_once(owner, ctx, cohort, member, work):
    def build():
        practice_sets.create_practice_set(get(Cohort, cohort), naive_local(utcnow() + WEEK))

    before, after = stored_then(owner, ctx, cohort, build)
    assert "Practice: " not in before and "Practice: " in after


def test_an_extension_shows_at_once(owner, ctx, cohort, member, work):
    later = utcnow() + 3 * WEEK

    def extend():
        cohort_row = get(Cohort, cohort)
        assignment = get(Assignment, work["exam"])
        assignments.set_exception(cohort_row, assignment, member.user_id, naive_local(later), 0)

    before, after = stored_then(owner, ctx, cohort, extend)
    assert "extended to" not in before and "extended to" in after


def test_a_learner_renaming_themselves_shows_at_once(owner, ctx, cohort, member, work):
    before, after = stored_then(
        owner,
        ctx,
        cohort,
        lambda: accounts.update_profile(get(User, member.user_id), "Mina Renamed", "UTC"),
    )
    assert "Mina Member" in before and "Mina Renamed" in after and "Mina Member" not in after


def test_a_deleted_accounts_name_is_gone_at_once(owner, ctx, cohort, member, work):
    before, after = stored_then(
        owner, ctx, cohort, lambda: accounts.delete_account(get(User, member.user_id))
    )
    assert "Mina Member" in before and "Mina Member" not in after


def test_a_new_time_zone_shows_at_once(owner, ctx, cohort, member, work):
    with ctx():
        due = get(Assignment, work["exam"]).due_at
    before, after = stored_then(
        owner,
        ctx,
        cohort,
        lambda: services.rename(get(Cohort, cohort), "PRINCE2 team", "Asia/Tokyo"),
    )
    assert local_time(due, "Europe/Berlin") in before
    assert local_time(due, "Asia/Tokyo") in after


def test_only_the_changed_cohorts_pages_go_stale(owner, ctx, cohort, member, work):
    from app.auth.services import get_user

    with ctx():
        other = services.create_cohort(get_user(owner.user_id), "Other team", "UTC").id
    board(owner, cohort)
    board(owner, other)
    with ctx():
        services.rename(get(Cohort, other), "Other team", "Europe/Paris")
    assert stored(ctx, cohort) and not stored(ctx, other)


# Time passing, races and failures


def render(computed) -> str:
    return f"{computed.learners}:" + ",".join(
        f"{row.user.display_name}={c.state}" for row in computed.rows for c in row.cells
    )


def test_a_page_is_not_served_after_the_next_due_date(ctx, cohort, member, work):
    with ctx():
        cohort_row = get(Cohort, cohort)
        due = get(Assignment, work["exam"]).due_at
        now = due - timedelta(minutes=10)  # within MAX_AGE
        first = board_cache.board_page(cohort_row, now, "name", False, 1, 25, render)
        assert "=overdue" not in first.html
        assert db.session.scalar(select(BoardView.valid_until)) == due

        at_due = board_cache.board_page(cohort_row, due, "name", False, 1, 25, render)
        assert at_due.html == first.html
        after = board_cache.board_page(
            cohort_row, due + timedelta(seconds=1), "name", False, 1, 25, render
        )
        assert "=overdue" in after.html


def test_a_page_is_kept_at_most_max_age_without_a_due_date_before(ctx, cohort, member):
    with ctx():
        now = utcnow()
        board_cache.board_page(get(Cohort, cohort), now, "name", False, 1, 25, render)
        assert db.session.scalar(select(BoardView.valid_until)) == now + board_cache.MAX_AGE


@pytest.mark.board_unchecked  # the raced request is served the page it computed
def test_a_page_computed_while_a_change_commits_is_not_served_afterwards(ctx, cohort, member, work):
    """The version is read before the board: a change committed between that read and
    the store leaves the page stored under the old version."""

    def render_then_rename(computed):
        html = render(computed)
        accounts.update_profile(get(User, member.user_id), "Mina Late", "UTC")  # commits
        return html

    with ctx():
        cohort_row = get(Cohort, cohort)
        now = utcnow()
        raced = board_cache.board_page(cohort_row, now, "name", False, 1, 25, render_then_rename)
        assert "Mina Member" in raced.html
        again = board_cache.board_page(cohort_row, now, "name", False, 1, 25, render)
        assert "Mina Late" in again.html


def test_an_older_page_never_replaces_a_newer_one_and_older_versions_go(ctx, cohort, member):
    with ctx():
        cohort_row = get(Cohort, cohort)
        now = utcnow()
        board_cache.board_page(cohort_row, now, "done", False, 1, 25, render)
        stamps.stale([cohort])
        db.session.commit()
        board_cache.board_page(cohort_row, now, "name", False, 1, 25, render)
        version = get(Cohort, cohort).board_version
        rows = dict(db.session.execute(select(BoardView.view, BoardView.version)).all())
        assert rows == {"name|0|1|25": version}  # the older version's page went

        page = board_cache.BoardPage(0, 0, "old")
        board_cache._store(cohort, "name|0|1|25", version - 1, now, page)
        kept = db.session.execute(select(BoardView.version, BoardView.html)).one()
        assert kept.version == version and kept.html != "old"


def test_a_page_that_cannot_be_stored_is_still_served(
    owner, ctx, cohort, member, work, monkeypatch
):
    def busy(*args, **kwargs):
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr(board_cache, "upsert", busy)
    assert "Mina Member" in board(owner, cohort)
    assert stored(ctx, cohort) == {}


def test_a_board_stored_for_a_cohort_goes_with_a_bumped_version_only(ctx, cohort, member):
    """Bumping is by statement, not through the loaded object: a session holding the
    cohort does not write an old version back."""
    with ctx():
        cohort_row = get(Cohort, cohort)
        before = cohort_row.board_version
        stamps.stale([cohort, cohort])
        cohort_row.name = "Renamed meanwhile"
        db.session.commit()
        assert get(Cohort, cohort).board_version == before + 1


def test_with_no_learners_work_assigned_still_shows_at_once(owner, ctx, cohort):
    """No result is written then either, so assigning marks the board itself."""

    def assign_lesson():
        assignments.create(get(Cohort, cohort), "lesson", LESSON, naive_local(utcnow() + WEEK))

    before, after = stored_then(owner, ctx, cohort, assign_lesson)
    assert "Nothing assigned yet" in before and "Nothing assigned yet" not in after


def test_the_stored_page_holds_nothing_of_the_viewer(owner, person, ctx, cohort, member, work):
    """Every staff member (an admin too) is served the same stored page: it holds no
    form and no CSRF token."""
    admin = person("admin@example.com", role="admin")
    owners = board(owner, cohort)
    with ctx():
        html = db.session.scalar(select(BoardView.html))
    assert "<form" not in html and "csrf" not in html
    assert progress_section(board(admin, cohort)) == progress_section(owners)


def progress_section(page: str) -> str:
    return page.split('<section aria-labelledby="board-heading"', 1)[1].split("</section>")[0]
