"""Loading banks and quizzes: upsert by id, a new version on each edit, retire, never delete."""

import random

from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from app.content.loader import load_content
from app.extensions import db
from app.models import PracticeAnswer, Question, QuestionTag, Quiz
from app.quizzes import practice
from tests.bank_trees import (
    BANK,
    QUIZZES,
    bank,
    every_type_bank,
    every_type_quizzes,
    practice_quiz,
    quizzes,
    single,
    write_bank_tree,
)
from tests.content_trees import lesson
from tests.factories import make_user

EDITED_SINGLE = {
    BANK: every_type_bank().replace(
        "Explanation of q-single.", "A clearer explanation of q-single."
    )
}


def course_questions() -> dict[str, Question]:
    rows = db.session.scalars(select(Question).where(Question.course_id == "tst-course"))
    return {q.id: q for q in rows}


def tags_of(question_id: str) -> list[str]:
    stmt = select(QuestionTag.tag_id).where(QuestionTag.question_id == question_id)
    return sorted(db.session.scalars(stmt))


def test_questions_are_stored_by_id_with_their_key_pools_and_rendered_text(bank_tree, ctx):
    with ctx():
        questions = course_questions()
        assert sorted(questions) == sorted(
            ["q-single", "q-multiple", "q-true-false", "q-ordering", "q-matching"]
            + ["q-list", "q-negative", "q-gap"]
        )
        single = questions["q-single"]
        assert (single.type, single.lesson_id, single.version) == ("single", "tst-first", 1)
        assert (single.in_practice, single.in_exam, single.shuffle) == (True, True, True)
        assert single.source_path == "content/course-a/questions/basics.yaml"
        assert single.content["explanation_html"] == "<p>Explanation of q-single.</p>\n"
        assert [(o["id"], o["correct"]) for o in single.content["options"]] == [
            ("a", True),
            ("b", False),
            ("c", False),
        ]
        assert questions["q-true-false"].content["answer"] is False
        assert questions["q-negative"].style == "negative"
        assert [i["id"] for i in questions["q-ordering"].content["items"]] == [
            "s1",
            "s2",
            "s3",
            "s4",
        ]


def test_quizzes_are_stored_by_id_and_updated_in_place(bank_tree, ctx):
    with ctx():
        check = db.session.get(Quiz, "quiz-first-check")
        assert (check.kind, check.lesson_id, check.question_count) == ("practice", "tst-first", 5)
        exam = db.session.get(Quiz, "exam-basics")
        assert (exam.kind, exam.minutes, exam.pass_mark) == ("exam", 30, 2)
        assert exam.blueprint == {"tag-scope": 2, "tag-risk": 1}
    bank_tree({QUIZZES: every_type_quizzes().replace("Practice first-check", "Check one")})
    with ctx():
        assert db.session.get(Quiz, "quiz-first-check").title == "Check one"
        count = select(func.count()).select_from(Quiz).where(Quiz.course_id == "tst-course")
        assert db.session.scalar(count) == 2


def test_editing_a_question_bumps_its_version_and_no_other(bank_tree, ctx):
    report = bank_tree(EDITED_SINGLE)
    assert report.questions == [1, 7, 0]
    with ctx():
        questions = course_questions()
        assert questions["q-single"].version == 2
        assert "A clearer explanation" in questions["q-single"].content["explanation_html"]
        assert {q.version for qid, q in questions.items() if qid != "q-single"} == {1}


def test_loading_an_unchanged_bank_again_keeps_every_version(bank_tree, ctx, tmp_path):
    assert bank_tree().skipped
    with ctx():
        report = load_content(db.session, tmp_path / "content", force=True)
    assert report.questions == [0, 8, 0]
    with ctx():
        assert {q.version for q in course_questions().values()} == {1}


def test_removing_a_question_retires_it_and_keeps_its_row(bank_tree, ctx):
    without = every_type_bank()
    start = without.index("  - id: q-matching\n")
    end = without.index("  - id: q-list\n")
    report = bank_tree({BANK: without[:start] + without[end:]})
    assert report.questions == [0, 7, 1]
    with ctx():
        matching = db.session.get(Question, "q-matching")
        assert matching is not None and matching.retired_at is not None
        assert matching.content["pairs"]  # kept as it was
        quiz = db.session.get(Quiz, "quiz-first-check")
        assert "q-matching" not in practice.pool(quiz)
        assert len(practice.pool(quiz)) == 4


def test_a_retired_question_put_back_is_current_again(bank_tree, ctx):
    without = every_type_bank()
    start = without.index("  - id: q-matching\n")
    end = without.index("  - id: q-list\n")
    bank_tree({BANK: without[:start] + without[end:]})
    bank_tree()
    with ctx():
        assert db.session.get(Question, "q-matching").retired_at is None
        assert "q-matching" in practice.pool(db.session.get(Quiz, "quiz-first-check"))


def test_a_past_answer_keeps_the_version_it_was_graded_against_after_an_edit(bank_tree, ctx):
    with ctx():
        user = make_user()
        quiz = db.session.get(Quiz, "quiz-first-check")
        run = practice.start_run(user.id, quiz, random.Random(1))
        position = run.question_ids.index("q-single") + 1
        question = db.session.get(Question, "q-single")
        practice.record_answer(run, position, question, MultiDict({"choice": "a"}))
    bank_tree(EDITED_SINGLE)
    with ctx():
        answer = db.session.scalars(select(PracticeAnswer)).one()
        assert (answer.question_id, answer.question_version, answer.score) == ("q-single", 1, 1.0)
        assert db.session.get(Question, "q-single").version == 2


def test_question_tags_are_stored_and_follow_edits(bank_tree, ctx):
    with ctx():
        assert tags_of("q-single") == ["tag-scope"]
        assert tags_of("q-gap") == ["tag-risk"]
    single_tags = "  - id: q-single\n    type: single\n    lesson: tst-first\n    tags: "
    two_tags = every_type_bank().replace(
        single_tags + "[tag-scope]\n", single_tags + "[tag-scope, tag-risk]\n"
    )
    bank_tree({BANK: two_tags})
    with ctx():
        assert tags_of("q-single") == ["tag-risk", "tag-scope"]
    bank_tree()
    with ctx():
        assert tags_of("q-single") == ["tag-scope"]


def test_removing_a_whole_course_retires_its_questions_and_quizzes(ctx, tmp_path):
    course_b = {
        "course-b/course.yaml": (
            "id: tst-course-b\nslug: course-b\ntitle: Course B\nsummary: Another.\n"
            "audience: Testers.\nmodules:\n  - id: tst-b-mod\n    dir: 01-mod\n    title: Mod\n"
        ),
        "course-b/01-mod/01-only.md": lesson("tst-b-only", "only"),
        "course-b/questions/b.yaml": bank(single("q-b", lesson="tst-b-only")),
        "course-b/quizzes/b.yaml": quizzes(practice_quiz("quiz-b", "b", lesson="tst-b-only")),
    }
    with ctx():
        load_content(db.session, write_bank_tree(tmp_path / "with-b", course_b))
        assert db.session.get(Question, "q-b").retired_at is None
        load_content(db.session, write_bank_tree(tmp_path / "without-b"))
        assert db.session.get(Question, "q-b").retired_at is not None
        assert db.session.get(Quiz, "quiz-b").retired_at is not None
        assert db.session.get(Question, "q-single").retired_at is None
