"""A cohort's results as CSV: the matrix (one row per learner) and every attempt in
long form (one row per learner, assignment and attempt or completion).

The columns are stable and documented in the README ("Cohort CSV exports"). The
numbers come from ``status.matrix``, the same cells the cohort page shows, and are
rounded the way the page rounds them. Every text cell that a spreadsheet could take
for a formula (one beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return) is prefixed with a single quote, as OWASP advises against CSV injection.
The data is read up front, in a fixed number of statements; the text is then
streamed row by row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from app.cohorts import assignments as assignment_service
from app.cohorts.services import members_of
from app.cohorts.status import DONE, OVERDUE, counted_attempt, gather_work, matrix
from app.models import Cohort

MATRIX_LEARNER_COLUMNS = ["learner_id", "name", "email"]
MATRIX_ASSIGNMENT_COLUMNS = ["status", "score", "attempts"]  # each as "<assignment id>:<name>"
MATRIX_TOTAL_COLUMNS = ["total:done", "total:overdue", "total:mean_score"]
ATTEMPT_COLUMNS = [
    "cohort_id",
    "assignment_id",
    "assignment_title",
    "kind",
    "item_id",
    "learner_id",
    "name",
    "started_at",
    "finished_at",
    "score_percent",
    "counted",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # lets Excel read the file as UTF-8 (names with accents)


def safe_cell(value) -> str | int:
    """A cell a spreadsheet shows as text: formula-like text gets a leading quote."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def percent(score: float | None) -> int | str:
    """A 0..1 score as a whole percentage, rounded as the board rounds it
    (``board.percent``: Python's ``round``); blank when there is none."""
    return "" if score is None else int(round(100 * score, 0))


def iso_utc(moment: datetime | None) -> str:
    return "" if moment is None else moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def as_csv(rows: Iterable[list]) -> Iterator[str]:
    """The rows as CSV text, one line at a time, every cell escaped."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    yield BOM
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _learners(cohort: Cohort) -> list[tuple[int, str, str, str]]:
    """(id, opaque learner id, name, email) of the current learners, by name."""
    return [(u.id, u.xapi_id or "", u.display_name, u.email) for u, _ in members_of(cohort)]


def matrix_rows(cohort: Cohort, now: datetime) -> Iterator[list]:
    """The header, then one row per current learner."""
    learners = _learners(cohort)
    assigned = assignment_service.of_cohort(cohort.id)
    cells = matrix([uid for uid, *_ in learners], assigned, now)
    ids = [a.id for a in assigned]
    return _matrix_lines(learners, ids, cells)


def _matrix_lines(learners, ids: list[int], cells) -> Iterator[list]:
    header = list(MATRIX_LEARNER_COLUMNS)
    for aid in ids:
        header += [f"{aid}:{name}" for name in MATRIX_ASSIGNMENT_COLUMNS]
    yield header + MATRIX_TOTAL_COLUMNS
    for uid, learner_id, name, email in learners:
        row = [learner_id, name, email]
        mine = [cells[(uid, aid)] for aid in ids]
        for cell in mine:
            row += [cell.state, percent(cell.score), cell.attempts]
        scores = [c.score for c in mine if c.score is not None]
        row += [
            sum(c.state == DONE for c in mine),
            sum(c.state == OVERDUE for c in mine),
            percent(sum(scores) / len(scores) if scores else None),
        ]
        yield row


def attempt_rows(cohort: Cohort, now: datetime) -> Iterator[list]:
    """The header, then every attempt or completion of every current learner on every
    assignment, from its open date: by assignment (due date), learner (name), start.

    ``counted`` says whether this is the attempt the matrix counts (best, last or first
    among the finished ones within the attempts allowed), so its score is the page's.
    """
    learners = _learners(cohort)
    assigned = assignment_service.of_cohort(cohort.id)
    user_ids = [uid for uid, *_ in learners]
    if not user_ids or not assigned:
        return iter([list(ATTEMPT_COLUMNS)])
    cells = matrix(user_ids, assigned, now)
    work = gather_work(user_ids, assigned)
    return _attempt_lines(cohort.id, learners, assigned, cells, work)


def _attempt_lines(cohort_id: int, learners, assigned, cells, work) -> Iterator[list]:
    yield list(ATTEMPT_COLUMNS)
    for a in assigned:
        for uid, learner_id, name, _email in learners:
            # The matrix's selection and rule, so "counted" marks the attempt it shows.
            items = [
                w for w in work[(a.kind, a.item_id, uid)] if not a.open_at or w.started >= a.open_at
            ]
            counted, _used = counted_attempt(items, a.counts, cells[(uid, a.id)].allowed)
            for w in sorted(items, key=lambda w: w.started):
                yield [
                    cohort_id,
                    a.id,
                    a.title,
                    a.kind,
                    a.item_id,
                    learner_id,
                    name,
                    iso_utc(w.started),
                    iso_utc(w.finished),
                    percent(w.score if w.finished else None),
                    "yes" if w is counted else "no",
                ]
