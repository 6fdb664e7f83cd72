"""Playing a scenario: choices with conditions and effects, plans graded, steps refused."""

from pathlib import Path

import pytest
import yaml

from app.scenarios.engine import (
    StepRefused,
    available_choices,
    choose,
    condition_met,
    expert_path,
    initial_state,
    score,
    submit_plan,
)

SCENARIO = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "data" / "scenario.yaml").read_text()
)
MODEL = ["export", "test", "notify", "apply", "verify"]
MARKS = {"rollback": {"export"}, "communication": {"notify"}}


def test_the_model_path_ends_well_with_full_marks():
    state = choose(SCENARIO, initial_state(SCENARIO), "plan")
    assert state["stage"] == "plan" and state["metrics"]["trust"] == 60
    state, result = submit_plan(SCENARIO, state, MODEL, MARKS, "fri-night")
    assert result.violations == [] and result.missing == [] and result.distractors == []
    assert result.window_ok and result.marks_ok
    assert result.bound == 110 and result.makespan == 110
    assert result.critical_path == ["export", "test", "notify", "apply", "verify"]
    assert result.floats == dict.fromkeys(MODEL, 0)  # one chain: nothing can slip
    assert state["ended"] and state["path"] == ["brief", "plan", "done"]
    assert score(SCENARIO, state) == SCENARIO["rubric"]


def test_the_rushed_path_ends_badly_and_scores_low():
    state = choose(SCENARIO, initial_state(SCENARIO), "rush")
    assert state["ended"] and state["stage"] == "outage"
    assert state["metrics"] == {"downtime": 120, "trust": 30}
    points = score(SCENARIO, state)
    assert points["decisions"] == 0 and points["metrics"] == 0


def test_a_plan_with_a_distractor_a_missing_step_and_a_broken_dependency():
    state = choose(SCENARIO, initial_state(SCENARIO), "plan")
    order = ["skip-test", "notify", "export", "apply", "verify"]  # no lab test
    _, result = submit_plan(SCENARIO, state, order, {}, "fri-night")
    assert result.distractors == ["skip-test"]
    assert result.missing == ["test"]
    assert result.violations == []  # a step left out is "missing", not a broken dependency
    assert not result.marks_ok


def test_every_dependency_respecting_order_is_accepted():
    state = choose(SCENARIO, initial_state(SCENARIO), "plan")
    for order in (MODEL, ["export", "test", "notify", "apply", "verify"]):
        _, result = submit_plan(SCENARIO, state, order, MARKS, "fri-night")
        assert result.violations == []
    _, wrong = submit_plan(
        SCENARIO, state, ["test", "export", "notify", "apply", "verify"], MARKS, "fri-night"
    )
    assert wrong.violations == ["'test' is placed before 'export', which it depends on"]


@pytest.mark.parametrize(
    ("order", "window", "message"),
    [
        (MODEL + ["backdoor"], "fri-night", "not part of this stage"),
        (MODEL + ["export"], "fri-night", "not part of this stage"),
        (MODEL, "sunday", "Choose one of the maintenance windows"),
    ],
)
def test_forged_plans_are_refused(order, window, message):
    state = choose(SCENARIO, initial_state(SCENARIO), "plan")
    with pytest.raises(StepRefused, match=message):
        submit_plan(SCENARIO, state, order, MARKS, window)


def test_steps_out_of_turn_and_choices_not_offered_are_refused():
    start = initial_state(SCENARIO)
    with pytest.raises(StepRefused, match="not open to you"):
        choose(SCENARIO, start, "nonsense")
    with pytest.raises(StepRefused, match="does not belong to the stage"):
        submit_plan(SCENARIO, start, MODEL, MARKS, "fri-night")  # planning while at a decision
    ended = choose(SCENARIO, start, "rush")
    with pytest.raises(StepRefused, match="has ended"):
        choose(SCENARIO, ended, "plan")
    assert start == initial_state(SCENARIO)  # nothing changed the state it was given


def test_conditions_are_data_over_choices_and_metrics():
    state = {"choices": ["brief.plan"], "metrics": {"trust": 55, "downtime": 0}}
    assert condition_met({"chose": "brief.plan"}, state)
    assert not condition_met({"not_chose": ["brief.plan"]}, state)
    assert condition_met({"metric": "trust", "at_least": 50, "at_most": 60}, state)
    assert not condition_met(
        {"all": [{"chose": "brief.plan"}, {"metric": "trust", "at_least": 60}]}, state
    )
    assert condition_met({"any": [{"chose": "x.y"}, {"metric": "downtime", "at_most": 0}]}, state)


def test_a_conditional_choice_is_offered_only_when_its_condition_holds():
    scenario = yaml.safe_load(yaml.safe_dump(SCENARIO))
    scenario["stages"][0]["choices"][1]["when"] = {"metric": "trust", "at_least": 80}
    offered = [c["id"] for c in available_choices(scenario, initial_state(scenario))]
    assert offered == ["plan"]
    with pytest.raises(StepRefused):
        choose(scenario, initial_state(scenario), "rush")


def test_the_expert_path_takes_the_way_to_the_best_ending():
    assert expert_path(SCENARIO) == [{"stage": "brief", "choice": "plan"}]


def test_the_expert_path_respects_conditions():
    scenario = yaml.safe_load(yaml.safe_dump(SCENARIO))
    scenario["stages"][0]["choices"][0]["when"] = {"metric": "trust", "at_least": 99}
    assert expert_path(scenario) == [{"stage": "brief", "choice": "rush"}]  # the only one offered


def test_an_ending_before_the_planning_stage_earns_none_of_the_plan_points():
    ended = choose(SCENARIO, initial_state(SCENARIO), "rush")
    points = score(SCENARIO, ended)
    plan_items = ["order", "required", "distractors", "window", "rollback_and_communication"]
    assert all(points[item] == 0 for item in plan_items)
