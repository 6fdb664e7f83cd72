"""Simulated learners for ``make calibrate``: answers from a model that is not ours.

The truth is a two-parameter item-response model: a learner of ability ``θ`` answers an
item of discrimination ``a`` and difficulty ``b`` right with chance
``guess + (1 − guess)·σ(a·(θ − b))`` (``guess`` is 0 unless asked for). ``θ`` on a tag is
a fixed part (a general ability plus the tag's own deviation, so areas are correlated)
and a learned part: each answered item moves the tag's learned part a share of the way
to the learner's ceiling (diminishing returns), and a little of it goes to a general
learned part shared by every tag (understanding the method). Both decay exponentially
between answers (forgetting). Authors rate each item 1–3 from its true difficulty with
some misjudgement, as a person would; our model sees only those levels, the outcomes and
the times.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from pathlib import Path

import yaml

from app.progress import mastery
from app.progress.mastery import Skill, observe, sigmoid
from app.progress.readiness import Mock, forecast

START = datetime(2025, 1, 6, tzinfo=UTC)
MINUTE = 1 / 1440  # days
LOW, HIGH = -0.5, 0.5  # an author calls an item easy (1) or hard (3) beyond these

# 60 questions, pass 36, drawn by syllabus group as the PRINCE2 7 Foundation exam is.
PRINCE2_LIKE = {
    "p2-key-concepts": 9,
    "p2-people": 3,
    "p2-principles": 14,
    "p2-practices": 20,
    "p2-processes": 14,
}


@dataclass(frozen=True)
class Exam:
    name: str
    title: str
    blueprint: dict[str, int]
    area_tags: dict[str, set[str]]
    pass_mark: int

    @property
    def questions(self) -> int:
        return sum(self.blueprint.values())

    @property
    def tags(self) -> list[str]:
        return sorted(set().union(*self.area_tags.values()))

    def draw(self, rng: random.Random) -> list[str]:
        """The tag of each question of a fresh sitting, area by area."""
        return [
            rng.choice(sorted(self.area_tags[area]))
            for area, count in self.blueprint.items()
            for _ in range(count)
        ]


def load_exams(content: Path) -> dict[str, Exam]:
    """The PRINCE2-like exam and every exam defined in ``content``, by name."""
    syllabus = yaml.safe_load((content / "syllabus.yaml").read_text())
    groups = {g["id"]: {t["id"] for t in g["tags"]} for g in syllabus["groups"]}

    def exam(name: str, title: str, blueprint: dict[str, int], pass_mark: int) -> Exam:
        area_tags = {area: groups.get(area, {area}) for area in blueprint}
        return Exam(name, title, dict(blueprint), area_tags, pass_mark)

    exams = {"prince2-like": exam("prince2-like", "PRINCE2 Foundation-like", PRINCE2_LIKE, 36)}
    for path in sorted(content.glob("*/quizzes/*.yaml")):
        for quiz in yaml.safe_load(path.read_text()).get("quizzes") or []:
            if quiz.get("kind") == "exam":
                exams[quiz["id"]] = exam(
                    quiz["id"], quiz["title"], quiz["blueprint"], quiz["pass_mark"]
                )
    return exams


def knob(default: float, about: str):
    return field(default=default, metadata={"help": about})


@dataclass(frozen=True)
class World:
    """The simulated population and items; every field is an option of ``tools.calibrate``."""

    ability_mean: float = knob(-0.3, "mean general ability before study (logit)")
    ability_sd: float = knob(0.8, "spread of general ability between learners")
    tag_sd: float = knob(0.5, "spread of a tag's ability around the learner's general one")
    tag_difficulty_sd: float = knob(0.3, "spread of tags' mean item difficulty")
    difficulty_sd: float = knob(1.0, "spread of item difficulty b within a tag")
    discrimination_sd: float = knob(0.3, "spread of log discrimination (median a = 1)")
    author_noise: float = knob(0.5, "author's misjudgement of b before rating an item 1-3")
    guess: float = knob(0.0, "lower asymptote of the item curve (0: pure 2PL)")
    learn_rate: float = knob(0.08, "median share of the way to the ceiling per answer")
    ceiling: float = knob(1.5, "median most a learner gains on a tag (logit)")
    transfer: float = knob(0.1, "share of each answer's learning that reaches every tag")
    forget_days: float = knob(30.0, "median time constant of forgetting what was learned")
    min_days: int = knob(7, "shortest study period (days)")
    max_days: int = knob(56, "longest study period (days)")
    answers_per_day: float = knob(10.0, "median answers on a study day")
    volume_sd: float = knob(1.0, "spread (log scale) of practice volume between learners")
    run_size: int = knob(8, "questions per practice run, each run on one tag")
    max_mocks: int = knob(2, "most mock exams sat before the final one")
    max_gap_days: float = knob(10.0, "longest wait from the end of study to the exam")


@dataclass(frozen=True)
class Item:
    discrimination: float
    difficulty: float
    level: int  # the author's rating, 1 (easy) to 3 (hard)


def draw_item(world: World, tag_difficulty: float, rng: random.Random) -> Item:
    b = rng.gauss(tag_difficulty, world.difficulty_sd)
    judged = b + rng.gauss(0.0, world.author_noise)
    level = 1 if judged < LOW else 3 if judged > HIGH else 2
    return Item(rng.lognormvariate(0.0, world.discrimination_sd), b, level)


class TrueLearner:
    """A learner's real ability: fixed part, plus learning that fades."""

    def __init__(self, world: World, tags: list[str], rng: random.Random):
        general = rng.gauss(world.ability_mean, world.ability_sd)
        self.world = world
        self.fixed = {tag: general + rng.gauss(0.0, world.tag_sd) for tag in tags}
        self.learned = dict.fromkeys(tags, (0.0, 0.0))  # tag → (value, as of day)
        self.general = (0.0, 0.0)
        self.rate = min(0.5, world.learn_rate * rng.lognormvariate(0.0, 0.5))
        self.ceiling = world.ceiling * rng.lognormvariate(0.0, 0.3)
        self.forget_days = world.forget_days * rng.lognormvariate(0.0, 0.5)

    def _faded(self, learned: tuple[float, float], day: float) -> float:
        value, since = learned
        return value * math.exp(-(day - since) / self.forget_days)

    def ability(self, tag: str, day: float) -> float:
        return (
            self.fixed[tag] + self._faded(self.learned[tag], day) + self._faded(self.general, day)
        )

    def answers_right(self, tag: str, item: Item, day: float, rng: random.Random) -> bool:
        logit = item.discrimination * (self.ability(tag, day) - item.difficulty)
        guess = self.world.guess
        return rng.random() < guess + (1.0 - guess) * sigmoid(logit)

    def learn(self, tag: str, day: float) -> None:
        value = self._faded(self.learned[tag], day)
        self.learned[tag] = (value + self.rate * (self.ceiling - value), day)
        shared = self._faded(self.general, day)
        step = self.world.transfer * self.rate * (self.ceiling - shared)
        self.general = (shared + step, day)


@dataclass(frozen=True)
class Outcome:
    """Our forecast for one learner, the baselines' inputs, and the fresh mock's result."""

    pass_probability: float
    expected: float
    low: float
    high: float
    enough: bool
    last_mock: float | None  # share right on the latest earlier mock
    practice: float | None  # share right over all practice answers
    answers: int  # practice and mock answers our model saw
    score: int  # on the fresh mock
    passed: bool


def simulate_learner(
    exam: Exam,
    world: World,
    tag_difficulty: dict[str, float],
    rng: random.Random,
    difficulty_of: Callable[[int], float] = mastery.question_difficulty,
) -> Outcome:
    """Weeks of practice and mocks, our forecast at the end, then a fresh mock."""
    tags = exam.tags
    truth = TrueLearner(world, tags, rng)
    # Every tag explicitly, so a tried PRIOR_VARIANCE reaches the unpractised ones too.
    skills = {tag: Skill(variance=mastery.PRIOR_VARIANCE) for tag in tags}
    liking = list(accumulate(rng.gammavariate(0.7, 1.0) for _ in tags))  # uneven coverage
    days = rng.randint(world.min_days, world.max_days)
    study_chance = rng.uniform(0.1, 0.9)
    per_day = world.answers_per_day * rng.lognormvariate(0.0, world.volume_sd)
    mock_days = set(rng.sample(range(days), min(days, rng.randint(0, world.max_mocks))))
    mocks: list[Mock] = []
    right = practised = 0

    def answer(tag: str, day: float) -> bool:
        item = draw_item(world, tag_difficulty[tag], rng)
        correct = truth.answers_right(tag, item, day, rng)
        when = START + timedelta(days=day)
        skills[tag] = observe(skills[tag], float(correct), when, difficulty_of(item.level))
        truth.learn(tag, day)
        return correct

    for day in range(days):
        clock = day + rng.uniform(0.3, 0.9)
        if rng.random() < study_chance:
            count = round(per_day * rng.uniform(0.5, 1.5))
            for first in range(0, count, world.run_size):
                tag = rng.choices(tags, cum_weights=liking)[0]
                for _ in range(min(world.run_size, count - first)):
                    right += answer(tag, clock)
                    practised += 1
                    clock += MINUTE
        if day in mock_days:
            score = 0
            for tag in exam.draw(rng):
                score += answer(tag, clock)
                clock += MINUTE
            mocks.append(Mock(START + timedelta(days=clock), score, exam.questions))

    now = days + rng.uniform(0.0, world.max_gap_days)
    ours = forecast(
        exam.blueprint,
        exam.area_tags,
        skills,
        exam.pass_mark,
        START + timedelta(days=now),
        mocks,
    )
    score = 0
    for tag in exam.draw(rng):
        score += truth.answers_right(tag, draw_item(world, tag_difficulty[tag], rng), now, rng)
    return Outcome(
        pass_probability=ours.pass_probability,
        expected=ours.expected,
        low=ours.low,
        high=ours.high,
        enough=ours.enough,
        last_mock=mocks[-1].score / mocks[-1].total if mocks else None,
        practice=right / practised if practised else None,
        answers=practised + exam.questions * len(mocks),
        score=score,
        passed=score >= exam.pass_mark,
    )


def tag_difficulties(exam: Exam, world: World, seed: str) -> dict[str, float]:
    """Some tags are harder for everyone; fixed for a run."""
    rng = random.Random(f"{seed}:{exam.name}:tags")
    return {tag: rng.gauss(0.0, world.tag_difficulty_sd) for tag in exam.tags}
