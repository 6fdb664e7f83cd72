"""Admin views: thin wrappers around ``app.admin.services``, for admins only."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.admin import bp, services
from app.admin.access import admin_required
from app.admin.forms import RoleForm, SearchForm

MAX_QUERY = 200


def _listing() -> dict:
    """Search words and page number, from the query string (also on the POSTs, so a
    change returns to the page it was made on)."""
    search = SearchForm(formdata=request.args)
    query = (search.q.data or "").strip()[:MAX_QUERY]
    page = request.args.get("page", 1, type=int)
    return {"search": search, "query": query, "page": page}


def _back(listing: dict):
    page = listing["page"] if listing["page"] > 1 else None
    return redirect(url_for("admin.users", q=listing["query"] or None, page=page))


def _users_page(listing: dict, error: str | None = None, status: int = 200):
    found = services.list_users(listing["query"], listing["page"])
    return render_template(
        "admin/users.html",
        found=found,
        search=listing["search"],
        query=listing["query"],
        roles=services.ROLES,
        error=error,
    ), status


def _user_or_404(user_id: int):
    user = services.user_by_id(user_id)
    if user is None:
        abort(404)
    return user


@bp.get("/users")
@admin_required
def users():
    return _users_page(_listing())


@bp.post("/users/<int:user_id>/role")
@admin_required
def set_role(user_id: int):
    user = _user_or_404(user_id)
    listing = _listing()
    try:  # the CSRF token was checked before the view (CSRFProtect)
        changed = services.set_role(current_user, user, RoleForm().role.data or "")
    except services.Refused as exc:
        return _users_page(listing, str(exc), 400)
    if changed:
        flash(f"{user.email} now has the role {user.role}.", "success")
    else:
        flash(f"{user.email} already had the role {user.role}: nothing changed.", "info")
    if user.id == current_user.id and user.role != "admin":
        return redirect(url_for("progress.dashboard"))  # no longer allowed in here
    return _back(listing)


@bp.post("/users/<int:user_id>/disable")
@admin_required
def disable(user_id: int):
    user = _user_or_404(user_id)
    listing = _listing()
    try:
        services.disable(current_user, user)
    except services.Refused as exc:
        return _users_page(listing, str(exc), 400)
    flash(f"{user.email} is disabled and logged out everywhere.", "success")
    return _back(listing)


@bp.post("/users/<int:user_id>/enable")
@admin_required
def enable(user_id: int):
    user = _user_or_404(user_id)
    listing = _listing()
    services.enable(current_user, user)
    flash(f"{user.email} can log in again.", "success")
    return _back(listing)


@bp.get("/audit")
@admin_required
def audit():
    page = request.args.get("page", 1, type=int)
    return render_template("admin/audit.html", found=services.audit_events(page))
