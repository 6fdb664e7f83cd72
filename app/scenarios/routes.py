"""Scenario views: thin wrappers around ``app.scenarios.attempts``."""

from __future__ import annotations

import random

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.auth.forms import ActionForm
from app.quizzes.display import secret_seed
from app.scenarios import attempts, bp
from app.scenarios.engine import (
    StepRefused,
    available_choices,
    expert_path,
    stage_by_id,
    steps_left,
)


@bp.get("/courses/<course_slug>/scenarios/<slug>")
def scenario(course_slug: str, slug: str):
    found = attempts.find_scenario(course_slug, slug)
    if found is None:
        abort(404)
    course, item = found
    current = best = latest = None
    if current_user.is_authenticated:
        current = attempts.current_attempt(current_user.id, item.id)
        best, latest = attempts.results(current_user.id, item.id)
    return render_template(
        "scenarios/scenario.html",
        course=course,
        scenario=item,
        current=current,
        best=best,
        latest=latest,
    )


@bp.post("/courses/<course_slug>/scenarios/<slug>/start")
@login_required
def start(course_slug: str, slug: str):
    if not ActionForm().validate_on_submit():
        abort(400)
    found = attempts.find_scenario(course_slug, slug)
    if found is None:
        abort(404)
    attempt = attempts.start(current_user.id, found[1], restart=bool(request.form.get("restart")))
    return redirect(url_for("scenarios.play", attempt_id=attempt.id))


def _attempt_or_404(attempt_id: int):
    found = attempts.get_attempt(current_user.id, attempt_id)
    if found is None:
        abort(404)
    return found


def _play_page(attempt, item, error: str | None = None):
    stage = stage_by_id(item.data, attempt.state["stage"])
    tasks = []
    if stage["kind"] == "planning":
        tasks = list(stage["tasks"])
        seed = secret_seed(current_app.config["SECRET_KEY"], "scenario", attempt.id, stage["id"])
        random.Random(seed).shuffle(tasks)  # never shown in the model order
    return render_template(
        "scenarios/play.html",
        attempt=attempt,
        scenario=item,
        stage=stage,
        choices=available_choices(item.data, attempt.state),
        tasks=tasks,
        error=error,
        steps_left=steps_left(item.data, stage["id"]),
    )


@bp.get("/scenarios/attempts/<int:attempt_id>")
@login_required
def play(attempt_id: int):
    attempt, item = _attempt_or_404(attempt_id)
    if attempt.state["ended"]:
        return redirect(url_for("scenarios.debrief", attempt_id=attempt.id))
    return _play_page(attempt, item)


@bp.post("/scenarios/attempts/<int:attempt_id>/choose")
@login_required
def choose(attempt_id: int):
    attempt, item = _attempt_or_404(attempt_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        attempts.choose(
            attempt, item, request.form.get("stage", ""), request.form.get("choice", "")
        )
    except StepRefused as exc:
        return _refused(attempt, item, str(exc))
    decision = attempt.state["decisions"][-1]
    stage = stage_by_id(item.data, decision["stage"])
    chosen = next(c for c in stage["choices"] if c["id"] == decision["choice"])
    flash(chosen.get("feedback", ""), "info")
    return redirect(url_for("scenarios.play", attempt_id=attempt.id))


@bp.post("/scenarios/attempts/<int:attempt_id>/plan")
@login_required
def plan(attempt_id: int):
    attempt, item = _attempt_or_404(attempt_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    included = request.form.getlist("include")
    try:
        positions = {tid: int(request.form.get(f"pos-{tid}", "")) for tid in included}
    except ValueError:
        return _refused(attempt, item, "Give every step you include a position.")
    if len(set(positions.values())) != len(positions):
        return _refused(attempt, item, "Give each step you include a different position.")
    marked = {
        "rollback": set(request.form.getlist("rollback")) & set(included),
        "communication": set(request.form.getlist("communication")) & set(included),
    }
    try:
        attempts.plan(
            attempt,
            item,
            request.form.get("stage", ""),
            sorted(included, key=positions.__getitem__),
            marked,
            request.form.get("window", ""),
        )
    except StepRefused as exc:
        return _refused(attempt, item, str(exc))
    return redirect(url_for("scenarios.play", attempt_id=attempt.id))


def _refused(attempt, item, message: str):
    if attempt.state["ended"]:
        return redirect(url_for("scenarios.debrief", attempt_id=attempt.id))
    return _play_page(attempt, item, error=message), 400


@bp.get("/scenarios/attempts/<int:attempt_id>/debrief")
@login_required
def debrief(attempt_id: int):
    attempt, item = _attempt_or_404(attempt_id)
    if not attempt.state["ended"]:
        return redirect(url_for("scenarios.play", attempt_id=attempt.id))
    return render_template(
        "scenarios/debrief.html",
        attempt=attempt,
        scenario=item,
        stage_by_id=stage_by_id,
        ending=stage_by_id(item.data, attempt.state["stage"]),
        lessons=attempts.lesson_links(item),
        expert=expert_path(item.data),
    )
