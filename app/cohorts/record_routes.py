"""A learner's completion record in a cohort, for the cohort's staff, and its forms:
an extension or extra attempts on one assignment, the exam time allowance."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import login_required

from app.cohorts import assignments, bp, records
from app.cohorts.assignment_routes import assignments_view
from app.cohorts.forms import AllowanceForm, ExceptionForm
from app.cohorts.routes import managed_assignment_or_404, managed_or_404
from app.cohorts.services import CohortError
from app.models._types import utcnow


def record_view(cohort, user_id: int, status_code: int = 200, error: str | None = None):
    """The record of a current learner of the cohort (anyone else: 404), with the
    message of a form refused on it."""
    record = records.completion_record(cohort, user_id, utcnow())
    if record is None:
        abort(404)
    return render_template(
        "cohorts/record.html", cohort=cohort, record=record, error=error
    ), status_code


def to_record(cohort, user_id: int):
    return redirect(url_for("cohorts.learner_record", cohort_id=cohort.id, user_id=user_id))


@bp.get("/cohorts/<int:cohort_id>/learners/<int:user_id>")
@login_required
def learner_record(cohort_id: int, user_id: int):
    return record_view(managed_or_404(cohort_id), user_id)


@bp.post("/cohorts/<int:cohort_id>/assignments/<int:assignment_id>/exceptions")
@login_required
def exception(cohort_id: int, assignment_id: int):
    """One learner's extension or extra attempts (the learner chosen in the form).

    Refused, it shows the learner's record again with the reason. The URL names the
    assignment, not the learner: when the form names nobody in the cohort (a learner
    removed meanwhile, a forged form) there is no record to show, so the cohort's
    Assignments page says so instead (400 either way: the cohort and the assignment
    exist, the request is what is wrong)."""
    cohort, assignment = managed_assignment_or_404(cohort_id, assignment_id)
    form = ExceptionForm()
    learner_id = form.learner.data
    if not form.validate_on_submit():
        error = f"Check the exception for “{assignment.title}”: {form_errors(form)}"
    else:
        try:
            assignments.set_exception(
                cohort, assignment, learner_id, form.due_at.data, form.extra_attempts.data
            )
        except CohortError as exc:
            error = f"“{assignment.title}”: {exc}"
        else:
            flash(f"Exception saved for “{assignment.title}”.", "success")
            return to_record(cohort, learner_id)
    if learner_id is None or records.member(cohort, learner_id) is None:
        return assignments_view(cohort, 400, "That learner is not in this cohort.")
    return record_view(cohort, learner_id, 400, error)


@bp.post("/cohorts/<int:cohort_id>/learners/<int:user_id>/allowance")
@login_required
def allowance(cohort_id: int, user_id: int):
    """The learner's exam time allowance; the URL names the learner, so someone not
    in the cohort is not found here (404)."""
    cohort = managed_or_404(cohort_id)
    if records.member(cohort, user_id) is None:
        abort(404)
    form = AllowanceForm()
    if not form.validate_on_submit():
        return record_view(cohort, user_id, 400, "Check the allowance: " + form_errors(form))
    try:
        assignments.set_time_allowance(cohort, user_id, form.percent.data)
    except CohortError as exc:
        return record_view(cohort, user_id, 400, str(exc))
    flash("Exam time allowance saved.", "success")
    return to_record(cohort, user_id)


def form_errors(form) -> str:
    return " ".join(
        f"{form[name].label.text}: {' '.join(errors)}"
        for name, errors in form.errors.items()
        if name != "csrf_token"
    )
