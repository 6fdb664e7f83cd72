"""Cohort reports for its staff: the cohort by syllabus area, item analysis of an
assignment, CSV exports.

Access is the other staff pages' (``access.managed_cohort``): the cohort's owners and
instructors and any admin; anyone else gets a 404, and the anonymous a log-in.
"""

from __future__ import annotations

from flask import Response, render_template, stream_with_context
from flask_login import login_required

from app.cohorts import analysis, bp, export, practice_sets
from app.cohorts.items import KINDS
from app.cohorts.routes import managed_assignment_or_404, managed_or_404, staff_page
from app.models._types import utcnow


@bp.get("/cohorts/<int:cohort_id>/areas")
@login_required
def areas_page(cohort_id: int):
    cohort = managed_or_404(cohort_id)
    return staff_page("areas.html", cohort, "areas", areas=practice_sets.standings(cohort))


@bp.get("/cohorts/<int:cohort_id>/analysis/<int:assignment_id>")
@login_required
def analysis_page(cohort_id: int, assignment_id: int):
    cohort, assignment = managed_assignment_or_404(cohort_id, assignment_id)
    return render_template(
        "cohorts/analysis.html",
        cohort=cohort,
        assignment=assignment,
        kinds=KINDS,
        result=analysis.analyse(assignment, utcnow()),
        min_responses=analysis.MIN_RESPONSES,
    )


def _csv(cohort, name: str, rows) -> Response:
    now = utcnow()
    filename = f"cohort-{cohort.id}-{name}-{now:%Y-%m-%d}.csv"
    return Response(
        stream_with_context(export.as_csv(rows)),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


@bp.get("/cohorts/<int:cohort_id>/export/matrix.csv")
@login_required
def export_matrix(cohort_id: int):
    cohort = managed_or_404(cohort_id)
    return _csv(cohort, "matrix", export.matrix_rows(cohort, utcnow()))


@bp.get("/cohorts/<int:cohort_id>/export/attempts.csv")
@login_required
def export_attempts(cohort_id: int):
    cohort = managed_or_404(cohort_id)
    return _csv(cohort, "attempts", export.attempt_rows(cohort, utcnow()))
