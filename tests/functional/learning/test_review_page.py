"""The review page: one due card at a time, its key kept back until it is answered;
ratings, forged ids, stale and repeated forms, and the daily goal."""

from __future__ import annotations

import re

import pytest
from markupsafe import Markup

from app.extensions import db
from app.models import User
from app.models._types import utcnow
from app.progress import review
from tests.functional.learning.helpers import (
    answer_fields,
    cards,
    logs,
    mastery,
    post,
    question,
    statements,
    text,
)

QUESTION = "q-pmit-why-01"  # single choice, with a reason on every option
TERM = "term-project"
CARD_FORM = re.compile(r'action="/review/cards/(\d+)"')


def add_card(ctx, user_id: int, kind: str, item_id: str) -> int:
    """Put an item in a learner's queue, due now; returns the card's id."""
    with ctx():
        review.add_cards(user_id, kind, [item_id], utcnow())
        db.session.commit()
        return review.cards_for(user_id, kind, [item_id])[item_id].id


@pytest.fixture
def due_question(learner, ctx) -> int:
    return add_card(ctx, learner, "question", QUESTION)


@pytest.fixture
def due_term(learner, ctx) -> int:
    return add_card(ctx, learner, "term", TERM)


def answer(client, ctx, card_id: int, right: bool = True, reps: str = "0"):
    qtype, content = question(ctx, QUESTION)
    return post(
        client, f"/review/cards/{card_id}", {"reps": reps, **answer_fields(qtype, content, right)}
    )


def plain(html_text: str) -> str:
    return " ".join(Markup(html_text).striptags().split())  # noqa: S704 - our own content


def test_review_shows_a_due_question_without_its_key_or_explanation(client, due_question, ctx):
    response = client.get("/review")
    assert response.status_code == 200
    page = text(response)
    _, content = question(ctx, QUESTION)
    assert plain(content["stem_html"])[:60] in page
    assert CARD_FORM.findall(response.get_data(as_text=True)) == [str(due_question)]
    for option in content["options"]:
        assert option["text"] in page
        assert option["reason"] not in page
    assert plain(content["explanation_html"])[:60] not in page
    assert "correct" not in response.get_data(as_text=True).lower()


def test_answering_a_review_question_shows_its_feedback(client, learner, due_question, ctx):
    response = answer(client, ctx, due_question, right=True)
    assert response.status_code == 200
    page = text(response)
    _, content = question(ctx, QUESTION)
    assert plain(content["explanation_html"])[:60] in page
    assert "Rated Good" in page
    [card] = cards(ctx, learner)
    assert card.reps == 1 and card.due_at > utcnow()
    assert [log.rating for log in logs(ctx, learner)] == [3]
    assert mastery(ctx, learner)["it-project-basics"].answers == 1
    assert len(statements(ctx, learner, "answered")) == 1


def test_a_wrong_review_answer_is_rated_again(client, learner, due_question, ctx):
    assert "Rated Again" in text(answer(client, ctx, due_question, right=False))
    assert [log.rating for log in logs(ctx, learner)] == [1]


def test_the_same_review_sent_twice_counts_once(client, learner, due_question, ctx):
    assert answer(client, ctx, due_question).status_code == 200
    again = answer(client, ctx, due_question)
    assert again.status_code == 302 and again.headers["Location"].endswith("/review")
    assert "That card was already reviewed" in text(client.get("/review"))
    assert len(logs(ctx, learner)) == 1
    assert cards(ctx, learner)[0].reps == 1
    assert mastery(ctx, learner)["it-project-basics"].answers == 1


@pytest.mark.parametrize("rating", [1, 2, 3, 4])
def test_a_term_card_is_rated_by_the_learner(client, learner, due_term, ctx, rating):
    response = post(client, f"/review/cards/{due_term}", {"reps": "0", "rating": str(rating)})
    assert response.status_code == 302 and response.headers["Location"].endswith("/review")
    assert [log.rating for log in logs(ctx, learner)] == [rating]
    [card] = cards(ctx, learner)
    assert card.reps == 1 and card.due_at > utcnow()


def test_a_term_rated_easy_comes_back_later_than_one_rated_again(client, learner, ctx):
    again = add_card(ctx, learner, "term", TERM)
    easy = add_card(ctx, learner, "term", "term-benefit")
    post(client, f"/review/cards/{again}", {"reps": "0", "rating": "1"})
    post(client, f"/review/cards/{easy}", {"reps": "0", "rating": "4"})
    due = {card.id: card.due_at for card in cards(ctx, learner)}
    assert due[easy] > due[again]


def test_the_review_page_shows_a_due_term_and_its_rating_buttons(client, due_term):
    response = client.get("/review")
    page = response.get_data(as_text=True)
    assert "Key term" in page and ">Project<" in page
    assert CARD_FORM.findall(page) == [str(due_term)]
    assert [int(v) for v in re.findall(r'name="rating" value="(\d)"', page)] == [1, 2, 3, 4]


@pytest.mark.parametrize("rating", ["0", "5", "x", ""])
def test_a_rating_outside_one_to_four_is_refused(client, learner, due_term, ctx, rating):
    response = post(client, f"/review/cards/{due_term}", {"reps": "0", "rating": rating})
    assert response.status_code == 400
    assert "Choose how well you remembered it." in text(response)
    assert cards(ctx, learner)[0].reps == 0
    assert logs(ctx, learner) == []


def test_a_review_answer_that_fits_no_option_is_refused(client, learner, due_question, ctx):
    response = post(client, f"/review/cards/{due_question}", {"reps": "0", "choice": "z"})
    assert response.status_code == 400
    assert "That answer is not one of this question's options." in text(response)
    assert logs(ctx, learner) == [] and cards(ctx, learner)[0].reps == 0


@pytest.mark.parametrize("kind", ["term", "question"])
def test_another_learners_card_is_not_found(client, learner, other, ctx, kind):
    theirs = add_card(ctx, other.user_id, kind, TERM if kind == "term" else QUESTION)
    qtype, content = question(ctx, QUESTION)
    form = {"reps": "0", "rating": "3", **answer_fields(qtype, content, right=True)}
    assert post(client, f"/review/cards/{theirs}", form).status_code == 404
    [card] = cards(ctx, other.user_id)
    assert card.reps == 0 and logs(ctx, other.user_id) == []
    assert logs(ctx, learner) == [] and statements(ctx, learner) == []


def test_an_unknown_card_is_not_found(client, learner):
    assert post(client, "/review/cards/999999", {"reps": "0", "rating": "3"}).status_code == 404


def test_a_stale_review_form_is_sent_back_with_a_message(client, learner, due_term, ctx):
    response = post(client, f"/review/cards/{due_term}", {"reps": "4", "rating": "3"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/review")
    assert "That card was already reviewed; here is the next one." in text(client.get("/review"))
    assert cards(ctx, learner)[0].reps == 0 and logs(ctx, learner) == []


def test_nothing_due_says_so(client, learner):
    page = text(client.get("/review"))
    assert "Nothing due" in page and "0 cards due now" in page


# --- the daily goal ---


def daily_goal(ctx, user_id: int) -> int:
    with ctx():
        return db.session.get(User, user_id).daily_goal


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "Number must be between 1 and 500."),
        ("501", "Number must be between 1 and 500."),
        ("abc", "Not a valid integer value."),
        ("", "This field is required."),
    ],
)
def test_the_daily_goal_form_refuses_a_goal_out_of_range(client, learner, ctx, value, message):
    response = post(client, "/review/goal", {"daily_goal": value})
    assert response.status_code == 400
    assert message in text(response)
    assert daily_goal(ctx, learner) == 20


def test_the_daily_goal_form_accepts_thirty(client, learner, ctx):
    response = post(client, "/review/goal", {"daily_goal": "30"})
    assert response.status_code == 302
    page = text(client.get("/review"))
    assert "Daily goal set to 30." in page
    assert "0 of your daily goal of 30 done" in page
    assert daily_goal(ctx, learner) == 30
