"""The review queue: one due card at a time, answered or self-rated."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.extensions import db
from app.models._types import utcnow
from app.progress import activity, review, tracking
from app.progress.forms import DailyGoalForm
from app.progress.routes import bp
from app.quizzes.display import seconds_since_shown, secret_seed, show, shown_token
from app.quizzes.grading import InvalidResponse, grade, parse_response
from app.quizzes.practice import booklet_for, lesson_for


@dataclass
class Reviewed:
    """What the feedback template needs of an answer."""

    response: dict
    score: float


def _page(due, error: str | None = None, form: DailyGoalForm | None = None, status: int = 200):
    now = utcnow()
    secret = current_app.config["SECRET_KEY"]
    shown = None
    if due is not None and due.question is not None:
        seed = secret_seed(secret, "review", due.card.id, due.card.reps)
        shown = show(due.question.type, due.question.content, due.question.shuffle, seed)
    summary = activity.study_summary(
        current_user.id, current_user.timezone, current_user.daily_goal, now
    )
    return (
        render_template(
            "progress/review.html",
            due=due,
            shown=shown,
            booklet=booklet_for(due.question) if shown else None,
            due_count=current_user.review_due,
            summary=summary,
            error=error,
            goal_form=form or DailyGoalForm(daily_goal=summary.goal),
            shown_token=shown_token(secret, now),
        ),
        status,
    )


@bp.get("/review")
@login_required
def review_queue():
    return _page(review.next_due(current_user.id, utcnow()))


@bp.post("/review/cards/<int:card_id>")
@login_required
def review_card(card_id: int):
    card = review.get_card(current_user.id, card_id)
    if card is None:
        abort(404)
    if request.form.get("reps") != str(card.reps):
        flash("That card was already reviewed; here is the next one.", "info")
        return redirect(url_for("progress.review_queue"))
    now = utcnow()
    due = review.due_card(card)
    if due is None:
        flash("That card's item has been retired from the course.", "info")
        return redirect(url_for("progress.review_queue"))
    if due.term is not None:
        rating = review.rating_from(request.form.get("rating"))
        if rating is None:
            return _page(due, error="Choose how well you remembered it.", status=400)
        tracking.record_review(current_user.id, card, rating, now)
        db.session.commit()
        return redirect(url_for("progress.review_queue"))
    question = due.question
    try:
        response = parse_response(question.type, question.content, request.form)
    except InvalidResponse as exc:
        return _page(due, error=str(exc), status=400)
    score = grade(question.type, question.content, response, partial=True)
    seconds = seconds_since_shown(current_app.config["SECRET_KEY"], request.form.get("shown"), now)
    rating = review.answer_rating(score, seconds)
    answer = tracking.Answer(question, score, seconds)
    tracking.record_review(current_user.id, card, rating, now, answer)
    db.session.commit()
    return render_template(
        "progress/review_feedback.html",
        question=question,
        answer=Reviewed(response, score),
        rating=review.RATINGS[int(rating)],
        lesson=lesson_for(question),
        booklet=booklet_for(question),
        due_count=review.due_count(current_user.id, now),
    )


@bp.post("/review/goal")
@login_required
def set_goal():
    form = DailyGoalForm()
    if not form.validate_on_submit():
        return _page(review.next_due(current_user.id, utcnow()), form=form, status=400)
    review.set_daily_goal(current_user.id, form.daily_goal.data)
    flash(f"Daily goal set to {form.daily_goal.data}.", "success")
    return redirect(url_for("progress.review_queue"))
