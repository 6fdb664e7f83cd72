"""Practice sets: staff build one from the cohort's weakest areas; learners practise it."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_login import current_user, login_required

from app.cohorts import access, bp, practice_sets
from app.cohorts.forms import PracticeSetForm
from app.cohorts.routes import manage_page, managed_or_404
from app.cohorts.services import CohortError
from app.models._types import utcnow


@bp.post("/cohorts/<int:cohort_id>/practice-set")
@login_required
def build_practice_set(cohort_id: int):
    cohort = managed_or_404(cohort_id)
    form = PracticeSetForm()
    if not form.validate_on_submit():
        return manage_page(cohort, 400, error="Give the practice set a valid due date.")
    try:
        assignment = practice_sets.create_practice_set(cohort, form.due_at.data)
    except CohortError as exc:
        return manage_page(cohort, 400, error=str(exc))
    flash(f"Assigned “{assignment.title}”.", "success")
    return redirect(url_for("cohorts.cohort", cohort_id=cohort.id) + "#assignments")


@bp.post("/cohorts/<int:cohort_id>/assignments/<int:assignment_id>/practise")
@login_required
def practise_set(cohort_id: int, assignment_id: int):
    """A learner of the cohort starts a run of one of its practice sets."""
    cohort = access.member_cohort(current_user, cohort_id)
    assignment = practice_sets.practice_set(cohort, assignment_id) if cohort else None
    if assignment is None:
        abort(404)
    try:
        run = practice_sets.start(current_user.id, assignment, utcnow())
    except CohortError as exc:
        flash(str(exc), "error")
        return redirect(url_for("cohorts.cohort", cohort_id=cohort.id))
    return redirect(url_for("quizzes.question", run_id=run.id, position=1))
