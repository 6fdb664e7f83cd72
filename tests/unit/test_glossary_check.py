"""Course glossaries (``glossary.yaml``): read in file order and checked like the rest of
the content, each problem reported as ``path:line: message``."""

from pathlib import Path

import yaml

from app.content.tree import read_content
from tests.content_trees import lesson, write_tree
from tests.glossary_trees import (
    COURSE_B,
    GLOSSARY,
    GLOSSARY_PATH,
    glossary,
    term,
    three_terms,
)

# The parser's own words (libyaml's when PyYAML has it, as the app uses it).
MAPPING_NOT_ALLOWED = "mapping values are not allowed " + (
    "in this context" if yaml.__with_libyaml__ else "here"
)

ROOT = Path(__file__).resolve().parents[2]
OTHER_COURSE = {
    "course-b/course.yaml": COURSE_B,
    "course-b/01-only/01-lesson.md": lesson("tst-b-lesson", "b-lesson"),
}


def problems(tmp_path, text: str, extra: dict | None = None) -> list[str]:
    tree = read_content(write_tree(tmp_path, {GLOSSARY: text} | (extra or {})))
    return [str(p) for p in tree.problems]


def test_a_valid_glossary_is_read_in_file_order_with_its_lessons(tmp_path):
    tree = read_content(write_tree(tmp_path, {GLOSSARY: three_terms()}))
    assert tree.problems == []
    terms = tree.courses[0].terms
    assert [(t.id, t.term, t.lesson) for t in terms] == [
        ("term-tst-scope", "Scope", "tst-first"),
        ("term-tst-risk", "Risk", "tst-third"),
        ("term-tst-float", "Float", None),
    ]
    assert terms[0].definition == "What Scope means, in one sentence."
    assert tree.terms == terms
    assert tree.counts()["terms"] == 3


def test_a_definition_folded_over_several_lines_reads_as_one_line(tmp_path):
    folded = "terms:\n  - id: term-tst-scope\n    term: Scope\n    definition: >\n"
    folded += "      The boundary\n      of the work.\n"
    tree = read_content(write_tree(tmp_path, {GLOSSARY: folded}))
    assert tree.problems == []
    assert tree.courses[0].terms[0].definition == "The boundary of the work."


def test_moving_a_term_changes_its_hash_and_leaving_it_keeps_it(tmp_path):
    first = read_content(write_tree(tmp_path, {GLOSSARY: three_terms()})).courses[0].terms
    again = read_content(write_tree(tmp_path, {GLOSSARY: three_terms()})).courses[0].terms
    swapped = glossary(
        term("term-tst-risk", "Risk", lesson="tst-third"), term("term-tst-scope", "Scope")
    )
    moved = read_content(write_tree(tmp_path, {GLOSSARY: swapped})).courses[0].terms
    assert [t.source_hash for t in again] == [t.source_hash for t in first]
    assert moved[1].source_hash != first[0].source_hash  # same entry, new position


def test_a_file_that_is_not_a_list_of_terms_is_reported(tmp_path):
    assert problems(tmp_path, "terms:\n  id: term-tst-scope\n") == [
        f"{GLOSSARY_PATH}:1: expected a mapping with one key, 'terms', holding a list"
    ]


def test_an_entry_that_is_not_a_mapping_is_reported_at_its_line(tmp_path):
    text = glossary(term("term-tst-scope", "Scope"), "  - just a word\n")
    assert problems(tmp_path, text) == [f"{GLOSSARY_PATH}:6: expected a mapping of fields"]


def test_an_unknown_field_is_reported_at_its_line(tmp_path):
    text = glossary(term("term-tst-scope", "Scope") + "    colour: blue\n")
    assert problems(tmp_path, text) == [f"{GLOSSARY_PATH}:6: unknown field 'colour'"]


def test_a_missing_field_is_reported_at_the_term(tmp_path):
    text = glossary(term("term-tst-scope", "Scope"), "  - id: term-tst-risk\n    term: Risk\n")
    assert problems(tmp_path, text) == [f"{GLOSSARY_PATH}:6: missing required field 'definition'"]


def test_empty_fields_are_reported_at_their_lines(tmp_path):
    text = glossary(term("term-tst-scope", "''", definition="' '"))
    assert problems(tmp_path, text) == [
        f"{GLOSSARY_PATH}:3: term must be non-empty text",
        f"{GLOSSARY_PATH}:4: definition must be non-empty text",
    ]


def test_an_empty_lesson_is_reported(tmp_path):
    text = glossary(term("term-tst-scope", "Scope", lesson="''"))
    assert problems(tmp_path, text) == [f"{GLOSSARY_PATH}:5: lesson must be non-empty text"]


def test_a_bad_id_is_reported(tmp_path):
    text = glossary(term("Term_Scope", "Scope"))
    assert problems(tmp_path, text) == [
        f"{GLOSSARY_PATH}:2: id 'Term_Scope' is not a valid term id"
    ]


def test_a_duplicate_id_in_the_same_file_is_reported_at_the_second(tmp_path):
    text = glossary(term("term-tst-scope", "Scope"), term("term-tst-scope", "Scope creep"))
    assert problems(tmp_path, text) == [
        f"{GLOSSARY_PATH}:6: duplicate term id 'term-tst-scope' (also in {GLOSSARY_PATH})"
    ]


def test_a_duplicate_id_in_another_course_is_reported(tmp_path):
    other = glossary(term("term-tst-scope", "Scope", lesson="tst-b-lesson"))
    extra = OTHER_COURSE | {"course-b/glossary.yaml": other}
    assert problems(tmp_path, glossary(term("term-tst-scope", "Scope")), extra) == [
        "content/course-b/glossary.yaml:2: duplicate term id 'term-tst-scope' "
        f"(also in {GLOSSARY_PATH})"
    ]


def test_the_same_term_text_in_two_courses_is_allowed(tmp_path):
    other = glossary(term("term-tst-b-scope", "Scope", lesson="tst-b-lesson"))
    extra = OTHER_COURSE | {"course-b/glossary.yaml": other}
    assert problems(tmp_path, glossary(term("term-tst-scope", "Scope")), extra) == []


def test_a_duplicate_term_is_reported_whatever_its_case_and_spacing(tmp_path):
    text = glossary(
        term("term-tst-rollback", "Rollback plan"),
        term("term-tst-rollback-2", "ROLLBACK  plan"),
    )
    assert problems(tmp_path, text) == [
        f"{GLOSSARY_PATH}:7: duplicate term 'ROLLBACK  plan' (also at line 3)"
    ]


def test_an_unknown_lesson_is_reported(tmp_path):
    text = glossary(term("term-tst-scope", "Scope", lesson="tst-nowhere"))
    assert problems(tmp_path, text) == [f"{GLOSSARY_PATH}:5: unknown lesson id 'tst-nowhere'"]


def test_a_lesson_of_another_course_is_reported(tmp_path):
    text = glossary(term("term-tst-scope", "Scope", lesson="tst-b-lesson"))
    assert problems(tmp_path, text, OTHER_COURSE) == [
        f"{GLOSSARY_PATH}:5: lesson 'tst-b-lesson' belongs to another course"
    ]


def test_a_definition_over_300_characters_is_reported(tmp_path):
    fits = glossary(term("term-tst-scope", "Scope", definition="x" * 300))
    assert problems(tmp_path, fits) == []
    text = glossary(term("term-tst-scope", "Scope", definition="x" * 301))
    assert problems(tmp_path, text) == [
        f"{GLOSSARY_PATH}:4: definition is longer than 300 characters"
    ]


def test_a_definition_with_a_line_break_is_reported(tmp_path):
    text = (
        "terms:\n  - id: term-tst-scope\n    term: Scope\n    definition: |\n"
        "      The boundary.\n      Of the work.\n"
    )
    assert problems(tmp_path, text) == [
        f"{GLOSSARY_PATH}:4: definition must be one line of text, without line breaks"
    ]


def test_a_term_over_120_characters_is_reported(tmp_path):
    assert problems(tmp_path, glossary(term("term-tst-long", "t" * 120))) == []
    text = glossary(term("term-tst-long", "t" * 121))
    assert problems(tmp_path, text) == [f"{GLOSSARY_PATH}:3: term is longer than 120 characters"]


def test_invalid_yaml_is_reported_at_its_line(tmp_path):
    text = glossary(term("term-tst-scope", "Scope", definition="Scope: what is in"))
    assert problems(tmp_path, text) == [f"{GLOSSARY_PATH}:4: invalid YAML: {MAPPING_NOT_ALLOWED}"]


def test_the_real_glossary_has_at_least_60_terms_each_tied_to_a_lesson_of_its_course():
    tree = read_content(ROOT / "content")
    assert [str(p) for p in tree.problems] == []
    course = next(c for c in tree.courses if c.spec.id == "course-pm-it")
    assert len(course.terms) >= 60
    lessons = {lesson.spec.id for lesson in course.lessons}
    assert [t.id for t in course.terms if t.lesson not in lessons] == []
    assert {t.lesson for t in course.terms} == lessons  # every lesson feeds the flashcards
