"""The item statistics as pure functions, on datasets small enough to check by hand."""

import math
import statistics

import pytest

from app.cohorts.analysis import (
    MIN_RESPONSES,
    Response,
    decision_counts,
    item_statistics,
    point_biserial,
)

# Five attempts at four right-or-wrong questions (1 right, 0 wrong).
PATTERN = {
    "A": (1, 1, 1, 1),
    "B": (1, 1, 1, 0),
    "C": (1, 0, 1, 0),
    "D": (0, 1, 1, 0),
    "E": (0, 0, 0, 0),
}
# For q1: item [1, 1, 1, 0, 0]; rest of the attempt (q2 + q3 + q4) [3, 2, 1, 2, 0].
# Those who got it right average 2 on the rest, the others 1; p = 0.6; the rest scores
# have mean 1.6 and population variance 1.04. The point-biserial coefficient is
# (M1 − M0) / s × √(p q) = 1 / √1.04 × √0.24 = √(0.24 / 1.04) ≈ 0.4804.
Q1_BY_HAND = math.sqrt(0.24 / 1.04)


def responses(copies: int) -> list[Response]:
    """The pattern's responses, repeated ``copies`` times (as distinct attempts)."""
    return [
        Response((copy, name), f"q{i}", float(score))
        for copy in range(copies)
        for name, scores in PATTERN.items()
        for i, score in enumerate(scores, start=1)
    ]


def by_id(stats):
    return {s.question_id: s for s in stats}


def test_point_biserial_equals_the_hand_computed_coefficient():
    item, rest = [1, 1, 1, 0, 0], [3, 2, 1, 2, 0]
    assert point_biserial(item, rest) == pytest.approx(Q1_BY_HAND)
    assert point_biserial(item, rest) == pytest.approx(statistics.correlation(item, rest))
    assert round(point_biserial(item, rest), 4) == 0.4804


def test_point_biserial_is_undefined_without_spread_or_pairs():
    assert point_biserial([1, 1, 1], [3, 2, 1]) is None  # everyone right
    assert point_biserial([1, 0, 1], [2, 2, 2]) is None  # the rest says nothing
    assert point_biserial([1], [2]) is None
    assert point_biserial([1, 0], [1]) is None


def test_discrimination_correlates_with_the_rest_of_the_attempt_not_the_total():
    stats = by_id(item_statistics(responses(MIN_RESPONSES // 5), {}))
    q1 = stats["q1"]
    assert q1.responses == MIN_RESPONSES
    assert q1.discrimination == pytest.approx(Q1_BY_HAND)
    totals = [4, 3, 2, 2, 0]  # q1 included: a different, flattering figure
    assert statistics.correlation([1, 1, 1, 0, 0], totals) > q1.discrimination + 0.2


def test_facility_is_the_share_answered_right():
    stats = by_id(item_statistics(responses(4), {}))
    assert [stats[q].facility for q in ("q1", "q2", "q3", "q4")] == [0.6, 0.6, 0.8, 0.2]


def test_questions_come_hardest_first():
    stats = item_statistics(responses(4), {})
    assert [s.question_id for s in stats] == ["q4", "q1", "q2", "q3"]


def test_discrimination_is_hidden_below_twenty_responses():
    few = responses(4)[: 4 * (MIN_RESPONSES - 1)]  # 19 attempts
    q1 = by_id(item_statistics(few, {}))["q1"]
    assert q1.responses == MIN_RESPONSES - 1
    assert q1.hidden and q1.discrimination is None
    assert not by_id(item_statistics(responses(4), {}))["q1"].hidden


def test_partial_credit_scores_use_the_same_correlation():
    scores = [1.0, 0.5, 0.5, 0.0, 1.0] * 4
    rest = [3.0, 2.0, 1.0, 0.0, 2.0] * 4
    answers = [Response(n, "q", s) for n, s in enumerate(scores)]
    answers += [Response(n, "other", r) for n, r in enumerate(rest)]
    q = by_id(item_statistics(answers, {}))["q"]
    assert q.facility == pytest.approx(0.6)
    assert q.discrimination == pytest.approx(statistics.correlation(scores, rest))


QUESTION = {
    "type": "single",
    "content": {
        "stem_html": "<p>Which?</p>",
        "options": [
            {"id": "a", "text": "Alpha"},
            {"id": "b", "text": "Bravo", "correct": True},
            {"id": "c", "text": "Charlie"},
        ],
    },
}


def test_each_option_counts_who_chose_it_and_wrong_ones_show_misconceptions():
    chosen = ["b", "a", "a", "b", "a", None]
    answers = [
        Response(n, "q", 1.0 if c == "b" else 0.0, (c,) if c else None)
        for n, c in enumerate(chosen)
    ]
    q = item_statistics(answers, {"q": QUESTION})[0]
    counts = {o.id: (o.count, o.correct, o.misconception) for o in q.options}
    assert counts == {
        "a": (3, False, True),
        "b": (2, True, False),
        "c": (0, False, False),  # wrong, but nobody believes it
    }
    assert q.unanswered == 1
    assert q.stem_html == "<p>Which?</p>"


def test_multiple_response_counts_every_option_ticked():
    question = {
        "type": "multiple",
        "content": {
            "options": [
                {"id": "a", "text": "A"},
                {"id": "b", "text": "B", "correct": True},
                {"id": "d", "text": "D", "correct": True},
            ]
        },
    }
    answers = [Response(1, "q", 1.0, ("b", "d")), Response(2, "q", 0.0, ("a", "b"))]
    q = item_statistics(answers, {"q": question})[0]
    assert {o.id: o.count for o in q.options} == {"a": 1, "b": 2, "d": 1}


def test_true_false_counts_both_answers():
    question = {"type": "true_false", "content": {"answer": False}}
    answers = [Response(n, "q", 0.0, ("true",)) for n in range(3)]
    answers.append(Response(9, "q", 1.0, ("false",)))
    q = item_statistics(answers, {"q": question})[0]
    assert [(o.id, o.correct, o.count) for o in q.options] == [
        ("true", False, 3),
        ("false", True, 1),
    ]


SCENARIO = {
    "start": "one",
    "metrics": [],
    "stages": [
        {
            "id": "one",
            "kind": "decision",
            "title": "First call",
            "choices": [
                {"id": "good", "text": "Good", "next": "two"},
                {"id": "bad", "text": "Bad", "next": "fail"},
            ],
        },
        {
            "id": "two",
            "kind": "decision",
            "title": "Second call",
            "choices": [
                {"id": "retry", "text": "Retry", "next": "one"},
                {"id": "done", "text": "Done", "next": "win"},
            ],
        },
        {"id": "win", "kind": "ending", "rating": 5},
        {"id": "fail", "kind": "ending", "rating": 1},
    ],
}


def test_decision_counts_count_learners_per_choice_once():
    plays = [
        [{"stage": "one", "choice": "bad"}],
        [{"stage": "one", "choice": "good"}, {"stage": "two", "choice": "done"}],
        [  # looped back once: still one learner for "good"
            {"stage": "one", "choice": "good"},
            {"stage": "two", "choice": "retry"},
            {"stage": "one", "choice": "good"},
            {"stage": "two", "choice": "done"},
        ],
    ]
    stages = decision_counts(SCENARIO, plays)
    assert [(s.stage_id, s.title, s.learners) for s in stages] == [
        ("one", "First call", 3),
        ("two", "Second call", 2),
    ]
    assert [(c.id, c.count, c.expert) for c in stages[0].choices] == [
        ("good", 2, True),
        ("bad", 1, False),
    ]
    assert [(c.id, c.count) for c in stages[1].choices] == [("retry", 1), ("done", 2)]
