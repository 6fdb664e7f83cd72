"""Sending queued statements to a team's Learning Record Store (``flask xapi push``).

Rows of ``xapi_statements`` not yet pushed are the outbox. A run claims a batch
with a lease (a conditional UPDATE of ``next_push_at``), commits, sends, then marks
the batch pushed; no database lock is held while the LRS answers, and two pushers
never take the same rows. A crash after the LRS stored a batch but before we
marked it means the batch goes again with the same statement ids, which an LRS
must not store twice (xAPI 1.0.3, part three, 2.1.2). A failed batch waits with
exponential back-off and is retried; nothing is dropped.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from sqlalchemy import or_, select, update

from app.database import start_writing
from app.extensions import db
from app.models import User, XapiStatement
from app.models._types import utcnow
from app.progress.xapi import VERSION, statement

BATCH = 50
LEASE = timedelta(minutes=5)
FIRST_RETRY = timedelta(minutes=1)
LAST_RETRY = timedelta(hours=6)
TIMEOUT = 30


@dataclass
class PushResult:
    sent: int = 0
    failed: int = 0
    error: str = ""


@dataclass
class Lrs:
    endpoint: str  # the xAPI base, e.g. https://lrs.example.org/xAPI
    username: str
    password: str

    def __post_init__(self):
        if not self.endpoint.startswith(("https://", "http://")):
            raise ValueError("LRS_ENDPOINT must be an http(s) URL")

    def post(self, statements: list[dict]) -> tuple[int, str]:
        """POST a batch; (HTTP status, body or reason). Network errors are status 0."""
        return self._send("POST", "", statements)

    def put(self, statement: dict) -> tuple[int, str]:
        """PUT one statement under its own id."""
        return self._send("PUT", "?" + urlencode({"statementId": statement["id"]}), statement)

    def _send(self, method: str, query: str, body) -> tuple[int, str]:
        token = base64.b64encode(f"{self.username}:{self.password}".encode()).decode()
        request = urllib.request.Request(  # noqa: S310 (scheme checked in __post_init__)
            self.endpoint.rstrip("/") + "/statements" + query,
            data=json.dumps(body).encode(),
            method=method,
            headers={
                "Content-Type": "application/json",
                "X-Experience-API-Version": VERSION,
                "Authorization": f"Basic {token}",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
                return response.status, ""
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read(300).decode(errors="replace")
        except (urllib.error.URLError, OSError) as exc:
            return 0, str(exc)


def backoff(attempts: int) -> timedelta:
    return min(LAST_RETRY, FIRST_RETRY * 2 ** max(0, attempts - 1))


def _claim(now: datetime, batch: int) -> list[int]:
    """Lease up to ``batch`` due rows to this run; returns their ids."""
    start_writing()
    due = or_(XapiStatement.next_push_at.is_(None), XapiStatement.next_push_at <= now)
    ids = list(
        db.session.scalars(
            select(XapiStatement.id)
            .where(XapiStatement.pushed_at.is_(None), due)
            .order_by(XapiStatement.id)
            .limit(batch)
        )
    )
    claimed = []
    for row_id in ids:  # conditional: a row another pusher leased meanwhile is skipped
        won = db.session.execute(
            update(XapiStatement)
            .where(XapiStatement.id == row_id, XapiStatement.pushed_at.is_(None), due)
            .values(next_push_at=now + LEASE)
            .execution_options(synchronize_session=False)
        ).rowcount
        if won:
            claimed.append(row_id)
    db.session.commit()
    return claimed


def _one_by_one(lrs: Lrs, built: list[dict]) -> tuple[int, str]:
    """After a 409 for a batch (the LRS holds some of these ids with other content,
    e.g. after PUBLIC_BASE_URL changed): send each statement alone. A 409 then means
    the LRS keeps its earlier copy of that statement, which counts as delivered, so
    one old conflict never blocks the queue; any other failure fails the batch."""
    for item in built:
        status, detail = lrs.put(item)
        if not (200 <= status < 300 or status == 409):
            return status, detail
    return 204, ""


def push(lrs: Lrs, base_url: str, now: datetime | None = None, batch: int = BATCH) -> PushResult:
    """Send every due statement, a batch at a time; stop at the first failed batch
    (the LRS is likely down: the rest wait for the next run)."""
    result = PushResult()
    while True:
        now_ = now or utcnow()
        ids = _claim(now_, batch)
        if not ids:
            return result
        rows = db.session.execute(
            select(XapiStatement, User.xapi_id)
            .join(User, User.id == XapiStatement.user_id)
            .where(XapiStatement.id.in_(ids))
            .order_by(XapiStatement.id)
        ).all()
        built = [statement(row, base_url, actor) for row, actor in rows]
        status, detail = lrs.post(built)
        if status == 409:
            status, detail = _one_by_one(lrs, built)
        start_writing()
        if 200 <= status < 300:
            db.session.execute(
                update(XapiStatement)
                .where(XapiStatement.id.in_(ids))
                .values(pushed_at=now_, next_push_at=None, last_error="")
                .execution_options(synchronize_session=False)
            )
            db.session.commit()
            result.sent += len(ids)
            continue
        error = f"HTTP {status}: {detail}" if status else detail
        for row, _actor in rows:
            attempts = row.push_attempts + 1
            db.session.execute(
                update(XapiStatement)
                .where(XapiStatement.id == row.id)
                .values(
                    push_attempts=attempts,
                    next_push_at=now_ + backoff(attempts),
                    last_error=error[:300],
                )
                .execution_options(synchronize_session=False)
            )
        db.session.commit()
        result.failed += len(ids)
        result.error = error
        return result
