"""Absolute links to assigned work, for mail and calendar feeds.

Built on PUBLIC_BASE_URL (never the request's Host header), like ``app.mail.public_url``.
They must also work where there is no request at all (``flask cohorts
send-reminders``): ``url_for`` needs a request, or a SERVER_NAME we do not set, to
build a path, so there ``url_building`` provides a throwaway request context.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext

from flask import current_app, has_request_context, url_for

from app.cohorts.items import item_url
from app.models import Assignment


def url_building() -> AbstractContextManager:
    """A context in which ``url_for`` can build paths, with or without a request."""
    return nullcontext() if has_request_context() else current_app.test_request_context()


def public_link(assignment: Assignment, path: str | None) -> str:
    """The absolute URL of ``path`` (the item's, from ``item_url``), or of the
    cohort's page when the item is no longer in the curriculum (``path`` None)."""
    path = path or url_for("cohorts.cohort", cohort_id=assignment.cohort_id)
    return current_app.config["PUBLIC_BASE_URL"] + path


def assignment_links(assignments: list[Assignment]) -> dict[int, str]:
    """Assignment id → absolute URL of the work (see ``public_link``)."""
    with url_building():
        return {a.id: public_link(a, item_url(a.kind, a.item_id)) for a in assignments}
