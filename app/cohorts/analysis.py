"""Item analysis of a cohort's assigned quiz, mock exam or scenario.

For each question: how many responses, its **facility** (the mean item score, 0 to 1:
for questions scored right or wrong, the share answered right) and its
**discrimination**, the point-biserial correlation between the item score and the
score on the *rest* of the attempt (the attempt's total minus this item: the
"corrected item-total correlation", as Moodle's statistics report computes its
discrimination index). Leaving the item out of the total keeps it from correlating
with itself, which would flatter short quizzes. A good item has a clearly positive
value (above about 0.3); near zero it does not tell strong from weak learners, and
negative it rewards the weaker ones (often a wrong key). With few responses the
figure is noise, so it is hidden below ``MIN_RESPONSES``.

For choice questions each option's count shows what the team believes: a wrong option
chosen often is a shared misconception. For a scenario, each decision's choices are
counted the same way.

Which attempts count: only the cohort's current learners, and for each learner the
one attempt that counts for the assignment (best, last or first, within the attempts
allowed and from the open date, as ``status.matrix`` decides): one response per
learner, like Moodle's default of analysing the attempts that count for the grade.
The statistics are pure functions; ``analyse`` gathers their input in a fixed number
of statements whatever the cohort's size.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from app.cohorts.status import matrix
from app.extensions import db
from app.models import (
    Assignment,
    AttemptItem,
    CohortMember,
    ExamAttempt,
    PracticeAnswer,
    PracticeRun,
    Question,
    Scenario,
    ScenarioAttempt,
)
from app.scenarios.engine import expert_path

MIN_RESPONSES = 20
ANALYSED_KINDS = ("quiz", "exam", "scenario")


# --- the statistics (pure) ---


def point_biserial(item: Sequence[float], rest: Sequence[float]) -> float | None:
    """Pearson's correlation of item scores with rest-of-attempt scores; for an item
    scored 0 or 1 this is the point-biserial coefficient. None when it is undefined:
    fewer than two pairs, or either side without any spread."""
    n = len(item)
    if n != len(rest) or n < 2:
        return None
    mean_x, mean_y = math.fsum(item) / n, math.fsum(rest) / n
    sxx = math.fsum((x - mean_x) ** 2 for x in item)
    syy = math.fsum((y - mean_y) ** 2 for y in rest)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    sxy = math.fsum((x - mean_x) * (y - mean_y) for x, y in zip(item, rest, strict=True))
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


@dataclass(frozen=True)
class Response:
    """One learner's answer to one question in one attempt."""

    attempt: Hashable
    question_id: str
    score: float  # 0..1
    chosen: tuple[str, ...] | None = None  # option ids, for choice questions; None: no answer


@dataclass
class OptionCount:
    id: str
    text: str
    correct: bool
    count: int

    @property
    def misconception(self) -> bool:
        """A wrong option somebody chose."""
        return not self.correct and self.count > 0


@dataclass
class ItemStats:
    question_id: str
    type: str
    stem_html: str
    responses: int
    facility: float
    discrimination: float | None  # None: hidden (too few responses) or undefined
    unanswered: int = 0
    options: list[OptionCount] = field(default_factory=list)

    @property
    def hidden(self) -> bool:
        return self.responses < MIN_RESPONSES


def _options(qtype: str, content: dict) -> list[OptionCount]:
    if qtype in ("single", "multiple"):
        return [
            OptionCount(o["id"], o.get("text", o["id"]), bool(o.get("correct")), 0)
            for o in content.get("options", [])
        ]
    if qtype == "true_false":
        answer = content.get("answer") is True
        return [
            OptionCount("true", "True", answer, 0),
            OptionCount("false", "False", not answer, 0),
        ]
    return []


def item_statistics(responses: list[Response], questions: dict[str, dict]) -> list[ItemStats]:
    """Statistics per question, hardest (lowest facility) first.

    ``questions`` maps a question id to ``{"type": ..., "content": ...}`` (the question
    as shown). An attempt's total is the sum of its responses' scores, so the rest
    score of a response is that total minus its own score.
    """
    totals: dict[Hashable, float] = defaultdict(float)
    by_question: dict[str, list[Response]] = defaultdict(list)
    for r in responses:
        totals[r.attempt] += r.score
        by_question[r.question_id].append(r)
    stats = []
    for qid, answers in by_question.items():
        question = questions.get(qid) or {"type": "", "content": {}}
        scores = [r.score for r in answers]
        options = _options(question["type"], question["content"])
        index = {o.id: o for o in options}
        for r in answers:
            for chosen in r.chosen or ():
                if chosen not in index:  # an option since removed from the question
                    index[chosen] = OptionCount(chosen, chosen, False, 0)
                    options.append(index[chosen])
                index[chosen].count += 1
        n = len(answers)
        discrimination = None
        if n >= MIN_RESPONSES:
            discrimination = point_biserial(scores, [totals[r.attempt] - r.score for r in answers])
        stats.append(
            ItemStats(
                question_id=qid,
                type=question["type"],
                stem_html=question["content"].get("stem_html", ""),
                responses=n,
                facility=math.fsum(scores) / n,
                discrimination=discrimination,
                unanswered=sum(r.chosen is None for r in answers),
                options=options,
            )
        )
    stats.sort(key=lambda s: (s.facility, s.question_id))
    return stats


@dataclass
class ChoiceCount:
    id: str
    text: str
    count: int
    expert: bool  # what a seasoned project manager would choose here


@dataclass
class DecisionStats:
    stage_id: str
    title: str
    learners: int  # learners who decided at this stage
    choices: list[ChoiceCount]


def decision_counts(scenario: dict, plays: list[list[dict]]) -> list[DecisionStats]:
    """How many learners took each choice at each decision stage. ``plays`` holds one
    list of ``{"stage", "choice"}`` decisions per learner; a learner who passed the same
    stage twice in one play counts once per choice."""
    if not scenario.get("stages"):
        return []
    expert = {(d["stage"], d["choice"]) for d in expert_path(scenario)}
    taken: dict[tuple[str, str], int] = defaultdict(int)
    deciders: dict[str, int] = defaultdict(int)
    for decisions in plays:
        pairs = {(d["stage"], d["choice"]) for d in decisions}
        for pair in pairs:
            taken[pair] += 1
        for stage_id in {stage for stage, _ in pairs}:
            deciders[stage_id] += 1
    return [
        DecisionStats(
            stage["id"],
            stage.get("title", stage["id"]),
            deciders[stage["id"]],
            [
                ChoiceCount(
                    c["id"],
                    c.get("text", c["id"]),
                    taken[(stage["id"], c["id"])],
                    (stage["id"], c["id"]) in expert,
                )
                for c in stage.get("choices", [])
            ],
        )
        for stage in scenario.get("stages", [])
        if stage.get("kind") == "decision"
    ]


# --- gathering the input ---


@dataclass
class Analysis:
    assignment: Assignment
    learners: int  # current learners
    analysed: int  # learners whose counted attempt is analysed
    items: list[ItemStats] = field(default_factory=list)
    decisions: list[DecisionStats] = field(default_factory=list)


def analyse(assignment: Assignment, now: datetime) -> Analysis | None:
    """The item analysis of an assigned quiz, exam or scenario (None for other kinds)."""
    if assignment.kind not in ANALYSED_KINDS:
        return None
    user_ids = list(
        db.session.scalars(
            select(CohortMember.user_id).where(CohortMember.cohort_id == assignment.cohort_id)
        )
    )
    cells = matrix(user_ids, [assignment], now)
    # The counted attempt is known by its learner and the moment it finished.
    counted = {
        (uid, cell.completed_at)
        for (uid, _), cell in cells.items()
        if cell.completed_at is not None
    }
    result = Analysis(assignment, len(user_ids), 0)
    if assignment.kind == "exam":
        responses, questions = _exam_responses(assignment, user_ids, counted)
    elif assignment.kind == "quiz":
        responses, questions = _practice_responses(assignment, user_ids, counted)
    else:
        plays = _scenario_plays(assignment, user_ids, counted)
        result.analysed = len(plays)
        result.decisions = decision_counts(_scenario_data(assignment.item_id), plays)
        return result
    result.analysed = len({r.attempt for r in responses})
    result.items = item_statistics(responses, questions)
    return result


def _counted_ids(rows, counted: set) -> list[int]:
    """Ids of the attempts among ``rows`` (id, user id, finished at) that count."""
    return [rid for rid, uid, finished in rows if (uid, finished) in counted]


def _exam_responses(assignment: Assignment, user_ids: list[int], counted: set):
    """Responses from the counted attempts' items, each question as the attempt showed
    it (``AttemptItem.snapshot``); an unanswered item scores 0, as the exam scores it."""
    rows = db.session.execute(
        select(ExamAttempt.id, ExamAttempt.user_id, ExamAttempt.finished_at).where(
            ExamAttempt.quiz_id == assignment.item_id,
            ExamAttempt.user_id.in_(user_ids),
            ExamAttempt.finished_at.is_not(None),
        )
    ).tuples()
    attempt_ids = _counted_ids(rows, counted)
    responses, questions, versions = [], {}, {}
    for attempt_id, qid, version, snapshot, response, score in db.session.execute(
        select(
            AttemptItem.attempt_id,
            AttemptItem.question_id,
            AttemptItem.question_version,
            AttemptItem.snapshot,
            AttemptItem.response,
            AttemptItem.score,
        ).where(AttemptItem.attempt_id.in_(attempt_ids))
    ):
        responses.append(Response(attempt_id, qid, float(score or 0), _chosen(response)))
        if version >= versions.get(qid, -1):  # label options from the newest version seen
            versions[qid] = version
            questions[qid] = {"type": snapshot["type"], "content": snapshot["content"]}
    return responses, questions


def _practice_responses(assignment: Assignment, user_ids: list[int], counted: set):
    """Responses from the counted runs: the latest answer at each position of a run."""
    rows = db.session.execute(
        select(PracticeRun.id, PracticeRun.user_id, PracticeRun.finished_at).where(
            PracticeRun.quiz_id == assignment.item_id,
            PracticeRun.user_id.in_(user_ids),
            PracticeRun.finished_at.is_not(None),
        )
    ).tuples()
    run_ids = _counted_ids(rows, counted)
    latest: dict[tuple[int, int], tuple] = {}
    for answer in db.session.execute(
        select(
            PracticeAnswer.id,
            PracticeAnswer.run_id,
            PracticeAnswer.position,
            PracticeAnswer.question_id,
            PracticeAnswer.response,
            PracticeAnswer.score,
        ).where(PracticeAnswer.run_id.in_(run_ids))
    ):
        key = (answer.run_id, answer.position)
        if key not in latest or answer.id > latest[key].id:
            latest[key] = answer
    responses = [
        Response(a.run_id, a.question_id, float(a.score), _chosen(a.response))
        for a in latest.values()
    ]
    questions = {
        qid: {"type": qtype, "content": content}
        for qid, qtype, content in db.session.execute(
            select(Question.id, Question.type, Question.content).where(
                Question.id.in_({r.question_id for r in responses})
            )
        )
    }
    return responses, questions


def _chosen(response: dict | None) -> tuple[str, ...] | None:
    """The options a normalized response picked (true/false as an option), or None."""
    if not response:
        return None
    if "choice" in response:
        return (response["choice"],)
    if "choices" in response:
        return tuple(response["choices"])
    if "value" in response:
        return ("true" if response["value"] else "false",)
    return ()  # answered, but not by picking options (ordering, matching)


def _scenario_plays(assignment: Assignment, user_ids: list[int], counted: set) -> list:
    rows = db.session.execute(
        select(ScenarioAttempt.user_id, ScenarioAttempt.finished_at, ScenarioAttempt.state).where(
            ScenarioAttempt.scenario_id == assignment.item_id,
            ScenarioAttempt.user_id.in_(user_ids),
            ScenarioAttempt.total.is_not(None),  # finished and scored, not abandoned
        )
    )
    return [
        state.get("decisions", []) for uid, finished, state in rows if (uid, finished) in counted
    ]


def _scenario_data(scenario_id: str) -> dict:
    return db.session.scalar(select(Scenario.data).where(Scenario.id == scenario_id)) or {}
