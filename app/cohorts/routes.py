"""Cohort views: the list, creating one, the frame every staff page of a cohort shares,
the cohort's own page (the progress board for its staff, their work for its learners),
settings, leaving and joining. Thin: each parses the request, checks access, calls a
service.

A cohort's staff pages are split so that each computes only what it shows (the board
of a 1,000-learner cohort is heavy enough on its own): Progress here, Assignments in
``assignment_routes``, Syllabus areas in ``report_routes``, People in ``people_routes``,
Settings here; a learner's record, with its forms, in ``record_routes``.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.auth.services import get_user
from app.cohorts import access, assignments, board_cache, bp, invites, services
from app.cohorts.board import PAGE_SIZES, percent
from app.cohorts.forms import CohortForm
from app.cohorts.invites import InviteError
from app.cohorts.items import KINDS
from app.models._types import utcnow


def managed_or_404(cohort_id: int):
    """The cohort if the signed-in user manages it; for anyone else it does not exist."""
    cohort = access.managed_cohort(current_user, cohort_id)
    if cohort is None:
        abort(404)
    return cohort


def managed_assignment_or_404(cohort_id: int, assignment_id: int):
    """The managed cohort and one of its assignments (another cohort's id: 404)."""
    cohort = managed_or_404(cohort_id)
    assignment = assignments.get(cohort, assignment_id)
    if assignment is None:
        abort(404)
    return cohort, assignment


def staff_page(template: str, cohort, nav: str, status_code: int = 200, **context):
    """One staff page of the cohort (``cohorts/<template>``, extending ``_staff.html``):
    the context every such page shares (the cohort, the viewer's role in it, ``nav``:
    which sub-navigation link is current) and the page's own, computed by its view."""
    return render_template(
        f"cohorts/{template}",
        cohort=cohort,
        role=access.staff_role(current_user, cohort.id),
        nav=nav,
        **context,
    ), status_code


def to_page(endpoint: str, cohort):
    """Back to one of the cohort's pages after a form did its work."""
    return redirect(url_for(endpoint, cohort_id=cohort.id))


@bp.get("/cohorts")
@login_required
def index(form: CohortForm | None = None, status_code: int = 200):
    can_create = access.can_create_cohorts(current_user)
    return render_template(
        "cohorts/index.html",
        cohorts=services.cohorts_for(current_user),
        form=(form or CohortForm(timezone=current_user.timezone)) if can_create else None,
    ), status_code


@bp.post("/cohorts")
@login_required
def create():
    if not access.can_create_cohorts(current_user):
        abort(403)
    form = CohortForm()
    if not form.validate_on_submit():
        return index(form, 400)
    cohort = services.create_cohort(get_user(current_user.id), form.name.data, form.timezone.data)
    flash(f"Cohort “{cohort.name}” created. Invite your learners from its People page.", "success")
    return to_page("cohorts.cohort", cohort)


@bp.get("/cohorts/<int:cohort_id>")
@login_required
def cohort(cohort_id: int):
    """Staff get the progress board (and nothing else: the other pages have the rest),
    as stored until something on it changes (``board_cache``); learners their own work
    in the cohort."""
    managed = access.managed_cohort(current_user, cohort_id)
    if managed is not None:
        stored = board_cache.board_page(
            managed,
            utcnow(),
            request.args.get("sort", "name"),
            request.args.get("desc") == "1",
            request.args.get("page", 1, type=int),
            request.args.get("per", PAGE_SIZES[0], type=int),
            lambda computed: render_template(
                "cohorts/_board.html",
                cohort=managed,
                board=computed,
                page_sizes=PAGE_SIZES,
                kinds=KINDS,
                percent=percent,
            ),
        )
        return staff_page("board.html", managed, "progress", board=stored)
    joined = access.member_cohort(current_user, cohort_id)
    if joined is None:
        abort(404)
    assigned = assignments.of_cohort(joined.id)
    return render_template(
        "cohorts/learner.html",
        cohort=joined,
        rows=services.learner_rows(current_user.id, assigned, utcnow()),
    )


def settings_view(cohort, form: CohortForm | None = None, status_code: int = 200):
    form = form or CohortForm(name=cohort.name, timezone=cohort.timezone)
    return staff_page("settings.html", cohort, "settings", status_code, form=form)


@bp.get("/cohorts/<int:cohort_id>/settings")
@login_required
def settings_page(cohort_id: int):
    return settings_view(managed_or_404(cohort_id))


@bp.post("/cohorts/<int:cohort_id>/settings")
@login_required
def settings(cohort_id: int):
    cohort = managed_or_404(cohort_id)
    form = CohortForm()
    if not form.validate_on_submit():
        return settings_view(cohort, form, 400)
    services.rename(cohort, form.name.data, form.timezone.data)
    flash("Cohort settings saved.", "success")
    return to_page("cohorts.settings_page", cohort)


@bp.post("/cohorts/<int:cohort_id>/archive")
@login_required
def archive(cohort_id: int):
    cohort = managed_or_404(cohort_id)
    archived = request.form.get("archived") == "1"
    services.set_archived(cohort, archived)
    flash("Cohort archived." if archived else "Cohort reopened.", "success")
    return to_page("cohorts.settings_page", cohort)


@bp.post("/cohorts/<int:cohort_id>/leave")
@login_required
def leave(cohort_id: int):
    cohort = access.member_cohort(current_user, cohort_id)
    if cohort is None:
        abort(404)
    services.leave(cohort, current_user.id)
    flash(f"You have left “{cohort.name}”. Your own progress is kept.", "success")
    return redirect(url_for("cohorts.index"))


@bp.route("/join/<token>", methods=["GET", "POST"])
def join(token: str):
    """The invitation page: who invites you to what; joining needs an account."""
    found = invites.find(token)
    if found is None:
        return render_template("cohorts/join.html", error="This invitation link is not valid."), 404
    invite, cohort = found
    user = current_user if current_user.is_authenticated else None
    if user is not None and access.member_cohort(user, cohort.id) is not None:
        return redirect(url_for("cohorts.cohort", cohort_id=cohort.id))  # already in
    if request.method == "POST":
        if user is None:
            return redirect(url_for("auth.login", next=request.path))
        try:
            joined = invites.accept(token, user)
        except InviteError as exc:
            return render_template("cohorts/join.html", cohort=cohort, error=str(exc)), 400
        flash(f"Welcome to “{joined.name}”.", "success")
        return redirect(url_for("cohorts.cohort", cohort_id=joined.id))
    error = invites.problem(invite, cohort, user, utcnow())
    return render_template("cohorts/join.html", cohort=cohort, invite=invite, error=error)
