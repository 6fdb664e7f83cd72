"""Practice sets for the cohort's learners: practise one (staff build them on the
Assignments page, ``assignment_routes``)."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_login import current_user, login_required

from app.cohorts import access, bp, practice_sets
from app.cohorts.services import CohortError
from app.models._types import utcnow


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
