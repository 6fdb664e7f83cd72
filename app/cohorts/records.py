"""A learner's completion record in a cohort: the cohort's assigned work (status,
date, score, attempts) and their syllabus mastery, and nothing else of theirs.

An instructor sees a learner only through the cohort: other practice, other
attempts and other cohorts' work stay out of this page by construction, since
every figure comes from ``status.matrix`` over the cohort's own assignments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.cohorts.assignments import of_cohort
from app.cohorts.status import Cell, matrix
from app.extensions import db
from app.models import (
    Assignment,
    Cohort,
    CohortMember,
    SyllabusGroup,
    SyllabusTag,
    TagMastery,
    User,
)
from app.progress import mastery
from app.progress.tracking import to_skill


@dataclass
class RecordRow:
    assignment: Assignment
    cell: Cell


@dataclass
class MasteryRow:
    title: str
    group: str
    answers: int
    chance: float
    enough: bool

    @property
    def percent(self) -> int:
        return round(100 * self.chance)


@dataclass
class CompletionRecord:
    learner: User
    joined_at: datetime
    rows: list[RecordRow]
    mastery: list[MasteryRow]


def member(cohort: Cohort, user_id: int) -> tuple[User, datetime] | None:
    """The learner and when they joined, if they are in the cohort now."""
    row = db.session.execute(
        select(User, CohortMember.joined_at)
        .join(CohortMember, CohortMember.user_id == User.id)
        .where(CohortMember.cohort_id == cohort.id, User.id == user_id)
    ).first()
    return (row[0], row[1]) if row else None


def completion_record(cohort: Cohort, user_id: int, now: datetime) -> CompletionRecord | None:
    """The record of a current learner of the cohort; None for anyone else."""
    found = member(cohort, user_id)
    if found is None:
        return None
    learner, joined_at = found
    assigned = of_cohort(cohort.id)
    cells = matrix([user_id], assigned, now)
    rows = [RecordRow(a, cells[(user_id, a.id)]) for a in assigned]
    return CompletionRecord(learner, joined_at, rows, tag_mastery(user_id, now))


def tag_mastery(user_id: int, now: datetime) -> list[MasteryRow]:
    """The learner's mastery of each current syllabus tag they have evidence on, in
    syllabus order."""
    found = db.session.execute(
        select(TagMastery, SyllabusTag.title, SyllabusGroup.title)
        .join(SyllabusTag, SyllabusTag.id == TagMastery.tag_id)
        .join(SyllabusGroup, SyllabusGroup.id == SyllabusTag.group_id)
        .where(TagMastery.user_id == user_id, SyllabusTag.retired_at.is_(None))
        .order_by(SyllabusGroup.position, SyllabusTag.position)
    )
    rows = []
    for row, title, group in found:
        skill = mastery.at(to_skill(row), now)
        rows.append(
            MasteryRow(title, group, skill.answers, mastery.probability(skill), skill.enough)
        )
    return rows
