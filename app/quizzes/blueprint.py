"""Exam blueprints: how many questions to draw from each syllabus area.

An area is a syllabus group or a single tag. A question can sit in several areas,
but is drawn once, so whether a blueprint can be met is a matching problem
(areas' slots to questions), solved here with augmenting paths (Kuhn's algorithm).
The same function makes the random draw, given a shuffled pool.
"""

from __future__ import annotations


def area_members(
    blueprint: dict[str, int], group_tags: dict[str, set[str]], question_tags: dict[str, set[str]]
) -> dict[str, list[str]]:
    """For each area, the questions (ids, in the given order) that belong to it."""
    members: dict[str, list[str]] = {}
    for area in blueprint:
        tags = group_tags.get(area, {area})
        members[area] = [qid for qid, qtags in question_tags.items() if qtags & tags]
    return members


def assign(blueprint: dict[str, int], members: dict[str, list[str]]) -> dict[str, list[str]] | None:
    """Questions for every area's slots, no question twice; None if impossible.

    Earlier questions in each member list are preferred, so shuffling the lists
    first gives a random draw.
    """
    slots = [area for area, count in blueprint.items() for _ in range(count)]
    owner: dict[str, int] = {}  # question id → slot index

    def place(slot: int, seen: set[str]) -> bool:
        for qid in members[slots[slot]]:
            if qid in seen:
                continue
            seen.add(qid)
            if qid not in owner or place(owner[qid], seen):
                owner[qid] = slot
                return True
        return False

    for slot in range(len(slots)):
        if not place(slot, set()):
            return None
    drawn: dict[str, list[str]] = {area: [] for area in blueprint}
    for qid, slot in sorted(owner.items(), key=lambda item: item[1]):
        drawn[slots[slot]].append(qid)
    return drawn
