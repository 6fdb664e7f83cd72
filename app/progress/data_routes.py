"""The learner's own data: the JSON export and their xAPI statements."""

from __future__ import annotations

from flask import Response, current_app, jsonify, request, stream_with_context, url_for
from flask_login import current_user, login_required

from app.auth.services import get_user
from app.models._types import utcnow
from app.progress import export, xapi
from app.progress.routes import bp


@bp.get("/account/export")
@login_required
def export_data():
    now = utcnow()
    return Response(
        stream_with_context(export.export_chunks(current_user.id, now)),
        mimetype="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="my-data-{now:%Y-%m-%d}.json"',
            "Cache-Control": "no-store",
        },
    )


@bp.get("/api/v1/me/statements")
def statements():
    """The signed-in learner's statements as an xAPI StatementResult, newest first,
    paged by ``limit`` with a ``more`` link."""
    if not current_user.is_authenticated:
        return jsonify(error="Sign in to read your statements."), 401
    limit = request.args.get("limit", xapi.PAGE_SIZE, type=int)
    before = request.args.get("before", type=int)
    base = current_app.config["PUBLIC_BASE_URL"]
    page, cursor = xapi.statements_page(get_user(current_user.id), base, limit, before)
    more = url_for("progress.statements", limit=limit, before=cursor) if cursor else ""
    response = jsonify(statements=page, more=more)
    response.headers["X-Experience-API-Version"] = xapi.VERSION
    response.headers["Cache-Control"] = "no-store"
    return response
