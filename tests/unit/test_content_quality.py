"""The quality review's rules, each on a handful of made-up questions."""

from __future__ import annotations

from types import SimpleNamespace

from app.content.banks import QuestionDoc
from app.content.quality import (
    SIMILAR_STEMS,
    fixed_positions,
    lessons_without_checks,
    longest_correct,
    old_wording,
    similar_stems,
)


def single(qid: str, texts: list[str], right: int, stem: str = "", shuffle: bool = True):
    options = [
        {"id": str(i), "text": text, "correct": i == right, "reason": "r"}
        for i, text in enumerate(texts)
    ]
    return QuestionDoc(
        id=qid,
        type="single",
        style="standard",
        lesson="l",
        tags=["t"],
        difficulty=1,
        pools={"practice"},
        shuffle=shuffle,
        content={"options": options},
        path="bank.yaml",
        line=int(qid.rsplit("-", 1)[1]) * 10,
        stem=stem or f"Question number {qid} about a distinct topic {qid * 3}?",
    )


def test_near_identical_stems_are_reported_at_the_later_question_with_both_ids():
    stem = "Which **role** owns the go/no-go decision for the email-server patch window?"
    near = "Which role owns the go/no-go decision for the email server patch window"
    other = "How many DAG members may be out of service at once during the patch?"
    questions = [single("q-1", ["a", "b", "c"], 0, stem), single("q-2", ["a", "b", "c"], 0, near)]
    questions.append(single("q-3", ["a", "b", "c"], 0, other))
    warnings = similar_stems(questions)
    assert [(w.path, w.line) for w in warnings] == [("bank.yaml", 20)]
    assert "'q-2' is near-identical to 'q-1'" in warnings[0].message
    assert f"warning from {SIMILAR_STEMS}" in warnings[0].message


def test_stems_that_share_only_an_opening_are_not_near_identical():
    questions = [
        single("q-1", ["a", "b", "c"], 0, "Which of these is a standard change for the team?"),
        single("q-2", ["a", "b", "c"], 0, "Which of these is a risk owner's first duty here?"),
    ]
    assert similar_stems(questions) == []


def test_a_course_where_the_longest_option_is_right_40_percent_of_the_time_is_warned():
    giveaway = [single(f"q-{i}", ["short", "tiny", "the much longer right one"], 2) for i in (1, 2)]
    fair = [single(f"q-{i}", ["the much longer wrong one", "tiny", "right"], 2) for i in (3, 4, 5)]
    warnings = longest_correct(giveaway + fair, "course.yaml")
    assert len(warnings) == 1
    assert "longest in 2 of 5" in warnings[0].message and "q-1, q-2" in warnings[0].message
    assert longest_correct(giveaway[:1] + fair, "course.yaml") == []


def test_a_tie_for_longest_does_not_count_as_giving_the_answer_away():
    tie = [single(f"q-{i}", ["1 and 2", "2 and 3", "1 and 3"], 0) for i in (1, 2, 3)]
    assert longest_correct(tie, "course.yaml") == []


def test_a_fixed_order_position_holding_over_1_5_times_its_fair_share_is_warned():
    texts = ["1 and 2", "2 and 3", "3 and 4", "1 and 4"]
    fixed = [single(f"q-{i}", texts, 3, shuffle=False) for i in (1, 2, 3)]
    fixed.append(single("q-4", texts, 0, shuffle=False))
    warnings = fixed_positions(fixed, "course.yaml")
    assert [w.message.split(",")[1] for w in warnings] == [" option 4 is correct in 3"]
    spread = [single(f"q-{i}", texts, i - 1, shuffle=False) for i in (1, 2, 3, 4)]
    assert fixed_positions(spread, "course.yaml") == []


def test_shuffled_questions_do_not_count_towards_fixed_positions():
    shuffled = [single(f"q-{i}", ["a", "b", "c"], 0) for i in (1, 2, 3)]
    assert fixed_positions(shuffled, "course.yaml") == []


def test_a_lesson_without_a_practice_quiz_naming_it_is_warned():
    lesson = SimpleNamespace(spec=SimpleNamespace(id="l-2", path="les/2.md"))
    checked = SimpleNamespace(spec=SimpleNamespace(id="l-1", path="les/1.md"))
    course = SimpleNamespace(
        lessons=[checked, lesson],
        quizzes=[
            SimpleNamespace(kind="practice", lesson="l-1"),
            SimpleNamespace(kind="exam", lesson="l-2"),
        ],
    )
    warnings = lessons_without_checks(course)
    assert [(w.path, w.line) for w in warnings] == [("les/2.md", 1)]


def course_with(body: str = "", words: str = "", definition: str = "A term."):
    lesson = SimpleNamespace(
        spec=SimpleNamespace(id="l-1", path="les/1.md"), body=body, body_line=10
    )
    question = single("q-1", ["a", "b", "c"], 0)
    question.words = words
    term = SimpleNamespace(id="term-x", term="X", definition=definition, path="g.yaml", line=4)
    return SimpleNamespace(lessons=[lesson], questions=[question], terms=[term], quizzes=[])


def test_6th_edition_terms_are_warned_at_their_line_in_lessons_questions_and_glossary():
    body = "Intro.\n\nThe seven themes run through the project. Fine here.\n"
    course = course_with(body, "Which document is the product status account?", "Per theme.")
    warnings = old_wording(course)
    assert [(w.path, w.line) for w in warnings] == [
        ("les/1.md", 12),
        ("bank.yaml", 10),
        ("g.yaml", 4),
    ]
    assert "'themes'" in warnings[0].message and "'product status account'" in warnings[1].message


def test_a_sentence_that_explains_the_rename_may_name_the_old_term():
    body = (
        "The practices (called themes in the 2017 edition) are seven.\n"
        "- The issues practice was called the change theme in the previous edition.\n"
    )
    words = "Is the Change theme current?\nNo: it was renamed the issues practice."
    assert old_wording(course_with(body, words)) == []


def test_the_rename_must_be_in_the_same_sentence_in_a_lesson():
    body = "Project environment matters. In 2017 things differed.\n"
    assert [w.line for w in old_wording(course_with(body))] == [10]
