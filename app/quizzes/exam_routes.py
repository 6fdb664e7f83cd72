"""Mock-exam views. Saving answers works as a plain form post and, with
``static/js/exam.js``, as a background save on every change (JSON reply)."""

from __future__ import annotations

from flask import abort, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.auth.forms import ActionForm
from app.auth.services import get_user
from app.quizzes import bp, exams
from app.quizzes.grading import TICKED_TYPES, InvalidResponse, match_tokens


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


@bp.get("/courses/<course_slug>/exams/<exam_slug>")
def exam(course_slug: str, exam_slug: str):
    found = exams.find_exam(course_slug, exam_slug)
    if found is None:
        abort(404)
    course, quiz = found
    attempt, past = None, []
    if current_user.is_authenticated:
        attempt = exams.open_attempt(current_user.id, quiz.id)
        if attempt is not None and exams.finalize_if_expired(attempt):
            attempt = None
        past = exams.history(current_user.id, quiz.id)
    allowance = current_user.time_allowance if current_user.is_authenticated else 0
    return render_template(
        "quizzes/exam.html",
        course=course,
        quiz=quiz,
        attempt=attempt,
        past=past,
        minutes=round(exams.exam_minutes(quiz, allowance)),
        second_language_minutes=round(exams.exam_minutes(quiz, allowance, True)),
    )


@bp.post("/courses/<course_slug>/exams/<exam_slug>/start")
@login_required
def start_exam(course_slug: str, exam_slug: str):
    if not ActionForm().validate_on_submit():
        abort(400)
    found = exams.find_exam(course_slug, exam_slug)
    if found is None:
        abort(404)
    second_language = request.form.get("second_language") == "1"
    attempt = exams.start_or_resume(
        get_user(current_user.id), found[1], second_language=second_language
    )
    return redirect(
        url_for("quizzes.exam_question", attempt_id=attempt.id, position=attempt.current_position)
    )


def _attempt_or_404(attempt_id: int):
    attempt = exams.get_attempt(current_user.id, attempt_id)
    if attempt is None:
        abort(404)
    return attempt


def _open_item_or_redirect(attempt_id: int, position: int):
    """(attempt, item) for an open attempt; a finished one sends the learner to results."""
    attempt = _attempt_or_404(attempt_id)
    if attempt.status != "open" or exams.finalize_if_expired(attempt):
        return attempt, None
    item = exams.item_at(attempt, position)
    if item is None:
        abort(404)
    return attempt, item


@bp.get("/exams/<int:attempt_id>/q/<int:position>")
@login_required
def exam_question(attempt_id: int, position: int):
    attempt, item = _open_item_or_redirect(attempt_id, position)
    if item is None:
        return redirect(url_for("quizzes.exam_result", attempt_id=attempt.id))
    return _question_page(attempt, item)


def _question_page(attempt, item, error: str | None = None):
    content = item.snapshot["content"]
    # Matching: a choice's key (m1, m2…) → the match a saved answer stores, to reselect it.
    match_keys = match_tokens(content) if item.snapshot["type"] == "matching" else {}
    return render_template(
        "quizzes/exam_question.html",
        attempt=attempt,
        item=item,
        shown=item.snapshot["shown"],  # tokens and texts only: never the key
        answer=item.response,
        tokens=item.snapshot["tokens"],
        match_keys=match_keys,
        grid=exams.items(attempt),
        seconds_left=exams.seconds_left(attempt),
        booklet=exams.booklet_of(item),
        error=error,
    )


@bp.post("/exams/<int:attempt_id>/q/<int:position>")
@login_required
def save_exam_answer(attempt_id: int, position: int):
    attempt, item = _open_item_or_redirect(attempt_id, position)
    if item is None:
        if _wants_json():
            return jsonify(saved=False, error="This attempt is finished."), 409
        return redirect(url_for("quizzes.exam_result", attempt_id=attempt.id))
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        ticked = item.snapshot["type"] in TICKED_TYPES
        if ticked or request.form.get("clear") or _has_parts(request.form):
            exams.save_answer(attempt, item, request.form)
        if "flag" in request.form:
            exams.set_flag(attempt, item, request.form.get("flag") == "1")
    except exams.AttemptClosed as exc:
        if _wants_json():
            return jsonify(saved=False, error=str(exc)), 409
        return redirect(url_for("quizzes.exam_result", attempt_id=attempt.id))
    except InvalidResponse as exc:
        if _wants_json():
            return jsonify(saved=False, error=str(exc)), 400
        return _question_page(attempt, item, error=str(exc)), 400
    if _wants_json():
        return jsonify(
            saved=True,
            position=item.position,
            answered=item.response is not None,
            flagged=item.flagged,
            seconds_left=exams.seconds_left(attempt),
        )
    return redirect(_next_url(attempt, item))


def _has_parts(form) -> bool:
    # An untouched matching question sends only empty selects: no answer, not a wrong one.
    return any(key.startswith(("pos-", "match-")) and form.get(key) for key in form)


def _next_url(attempt, item) -> str:
    go = request.form.get("go", "next")
    if go == "review":
        return url_for("quizzes.exam_submit", attempt_id=attempt.id)
    target = item.position
    if go == "next":
        target = min(item.position + 1, attempt.question_count)
    elif go == "prev":
        target = max(item.position - 1, 1)
    elif go.isdigit():
        target = min(max(int(go), 1), attempt.question_count)
    return url_for("quizzes.exam_question", attempt_id=attempt.id, position=target)


@bp.route("/exams/<int:attempt_id>/submit", methods=["GET", "POST"])
@login_required
def exam_submit(attempt_id: int):
    attempt = _attempt_or_404(attempt_id)
    if attempt.status != "open" or exams.finalize_if_expired(attempt):
        return redirect(url_for("quizzes.exam_result", attempt_id=attempt.id))
    if request.method == "POST":
        if not ActionForm().validate_on_submit():
            abort(400)
        exams.submit(attempt)
        return redirect(url_for("quizzes.exam_result", attempt_id=attempt.id))
    return render_template(
        "quizzes/exam_submit.html",
        attempt=attempt,
        grid=exams.items(attempt),
        seconds_left=exams.seconds_left(attempt),
    )


@bp.get("/exams/<int:attempt_id>/result")
@login_required
def exam_result(attempt_id: int):
    attempt = _attempt_or_404(attempt_id)
    if attempt.status == "open" and not exams.finalize_if_expired(attempt):
        return redirect(
            url_for(
                "quizzes.exam_question", attempt_id=attempt.id, position=attempt.current_position
            )
        )
    quiz, course = exams.quiz_and_course(attempt)
    return render_template(
        "quizzes/exam_result.html",
        attempt=attempt,
        quiz=quiz,
        course=course,
        items=exams.items(attempt),
        areas=exams.area_rows(attempt),
        past=exams.history(current_user.id, quiz.id),
    )
