"""The People page of a cohort and its forms: how many learners, invitations (a link,
emails, the open ones to withdraw), instructors; and removing a learner."""

from __future__ import annotations

from flask import abort, flash, request
from flask_login import current_user, login_required

from app.cohorts import bp, invites, services
from app.cohorts.forms import InviteEmailForm, InviteLinkForm, StaffForm
from app.cohorts.invites import InviteError
from app.cohorts.routes import managed_or_404, staff_page, to_page
from app.cohorts.services import CohortError
from app.mail import public_url


def people_view(cohort, status_code: int = 200, error: str | None = None, **forms):
    """The page, with any form that failed validation in place of a blank one and
    ``new_link``, the invitation link just made (shown this once)."""
    return staff_page(
        "people.html",
        cohort,
        "people",
        status_code,
        learners=services.learner_count(cohort),
        staff=services.staff_of(cohort),
        invites=invites.open_invites(cohort),
        new_link=forms.get("new_link"),
        staff_form=forms.get("staff_form") or StaffForm(),
        link_form=forms.get("link_form") or InviteLinkForm(),
        email_form=forms.get("email_form") or InviteEmailForm(),
        error=error,
    )


@bp.get("/cohorts/<int:cohort_id>/people")
@login_required
def people_page(cohort_id: int):
    return people_view(managed_or_404(cohort_id))


@bp.post("/cohorts/<int:cohort_id>/staff")
@login_required
def add_staff(cohort_id: int):
    cohort = managed_or_404(cohort_id)
    form = StaffForm()
    if not form.validate_on_submit():
        return people_view(cohort, 400, staff_form=form)
    role = "owner" if request.form.get("owner") == "1" else "instructor"
    try:
        user = services.add_staff(cohort, form.email.data, role)
    except CohortError as exc:
        form.email.errors.append(str(exc))
        return people_view(cohort, 400, staff_form=form)
    flash(f"{user.display_name} now teaches this cohort.", "success")
    return to_page("cohorts.people_page", cohort)


@bp.post("/cohorts/<int:cohort_id>/invites/link")
@login_required
def invite_link(cohort_id: int):
    cohort = managed_or_404(cohort_id)
    form = InviteLinkForm()
    if not form.validate_on_submit():
        return people_view(cohort, 400, link_form=form)
    try:
        _invite, token = invites.create_link(
            cohort, current_user.id, form.days.data, form.max_uses.data
        )
    except InviteError as exc:
        return people_view(cohort, 400, str(exc), link_form=form)
    # Rendered, not redirected: the link is shown this once and never stored.
    return people_view(cohort, new_link=public_url("cohorts.join", token=token))


@bp.post("/cohorts/<int:cohort_id>/invites/email")
@login_required
def invite_emails(cohort_id: int):
    cohort = managed_or_404(cohort_id)
    form = InviteEmailForm()
    if not form.validate_on_submit():
        return people_view(cohort, 400, email_form=form)
    try:
        sent = invites.invite_by_email(cohort, current_user.id, form.emails.data, form.days.data)
    except InviteError as exc:
        form.emails.errors.append(str(exc))
        # An archived cohort's page has no invitation forms to show the message beside.
        error = str(exc) if cohort.archived_at else None
        return people_view(cohort, 400, error, email_form=form)
    flash(f"Invitations sent to {len(sent)} address(es).", "success")
    return to_page("cohorts.people_page", cohort)


@bp.post("/cohorts/<int:cohort_id>/invites/<int:invite_id>/revoke")
@login_required
def revoke_invite(cohort_id: int, invite_id: int):
    cohort = managed_or_404(cohort_id)
    if not invites.revoke(cohort, invite_id):
        abort(404)
    flash("Invitation withdrawn: its link no longer works.", "success")
    return to_page("cohorts.people_page", cohort)


@bp.post("/cohorts/<int:cohort_id>/members/<int:user_id>/remove")
@login_required
def remove_member(cohort_id: int, user_id: int):
    """From the learner's record; back to the board, where they no longer are."""
    cohort = managed_or_404(cohort_id)
    if not services.remove_member(cohort, user_id):
        abort(404)
    flash("Learner removed from the cohort.", "success")
    return to_page("cohorts.cohort", cohort)
