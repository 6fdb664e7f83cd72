"""Progress views: the dashboard and marking lessons complete."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from app.auth.forms import ActionForm
from app.progress import bp, services


@bp.get("/progress")
@login_required
def dashboard():
    return render_template("progress/dashboard.html", board=services.dashboard(current_user))


def _toggle(lesson_id: str, completed: bool):
    if not ActionForm().validate_on_submit():
        abort(400)
    lesson = services.current_lesson(lesson_id)
    if lesson is None:
        abort(404)
    services.set_completed(current_user, lesson, completed)
    flash(
        "Lesson marked as complete." if completed else "Lesson marked as not complete.", "success"
    )
    return redirect(
        url_for("catalog.lesson", course_slug=lesson.course.slug, lesson_slug=lesson.slug)
        + "#completion"
    )


@bp.post("/progress/lessons/<lesson_id>/complete")
@login_required
def complete_lesson(lesson_id: str):
    return _toggle(lesson_id, True)


@bp.post("/progress/lessons/<lesson_id>/undo")
@login_required
def undo_lesson(lesson_id: str):
    return _toggle(lesson_id, False)
