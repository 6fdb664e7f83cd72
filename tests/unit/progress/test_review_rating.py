"""The review queue's pure parts: the rating an answer earns, a self-rating from a form,
and the FSRS schedule a rating gives (learning steps off, so nothing returns the same day)."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Rating

from app.models import ReviewCard
from app.progress.review import FAST_SECONDS, _scheduled, answer_rating, rating_from

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def new_card() -> ReviewCard:
    return ReviewCard(state={}, reps=0, lapses=0)


def after(card: ReviewCard, rating: Rating, now: datetime) -> ReviewCard:
    values = _scheduled(card, rating, now)
    return ReviewCard(
        state=values["state"], reps=values["reps"], lapses=values["lapses"], due_at=values["due_at"]
    )


def test_a_wrong_answer_rates_again_however_fast():
    assert answer_rating(0, 3) == Rating.Again
    assert answer_rating(0, None) == Rating.Again


def test_partial_credit_is_not_a_right_answer():
    assert answer_rating(0.75, 5) == Rating.Again


def test_a_right_answer_rates_good_and_easy_when_fast():
    assert answer_rating(1, FAST_SECONDS + 1) == Rating.Good
    assert answer_rating(1, FAST_SECONDS) == Rating.Easy
    assert answer_rating(1, 2) == Rating.Easy


def test_a_right_answer_of_unknown_duration_rates_good():
    assert answer_rating(1, None) == Rating.Good


@pytest.mark.parametrize(
    ("value", "rating"),
    [("1", Rating.Again), ("2", Rating.Hard), ("3", Rating.Good), ("4", Rating.Easy)],
)
def test_a_self_rating_from_the_form_is_one_of_four(value, rating):
    assert rating_from(value) == rating


@pytest.mark.parametrize("value", [None, "", "0", "5", "3.0", " 3", "Good", "-1"])
def test_anything_else_from_the_form_is_no_rating(value):
    assert rating_from(value) is None


@pytest.mark.parametrize("rating", list(Rating))
def test_no_first_review_brings_a_card_back_the_same_day(rating):
    card = after(new_card(), rating, NOW)
    assert card.due_at >= NOW + timedelta(days=1)
    assert card.reps == 1 and card.lapses == 0


def test_better_first_ratings_push_the_card_further_out():
    dues = [after(new_card(), rating, NOW).due_at for rating in Rating]
    assert dues == sorted(dues)
    assert dues[0] < dues[-1]


def test_again_after_a_good_review_brings_the_card_back_sooner_and_counts_a_lapse():
    seen = after(after(new_card(), Rating.Again, NOW), Rating.Good, NOW + timedelta(days=1))
    later = seen.due_at
    good = after(seen, Rating.Good, later)
    again = after(seen, Rating.Again, later)
    assert again.due_at < good.due_at
    assert again.due_at - later <= timedelta(days=1)
    assert (again.lapses, good.lapses) == (seen.lapses + 1, seen.lapses)
    assert again.reps == good.reps == 3


def test_successive_good_reviews_space_out():
    card, now, gaps = after(new_card(), Rating.Good, NOW), NOW, []
    for _ in range(4):
        gaps.append(card.due_at - now)
        now = card.due_at
        card = after(card, Rating.Good, now)
    assert gaps == sorted(gaps) and gaps[0] < gaps[-1]


def test_the_stored_state_round_trips_through_json_and_schedules_the_same():
    card = after(new_card(), Rating.Good, NOW)
    stored = ReviewCard(state=json.loads(json.dumps(card.state)), reps=card.reps, lapses=0)
    assert datetime.fromisoformat(stored.state["due"]) == card.due_at
    assert (
        after(stored, Rating.Good, card.due_at).due_at
        == after(card, Rating.Good, card.due_at).due_at
    )
