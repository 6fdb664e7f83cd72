"""The mastery model: a Bayesian logistic rating per tag, with forgetting."""

import math
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.progress.mastery import (
    HALF_LIFE_DAYS,
    MIN_ANSWERS,
    PRIOR_VARIANCE,
    Skill,
    at,
    band,
    observe,
    probability,
    question_difficulty,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def answered(outcomes, start=T0, difficulty=0.0) -> Skill:
    """A fresh skill after ``outcomes`` (1 right, 0 wrong), one a minute."""
    skill = Skill()
    for n, outcome in enumerate(outcomes):
        skill = observe(skill, outcome, start + timedelta(minutes=n), difficulty)
    return skill


def test_a_right_answer_raises_the_rating_and_a_wrong_one_lowers_it():
    assert observe(Skill(), 1, T0).rating > 0
    assert observe(Skill(), 0, T0).rating < 0


def test_variance_shrinks_with_every_piece_of_evidence():
    variances = [answered([1, 0] * n).variance for n in range(6)]
    assert variances[0] == PRIOR_VARIANCE
    assert all(later < earlier for earlier, later in zip(variances, variances[1:], strict=False))


def test_early_answers_move_the_rating_more_than_later_ones():
    fresh = Skill()
    practised = answered([1, 0] * 10)  # rating back near the prior, belief much narrower
    assert abs(practised.rating) < 0.2
    first_step = observe(fresh, 1, T0).rating - fresh.rating
    later = T0 + timedelta(hours=1)
    later_step = observe(practised, 1, later).rating - practised.rating
    assert 0 < later_step < first_step / 2


def test_a_hard_question_answered_right_raises_the_rating_more_than_an_easy_one():
    hard = observe(Skill(), 1, T0, difficulty=question_difficulty(3))
    easy = observe(Skill(), 1, T0, difficulty=question_difficulty(1))
    assert hard.rating > easy.rating > 0


def test_an_easy_question_answered_wrong_lowers_the_rating_more_than_a_hard_one():
    easy = observe(Skill(), 0, T0, difficulty=question_difficulty(1))
    hard = observe(Skill(), 0, T0, difficulty=question_difficulty(3))
    assert easy.rating < hard.rating < 0


def test_question_difficulty_is_ordered_and_clamped_to_the_authors_scale():
    assert question_difficulty(1) < question_difficulty(2) == 0.0 < question_difficulty(3)
    assert question_difficulty(0) == question_difficulty(1)
    assert question_difficulty(9) == question_difficulty(3)


def test_forgetting_halves_the_distance_to_the_prior_every_half_life():
    skill = answered([1] * 8)
    last = skill.updated_at
    later = at(skill, last + timedelta(days=HALF_LIFE_DAYS))
    assert later.rating == pytest.approx(skill.rating / 2)
    assert later.updated_at == last + timedelta(days=HALF_LIFE_DAYS)


def test_forgetting_pulls_a_weak_rating_up_toward_the_prior_too():
    skill = answered([0] * 8)
    later = at(skill, skill.updated_at + timedelta(days=60))
    assert skill.rating < later.rating < 0


def test_forgetting_grows_the_variance_but_never_past_the_prior():
    skill = answered([1, 0] * 6)
    month = at(skill, skill.updated_at + timedelta(days=30))
    assert skill.variance < month.variance < PRIOR_VARIANCE
    years = at(skill, skill.updated_at + timedelta(days=3650))
    assert years.variance == PRIOR_VARIANCE


def test_no_forgetting_without_time_passing_or_when_asked_about_the_past():
    skill = answered([1] * 5)
    assert at(skill, skill.updated_at) == skill
    assert at(skill, skill.updated_at - timedelta(days=3)) == skill
    assert at(Skill(), T0) == Skill()


def test_evidence_after_a_long_gap_starts_from_the_forgotten_belief():
    skill = answered([1] * 8)
    soon = observe(skill, 1, skill.updated_at + timedelta(minutes=1))
    year = observe(skill, 1, skill.updated_at + timedelta(days=365))
    assert year.rating < soon.rating
    assert year.variance > soon.variance


def test_evidence_that_does_not_count_moves_the_rating_but_not_the_answer_tally():
    skill = answered([1, 0, 1])
    read = observe(skill, 1, T0 + timedelta(hours=1), difficulty=-1.0, weight=0.3, counts=False)
    assert read.rating > skill.rating
    assert (read.answers, read.correct) == (3, 2.0)


def test_answers_and_partial_credit_are_tallied():
    skill = answered([1, 0, 0.5])
    assert skill.answers == 3
    assert skill.correct == pytest.approx(1.5)


@pytest.mark.parametrize(("given_outcome", "clamped"), [(1.7, 1.0), (-0.4, 0.0)])
def test_outcomes_outside_zero_to_one_are_clamped(given_outcome, clamped):
    assert observe(Skill(), given_outcome, T0) == observe(Skill(), clamped, T0)


def test_a_lower_weight_moves_the_rating_less():
    assert 0 < observe(Skill(), 1, T0, weight=0.3).rating < observe(Skill(), 1, T0).rating


def test_probability_lies_inside_the_band_which_narrows_with_evidence():
    few, many = answered([1, 1, 0]), answered([1, 1, 0] * 10)
    for skill in (Skill(), few, many):
        low, high = band(skill)
        assert 0 < low <= probability(skill) <= high < 1
    assert band(many)[1] - band(many)[0] < band(few)[1] - band(few)[0]


def test_a_fresh_skill_is_a_coin_toss_on_an_average_question():
    assert probability(Skill()) == 0.5
    assert band(Skill())[0] == pytest.approx(1 - band(Skill())[1])


def test_probability_falls_as_questions_get_harder():
    skill = answered([1, 1, 0, 1])
    assert probability(skill, 1.0) < probability(skill) < probability(skill, -1.0)


def test_uncertainty_pulls_the_probability_toward_a_coin_toss():
    sure = Skill(rating=1.5, variance=0.1)
    unsure = Skill(rating=1.5, variance=PRIOR_VARIANCE)
    assert 0.5 < probability(unsure) < probability(sure)


def test_enough_evidence_needs_min_answers():
    assert not answered([1] * (MIN_ANSWERS - 1)).enough
    assert answered([1] * MIN_ANSWERS).enough
    lessons_only = Skill()
    for n in range(MIN_ANSWERS * 2):
        lessons_only = observe(lessons_only, 1, T0 + timedelta(days=n), counts=False)
    assert not lessons_only.enough


EVIDENCE = st.lists(
    st.tuples(
        st.floats(min_value=-2, max_value=3, allow_nan=False),  # outcome, clamped
        st.floats(min_value=-3, max_value=3),  # difficulty
        st.sampled_from([0.3, 0.7, 1.0]),  # weight: reading, decision, answer
        st.floats(min_value=0, max_value=400),  # days since the previous evidence
    ),
    max_size=60,
)


@given(EVIDENCE)
def test_any_history_keeps_the_belief_finite_and_the_variance_inside_zero_and_the_prior(history):
    skill, now = Skill(), T0
    for outcome, difficulty, weight, gap in history:
        now += timedelta(days=gap)
        skill = observe(skill, outcome, now, difficulty, weight)
        assert math.isfinite(skill.rating)
        assert 0 < skill.variance <= PRIOR_VARIANCE
        low, high = band(skill)
        assert 0 <= low <= probability(skill) <= high <= 1
    assert skill.answers == len(history)
    assert 0 <= skill.correct <= skill.answers


@given(st.lists(st.sampled_from([0, 1]), min_size=1, max_size=40))
def test_one_more_right_answer_never_rates_lower_than_one_more_wrong_one(outcomes):
    skill = answered(outcomes)
    now = skill.updated_at + timedelta(minutes=1)
    assert observe(skill, 1, now).rating > observe(skill, 0, now).rating
