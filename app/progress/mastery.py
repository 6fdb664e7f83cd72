"""Mastery of a syllabus tag: a Bayesian logistic rating with forgetting.

Each tag's skill is a belief N(rating, variance) on a logit scale. An answer to a
question of difficulty ``b`` is evidence with P(right) = σ(rating − b); the belief
is updated by one Newton step on the log-posterior (the Laplace approximation that
Glicko uses), so the first answers move it a lot and later ones less. Between
pieces of evidence the rating slides back toward the prior (half-life
``HALF_LIFE_DAYS``) and the variance grows, so old evidence weighs less.

What a learner sees is the chance of answering an average question on the tag,
allowing for the uncertainty, with an 80% band. Pure functions: no database, so
the calibration simulation (``make calibrate``) runs the very same code.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime

PRIOR_VARIANCE = 3.0
HALF_LIFE_DAYS = 120.0  # unrefreshed skill halves its distance from the prior
DRIFT_PER_DAY = 0.01  # variance regained per day without evidence
MIN_ANSWERS = 5  # below this, a tag shows "not enough evidence yet"
Z80 = 1.2816  # the 80% band

# How much one piece of evidence weighs, and how hard it is, by kind.
ANSWER_WEIGHT = 1.0
DECISION_WEIGHT = 0.7
READING_WEIGHT = 0.3
READING_DIFFICULTY = -1.0


def sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def question_difficulty(level: int) -> float:
    """Authors rate questions 1 (recall) to 3 (application); on the logit scale."""
    return 0.6 * (max(1, min(3, level)) - 2)


@dataclass(frozen=True)
class Skill:
    rating: float = 0.0
    variance: float = PRIOR_VARIANCE
    answers: int = 0
    correct: float = 0.0
    updated_at: datetime | None = None

    @property
    def enough(self) -> bool:
        return self.answers >= MIN_ANSWERS


def at(skill: Skill, now: datetime) -> Skill:
    """The belief as of ``now``: forgetting since the last evidence applied."""
    if skill.updated_at is None or now <= skill.updated_at:
        return skill
    days = (now - skill.updated_at).total_seconds() / 86400
    return replace(
        skill,
        rating=skill.rating * 0.5 ** (days / HALF_LIFE_DAYS),
        variance=min(PRIOR_VARIANCE, skill.variance + DRIFT_PER_DAY * days),
        updated_at=now,
    )


def observe(
    skill: Skill,
    outcome: float,
    now: datetime,
    difficulty: float = 0.0,
    weight: float = ANSWER_WEIGHT,
    counts: bool = True,
) -> Skill:
    """The belief after evidence ``outcome`` (1 right, 0 wrong, or partial credit).

    ``counts`` says whether it is an answer the learner gave (shown as "answers");
    a completed lesson nudges the rating without counting as one.
    """
    outcome = max(0.0, min(1.0, outcome))
    current = at(skill, now)
    p = sigmoid(current.rating - difficulty)
    variance = 1.0 / (1.0 / current.variance + weight * p * (1.0 - p))
    return Skill(
        rating=current.rating + variance * weight * (outcome - p),
        variance=variance,
        answers=current.answers + (1 if counts else 0),
        correct=current.correct + (outcome if counts else 0.0),
        updated_at=now,
    )


def probability(skill: Skill, difficulty: float = 0.0) -> float:
    """Chance of answering a question of ``difficulty`` right, averaged over the belief
    (the probit approximation of the logistic-normal integral)."""
    return sigmoid((skill.rating - difficulty) / math.sqrt(1.0 + math.pi * skill.variance / 8))


def band(skill: Skill, difficulty: float = 0.0) -> tuple[float, float]:
    spread = Z80 * math.sqrt(skill.variance)
    return (
        sigmoid(skill.rating - difficulty - spread),
        sigmoid(skill.rating - difficulty + spread),
    )
