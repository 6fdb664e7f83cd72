"""Cohort views for assignments and per-learner exceptions."""

from __future__ import annotations

from flask import flash
from flask_login import login_required

from app.cohorts import assignments, bp
from app.cohorts.forms import AllowanceForm, AssignmentForm, ExceptionForm
from app.cohorts.routes import (
    back_to,
    manage_page,
    managed_assignment_or_404,
    managed_or_404,
)
from app.cohorts.services import CohortError


@bp.post("/cohorts/<int:cohort_id>/assignments")
@login_required
def assign(cohort_id: int):
    cohort = managed_or_404(cohort_id)
    form = AssignmentForm()
    if not form.validate_on_submit():
        return manage_page(cohort, 400, assignment_form=form)
    kind, _, item_id = (form.item.data or "").partition(":")
    try:
        assignment = assignments.create(
            cohort,
            kind,
            item_id,
            form.due_at.data,
            form.open_at.data,
            form.attempts.data,
            form.counts.data,
        )
    except CohortError as exc:
        form.item.errors.append(str(exc))
        # An archived cohort's page has no assignment form to show the message beside.
        error = str(exc) if cohort.archived_at else None
        return manage_page(cohort, 400, assignment_form=form, error=error)
    flash(f"Assigned “{assignment.title}”.", "success")
    return back_to(cohort, "#assignments")


@bp.post("/cohorts/<int:cohort_id>/assignments/<int:assignment_id>/delete")
@login_required
def unassign(cohort_id: int, assignment_id: int):
    cohort, assignment = managed_assignment_or_404(cohort_id, assignment_id)
    assignments.remove(assignment)
    flash(f"“{assignment.title}” is no longer assigned. Learners' work on it is kept.", "success")
    return back_to(cohort, "#assignments")


@bp.post("/cohorts/<int:cohort_id>/assignments/<int:assignment_id>/exceptions")
@login_required
def exception(cohort_id: int, assignment_id: int):
    """One learner's extension or extra attempts (the learner chosen in the form)."""
    cohort, assignment = managed_assignment_or_404(cohort_id, assignment_id)
    form = ExceptionForm()
    if not form.validate_on_submit():
        return manage_page(cohort, 400, error="Check the extension: " + _errors(form))
    try:
        assignments.set_exception(
            cohort, assignment, form.learner.data, form.due_at.data, form.extra_attempts.data
        )
    except CohortError as exc:
        return manage_page(cohort, 400, error=str(exc))
    flash("Exception saved.", "success")
    return back_to(cohort, "#assignments")


@bp.post("/cohorts/<int:cohort_id>/learners/<int:user_id>/allowance")
@login_required
def allowance(cohort_id: int, user_id: int):
    cohort = managed_or_404(cohort_id)
    form = AllowanceForm()
    if not form.validate_on_submit():
        return manage_page(cohort, 400, error="Check the allowance: " + _errors(form))
    try:
        assignments.set_time_allowance(cohort, user_id, form.percent.data)
    except CohortError as exc:
        return manage_page(cohort, 400, error=str(exc))
    flash("Exam time allowance saved.", "success")
    return back_to(cohort, "#learners")


def _errors(form) -> str:
    return " ".join(
        f"{form[name].label.text}: {' '.join(errors)}"
        for name, errors in form.errors.items()
        if name != "csrf_token"
    )
