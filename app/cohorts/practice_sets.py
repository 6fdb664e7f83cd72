"""Practice sets: an instructor builds, in one click, a practice assignment from the
syllabus tags the cohort is weakest on; learners practise it as runs drawn from the
union of those tags' practice pools.

The cohort's mastery of a tag is the average belief of its current learners who
have enough answers on it (``mastery.MIN_ANSWERS``), read in one aggregate
statement whatever the size of the cohort. A tag is ranked on it once at least
``MIN_LEARNERS`` learners have that much evidence; the other tags follow, those the
cohort has answered least on first, so a new cohort gets a set on what it has not
practised yet. Only tags with current practice questions can be chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select

from app.cohorts.assignments import add, local_to_utc
from app.cohorts.services import CohortError
from app.extensions import db
from app.models import (
    Assignment,
    Cohort,
    CohortMember,
    PracticeRun,
    Question,
    QuestionTag,
    SyllabusTag,
    TagMastery,
)
from app.progress import mastery
from app.quizzes.practice import start_set_run

KIND = "topics"
MIN_LEARNERS = 3  # learners with enough answers before a tag's cohort mastery is ranked
SET_TAGS = 3


@dataclass(frozen=True)
class TagStanding:
    """The cohort on one syllabus tag."""

    tag_id: str
    title: str
    practice_questions: int
    answers: int  # every current learner's answers on the tag
    learners_with_evidence: int  # learners with at least mastery.MIN_ANSWERS answers
    chance: float | None  # of an average question right; None without enough evidence

    @property
    def ranked(self) -> bool:
        return self.chance is not None


def standings(cohort: Cohort) -> list[TagStanding]:
    """Every current tag with practice questions, weakest first: tags with enough
    evidence by the cohort's chance of a right answer, then the rest by how little
    the cohort has answered on them. One statement."""
    enough = TagMastery.answers >= mastery.MIN_ANSWERS
    evidence = (
        select(
            TagMastery.tag_id,
            func.avg(case((enough, TagMastery.rating))).label("rating"),
            func.avg(case((enough, TagMastery.variance))).label("variance"),
            func.sum(TagMastery.answers).label("answers"),
            func.count(case((enough, 1))).label("learners"),
        )
        .join(CohortMember, CohortMember.user_id == TagMastery.user_id)
        .where(CohortMember.cohort_id == cohort.id)
        .group_by(TagMastery.tag_id)
        .subquery()
    )
    pools = (
        select(QuestionTag.tag_id, func.count(Question.id).label("questions"))
        .join(Question, Question.id == QuestionTag.question_id)
        .where(Question.in_practice, Question.retired_at.is_(None))
        .group_by(QuestionTag.tag_id)
        .subquery()
    )
    rows = db.session.execute(
        select(
            SyllabusTag.id,
            SyllabusTag.title,
            pools.c.questions,
            evidence.c.rating,
            evidence.c.variance,
            evidence.c.answers,
            evidence.c.learners,
        )
        .join(pools, pools.c.tag_id == SyllabusTag.id)
        .outerjoin(evidence, evidence.c.tag_id == SyllabusTag.id)
        .where(SyllabusTag.retired_at.is_(None))
        .order_by(SyllabusTag.group_id, SyllabusTag.position)
    )
    found = []
    for tag_id, title, questions, rating, variance, answers, learners in rows:
        learners = learners or 0
        chance = None
        if learners >= MIN_LEARNERS:
            skill = mastery.Skill(rating=float(rating), variance=float(variance))
            chance = mastery.probability(skill)
        found.append(TagStanding(tag_id, title, questions, int(answers or 0), learners, chance))
    ranked = sorted((s for s in found if s.ranked), key=lambda s: s.chance)
    others = sorted((s for s in found if not s.ranked), key=lambda s: s.answers)
    return ranked + others


def weakest_tags(cohort: Cohort, n: int = SET_TAGS) -> list[TagStanding]:
    """The ``n`` tags a practice set for the cohort should cover."""
    return standings(cohort)[:n]


def create_practice_set(cohort: Cohort, due_local: datetime | None) -> Assignment:
    """Assign a practice set on the cohort's weakest tags, due at ``due_local`` (the
    cohort's time zone); every check happens before anything is written."""
    if cohort.archived_at is not None:
        raise CohortError("This cohort is archived: no new assignments.")
    if due_local is None:
        raise CohortError("Give the practice set a due date.")
    tags = weakest_tags(cohort)
    if not tags:
        raise CohortError(
            "No syllabus topic has practice questions yet, so there is nothing to build "
            "a practice set from."
        )
    assignment = Assignment(
        cohort_id=cohort.id,
        kind=KIND,
        item_id=KIND,
        tags=[t.tag_id for t in tags],
        title=("Practice: " + ", ".join(t.title for t in tags))[:200],
        due_at=local_to_utc(due_local, cohort.timezone),
        counts="best",
    )
    return add(assignment)


def practice_set(cohort: Cohort, assignment_id: int) -> Assignment | None:
    """The cohort's practice set with this id; anything else (another cohort's, another
    kind of work) is unknown."""
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None or assignment.cohort_id != cohort.id or assignment.kind != KIND:
        return None
    return assignment


def start(user_id: int, assignment: Assignment, now: datetime) -> PracticeRun:
    """A run of the set for a learner; refuses (nothing stored) a set not open yet or
    one whose topics have no practice questions left."""
    if assignment.open_at is not None and now < assignment.open_at:
        raise CohortError("This practice set is not open yet.")
    run = start_set_run(user_id, list(assignment.tags or []), assignment.id)
    if run is None:
        raise CohortError("These topics have no practice questions any more.")
    return run
