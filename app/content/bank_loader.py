"""Load a course's questions and quizzes: upsert by id, version on change, retire, never delete.

Past answers keep pointing at their question and record the version they were
graded against, so editing or retiring a question never rewrites them.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.models import Booklet, Question, QuestionTag, Quiz, Scenario
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


def load_booklets(session: Session, course_id: str, docs) -> None:
    existing = {
        b.id: b for b in session.scalars(select(Booklet).where(Booklet.course_id == course_id))
    }
    for doc in docs:
        booklet = existing.pop(doc.id, None) or session.get(Booklet, doc.id) or Booklet(id=doc.id)
        session.add(booklet)
        booklet.course_id, booklet.slug, booklet.title = course_id, doc.slug, doc.title
        booklet.html, booklet.source_hash, booklet.retired_at = doc.html, doc.source_hash, None
    for booklet in existing.values():
        booklet.retired_at = booklet.retired_at or utcnow()
    session.flush()


def load_scenarios(session: Session, course_id: str, docs) -> None:
    existing = {
        s.id: s for s in session.scalars(select(Scenario).where(Scenario.course_id == course_id))
    }
    for doc in docs:
        scenario = existing.pop(doc.id, None) or session.get(Scenario, doc.id)
        if scenario is None:
            scenario = Scenario(id=doc.id, version=0)
            session.add(scenario)
        if scenario.source_hash != doc.source_hash:
            scenario.version = (scenario.version or 0) + 1
        scenario.course_id, scenario.slug, scenario.title = course_id, doc.slug, doc.title
        scenario.data, scenario.source_hash, scenario.retired_at = doc.data, doc.source_hash, None
    for scenario in existing.values():
        scenario.retired_at = scenario.retired_at or utcnow()
    session.flush()


def load_quizzes(session: Session, course_id: str, docs) -> None:
    existing = {q.id: q for q in session.scalars(select(Quiz).where(Quiz.course_id == course_id))}
    for position, doc in enumerate(docs):
        quiz = existing.pop(doc.id, None) or session.get(Quiz, doc.id) or Quiz(id=doc.id)
        session.add(quiz)
        quiz.course_id, quiz.slug, quiz.title, quiz.kind = course_id, doc.slug, doc.title, doc.kind
        quiz.lesson_id, quiz.tags, quiz.question_count = doc.lesson, doc.tags, doc.questions
        quiz.minutes, quiz.pass_mark, quiz.blueprint = doc.minutes, doc.pass_mark, doc.blueprint
        quiz.feedback, quiz.position, quiz.source_hash = doc.feedback, position, doc.source_hash
        quiz.retired_at = None
    for quiz in existing.values():
        quiz.retired_at = quiz.retired_at or utcnow()
