"""Load a course's questions and quizzes: upsert by id, version on change, retire, never delete.

Past answers keep pointing at their question and record the version they were
graded against, so editing or retiring a question never rewrites them.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.models import Booklet, GlossaryTerm, Question, QuestionTag, Quiz, Scenario
from app.models._types import utcnow


def load_questions(session: Session, course_id: str, docs) -> tuple[int, int, int]:
    """Returns (added or changed, unchanged, retired)."""
    existing = {
        q.id: q for q in session.scalars(select(Question).where(Question.course_id == course_id))
    }
    changed = unchanged = retired = 0
    for doc in docs:
        question = existing.pop(doc.id, None) or session.get(Question, doc.id)
        if question is None:
            question = Question(id=doc.id, version=0)
            session.add(question)
        elif question.source_hash == doc.source_hash and question.retired_at is None:
            unchanged += 1
            continue
        if question.source_hash != doc.source_hash:
            question.version = (question.version or 0) + 1
        changed += 1
        question.course_id, question.lesson_id, question.type = course_id, doc.lesson, doc.type
        question.booklet_id = doc.booklet
        question.style, question.difficulty, question.shuffle = (
            doc.style,
            doc.difficulty,
            doc.shuffle,
        )
        question.in_practice, question.in_exam = "practice" in doc.pools, "exam" in doc.pools
        question.content, question.source_path = doc.content, doc.path
        question.source_hash, question.retired_at, question.updated_at = (
            doc.source_hash,
            None,
            utcnow(),
        )
        session.flush()
        session.execute(delete(QuestionTag).where(QuestionTag.question_id == doc.id))
        session.add_all(QuestionTag(question_id=doc.id, tag_id=t) for t in dict.fromkeys(doc.tags))
    for question in existing.values():
        if question.retired_at is None:
            question.retired_at = utcnow()
            retired += 1
    return changed, unchanged, retired


def _upsert_and_retire(session: Session, model, course_id: str, docs, fill) -> None:
    """Rows of ``model`` for ``docs`` by id: ``fill(row, doc, position)`` updates each
    (a row moved from another course is taken over); rows of the course with no doc left
    are retired, never deleted."""
    existing = {
        row.id: row for row in session.scalars(select(model).where(model.course_id == course_id))
    }
    for position, doc in enumerate(docs):
        row = existing.pop(doc.id, None) or session.get(model, doc.id)
        if row is None:
            row = model(id=doc.id)
            session.add(row)
        row.course_id, row.retired_at = course_id, None
        fill(row, doc, position)
    for row in existing.values():
        row.retired_at = row.retired_at or utcnow()
    session.flush()


def _fill_booklet(booklet: Booklet, doc, _position: int) -> None:
    booklet.slug, booklet.title, booklet.html = doc.slug, doc.title, doc.html
    booklet.source_hash = doc.source_hash


def _fill_scenario(scenario: Scenario, doc, _position: int) -> None:
    if scenario.source_hash != doc.source_hash:  # attempts record the version they played
        scenario.version = (scenario.version or 0) + 1
    scenario.slug, scenario.title, scenario.data = doc.slug, doc.title, doc.data
    scenario.source_hash = doc.source_hash


def _fill_quiz(quiz: Quiz, doc, position: int) -> None:
    quiz.slug, quiz.title, quiz.kind = doc.slug, doc.title, doc.kind
    quiz.lesson_id, quiz.tags, quiz.question_count = doc.lesson, doc.tags, doc.questions
    quiz.minutes, quiz.pass_mark, quiz.blueprint = doc.minutes, doc.pass_mark, doc.blueprint
    quiz.feedback, quiz.position, quiz.source_hash = doc.feedback, position, doc.source_hash
    quiz.second_language_minutes, quiz.open_book = doc.second_language_minutes, doc.open_book


def load_booklets(session: Session, course_id: str, docs) -> None:
    _upsert_and_retire(session, Booklet, course_id, docs, _fill_booklet)


def load_scenarios(session: Session, course_id: str, docs) -> None:
    _upsert_and_retire(session, Scenario, course_id, docs, _fill_scenario)


def load_quizzes(session: Session, course_id: str, docs) -> None:
    _upsert_and_retire(session, Quiz, course_id, docs, _fill_quiz)


def load_glossary(session: Session, course_id: str, docs) -> tuple[int, int, int]:
    """The course's glossary terms; returns (added or changed, unchanged, retired).

    A term whose hash is unchanged is left alone, so a second load writes nothing;
    a term back in the file is revived under its id, with its learners' reviews.
    """
    before = dict(
        session.execute(
            select(GlossaryTerm.id, GlossaryTerm.retired_at).where(
                GlossaryTerm.course_id == course_id
            )
        ).all()
    )
    kept = {doc.id for doc in docs}
    counts = [0, 0]

    def fill(term: GlossaryTerm, doc, position: int) -> None:
        live_here = doc.id in before and before[doc.id] is None  # not revived, not moved
        if term.source_hash == doc.source_hash and live_here:
            counts[1] += 1
            return
        counts[0] += 1
        term.lesson_id, term.term, term.definition = doc.lesson, doc.term, doc.definition
        term.position, term.source_hash = position, doc.source_hash

    _upsert_and_retire(session, GlossaryTerm, course_id, docs, fill)
    retired = sum(1 for tid, at in before.items() if at is None and tid not in kept)
    return counts[0], counts[1], retired
