"""The instructor's view of a cohort: learners × assignments with totals per row and
per column, sortable and paginated."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.cohorts.assignments import of_cohort
from app.cohorts.services import members_of
from app.cohorts.status import DONE, OVERDUE, Cell, matrix
from app.models import Assignment, Cohort, User

PAGE_SIZE = 50
SORTS = ("name", "done", "overdue", "score")


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


@dataclass
class Row:
    user: User
    cells: list[Cell]

    @property
    def done(self) -> int:
        return sum(c.state == DONE for c in self.cells)

    @property
    def overdue(self) -> int:
        return sum(c.state == OVERDUE for c in self.cells)

    @property
    def mean_score(self) -> float | None:
        return _mean([c.score for c in self.cells if c.score is not None])


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


def _sort_key(sort: str, assignment_ids: list[int]):
    """A key for ``sort``: a total ("done", "overdue", "score"), an assignment column
    ("a<id>": by score, then state), or the learner's name."""
    missing = -1.0  # no score sorts below every score
    if sort == "done":
        return lambda r: (r.done, r.user.display_name.lower())
    if sort == "overdue":
        return lambda r: (r.overdue, r.user.display_name.lower())
    if sort == "score":
        return lambda r: (r.mean_score if r.mean_score is not None else missing,)
    if sort.startswith("a") and sort[1:].isdigit() and int(sort[1:]) in assignment_ids:
        index = assignment_ids.index(int(sort[1:]))
        order = {DONE: 3, "in progress": 2, "not started": 1, OVERDUE: 0}

        def by_column(r: Row):
            cell = r.cells[index]
            return (cell.score if cell.score is not None else missing, order[cell.state])

        return by_column
    return lambda r: (r.user.display_name.lower(), r.user.id)


def board(
    cohort: Cohort, now: datetime, sort: str = "name", descending: bool = False, page: int = 1
) -> Board:
    members = [user for user, _joined in members_of(cohort)]
    assigned = of_cohort(cohort.id)
    cells = matrix([u.id for u in members], assigned, now)
    rows = [Row(u, [cells[(u.id, a.id)] for a in assigned]) for u in members]
    columns = []
    for index, a in enumerate(assigned):
        column = [r.cells[index] for r in rows]
        columns.append(
            Column(
                a,
                sum(c.state == DONE for c in column),
                sum(c.state == OVERDUE for c in column),
                _mean([c.score for c in column if c.score is not None]),
            )
        )
    ids = [a.id for a in assigned]
    if sort not in SORTS and not (sort.startswith("a") and sort[1:].isdigit()):
        sort = "name"
    rows.sort(key=_sort_key(sort, ids), reverse=descending)
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    page = min(max(1, page), pages)
    start = (page - 1) * PAGE_SIZE
    return Board(rows[start : start + PAGE_SIZE], columns, len(rows), page, pages, sort, descending)
