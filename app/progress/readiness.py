"""Exam readiness: a predicted score and pass probability for one exam.

Each blueprint area's chance of a right answer is the mean, over the area's tags,
of the tag's mastery as of now (so predicted forgetting is already in it); a tag
never practised starts from the learner's mean over the tags they have practised.
The score is a sum of per-area binomials; its variance adds the uncertainty of the
mastery itself (delta method, areas taken as independent, which calibrated best).
The learner's latest mock pulls the expected fraction toward its own score, less
as it ages. The pass probability is the normal approximation with a continuity
correction. Pure: ``make calibrate`` checks these numbers against simulated
learners who do not follow our model, and chose the constants here and in mastery.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from app.progress.mastery import PRIOR_VARIANCE, Z80, Skill, at, probability

MOCK_WEIGHT = 0.7  # how far a fresh mock pulls the prediction toward its score
MOCK_HALF_LIFE_DAYS = 14.0
MIN_ANSWERS = 20  # over the exam's tags, unless a mock was taken
MIN_COVERAGE = 0.7  # share of the exam's questions whose area has evidence


@dataclass(frozen=True)
class Mock:
    finished_at: datetime
    score: int
    total: int


@dataclass(frozen=True)
class AreaForecast:
    area: str
    questions: int
    chance: float  # of a right answer on this area's question
    answers: int  # evidence behind it


@dataclass(frozen=True)
class Readiness:
    questions: int
    pass_mark: int
    enough: bool
    expected: float  # predicted score
    low: float  # 80% band
    high: float
    pass_probability: float
    areas: list[AreaForecast]
    weakest: list[str]  # area ids, weakest first (those with evidence)

    @property
    def percent(self) -> int:
        return round(100 * self.expected / self.questions) if self.questions else 0


def _normal_cdf(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def _pooled_prior(skills: dict[str, Skill], now: datetime) -> Skill:
    """The belief for a tag never practised: the learner's mean rating on the tags they
    have practised, with the full prior uncertainty (someone strong on most of the
    syllabus is likely better than a coin toss on the rest)."""
    practised = [at(s, now).rating for s in skills.values() if s.answers]
    rating = sum(practised) / len(practised) if practised else 0.0
    return Skill(rating=rating, variance=PRIOR_VARIANCE)


def forecast(
    blueprint: dict[str, int],
    area_tags: dict[str, set[str]],
    skills: dict[str, Skill],
    pass_mark: int,
    now: datetime,
    mocks: list[Mock] = (),
) -> Readiness:
    """Readiness for an exam drawn by ``blueprint`` (area → questions)."""
    mean = variance = 0.0
    areas: list[AreaForecast] = []
    answers = covered = 0
    untested = _pooled_prior(skills, now)
    for area, count in blueprint.items():
        tags = sorted(area_tags.get(area) or {area})
        tag_skills = [
            at(skills[t], now) if t in skills and skills[t].answers else untested for t in tags
        ]
        chances = [probability(s) for s in tag_skills]
        chance = sum(chances) / len(chances)
        # The sd of the mean chance: each tag's sd through σ'(x) = p(1 − p).
        sd = sum(
            p * (1 - p) * math.sqrt(s.variance) for p, s in zip(chances, tag_skills, strict=True)
        ) / len(tag_skills)
        mean += count * chance
        variance += count * chance * (1 - chance) + (count * sd) ** 2
        evidence = sum(s.answers for s in tag_skills)
        answers += evidence
        covered += count if any(s.enough for s in tag_skills) else 0
        areas.append(AreaForecast(area, count, chance, evidence))
    total = sum(blueprint.values())
    latest = max(mocks, key=lambda m: m.finished_at, default=None)
    if latest is not None and latest.total:
        age = max(0.0, (now - latest.finished_at).total_seconds() / 86400)
        pull = MOCK_WEIGHT * 0.5 ** (age / MOCK_HALF_LIFE_DAYS)
        mean = (1 - pull) * mean + pull * total * latest.score / latest.total
    sd = math.sqrt(variance)
    probability_pass = (
        1.0 - _normal_cdf((pass_mark - 0.5 - mean) / sd) if sd else float(mean >= pass_mark)
    )
    enough = latest is not None or (
        answers >= MIN_ANSWERS and total and covered / total >= MIN_COVERAGE
    )
    with_evidence = [a for a in areas if a.answers]
    return Readiness(
        questions=total,
        pass_mark=pass_mark,
        enough=bool(enough),
        expected=mean,
        low=max(0.0, mean - Z80 * sd),
        high=min(float(total), mean + Z80 * sd),
        pass_probability=probability_pass,
        areas=areas,
        weakest=[a.area for a in sorted(with_evidence, key=lambda a: a.chance)[:2]],
    )
