"""The learner's calendar feed of due dates, and the account buttons that create,
reset and revoke its secret address. Thin: logic in ``app.cohorts.calendar``."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, session, url_for
from flask_login import current_user, login_required

from app.auth import services as accounts
from app.auth.forms import ProfileForm
from app.cohorts import bp, calendar
from app.mail import public_url
from app.models._types import utcnow


@bp.app_template_global("calendar_feed_active")
def calendar_feed_active(user_id: int) -> bool:
    """For the account page: whether the learner has a feed address at the moment."""
    return calendar.has_feed(user_id)


@bp.get("/calendar/<token>.ics")
def calendar_feed(token: str):
    """No login: calendar apps fetch it unattended, so the secret URL is the credential."""
    body = calendar.feed(token, utcnow())
    if body is None:
        abort(404)
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Cache-Control": "no-store", "Content-Disposition": "inline; filename=due.ics"},
    )


@bp.post("/account/calendar")
@login_required
def calendar_reset():
    """Create the feed address, or replace it; the page shows it this once only
    (only its hash is kept, so it cannot be shown again)."""
    token = calendar.create_or_reset_token(accounts.get_user(current_user.id))
    return render_template(
        "auth/account.html",
        profile=ProfileForm(obj=current_user),
        sessions=accounts.active_sessions(current_user, session.sid),
        calendar_url=public_url("cohorts.calendar_feed", token=token),
    ), {"Cache-Control": "no-store"}


@bp.post("/account/calendar/revoke")
@login_required
def calendar_revoke():
    calendar.revoke(accounts.get_user(current_user.id))
    flash("Your calendar feed is turned off: its address no longer works.", "success")
    return redirect(url_for("auth.account") + "#calendar")
