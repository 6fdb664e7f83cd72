"""Cohort views: list, create, manage (settings, staff, invitations, learners), join
and leave. Thin: each parses the request, checks access, calls a service."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.auth.services import get_user
from app.cohorts import access, assignments, bp, invites, services
from app.cohorts.board import board
from app.cohorts.forms import (
    AssignmentForm,
    CohortForm,
    InviteEmailForm,
    InviteLinkForm,
    StaffForm,
)
from app.cohorts.invites import InviteError
from app.cohorts.items import KINDS, assignable
from app.cohorts.practice_sets import standings
from app.cohorts.services import CohortError
from app.mail import public_url
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


def back_to(cohort, anchor: str = ""):
    return redirect(url_for("cohorts.cohort", cohort_id=cohort.id) + anchor)


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
    flash(f"Cohort “{cohort.name}” created. Invite your learners below.", "success")
    return back_to(cohort)


def manage_page(cohort, status_code: int = 200, **forms):
    """The cohort's page for its staff, with any forms that failed validation."""
    assigned = assignments.of_cohort(cohort.id)
    return render_template(
        "cohorts/manage.html",
        cohort=cohort,
        role=access.staff_role(current_user, cohort.id),
        staff=services.staff_of(cohort),
        invites=invites.open_invites(cohort),
        assignments=assigned,
        board=board(
            cohort,
            utcnow(),
            request.args.get("sort", "name"),
            request.args.get("desc") == "1",
            request.args.get("page", 1, type=int),
        ),
        items=assignable(),
        areas=standings(cohort),
        kinds=KINDS,
        new_link=forms.get("new_link"),
        settings_form=forms.get("settings_form")
        or CohortForm(name=cohort.name, timezone=cohort.timezone),
        staff_form=forms.get("staff_form") or StaffForm(),
        link_form=forms.get("link_form") or InviteLinkForm(),
        email_form=forms.get("email_form") or InviteEmailForm(),
        assignment_form=forms.get("assignment_form") or AssignmentForm(),
        error=forms.get("error"),
    ), status_code


@bp.get("/cohorts/<int:cohort_id>")
@login_required
def cohort(cohort_id: int):
    managed = access.managed_cohort(current_user, cohort_id)
    if managed is not None:
        return manage_page(managed)
    joined = access.member_cohort(current_user, cohort_id)
    if joined is None:
        abort(404)
    assigned = assignments.of_cohort(joined.id)
    return render_template(
        "cohorts/learner.html",
        cohort=joined,
        rows=services.learner_rows(current_user.id, assigned, utcnow()),
    )


@bp.post("/cohorts/<int:cohort_id>/settings")
@login_required
def settings(cohort_id: int):
    cohort = managed_or_404(cohort_id)
    form = CohortForm()
    if not form.validate_on_submit():
        return manage_page(cohort, 400, settings_form=form)
    services.rename(cohort, form.name.data, form.timezone.data)
    flash("Cohort settings saved.", "success")
    return back_to(cohort)


@bp.post("/cohorts/<int:cohort_id>/archive")
@login_required
def archive(cohort_id: int):
    cohort = managed_or_404(cohort_id)
    archived = request.form.get("archived") == "1"
    services.set_archived(cohort, archived)
    flash("Cohort archived." if archived else "Cohort reopened.", "success")
    return back_to(cohort)


@bp.post("/cohorts/<int:cohort_id>/staff")
@login_required
def add_staff(cohort_id: int):
    cohort = managed_or_404(cohort_id)
    form = StaffForm()
    if not form.validate_on_submit():
        return manage_page(cohort, 400, staff_form=form)
    role = "owner" if request.form.get("owner") == "1" else "instructor"
    try:
        user = services.add_staff(cohort, form.email.data, role)
    except CohortError as exc:
        form.email.errors.append(str(exc))
        return manage_page(cohort, 400, staff_form=form)
    flash(f"{user.display_name} now teaches this cohort.", "success")
    return back_to(cohort, "#staff")


@bp.post("/cohorts/<int:cohort_id>/invites/link")
@login_required
def invite_link(cohort_id: int):
    cohort = managed_or_404(cohort_id)
    form = InviteLinkForm()
    if not form.validate_on_submit():
        return manage_page(cohort, 400, link_form=form)
    try:
        _invite, token = invites.create_link(
            cohort, current_user.id, form.days.data, form.max_uses.data
        )
    except InviteError as exc:
        return manage_page(cohort, 400, link_form=form, error=str(exc))
    return manage_page(cohort, new_link=public_url("cohorts.join", token=token))


@bp.post("/cohorts/<int:cohort_id>/invites/email")
@login_required
def invite_emails(cohort_id: int):
    cohort = managed_or_404(cohort_id)
    form = InviteEmailForm()
    if not form.validate_on_submit():
        return manage_page(cohort, 400, email_form=form)
    try:
        sent = invites.invite_by_email(cohort, current_user.id, form.emails.data, form.days.data)
    except InviteError as exc:
        form.emails.errors.append(str(exc))
        # An archived cohort's page has no invitation forms to show the message beside.
        error = str(exc) if cohort.archived_at else None
        return manage_page(cohort, 400, email_form=form, error=error)
    flash(f"Invitations sent to {len(sent)} address(es).", "success")
    return back_to(cohort, "#invites")


@bp.post("/cohorts/<int:cohort_id>/invites/<int:invite_id>/revoke")
@login_required
def revoke_invite(cohort_id: int, invite_id: int):
    cohort = managed_or_404(cohort_id)
    if not invites.revoke(cohort, invite_id):
        abort(404)
    flash("Invitation withdrawn: its link no longer works.", "success")
    return back_to(cohort, "#invites")


@bp.post("/cohorts/<int:cohort_id>/members/<int:user_id>/remove")
@login_required
def remove_member(cohort_id: int, user_id: int):
    cohort = managed_or_404(cohort_id)
    if not services.remove_member(cohort, user_id):
        abort(404)
    flash("Learner removed from the cohort.", "success")
    return back_to(cohort, "#learners")


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
