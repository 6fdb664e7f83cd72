"""The instructor's view of a cohort: learners × assignments with totals per row and
per column, sortable and paginated.

It reads ``assignment_results`` (kept current as learners work, see ``results``), so
a page costs a fixed handful of statements whatever the cohort's size: the page's
learners in the chosen order, their cells, and the totals per assignment. Overdue is
derived here from the due date, the learner's extension and the time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup, escape
from sqlalchemy import and_, case, func, literal, select

from app.cohorts.assignments import of_cohort
from app.cohorts.results import stored
from app.cohorts.status import DONE, IN_PROGRESS, NOT_STARTED, OVERDUE, Cell
from app.extensions import db
from app.models import (
    Assignment,
    AssignmentException,
    AssignmentResult,
    Cohort,
    CohortMember,
    User,
)
from app.templating import local_time

PAGE_SIZES = (25, 50, 100)  # learners per page the instructor can choose; the first is the default
SORTS = ("name", "done", "overdue", "score")


def percent(value: float | None) -> str:
    """A 0..1 score as the board shows it, in its cells and in its totals."""
    return f"{round(100 * value)}%" if value is not None else "–"


def _label(cell: Cell) -> str:
    return cell.state.capitalize() + (f" · {percent(cell.score)}" if cell.score is not None else "")


def cells_html(cells: list[Cell], assigned: list[Assignment], timezone: str) -> Markup:
    """A row's cells as table markup, built here rather than in the template: a page of a
    large cohort has 1,500 of them, and a Jinja loop with its attribute lookups and
    escaping per cell cost more than the queries. Every text is escaped."""
    parts = []
    for cell, assignment in zip(cells, assigned, strict=True):
        extended = ""
        if cell.due_at != assignment.due_at:
            when = escape(local_time(cell.due_at, timezone))
            extended = f'<br><span class="meta">extended to {when}</span>'
        css = "status-" + cell.state.replace(" ", "-")
        parts.append(f'<td class="{escape(css)}">{escape(_label(cell))}{extended}</td>')
    return Markup("".join(parts))  # noqa: S704 (every text escaped above)


@dataclass
class Learner:
    id: int
    display_name: str


@dataclass
class Row:
    user: Learner
    cells: list[Cell]
    html: Markup = Markup("")
    done: int = 0
    overdue: int = 0
    mean_score: float | None = None

    def __post_init__(self) -> None:
        scores = [c.score for c in self.cells if c.score is not None]
        self.done = sum(c.state == DONE for c in self.cells)
        self.overdue = sum(c.state == OVERDUE for c in self.cells)
        self.mean_score = sum(scores) / len(scores) if scores else None


@dataclass
class Column:
    assignment: Assignment
    done: int
    overdue: int
    mean_score: float | None


@dataclass
class Board:
    rows: list[Row]  # this page's
    columns: list[Column]
    learners: int
    page: int
    pages: int
    sort: str
    descending: bool
    per_page: int = PAGE_SIZES[0]


def _results(cohort_id: int, now: datetime):
    """The stored result of every (learner, assignment) pair of the cohort, with the
    learner's extension applied: done, overdue and score. Results exist only for
    members (``results.forget`` drops a leaver's), so no join with the members."""
    due = func.coalesce(AssignmentException.due_at, Assignment.due_at)
    done = AssignmentResult.completed_at.is_not(None)
    overdue = and_(AssignmentResult.completed_at.is_(None), due < literal(now))
    return (
        select(
            AssignmentResult.user_id.label("user_id"),
            AssignmentResult.assignment_id.label("assignment_id"),
            AssignmentResult.score.label("score"),
            case((done, 1), else_=0).label("done"),
            case((overdue, 1), else_=0).label("overdue"),
        )
        .join(Assignment, Assignment.id == AssignmentResult.assignment_id)
        .outerjoin(
            AssignmentException,
            and_(
                AssignmentException.assignment_id == AssignmentResult.assignment_id,
                AssignmentException.user_id == AssignmentResult.user_id,
            ),
        )
        .where(Assignment.cohort_id == cohort_id)
    ).subquery()


def _page_users(cohort_id, now, sort, descending, assigned_ids, offset, per_page):
    """The page's learners, as (id, name), in the chosen order, and the sort applied."""
    name = func.lower(User.display_name)
    stmt = (
        select(User.id, User.display_name)
        .join(CohortMember, CohortMember.user_id == User.id)
        .where(CohortMember.cohort_id == cohort_id)
    )
    if sort in ("done", "overdue", "score"):  # only these need every learner's totals
        results = _results(cohort_id, now)
        totals = (
            select(
                results.c.user_id,
                func.sum(results.c.done).label("done"),
                func.sum(results.c.overdue).label("overdue"),
                func.avg(results.c.score).label("score"),
            )
            .group_by(results.c.user_id)
            .subquery()
        )
        stmt = stmt.outerjoin(totals, totals.c.user_id == User.id)
        key = func.coalesce(totals.c[sort], -1)
        keys = [key.desc() if descending else key.asc()]
    elif sort.startswith("a") and sort[1:].isdigit() and int(sort[1:]) in assigned_ids:
        column = _results(cohort_id, now)
        stmt = stmt.outerjoin(
            column, and_(column.c.user_id == User.id, column.c.assignment_id == int(sort[1:]))
        )
        rank = func.coalesce(column.c.score, -1) * 10 + column.c.done * 3 - column.c.overdue
        keys = [rank.desc() if descending else rank.asc()]
    else:
        sort = "name"
        keys = [name.desc() if descending else name.asc()]
    page = stmt.order_by(*keys, User.id).offset(offset).limit(per_page)
    return [Learner(uid, display_name) for uid, display_name in db.session.execute(page)], sort


def board(
    cohort: Cohort,
    now: datetime,
    sort: str = "name",
    descending: bool = False,
    page: int = 1,
    per_page: int = PAGE_SIZES[0],
) -> Board:
    assigned = of_cohort(cohort.id)
    learners = db.session.scalar(
        select(func.count()).select_from(CohortMember).where(CohortMember.cohort_id == cohort.id)
    )
    per_page = per_page if per_page in PAGE_SIZES else PAGE_SIZES[0]
    pages = max(1, -(-learners // per_page))
    page = min(max(1, page), pages)
    ids = [a.id for a in assigned]
    offset = (page - 1) * per_page
    users, sort = _page_users(cohort.id, now, sort, descending, ids, offset, per_page)
    cells = _cells(assigned, [u.id for u in users], now)
    rows = []
    for u in users:
        row = [cells[(u.id, a.id)] for a in assigned]
        rows.append(Row(u, row, cells_html(row, assigned, cohort.timezone)))
    columns = _columns(cohort.id, assigned, learners, now)
    return Board(rows, columns, learners, page, pages, sort, descending, per_page)


def _columns(cohort_id: int, assigned: list[Assignment], learners: int, now: datetime):
    """The totals per assignment without touching every pair: done and the mean score are
    one aggregate over the results (an index-only scan); overdue is everyone not done
    once the due date has passed, corrected by the few extensions that move a learner's
    own due date to the other side of now."""
    if not assigned:
        return []
    ids = [a.id for a in assigned]
    counted = {
        aid: (int(done), total, scored)
        for aid, done, total, scored in db.session.execute(
            select(
                AssignmentResult.assignment_id,
                func.count(AssignmentResult.completed_at),
                func.sum(AssignmentResult.score),
                func.count(AssignmentResult.score),
            )
            .where(AssignmentResult.assignment_id.in_(ids))
            .group_by(AssignmentResult.assignment_id)
        )
    }
    passed = {a.id: now > a.due_at for a in assigned}
    flipped = dict.fromkeys(ids, 0)
    for aid, own_due in db.session.execute(
        select(AssignmentException.assignment_id, AssignmentException.due_at)
        .join(
            CohortMember,
            and_(
                CohortMember.cohort_id == cohort_id,
                CohortMember.user_id == AssignmentException.user_id,
            ),
        )
        .outerjoin(
            AssignmentResult,
            and_(
                AssignmentResult.assignment_id == AssignmentException.assignment_id,
                AssignmentResult.user_id == AssignmentException.user_id,
            ),
        )
        .where(
            AssignmentException.assignment_id.in_(ids),
            AssignmentException.due_at.is_not(None),
            AssignmentResult.completed_at.is_(None),
        )
    ):
        if (now > own_due) != passed[aid]:
            flipped[aid] += 1
    columns = []
    for a in assigned:
        done, total, scored = counted.get(a.id, (0, None, 0))
        not_done = learners - done
        overdue = not_done - flipped[a.id] if passed[a.id] else flipped[a.id]
        columns.append(Column(a, done, overdue, total / scored if scored else None))
    return columns


def _cells(assigned: list[Assignment], user_ids: list[int], now: datetime) -> dict:
    """(user id, assignment id) → Cell for the page's learners, from stored results.

    Plain rows, not ORM objects: a page is 50 learners × every assignment, and loading
    1,500 tracked instances made this function 2.5× (SQLite) to 4× (PostgreSQL) slower."""
    if not user_ids or not assigned:
        return {}
    ids = [a.id for a in assigned]
    results = stored(user_ids, ids)
    exceptions = {
        (uid, aid): (due_at, extra_attempts)
        for uid, aid, due_at, extra_attempts in db.session.execute(
            select(
                AssignmentException.user_id,
                AssignmentException.assignment_id,
                AssignmentException.due_at,
                AssignmentException.extra_attempts,
            ).where(
                AssignmentException.assignment_id.in_(ids),
                AssignmentException.user_id.in_(user_ids),
            )
        )
    }
    untouched = (False, 0, None, None)  # no stored result: nothing started
    cells = {}
    for aid, a_due, a_allowed in [(a.id, a.due_at, a.attempts_allowed) for a in assigned]:
        for uid in user_ids:
            started, attempts, completed_at, score = results.get((uid, aid), untouched)
            e = exceptions.get((uid, aid))
            due = e[0] if e is not None and e[0] else a_due
            allowed = a_allowed
            if allowed is not None and e is not None:
                allowed += e[1]
            if completed_at is not None:
                state = DONE
            elif now > due:
                state = OVERDUE
            else:
                state = IN_PROGRESS if started else NOT_STARTED
            cells[(uid, aid)] = Cell(
                state, score, attempts, allowed, due, completed_at, bool(started)
            )
    return cells
