"""Scoring rules for every question type, in exam (0/1) and practice (partial) modes."""

import pytest
from werkzeug.datastructures import MultiDict

from app.quizzes.grading import InvalidResponse, grade, parse_response

SINGLE = {"options": [{"id": "a", "correct": True}, {"id": "b"}, {"id": "c"}]}
MULTIPLE = {
    "options": [
        {"id": "a", "correct": True},
        {"id": "b", "correct": True},
        {"id": "c"},
        {"id": "d"},
    ]
}
ORDERING = {"items": [{"id": "s1"}, {"id": "s2"}, {"id": "s3"}, {"id": "s4"}]}
MATCHING = {
    "pairs": [
        {"id": "p1", "prompt": "Standard", "match": "Pre-authorized"},
        {"id": "p2", "prompt": "Normal", "match": "Assessed by a change authority"},
        {"id": "p3", "prompt": "Emergency", "match": "Expedited"},
    ],
    "distractors": ["Never reviewed"],
}


@pytest.mark.parametrize("partial", [True, False])
def test_single_choice_is_right_or_wrong(partial):
    assert grade("single", SINGLE, {"choice": "a"}, partial) == 1
    assert grade("single", SINGLE, {"choice": "b"}, partial) == 0


@pytest.mark.parametrize("partial", [True, False])
def test_true_false_is_right_or_wrong(partial):
    assert grade("true_false", {"answer": False}, {"value": False}, partial) == 1
    assert grade("true_false", {"answer": False}, {"value": True}, partial) == 0


@pytest.mark.parametrize(
    ("choices", "practice", "exam"),
    [
        (["a", "b"], 1.0, 1.0),
        (["a"], 0.5, 0.0),
        (["a", "c"], 0.0, 0.0),  # one right, one wrong cancel out
        (["a", "b", "c"], 0.5, 0.0),
        (["c", "d"], 0.0, 0.0),  # never below zero
    ],
)
def test_multiple_response_partial_credit_in_practice_only(choices, practice, exam):
    assert grade("multiple", MULTIPLE, {"choices": choices}, partial=True) == practice
    assert grade("multiple", MULTIPLE, {"choices": choices}, partial=False) == exam


@pytest.mark.parametrize(
    ("order", "practice"),
    [
        (["s1", "s2", "s3", "s4"], 1.0),
        (["s2", "s1", "s3", "s4"], 5 / 6),  # one of six pairs swapped
        (["s4", "s3", "s2", "s1"], 0.0),
        (["s1", "s3", "s2", "s4"], 5 / 6),
    ],
)
def test_ordering_credits_correctly_ordered_pairs(order, practice):
    assert grade("ordering", ORDERING, {"order": order}, partial=True) == pytest.approx(practice)
    exam = 1.0 if practice == 1.0 else 0.0
    assert grade("ordering", ORDERING, {"order": order}, partial=False) == exam


def test_matching_credits_each_right_pair_in_practice():
    half = {"matches": {"p1": "p1", "p2": "p3", "p3": "d0"}}
    assert grade("matching", MATCHING, half, partial=True) == pytest.approx(1 / 3)
    assert grade("matching", MATCHING, half, partial=False) == 0
    right = {"matches": {"p1": "p1", "p2": "p2", "p3": "p3"}}
    assert grade("matching", MATCHING, right, partial=False) == 1


def test_unknown_type_is_an_error():
    with pytest.raises(ValueError):
        grade("essay", {}, {}, partial=True)


def form(*pairs):
    return MultiDict(list(pairs))


def test_parse_single_takes_one_known_option():
    assert parse_response("single", SINGLE, form(("choice", "b"))) == {"choice": "b"}
    for bad in (form(), form(("choice", "z")), form(("choice", "a"), ("choice", "b"))):
        with pytest.raises(InvalidResponse):
            parse_response("single", SINGLE, bad)


def test_parse_multiple_refuses_forged_and_repeated_ids():
    parsed = parse_response("multiple", MULTIPLE, form(("choice", "b"), ("choice", "a")))
    assert parsed == {"choices": ["a", "b"]}
    for bad in (form(("choice", "a"), ("choice", "x")), form(("choice", "a"), ("choice", "a"))):
        with pytest.raises(InvalidResponse):
            parse_response("multiple", MULTIPLE, bad)


def test_parse_true_false():
    assert parse_response("true_false", {}, form(("choice", "false"))) == {"value": False}
    with pytest.raises(InvalidResponse):
        parse_response("true_false", {}, form(("choice", "maybe")))


def test_parse_ordering_needs_each_position_once():
    fields = form(("pos-s1", "2"), ("pos-s2", "1"), ("pos-s3", "4"), ("pos-s4", "3"))
    assert parse_response("ordering", ORDERING, fields) == {"order": ["s2", "s1", "s4", "s3"]}
    for bad in (
        form(("pos-s1", "1"), ("pos-s2", "1"), ("pos-s3", "2"), ("pos-s4", "3")),
        form(("pos-s1", "1"), ("pos-s2", "2"), ("pos-s3", "3")),
        form(("pos-s1", "x"), ("pos-s2", "2"), ("pos-s3", "3"), ("pos-s4", "4")),
        form(("pos-s1", "1"), ("pos-s2", "2"), ("pos-s3", "3"), ("pos-s4", "9")),
    ):
        with pytest.raises(InvalidResponse):
            parse_response("ordering", ORDERING, bad)


def test_parse_matching_accepts_pairs_and_distractors_only():
    # Form values number the choices by text: m1 Assessed… (p2), m2 Expedited (p3),
    # m3 Never reviewed (d0), m4 Pre-authorized (p1).
    fields = form(("match-p1", "m1"), ("match-p2", "m3"), ("match-p3", "m2"))
    assert parse_response("matching", MATCHING, fields) == {
        "matches": {"p1": "p2", "p2": "d0", "p3": "p3"}
    }
    for bad in (
        form(("match-p1", "m1"), ("match-p2", "m9"), ("match-p3", "m2")),
        form(("match-p1", "m1"), ("match-p3", "m2")),
        form(("match-p1", "p1"), ("match-p2", "p2"), ("match-p3", "p3")),  # keys are not values
    ):
        with pytest.raises(InvalidResponse):
            parse_response("matching", MATCHING, bad)
