"""Practice views: thin wrappers around ``app.quizzes.practice``."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.auth.forms import ActionForm
from app.models._types import utcnow
from app.quizzes import bp, practice
from app.quizzes.display import seconds_since_shown, secret_seed, show, shown_token
from app.quizzes.grading import InvalidResponse


@bp.get("/courses/<course_slug>/practice/<quiz_slug>")
def quiz(course_slug: str, quiz_slug: str):
    found = practice.find_quiz(course_slug, quiz_slug)
    if found is None:
        abort(404)
    course, quiz = found
    runs = practice.past_runs(current_user.id, quiz) if current_user.is_authenticated else []
    return render_template(
        "quizzes/quiz.html", course=course, quiz=quiz, available=len(practice.pool(quiz)), runs=runs
    )


@bp.post("/courses/<course_slug>/practice/<quiz_slug>/start")
@login_required
def start(course_slug: str, quiz_slug: str):
    if not ActionForm().validate_on_submit():
        abort(400)
    found = practice.find_quiz(course_slug, quiz_slug)
    if found is None:
        abort(404)
    run = practice.start_run(current_user.id, found[1])
    if run is None:
        abort(404)
    return redirect(url_for("quizzes.question", run_id=run.id, position=1))


def _run_or_404(run_id: int):
    run = practice.get_run(current_user.id, run_id)
    if run is None:
        abort(404)
    return run


def _run_and_question(run_id: int, position: int):
    """The learner's own run and the question at ``position`` in it, or 404."""
    run = _run_or_404(run_id)
    item = practice.question_at(run, position)
    if item is None:
        abort(404)
    return run, item


def _page(run, position: int, question, error: str | None = None, answer=None):
    """The question form, or (with ``answer``) the feedback on it."""
    seed = secret_seed(current_app.config["SECRET_KEY"], "practice", run.id, position)
    return render_template(
        "quizzes/question.html",
        run=run,
        position=position,
        total=len(run.question_ids),
        shown=show(question.type, question.content, question.shuffle, seed),
        question=question if answer is not None else None,  # the key only after answering
        answer=answer,
        lesson=practice.lesson_for(question),
        booklet=practice.booklet_for(question),
        error=error,
        shown_token=shown_token(current_app.config["SECRET_KEY"], utcnow()),
    )


@bp.get("/practice/runs/<int:run_id>/<int:position>")
@login_required
def question(run_id: int, position: int):
    run, item = _run_and_question(run_id, position)
    answer = None if request.args.get("retry") else practice.latest_answer(run, position)
    return _page(run, position, item, answer=answer)


@bp.post("/practice/runs/<int:run_id>/<int:position>")
@login_required
def answer(run_id: int, position: int):
    run, item = _run_and_question(run_id, position)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        now = utcnow()
        seconds = seconds_since_shown(
            current_app.config["SECRET_KEY"], request.form.get("shown"), now
        )
        practice.record_answer(run, position, item, request.form, seconds, now)
    except InvalidResponse as exc:
        return _page(run, position, item, error=str(exc)), 400
    return redirect(url_for("quizzes.question", run_id=run.id, position=position) + "#feedback")


@bp.get("/practice/runs/<int:run_id>/summary")
@login_required
def summary(run_id: int):
    run = _run_or_404(run_id)
    return render_template(
        "quizzes/summary.html",
        run=run,
        result=practice.summary(run),
        quiz=practice.quiz_of(run),
        tag=practice.current_tag(run.tag_id) if run.tag_id else None,
        assignment=practice.assignment_of(run),
    )


@bp.post("/practice/topics/<tag_id>/start")
@login_required
def start_topic(tag_id: str):
    """ "Practise this" from the dashboard: ten questions from one syllabus tag's pool."""
    tag = practice.current_tag(tag_id)
    if tag is None:
        abort(404)
    run = practice.start_tag_run(current_user.id, tag.id)
    if run is None:
        flash("There are no practice questions on that topic yet.", "error")
        return redirect(url_for("progress.dashboard"))
    return redirect(url_for("quizzes.question", run_id=run.id, position=1))
