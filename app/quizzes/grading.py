"""Scoring answers, the one place the rules live (they are also in the README).

Exams score every question 0 or 1, as the real exam does. Practice gives partial
credit where a question has parts:

- multiple response: (right choices − wrong choices) / number of right options, never below 0;
- ordering: the share of item pairs placed in the right relative order;
- matching: the share of prompts given their right match.

Single choice and true/false are right or wrong in both modes. Responses are
normalized dicts (see ``parse_response``); grading never trusts anything else.
"""

from __future__ import annotations

from itertools import combinations

CHOICE_TYPES = {"single", "multiple"}
QUESTION_TYPES = CHOICE_TYPES | {"true_false", "ordering", "matching"}
# Answered by ticking boxes: the form then always holds the whole answer, so no box
# ticked means no answer.
TICKED_TYPES = CHOICE_TYPES | {"true_false"}


def correct_options(content: dict) -> set[str]:
    return {o["id"] for o in content.get("options", []) if o.get("correct")}


def _multiple(content: dict, chosen: list[str], partial: bool) -> float:
    right = correct_options(content)
    picked = set(chosen)
    if not partial:
        return 1.0 if picked == right else 0.0
    hits, misses = len(picked & right), len(picked - right)
    return max(0.0, (hits - misses) / len(right))


def _ordering(content: dict, order: list[str], partial: bool) -> float:
    key = [item["id"] for item in content["items"]]
    if not partial:
        return 1.0 if order == key else 0.0
    rank = {item_id: i for i, item_id in enumerate(order)}
    pairs = list(combinations(key, 2))  # each (earlier, later) in the right order
    in_order = sum(1 for first, second in pairs if rank[first] < rank[second])
    return in_order / len(pairs)


def _matching(content: dict, matches: dict[str, str], partial: bool) -> float:
    pairs = content["pairs"]
    right = sum(1 for pair in pairs if matches.get(pair["id"]) == pair["id"])
    if not partial:
        return 1.0 if right == len(pairs) else 0.0
    return right / len(pairs)


def grade(qtype: str, content: dict, response: dict, partial: bool) -> float:
    """The score, from 0 to 1, of a normalized ``response`` to a question."""
    if qtype == "single":
        return 1.0 if response["choice"] in correct_options(content) else 0.0
    if qtype == "multiple":
        return _multiple(content, response["choices"], partial)
    if qtype == "true_false":
        return 1.0 if response["value"] is content["answer"] else 0.0
    if qtype == "ordering":
        return _ordering(content, response["order"], partial)
    if qtype == "matching":
        return _matching(content, response["matches"], partial)
    raise ValueError(f"unknown question type {qtype!r}")


class InvalidResponse(ValueError):
    """A submission that does not fit the question: refused, nothing recorded."""


def match_choices(content: dict) -> dict[str, str]:
    """Keys a matching answer may use → the text they stand for."""
    choices = {pair["id"]: pair["match"] for pair in content["pairs"]}
    choices.update({f"d{i}": text for i, text in enumerate(content.get("distractors", []))})
    return choices


def match_tokens(content: dict) -> dict[str, str]:
    """The values a matching form sends → the keys of ``match_choices``.

    Numbered in the alphabetical order of the choices' texts, so a value says no
    more than its text does (a key is its pair's id: sent as is, it would name
    the prompt it belongs to).
    """
    choices = match_choices(content)
    ordered = sorted(choices, key=lambda key: (choices[key], key))
    return {f"m{n}": key for n, key in enumerate(ordered, 1)}


def parse_response(qtype: str, content: dict, form) -> dict:
    """Turn submitted form fields into a normalized response, or raise InvalidResponse.

    ``form`` is a werkzeug MultiDict (or anything with ``get``/``getlist``).
    Only ids that belong to the question are accepted.
    """
    if qtype in CHOICE_TYPES:
        valid = {o["id"] for o in content["options"]}
        chosen = form.getlist("choice")
        if not chosen:
            raise InvalidResponse("Choose an answer.")
        if any(c not in valid for c in chosen) or len(set(chosen)) != len(chosen):
            raise InvalidResponse("That answer is not one of this question's options.")
        if qtype == "single":
            if len(chosen) != 1:
                raise InvalidResponse("Choose exactly one answer.")
            return {"choice": chosen[0]}
        return {"choices": sorted(chosen)}
    if qtype == "true_false":
        value = form.get("choice")
        if value not in {"true", "false"}:
            raise InvalidResponse("Choose true or false.")
        return {"value": value == "true"}
    if qtype == "ordering":
        ids = [item["id"] for item in content["items"]]
        try:
            positions = {item_id: int(form.get(f"pos-{item_id}", "")) for item_id in ids}
        except ValueError:
            raise InvalidResponse("Give every step a position.") from None
        if sorted(positions.values()) != list(range(1, len(ids) + 1)):
            raise InvalidResponse("Use each position exactly once.")
        return {"order": sorted(ids, key=positions.__getitem__)}
    if qtype == "matching":
        tokens = match_tokens(content)
        matches = {}
        for pair in content["pairs"]:
            value = form.get(f"match-{pair['id']}", "")
            if value not in tokens:
                raise InvalidResponse("Choose a match for every item.")
            matches[pair["id"]] = tokens[value]
        return {"matches": matches}
    raise InvalidResponse("Unknown question type.")
