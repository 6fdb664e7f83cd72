"""``content check`` reports broken question banks and quizzes as ``path:line: message``.

Line numbers follow the fixed layout of ``tests/bank_trees.py``: in a one-question
bank, the question starts on line 2, ``type`` is line 3, ``lesson`` 4, ``tags`` 5,
``pool`` 7, ``stem`` 8, ``explanation`` 10 and the type's own fields 12.
"""

from app.content.tree import read_content
from tests.bank_trees import (
    QUIZZES,
    bank,
    exam,
    matching,
    multiple,
    ordering,
    practice_quiz,
    question,
    quizzes,
    single,
    true_false,
    write_bank_tree,
)

EXTRA = "content/course-a/questions/more.yaml"
CHECKS = "content/" + QUIZZES
ALL_TYPES = "matching, multiple, ordering, single, true_false"


def problems(tmp_path, files) -> list[str]:
    return [str(p) for p in read_content(write_bank_tree(tmp_path, files)).problems]


def extra_bank(tmp_path, *questions: str) -> list[str]:
    """The problems of the valid tree plus ``more.yaml`` holding ``questions``."""
    return problems(tmp_path, {"course-a/questions/more.yaml": bank(*questions)})


def with_quizzes(tmp_path, *entries: str, extra: dict | None = None) -> list[str]:
    """The problems of the valid tree with its quiz file replaced by ``entries``."""
    return problems(tmp_path, {QUIZZES: quizzes(*entries)} | (extra or {}))


def test_valid_tree_with_every_type_a_practice_check_and_an_exam_has_no_problems(tmp_path):
    tree = read_content(write_bank_tree(tmp_path))
    assert tree.problems == []
    counts = tree.counts()
    assert (counts["questions"], counts["quizzes"]) == (8, 2)
    types = {q.type for q in tree.courses[0].questions}
    assert types == {"single", "multiple", "true_false", "ordering", "matching"}
    styles = {q.style for q in tree.courses[0].questions}
    assert styles == {"standard", "list", "negative", "missing_word"}
    assert [q.kind for q in tree.courses[0].quizzes] == ["practice", "exam"]


# Questions


def test_unknown_question_type_is_reported_at_its_line(tmp_path):
    assert extra_bank(tmp_path, question("q-x", "essay", "")) == [
        f"{EXTRA}:3: unknown question type 'essay' (use one of {ALL_TYPES})"
    ]


def test_unknown_field_is_reported_at_its_line(tmp_path):
    pool = "    pool: [practice, exam]\n"
    coloured = single("q-x").replace(pool, pool + "    colour: red\n")
    assert extra_bank(tmp_path, coloured) == [f"{EXTRA}:8: unknown field 'colour'"]


def test_missing_explanation_is_reported_at_the_question(tmp_path):
    unexplained = single("q-x").replace("    explanation: |\n      Explanation of q-x.\n", "")
    assert extra_bank(tmp_path, unexplained) == [f"{EXTRA}:2: missing required field 'explanation'"]


def test_empty_explanation_is_reported_once_at_its_line(tmp_path):
    empty = single("q-x").replace("    explanation: |\n      Explanation of q-x.\n", "")
    empty = empty.replace("    options:\n", '    explanation: "  "\n    options:\n')
    assert extra_bank(tmp_path, empty) == [f"{EXTRA}:10: explanation must be non-empty text"]


def test_broken_link_in_an_explanation_after_blank_lines_is_reported_at_its_line(tmp_path):
    # explanation: | on line 10; two blank lines, then the link on line 13.
    spaced = single("q-x").replace(
        "      Explanation of q-x.\n", "\n\n      See [the lesson](lesson:tst-nowhere).\n"
    )
    assert extra_bank(tmp_path, spaced) == [f"{EXTRA}:13: link to unknown lesson id 'tst-nowhere'"]


def test_broken_link_in_a_one_line_stem_is_reported_at_the_stem_line(tmp_path):
    inline = single("q-x").replace(
        "    stem: |\n      Which of these is right?\n",
        "    stem: Which [lesson](lesson:tst-nowhere) is right?\n",
    )
    assert extra_bank(tmp_path, inline) == [f"{EXTRA}:8: link to unknown lesson id 'tst-nowhere'"]


def test_unknown_tag_is_reported_at_the_tags_line(tmp_path):
    assert extra_bank(tmp_path, single("q-x", tags="[tag-scope, tag-budget]")) == [
        f"{EXTRA}:5: unknown syllabus tag 'tag-budget'"
    ]


def test_unknown_lesson_is_reported_at_its_line(tmp_path):
    assert extra_bank(tmp_path, single("q-x", lesson="tst-nowhere")) == [
        f"{EXTRA}:4: unknown lesson id 'tst-nowhere'"
    ]


def test_single_choice_without_a_correct_option_is_reported_at_its_options(tmp_path):
    assert extra_bank(tmp_path, single("q-x", correct="")) == [
        f"{EXTRA}:12: a single-choice question needs exactly one correct option, not 0"
    ]


def test_single_choice_with_two_correct_options_is_reported_at_its_options(tmp_path):
    assert extra_bank(tmp_path, single("q-x", correct="ab")) == [
        f"{EXTRA}:12: a single-choice question needs exactly one correct option, not 2"
    ]


def test_multiple_response_with_one_correct_option_is_reported_at_its_options(tmp_path):
    assert extra_bank(tmp_path, multiple("q-x", correct="c")) == [
        f"{EXTRA}:12: a multiple-response question needs at least two correct options"
    ]


def test_duplicate_option_id_is_reported_at_the_second_one(tmp_path):
    # Options a (line 13), a (17), b (21).
    assert extra_bank(tmp_path, single("q-x", correct="b", ids="aab")) == [
        f"{EXTRA}:17: duplicate option id 'a'"
    ]


def test_true_false_answer_that_is_not_a_boolean_is_reported(tmp_path):
    unsure = true_false("q-x").replace("    answer: true\n", "    answer: maybe\n")
    assert extra_bank(tmp_path, unsure) == [f"{EXTRA}:12: answer must be true or false"]


def test_duplicate_question_id_across_two_bank_files_is_reported_in_the_later_file(tmp_path):
    # q-x takes lines 2 to 24.
    assert extra_bank(tmp_path, single("q-x"), single("q-single")) == [
        f"{EXTRA}:25: duplicate question id 'q-single' "
        "(also in content/course-a/questions/basics.yaml)"
    ]


def test_missing_word_stem_without_a_gap_is_reported_at_the_stem(tmp_path):
    # The style line moves the stem to line 9.
    gapless = single("q-x", style="missing_word", stem="A plan is a statement of intent.")
    assert extra_bank(tmp_path, gapless) == [
        f"{EXTRA}:9: a missing-word stem needs a gap written ______"
    ]


def test_negative_stem_without_a_capital_not_is_reported_at_the_stem(tmp_path):
    quiet = single("q-x", style="negative", stem="Which is not a risk?")
    assert extra_bank(tmp_path, quiet) == [f"{EXTRA}:9: a negative stem says NOT in capitals"]


def test_style_on_a_true_false_question_is_reported_at_its_line(tmp_path):
    assert extra_bank(tmp_path, true_false("q-x", style="standard")) == [
        f"{EXTRA}:4: style 'standard' is not allowed here "
        "(choice questions: list, missing_word, negative, standard)"
    ]


def test_ordering_with_two_items_is_reported_at_its_items(tmp_path):
    assert extra_bank(tmp_path, ordering("q-x", steps=2)) == [
        f"{EXTRA}:12: items must be a list of 3 to 8 entries"
    ]


def test_matching_with_duplicate_pair_ids_is_reported_at_the_second_one(tmp_path):
    # Pairs p1 (line 13), p2 (16), p1 again (19).
    twice = matching("q-x").replace("- id: p3", "- id: p1")
    assert extra_bank(tmp_path, twice) == [f"{EXTRA}:19: duplicate id 'p1'"]


def test_broken_lesson_link_in_a_stem_is_reported_at_its_line_inside_the_stem(tmp_path):
    # stem: | on line 8, its text on lines 9 and 10.
    stem = "Read this first.\nThen see [the lesson](lesson:tst-nowhere)."
    assert extra_bank(tmp_path, single("q-x", stem=stem)) == [
        f"{EXTRA}:10: link to unknown lesson id 'tst-nowhere'"
    ]


# Practice quizzes (each quiz starts on line 2 of the quiz file)


def test_practice_quiz_with_both_lesson_and_tags_is_reported(tmp_path):
    both = practice_quiz("quiz-x", "x", lesson="tst-first", tags="[tag-scope]")
    assert with_quizzes(tmp_path, both) == [
        f"{CHECKS}:2: a practice quiz draws from a lesson or from tags: give one of them"
    ]


def test_practice_quiz_with_neither_lesson_nor_tags_is_reported(tmp_path):
    assert with_quizzes(tmp_path, practice_quiz("quiz-x", "x")) == [
        f"{CHECKS}:2: a practice quiz draws from a lesson or from tags: give one of them"
    ]


def test_practice_quiz_that_no_practice_question_matches_is_reported(tmp_path):
    # tst-second has one question, but only in the exam pool.
    exam_only = single("q-x", lesson="tst-second", pool="[exam]")
    assert with_quizzes(
        tmp_path,
        practice_quiz("quiz-x", "x", lesson="tst-second"),
        extra={"course-a/questions/more.yaml": bank(exam_only)},
    ) == [f"{CHECKS}:2: no practice-pool question matches this quiz"]


def test_duplicate_quiz_slug_is_reported_at_the_second_quiz(tmp_path):
    # Each practice quiz here is 6 lines: the second starts on line 8.
    assert with_quizzes(
        tmp_path,
        practice_quiz("quiz-a", "same", lesson="tst-first"),
        practice_quiz("quiz-b", "same", tags="[tag-scope]"),
    ) == [f"{CHECKS}:8: duplicate quiz slug 'same'"]


def test_duplicate_quiz_id_is_reported_at_the_second_quiz(tmp_path):
    assert with_quizzes(
        tmp_path,
        practice_quiz("quiz-a", "one", lesson="tst-first"),
        practice_quiz("quiz-a", "two", lesson="tst-first"),
    ) == [f"{CHECKS}:8: duplicate quiz id 'quiz-a' (also in {CHECKS})"]


# Exams: id 2, slug 3, title 4, kind 5, questions 6, minutes 7, pass_mark 8,
# blueprint 9, then one line per area from 10. The exam pool of the valid bank
# holds five tag-scope questions and three tag-risk ones.


def test_blueprint_asking_for_more_than_the_exam_pool_holds_in_an_area_is_reported(tmp_path):
    # A practice-only tag-risk question does not count towards the exam pool.
    practice_only = single("q-x", tags="[tag-risk]", pool="[practice]")
    greedy = exam("exam-x", "x", {"tag-scope": 2, "tag-risk": 4}, questions=6, pass_mark=3)
    assert with_quizzes(
        tmp_path, greedy, extra={"course-a/questions/more.yaml": bank(practice_only)}
    ) == [f"{CHECKS}:11: blueprint asks for 4 questions in 'tag-risk' but the exam pool holds 3"]


def test_blueprint_that_does_not_add_up_to_the_question_count_is_reported(tmp_path):
    short = exam("exam-x", "x", {"tag-scope": 2, "tag-risk": 1}, questions=4, pass_mark=2)
    assert with_quizzes(tmp_path, short) == [
        f"{CHECKS}:9: the blueprint adds up to 3 questions, not 4"
    ]


def test_unknown_blueprint_area_is_reported_at_its_line(tmp_path):
    unknown = exam("exam-x", "x", {"tag-scope": 2, "tag-budget": 1}, questions=3, pass_mark=2)
    assert with_quizzes(tmp_path, unknown) == [
        f"{CHECKS}:11: unknown syllabus area or tag 'tag-budget'"
    ]


def test_overlapping_areas_that_cannot_be_drawn_without_repeats_are_reported(tmp_path):
    # grp-basics holds all eight exam questions and tag-risk three of them: each area
    # alone can be met, but 6 + 3 distinct questions cannot.
    overlap = exam("exam-x", "x", {"grp-basics": 6, "tag-risk": 3}, questions=9, pass_mark=5)
    assert with_quizzes(tmp_path, overlap) == [
        f"{CHECKS}:9: the blueprint cannot be drawn without repeating a question: "
        "its areas share too many questions"
    ]


def test_overlapping_areas_that_can_be_drawn_without_repeats_pass(tmp_path):
    fits = exam("exam-x", "x", {"grp-basics": 5, "tag-risk": 3}, questions=8, pass_mark=5)
    assert with_quizzes(tmp_path, fits) == []


def test_pass_mark_above_the_question_count_is_reported_at_its_line(tmp_path):
    lenient = exam("exam-x", "x", {"tag-scope": 2, "tag-risk": 1}, questions=3, pass_mark=4)
    assert with_quizzes(tmp_path, lenient) == [
        f"{CHECKS}:8: pass_mark must be a whole number from 1 to the question count"
    ]


def test_second_language_minutes_and_open_book_are_read_and_checked(tmp_path):
    base = exam("exam-x", "x", {"tag-scope": 2, "tag-risk": 1}, questions=3, pass_mark=2)
    good = base + "    second_language_minutes: 40\n    open_book: true\n"
    assert with_quizzes(tmp_path / "good", good) == []
    tree = read_content(write_bank_tree(tmp_path / "read", {QUIZZES: quizzes(good)}))
    x = next(q for q in tree.courses[0].quizzes if q.id == "exam-x")
    assert (x.second_language_minutes, x.open_book) == (40, True)
    bad = base + "    second_language_minutes: 30\n    open_book: sometimes\n"
    assert with_quizzes(tmp_path / "bad", bad) == [
        f"{CHECKS}:12: second_language_minutes must be a whole number of minutes above "
        "minutes, up to 600",
        f"{CHECKS}:13: open_book must be true or false",
    ]
