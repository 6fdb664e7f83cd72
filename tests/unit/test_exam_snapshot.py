"""What an exam attempt shows of a question: opaque tokens and texts, never the key."""

import pytest
from werkzeug.datastructures import MultiDict

from app.quizzes.grading import InvalidResponse, grade, parse_response
from app.quizzes.snapshot import detokenize, make_snapshot

SECRETS = ["EXPLANATION-SECRET", "REASON-SECRET", "WRONG-REASON-SECRET"]

QUESTIONS = {
    "single": {
        "stem_html": "<p>Which one?</p>",
        "explanation_html": "<p>EXPLANATION-SECRET single</p>",
        "options": [
            {"id": "a", "text": "Alpha", "correct": False, "reason": "REASON-SECRET a"},
            {"id": "b", "text": "Bravo", "correct": True, "reason": "REASON-SECRET b"},
            {"id": "c", "text": "Charlie", "correct": False, "reason": "REASON-SECRET c"},
        ],
    },
    "multiple": {
        "stem_html": "<p>Which two?</p>",
        "explanation_html": "<p>EXPLANATION-SECRET multiple</p>",
        "options": [
            {"id": "a", "text": "Alpha", "correct": True, "reason": "REASON-SECRET a"},
            {"id": "b", "text": "Bravo", "correct": False, "reason": "REASON-SECRET b"},
            {"id": "c", "text": "Charlie", "correct": True, "reason": "REASON-SECRET c"},
            {"id": "d", "text": "Delta", "correct": False, "reason": "REASON-SECRET d"},
        ],
    },
    "true_false": {
        "stem_html": "<p>True?</p>",
        "explanation_html": "<p>EXPLANATION-SECRET true/false</p>",
        "answer": False,
        "wrong_reason": "WRONG-REASON-SECRET",
    },
    "ordering": {
        "stem_html": "<p>In order:</p>",
        "explanation_html": "<p>EXPLANATION-SECRET ordering</p>",
        "items": [{"id": f"step{n}", "text": f"Step {n}"} for n in range(1, 5)],
    },
    "matching": {
        "stem_html": "<p>Match:</p>",
        "explanation_html": "<p>EXPLANATION-SECRET matching</p>",
        "pairs": [
            {"id": "avoid", "prompt": "Avoid", "match": "Change the plan"},
            {"id": "reduce", "prompt": "Reduce", "match": "Lower the odds"},
            {"id": "accept", "prompt": "Accept", "match": "Do nothing more"},
        ],
        "distractors": ["Exploit it"],
    },
}
REAL_IDS = {"a", "b", "c", "d", "true", "false", "step1", "step2", "step3", "step4"}
REAL_IDS |= {"avoid", "reduce", "accept", "d0", "m1", "m2", "m3", "m4"}
SHOWN_KEYS = {"type", "stem_html", "options", "items", "prompts", "choices"}
PART_KEYS = {"token", "text", "prompt"}


def snapshot_of(qtype: str, seed: str = "attempt-1:1") -> dict:
    return make_snapshot(qtype, QUESTIONS[qtype], True, seed)


def token(snapshot: dict, part: str, text: str) -> str:
    """The token the page shows for the entry of ``part`` that reads ``text``."""
    entries = snapshot["shown"][part]
    return next(e["token"] for e in entries if text in (e.get("text"), e.get("prompt")))


def right_answer(qtype: str, snap: dict) -> MultiDict:
    """The form a learner who knows the answer sends, built from what the page shows."""
    if qtype == "single":
        return MultiDict({"choice": token(snap, "options", "Bravo")})
    if qtype == "multiple":
        chosen = [token(snap, "options", "Alpha"), token(snap, "options", "Charlie")]
        return MultiDict([("choice", t) for t in chosen])
    if qtype == "true_false":
        return MultiDict({"choice": token(snap, "options", "False")})
    if qtype == "ordering":
        return MultiDict({f"pos-{token(snap, 'items', f'Step {n}')}": str(n) for n in range(1, 5)})
    return MultiDict(
        {
            f"match-{token(snap, 'prompts', pair['prompt'])}": token(snap, "choices", pair["match"])
            for pair in QUESTIONS["matching"]["pairs"]
        }
    )


def all_keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in all_keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in all_keys(v)}
    return set()


def shown_tokens(snapshot: dict) -> list[str]:
    shown = snapshot["shown"]
    parts = ("options", "items", "prompts", "choices")
    return [entry["token"] for part in parts for entry in shown.get(part, [])]


@pytest.mark.parametrize("qtype", QUESTIONS)
def test_shown_part_holds_only_tokens_and_texts(qtype):
    shown = snapshot_of(qtype)["shown"]
    assert set(shown) <= SHOWN_KEYS
    assert all_keys(shown) - SHOWN_KEYS <= PART_KEYS  # no id, correct, reason or answer
    assert not any(secret in repr(shown) for secret in SECRETS)


@pytest.mark.parametrize("qtype", QUESTIONS)
def test_tokens_are_not_ids_and_differ_between_two_snapshots_of_a_question(qtype):
    first, second = snapshot_of(qtype), snapshot_of(qtype)  # even with the same seed
    assert first["shown"]["stem_html"] == second["shown"]["stem_html"]
    assert not set(shown_tokens(first)) & REAL_IDS
    assert len(set(shown_tokens(first))) == len(shown_tokens(first))
    assert not set(shown_tokens(first)) & set(shown_tokens(second))


def test_snapshot_keeps_the_key_and_explanations_for_grading_and_review():
    snap = snapshot_of("single")
    assert snap["content"] == QUESTIONS["single"]
    assert snap["content"] is not QUESTIONS["single"]  # a copy: later edits do not leak in


@pytest.mark.parametrize("qtype", QUESTIONS)
def test_right_tokens_round_trip_to_a_response_that_scores_1(qtype):
    snap = snapshot_of(qtype)
    response = parse_response(qtype, QUESTIONS[qtype], detokenize(snap, right_answer(qtype, snap)))
    assert grade(qtype, QUESTIONS[qtype], response, partial=False) == 1.0


def test_a_wrong_choice_round_trips_to_a_response_that_scores_0():
    snap = snapshot_of("single")
    form = MultiDict({"choice": token(snap, "options", "Alpha")})
    response = parse_response("single", QUESTIONS["single"], detokenize(snap, form))
    assert response == {"choice": "a"}
    assert grade("single", QUESTIONS["single"], response, partial=False) == 0.0


@pytest.mark.parametrize("forged", ["b", "true", "", "not-a-token"])
def test_detokenize_refuses_a_choice_that_is_not_a_token_of_this_question(forged):
    for qtype in ("single", "true_false"):
        with pytest.raises(InvalidResponse, match="does not belong to this question"):
            detokenize(snapshot_of(qtype), MultiDict({"choice": forged}))


def test_detokenize_refuses_a_token_of_another_snapshot_of_the_same_question():
    mine, theirs = snapshot_of("multiple"), snapshot_of("multiple")
    form = MultiDict(
        [("choice", token(mine, "options", "Alpha")), ("choice", token(theirs, "options", "Bravo"))]
    )
    with pytest.raises(InvalidResponse):
        detokenize(mine, form)


def test_detokenize_refuses_a_match_that_is_not_one_of_the_shown_choices():
    snap = snapshot_of("matching")
    form = right_answer("matching", snap)
    form[f"match-{token(snap, 'prompts', 'Avoid')}"] = "m1"  # the real key, not its token
    with pytest.raises(InvalidResponse):
        detokenize(snap, form)


def test_an_ordering_sent_under_real_item_ids_is_not_an_answer():
    snap = snapshot_of("ordering")
    form = MultiDict({f"pos-step{n}": str(n) for n in range(1, 5)})
    with pytest.raises(InvalidResponse):
        parse_response("ordering", QUESTIONS["ordering"], detokenize(snap, form))
