"""The progress board's pages, rendered once and kept in the database (``board_views``)
until something they show changes.

Computing a page of a 1,000-learner board (its cells' states from results, extensions
and the time, and totals over every learner) costs far more than the rest of the
request; a stored page is one indexed read. No process keeps it in memory, so every
web process on every host shares it. A stale page is never served:

- everything the board shows bumps the cohort's ``board_version`` in the same
  transaction as the change (``stamps`` lists the writers), and only a page stored at
  the current version is served. The version is read *before* the board is computed,
  so a page computed while a change commits is stored under the old version and is
  never served;
- time changes statuses too, at each due date (not started becomes overdue): a page
  records the first due date, an assignment's or an extension's, at or after the
  moment it was computed, and is not served after it;
- and a page is served for at most ``MAX_AGE``, which bounds anything the rules above
  missed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from markupsafe import Markup
from sqlalchemy import delete, func, select
from sqlalchemy.exc import SQLAlchemyError

from app.cohorts.board import Board, board
from app.database import start_writing, upsert
from app.extensions import db
from app.models import Assignment, AssignmentException, BoardView, Cohort

MAX_AGE = timedelta(minutes=15)


@dataclass
class BoardPage:
    learners: int  # in the cohort, not on this page
    assigned: int
    html: Markup


def view_key(sort: str, descending: bool, page: int, per_page: int) -> str:
    return f"{sort[:40]}|{int(descending)}|{page}|{per_page}"


def board_page(
    cohort: Cohort,
    now: datetime,
    sort: str,
    descending: bool,
    page: int,
    per_page: int,
    render: Callable[[Board], str],
) -> BoardPage:
    """The page as stored, or computed, rendered by ``render`` and stored. Stored under
    the page it turned out to be (the sort and page number as corrected), so a request
    with parameters out of range computes but adds nothing to the table."""
    found = _lookup(cohort.id, view_key(sort, descending, page, per_page), now)
    if found is not None:
        return found
    version = db.session.scalar(select(Cohort.board_version).where(Cohort.id == cohort.id))
    computed = board(cohort, now, sort, descending, page, per_page)
    result = BoardPage(computed.learners, len(computed.columns), Markup(render(computed)))  # noqa: S704 (rendered by Jinja, autoescaped)
    key = view_key(computed.sort, computed.descending, computed.page, computed.per_page)
    _store(cohort.id, key, version, valid_until(cohort.id, now), result)
    return result


def _lookup(cohort_id: int, key: str, now: datetime) -> BoardPage | None:
    """The page stored for ``key`` if it is current: stored at the cohort's version
    and not past its ``valid_until``."""
    row = db.session.execute(
        select(BoardView.learners, BoardView.assigned, BoardView.html)
        .join(Cohort, Cohort.id == BoardView.cohort_id)
        .where(
            BoardView.cohort_id == cohort_id,
            BoardView.view == key,
            BoardView.version == Cohort.board_version,
            BoardView.valid_until >= now,
        )
    ).first()
    if row is None:
        return None
    return BoardPage(row.learners, row.assigned, Markup(row.html))  # noqa: S704 (stored render)


def valid_until(cohort_id: int, now: datetime) -> datetime:
    """When a page computed at ``now`` may next differ without any write: the first
    due date, of an assignment or of an extension, at or after ``now``."""
    dues = [
        db.session.scalar(
            select(func.min(Assignment.due_at)).where(
                Assignment.cohort_id == cohort_id, Assignment.due_at >= now
            )
        ),
        db.session.scalar(
            select(func.min(AssignmentException.due_at))
            .join(Assignment, Assignment.id == AssignmentException.assignment_id)
            .where(Assignment.cohort_id == cohort_id, AssignmentException.due_at >= now)
        ),
    ]
    return min([d for d in dues if d is not None] + [now + MAX_AGE])


def _store(cohort_id: int, key: str, version: int, until: datetime, page: BoardPage) -> None:
    """Keep the page, unless a newer one is there already (another process computed
    it after a change), and drop the cohort's pages of older versions. A page that
    cannot be stored (the database busy, the cohort just deleted) is computed again
    next time: the request that computed it still gets it."""
    start_writing()
    row = {
        "cohort_id": cohort_id,
        "view": key,
        "version": version,
        "valid_until": until,
        "learners": page.learners,
        "assigned": page.assigned,
        "html": str(page.html),
    }
    try:
        db.session.execute(
            upsert(
                BoardView,
                row,
                ["cohort_id", "view"],
                replace=("version", "valid_until", "learners", "assigned", "html"),
                only_if=lambda incoming: BoardView.version <= incoming.version,
            )
        )
        db.session.execute(
            delete(BoardView).where(BoardView.cohort_id == cohort_id, BoardView.version < version)
        )
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()
