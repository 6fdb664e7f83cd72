"""Blueprint feasibility and the draw: areas share questions, none is drawn twice."""

import random

from app.quizzes.blueprint import area_members, assign

GROUPS = {"practices": {"risk", "issues"}, "processes": {"closing"}}


def test_members_of_a_group_area_are_questions_with_any_of_its_tags():
    tags = {"q1": {"risk"}, "q2": {"issues", "closing"}, "q3": {"closing"}}
    members = area_members({"practices": 1, "closing": 1}, GROUPS, tags)
    assert members == {"practices": ["q1", "q2"], "closing": ["q2", "q3"]}


def test_assign_reuses_no_question_even_when_areas_overlap():
    members = {"a": ["q1", "q2"], "b": ["q1"]}
    drawn = assign({"a": 1, "b": 1}, members)
    assert drawn == {"a": ["q2"], "b": ["q1"]}  # q1 had to go to b


def test_assign_reports_an_impossible_blueprint():
    assert assign({"a": 2, "b": 1}, {"a": ["q1", "q2"], "b": ["q1"]}) is None
    assert assign({"a": 3}, {"a": ["q1", "q2"]}) is None


def test_draw_from_shuffled_members_is_random_but_always_valid():
    members = {"a": [f"q{i}" for i in range(10)], "b": [f"q{i}" for i in range(5, 15)]}
    seen = set()
    for seed in range(20):
        rng = random.Random(seed)
        shuffled = {area: rng.sample(ids, len(ids)) for area, ids in members.items()}
        drawn = assign({"a": 4, "b": 4}, shuffled)
        picked = drawn["a"] + drawn["b"]
        assert len(set(picked)) == 8
        assert set(drawn["a"]) <= set(members["a"]) and set(drawn["b"]) <= set(members["b"])
        seen.add(tuple(sorted(picked)))
    assert len(seen) > 5
