"""A learner's completion record in a cohort, for the cohort's staff."""

from __future__ import annotations

from flask import abort, render_template
from flask_login import current_user, login_required

from app.cohorts import access, bp, records
from app.models._types import utcnow


@bp.get("/cohorts/<int:cohort_id>/learners/<int:user_id>")
@login_required
def learner_record(cohort_id: int, user_id: int):
    cohort = access.managed_cohort(current_user, cohort_id)
    record = records.completion_record(cohort, user_id, utcnow()) if cohort else None
    if record is None:
        abort(404)
    return render_template("cohorts/record.html", cohort=cohort, record=record)
