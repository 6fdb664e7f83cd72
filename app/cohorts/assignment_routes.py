"""The Assignments page of a cohort and its forms: assign work, withdraw it, build a
practice set from the cohort's weakest areas. (A learner's extension or extra
attempts are set on their record: ``record_routes``.)"""

from __future__ import annotations

from flask import flash
from flask_login import login_required

from app.cohorts import assignments, bp, items, practice_sets
from app.cohorts.forms import AssignmentForm, PracticeSetForm
from app.cohorts.routes import managed_assignment_or_404, managed_or_404, staff_page, to_page
from app.cohorts.services import CohortError


def assignments_view(
    cohort,
    status_code: int = 200,
    error: str | None = None,
    assignment_form: AssignmentForm | None = None,
):
    """The page, with the assignment form that failed validation if one did. An
    archived cohort takes no new work, so it gets neither form nor the curriculum."""
    return staff_page(
        "assignments.html",
        cohort,
        "assignments",
        status_code,
        assignments=assignments.of_cohort(cohort.id),
        items=[] if cohort.archived_at else items.assignable(),
        kinds=items.KINDS,
        assignment_form=assignment_form or AssignmentForm(),
        error=error,
    )


@bp.get("/cohorts/<int:cohort_id>/assignments")
@login_required
def assignments_page(cohort_id: int):
    return assignments_view(managed_or_404(cohort_id))


@bp.post("/cohorts/<int:cohort_id>/assignments")
@login_required
def assign(cohort_id: int):
    cohort = managed_or_404(cohort_id)
    form = AssignmentForm()
    if not form.validate_on_submit():
        return assignments_view(cohort, 400, assignment_form=form)
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
        return assignments_view(cohort, 400, error, form)
    flash(f"Assigned “{assignment.title}”.", "success")
    return to_page("cohorts.assignments_page", cohort)


@bp.post("/cohorts/<int:cohort_id>/assignments/<int:assignment_id>/delete")
@login_required
def unassign(cohort_id: int, assignment_id: int):
    cohort, assignment = managed_assignment_or_404(cohort_id, assignment_id)
    assignments.remove(assignment)
    flash(f"“{assignment.title}” is no longer assigned. Learners' work on it is kept.", "success")
    return to_page("cohorts.assignments_page", cohort)


@bp.post("/cohorts/<int:cohort_id>/practice-set")
@login_required
def build_practice_set(cohort_id: int):
    cohort = managed_or_404(cohort_id)
    form = PracticeSetForm()
    if not form.validate_on_submit():
        return assignments_view(cohort, 400, "Give the practice set a valid due date.")
    try:
        assignment = practice_sets.create_practice_set(cohort, form.due_at.data)
    except CohortError as exc:
        return assignments_view(cohort, 400, str(exc))
    flash(f"Assigned “{assignment.title}”.", "success")
    return to_page("cohorts.assignments_page", cohort)
