"""``content check`` on scenario files: every authoring mistake reported with its line."""

import shutil
from pathlib import Path

import pytest

from app.content.tree import read_content

ROOT = Path(__file__).resolve().parents[2]
VALID = (ROOT / "tests" / "data" / "scenario.yaml").read_text()
PATH = "content/pm-for-it/scenarios/firewall.yaml"


@pytest.fixture
def check(tmp_path):
    """Problems of the real content plus one scenario, edited by ``(old, new)`` pairs."""
    root = shutil.copytree(ROOT / "content", tmp_path / "content")
    (root / "pm-for-it" / "scenarios").mkdir(exist_ok=True)

    def run(*edits: tuple[str, str]) -> list[str]:
        text = VALID
        for old, new in edits:
            assert old in text, old
            text = text.replace(old, new, 1)
        (root / "pm-for-it" / "scenarios" / "firewall.yaml").write_text(text)
        return [str(p) for p in read_content(root).problems]

    return run


def test_the_example_scenario_is_valid(check):
    assert check() == []


def test_a_choice_pointing_at_a_missing_stage(check):
    assert check(("next: outage", "next: nowhere")) == [
        f"{PATH}:33: next stage 'nowhere' does not exist",
        f"{PATH}:52: stage 'outage' cannot be reached",
    ]


def test_a_stage_nothing_leads_to(check):
    assert check(("next: plan\n", "next: done\n")) == [f"{PATH}:35: stage 'plan' cannot be reached"]


def test_a_stage_with_no_way_out_that_is_not_an_ending(check):
    problems = check(("    next: done\n", ""))
    assert f"{PATH}:35: stage 'plan' has no way out and is not an ending" in problems


def test_unknown_metric_tag_and_lesson_in_a_choice(check):
    assert check(
        ("effects: {trust: 10}", "effects: {morale: 10}"),
        ("tags: [it-change-enablement]", "tags: [it-nonsense]"),
        ("lesson: pmit-change-control", "lesson: pmit-nothing"),
    ) == [
        f"{PATH}:27: unknown metric 'morale'",
        f"{PATH}:28: unknown syllabus tag 'it-nonsense'",
        f"{PATH}:29: unknown lesson id 'pmit-nothing'",
    ]


def test_conditions_on_unknown_choices_and_metrics(check):
    conditional = (
        "        effects: {trust: -20, downtime: 120}\n",
        "        effects: {trust: -20, downtime: 120}\n"
        "        when: {all: [{chose: brief.maybe}, {metric: mood, at_least: 3}]}\n",
    )
    assert check(conditional) == [
        f"{PATH}:35: condition on unknown choice 'brief.maybe' (write stage.choice)",
        f"{PATH}:35: condition on unknown metric 'mood'",
    ]


def test_a_condition_is_data_of_known_keys_only(check):
    code = (
        "        effects: {trust: 10}\n",
        "        effects: {trust: 10}\n        when: {eval: x}\n",
    )
    assert check(code) == [
        f"{PATH}:28: a condition is a mapping of chose, not_chose, metric with at_least/at_most,"
        " all or any"
    ]


def test_a_dependency_cycle_is_named(check):
    problems = check(
        (
            "duration: 10, role: netops, window: false",
            "duration: 10, role: netops, deps: [verify], window: false",
        )
    )
    assert problems == [f"{PATH}:39: dependency cycle: export -> verify -> apply -> test -> export"]


def test_a_dependency_on_a_task_that_does_not_exist(check):
    problems = check(("deps: [test, notify]", "deps: [test, notify, backup]"))
    assert f"{PATH}:43: dependency on unknown task 'backup'" in problems


def test_a_model_plan_that_breaks_its_own_dependencies(check):
    assert check(
        (
            "model_order: [export, test, notify, apply, verify]",
            "model_order: [export, notify, test, apply, verify]",
        )
    ) == [
        f"{PATH}:49: the model plan breaks its own dependencies: "
        "'notify' is placed before 'test', which it depends on"
    ]


def test_a_model_plan_that_does_not_fit_its_window(check):
    assert check(
        (
            '{id: fri-night, label: "Friday 22:00–23:00", length: 60}',
            '{id: fri-night, label: "Friday 22:00–22:20", length: 20}',
        )
    ) == [f"{PATH}:50: the model plan's window-bound tasks take 30, longer than the window (20)"]


def test_a_distractor_needs_a_reason(check):
    problems = check((", reason: The lab test is what catches the payroll rule", ""))
    assert problems == [
        f"{PATH}:45: a distractor needs a reason (why it does not belong in the plan)"
    ]
