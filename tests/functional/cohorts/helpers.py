"""Plain helpers for the cohort tests (the fixtures are in conftest.py)."""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, select

from app.auth.services import get_user
from app.cohorts import assignments, invites
from app.extensions import db
from app.models import (
    Assignment,
    AssignmentException,
    BoardView,
    Cohort,
    CohortInvite,
    CohortMember,
    CohortStaff,
    User,
)
from app.models._types import utcnow
from tests.conftest import csrf_token

LESSON = "pmit-why-projects"
MODULE = "mod-pmit-foundations"  # two lessons: pmit-why-projects, pmit-scope-stakeholders
QUIZ = "quiz-pmit-why-check"
EXAM = "exam-pmit-mock"
SCENARIO = "scn-email-patch"
JOIN_RE = re.compile(r"https?://[^\s\"<]+/join/([A-Za-z0-9_\-]+)")


def post(client, path: str, data: dict | None = None, token_from: str = "/"):
    """POST with the client's CSRF token, read from the page ``token_from``."""
    token = csrf_token(client, token_from)
    return client.post(path, data={"csrf_token": token, **(data or {})})


def text(response) -> str:
    """The page as text, entities decoded, for phrases to look for."""
    return html.unescape(response.get_data(as_text=True))


def local_input(moment: datetime, timezone: str = "Europe/Berlin") -> str:
    """``moment`` as a datetime-local field value in ``timezone``."""
    return moment.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%dT%H:%M")


def naive_local(moment: datetime, timezone: str = "Europe/Berlin") -> datetime:
    """``moment`` as the naive wall-clock time a form would give the services."""
    return moment.astimezone(ZoneInfo(timezone)).replace(tzinfo=None, second=0, microsecond=0)


def due_in(delta: timedelta) -> str:
    """A due date ``delta`` from now, as typed in the Berlin cohort's form."""
    return local_input(utcnow() + delta)


def link_token(ctx, cohort_id: int, creator_id: int, days: int = 14, max_uses=None) -> str:
    """A fresh invitation link's token, made through the service."""
    with ctx():
        cohort = db.session.get(Cohort, cohort_id)
        return invites.create_link(cohort, creator_id, days, max_uses)[1]


def enrol(ctx, cohort_id: int, *user_ids: int) -> None:
    """Put learners in the cohort the way they get there: through an invitation link."""
    token = link_token(ctx, cohort_id, user_ids[0])
    with ctx():
        for user_id in user_ids:
            invites.accept(token, get_user(user_id))


def assign(ctx, cohort_id: int, kind: str, item_id: str, due: datetime, **kw) -> int:
    """Assign through the service; ``due`` (and ``open_at``) are aware instants."""
    with ctx():
        cohort = db.session.get(Cohort, cohort_id)
        opens = kw.pop("open_at", None)
        return assignments.create(
            cohort,
            kind,
            item_id,
            naive_local(due, cohort.timezone),
            naive_local(opens, cohort.timezone) if opens else None,
            **kw,
        ).id


def forget_boards(ctx) -> None:
    """Drop every stored board page, so the next request computes its page."""
    with ctx():
        db.session.execute(delete(BoardView))
        db.session.commit()


def is_member(ctx, cohort_id: int, user_id: int) -> bool:
    with ctx():
        return db.session.get(CohortMember, (cohort_id, user_id)) is not None


def member_count(ctx, cohort_id: int) -> int:
    with ctx():
        return db.session.scalar(
            select(func.count())
            .select_from(CohortMember)
            .where(CohortMember.cohort_id == cohort_id)
        )


def invite_rows(ctx, cohort_id: int) -> list[CohortInvite]:
    with ctx():
        rows = list(
            db.session.scalars(
                select(CohortInvite)
                .where(CohortInvite.cohort_id == cohort_id)
                .order_by(CohortInvite.id)
            )
        )
        db.session.expunge_all()
        return rows


ROW_RE = re.compile(r'<tr class="status-[^"]*">(.*?)</tr>', re.S)
CELL_RE = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def assigned_rows(page: str) -> list[tuple[str, str, str, str]]:
    """(work, due, status, score) of each row of an "Assigned to you" table, as shown."""
    table = page.split('<table class="assigned">', 1)
    if len(table) == 1:
        return []
    body = table[1].split("</table>", 1)[0]
    rows = []
    for row in ROW_RE.findall(body):
        work, due, state, score = (_plain(cell) for cell in CELL_RE.findall(row))
        rows.append((work, due, state, score))
    return rows


def dashboard_rows(client) -> list[tuple[str, str, str, str]]:
    """The "Assigned to you" rows of the learner's dashboard."""
    response = client.get("/progress")
    assert response.status_code == 200
    return assigned_rows(response.get_data(as_text=True))


def snapshot(ctx, cohort_id: int) -> tuple:
    """Everything a cohort's forms and URLs could change, to compare before and after a
    request that must change nothing."""
    with ctx():
        cohort = db.session.get(Cohort, cohort_id)
        rows = [
            select(CohortStaff.user_id, CohortStaff.role),
            select(CohortMember.user_id),
            select(CohortInvite.id, CohortInvite.revoked_at),
            select(Assignment.id, Assignment.due_at),
            select(
                AssignmentException.user_id,
                AssignmentException.due_at,
                AssignmentException.extra_attempts,
            ),
            select(User.id, User.time_allowance),
        ]
        return (cohort.name, cohort.timezone, cohort.archived_at), [
            sorted(db.session.execute(query).tuples()) for query in rows
        ]
