"""An exam draws from its own course's exam pool only, and prefers questions the learner
has not met in any exam of that course (so a course's several mocks overlap little)."""

from __future__ import annotations

import random

from sqlalchemy import select

from app.extensions import db
from app.models import Course, Question, QuestionTag, Quiz
from app.quizzes import exams, practice
from tests.factories import make_user

FINAL, MOCK = "exam-pmit-final", "exam-pmit-mock"


def _foreign_pool(tags: set[str], per_tag: int) -> None:
    """Another course whose exam pool covers every one of ``tags`` generously."""
    db.session.add(Course(id="course-other", slug="other-course", title="Other"))
    for tag in sorted(tags):
        for n in range(per_tag):
            qid = f"q-other-{tag}-{n}"
            db.session.add(Question(id=qid, course_id="course-other", type="single", in_exam=True))
            db.session.add(QuestionTag(question_id=qid, tag_id=tag))
    db.session.flush()


def test_an_exam_never_draws_another_courses_questions_that_share_its_tags(ctx):
    with ctx():
        quiz = db.session.get(Quiz, FINAL)
        _foreign_pool(set(quiz.blueprint), per_tag=20)
        user = make_user(email="pool@example.com")
        for seed in range(5):
            drawn = exams.draw(quiz, user.id, random.Random(seed))
            assert len(drawn) == quiz.question_count
            assert {q.course_id for _area, q in drawn} == {quiz.course_id}


def test_the_second_mock_of_a_course_prefers_questions_unseen_in_the_first(ctx):
    with ctx():
        mock, final = db.session.get(Quiz, MOCK), db.session.get(Quiz, FINAL)
        user = make_user(email="mocks@example.com")
        first = exams.start_or_resume(user, mock, rng=random.Random(1))
        seen = {item.question_id for item in exams.items(first)}
        assert exams.submit(first)
        second = exams.start_or_resume(user, final, rng=random.Random(2))
        again = {item.question_id for item in exams.items(second)} & seen
        pool = db.session.scalars(
            select(Question.id).where(Question.in_exam, Question.course_id == final.course_id)
        ).all()
        assert len(pool) - len(seen) >= final.question_count  # room to avoid every repeat
        assert again == set()


def test_a_topic_practice_quiz_draws_from_its_own_course_only(ctx):
    with ctx():
        quiz = db.session.get(Quiz, "quiz-pmit-risk-and-change")
        _foreign_pool(set(quiz.tags), per_tag=3)
        for qid in db.session.scalars(
            select(Question.id).where(Question.course_id == "course-other")
        ):
            db.session.get(Question, qid).in_practice = True
        ids = practice.pool(quiz)
        assert ids
        courses = {db.session.get(Question, qid).course_id for qid in ids}
        assert courses == {quiz.course_id}
