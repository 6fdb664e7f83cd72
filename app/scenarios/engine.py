"""Playing a scenario: state in, state out, as plain JSON-ready dicts.

The web layer stores the state after every step (so an attempt resumes where it
was) and calls these functions; they never touch the database. Conditions are
evaluated here from data (which choices were made, metric values), never as code.
Anything a learner could forge (a choice not offered, a task that is not in the
stage, a step out of turn) raises ``StepRefused`` and changes nothing.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import asdict, dataclass

from app.scenarios.schedule import Task, critical_path, order_violations, serial_schedule


class StepRefused(ValueError):
    """A step that is not allowed here; the message says why, for the learner."""


def stage_by_id(scenario: dict, stage_id: str) -> dict:
    return next(stage for stage in scenario["stages"] if stage["id"] == stage_id)


def initial_state(scenario: dict) -> dict:
    return {
        "stage": scenario["start"],
        "metrics": {m["id"]: m["start"] for m in scenario["metrics"]},
        "choices": [],
        "path": [scenario["start"]],
        "decisions": [],
        "plans": {},
        "ended": False,
    }


def condition_met(condition: dict | None, state: dict) -> bool:
    if not condition:
        return True
    made = set(state["choices"])
    checks = []
    for key, wanted in (("chose", True), ("not_chose", False)):
        if key in condition:
            refs = condition[key]
            refs = [refs] if isinstance(refs, str) else refs
            checks.append(all((ref in made) == wanted for ref in refs))
    if "metric" in condition:
        value = state["metrics"][condition["metric"]]
        if "at_least" in condition:
            checks.append(value >= condition["at_least"])
        if "at_most" in condition:
            checks.append(value <= condition["at_most"])
    if "all" in condition:
        checks.append(all(condition_met(c, state) for c in condition["all"]))
    if "any" in condition:
        checks.append(any(condition_met(c, state) for c in condition["any"]))
    return all(checks)


def available_choices(scenario: dict, state: dict) -> list[dict]:
    stage = stage_by_id(scenario, state["stage"])
    if stage["kind"] != "decision":
        return []
    return [c for c in stage["choices"] if condition_met(c.get("when"), state)]


def _require(scenario: dict, state: dict, kind: str) -> dict:
    if state["ended"]:
        raise StepRefused("This scenario has ended; restart it to play again.")
    stage = stage_by_id(scenario, state["stage"])
    if stage["kind"] != kind:
        raise StepRefused("That step does not belong to the stage you are at.")
    return stage


def _advance(scenario: dict, state: dict, next_stage: str) -> None:
    state["stage"] = next_stage
    state["path"].append(next_stage)
    if stage_by_id(scenario, next_stage)["kind"] == "ending":
        state["ended"] = True


def choose(scenario: dict, state: dict, choice_id: str) -> dict:
    """The state after taking ``choice_id`` at the current decision stage."""
    stage = _require(scenario, state, "decision")
    choice = next((c for c in available_choices(scenario, state) if c["id"] == choice_id), None)
    if choice is None:
        raise StepRefused("That choice is not open to you at this point.")
    new = deepcopy(state)
    limits = {m["id"]: (m.get("min"), m.get("max")) for m in scenario["metrics"]}
    for metric, change in (choice.get("effects") or {}).items():
        low, high = limits[metric]
        value = new["metrics"][metric] + change
        value = value if low is None else max(low, value)
        new["metrics"][metric] = value if high is None else min(high, value)
    new["choices"].append(f"{stage['id']}.{choice['id']}")
    new["decisions"].append({"stage": stage["id"], "choice": choice["id"]})
    _advance(scenario, new, choice["next"])
    return new


@dataclass
class PlanResult:
    violations: list[str]
    missing: list[str]  # required tasks left out
    distractors: list[str]  # distractors put in
    window_ok: bool
    marks_ok: bool  # rollback and communication steps marked right
    schedule: dict[str, tuple[int, int]]
    model_schedule: dict[str, tuple[int, int]]
    bound: int  # CPM duration with unlimited people: no plan is shorter
    critical_path: list[str]
    floats: dict[str, int]  # how far each task can slip without moving the CPM finish
    makespan: int


def _tasks(stage: dict) -> dict[str, dict]:
    return {t["id"]: t for t in stage["tasks"]}


def grade_plan(stage: dict, order: list[str], marked: dict[str, set[str]], window_id: str):
    """Check a learner's plan for a planning stage; refuses ids that are not the stage's."""
    raw = _tasks(stage)
    windows = {w["id"]: w for w in stage["windows"]}
    if len(set(order)) != len(order) or not set(order) <= set(raw):
        raise StepRefused("The plan names a task that is not part of this stage.")
    if window_id not in windows:
        raise StepRefused("Choose one of the maintenance windows offered.")
    real = {tid: t for tid, t in raw.items() if not t.get("distractor")}
    chosen = [tid for tid in order if tid in real]

    def task(tid: str) -> Task:
        t = raw[tid]
        deps = tuple(d for d in t.get("deps") or () if d in chosen)
        return Task(tid, t["duration"], t.get("role", ""), deps)

    learner = [task(tid) for tid in chosen]
    full = [
        Task(tid, t["duration"], t.get("role", ""), tuple(t.get("deps") or ()))
        for tid, t in real.items()
    ]
    violations = [str(v) for v in order_violations(full, chosen)]
    schedule = serial_schedule(learner, chosen)
    bound_ids = {tid for tid in chosen if raw[tid].get("window")}
    span = (
        max(schedule[t][1] for t in bound_ids) - min(schedule[t][0] for t in bound_ids)
        if bound_ids
        else 0
    )
    model = serial_schedule(full, stage["model_order"])
    cpm = critical_path(full)
    expected = {
        kind: {tid for tid, t in real.items() if t.get("kind") == kind}
        for kind in ("rollback", "communication")
    }
    return PlanResult(
        violations=violations,
        missing=sorted(set(real) - set(chosen)),
        distractors=[tid for tid in order if tid not in real],
        window_ok=span <= windows[window_id]["length"],
        marks_ok=all(marked.get(kind, set()) == ids for kind, ids in expected.items()),
        schedule=schedule,
        model_schedule=model,
        bound=cpm.duration,
        critical_path=cpm.critical_path,
        floats={tid: cpm.float(tid) for tid in real},
        makespan=max((f for _, f in schedule.values()), default=0),
    )


def submit_plan(
    scenario: dict, state: dict, order: list[str], marked: dict[str, set[str]], window_id: str
) -> tuple[dict, PlanResult]:
    stage = _require(scenario, state, "planning")
    result = grade_plan(stage, order, marked, window_id)
    new = deepcopy(state)
    new["plans"][stage["id"]] = {
        "order": order,
        "window": window_id,
        "marked": {kind: sorted(ids) for kind, ids in marked.items()},
        "result": asdict(result),
    }
    _advance(scenario, new, stage["next"])
    return new, result


def score(scenario: dict, state: dict) -> dict[str, float]:
    """Rubric points earned, item by item (the README gives the rules)."""
    rubric = scenario.get("rubric") or {}
    # Every planning stage of the scenario counts; one the learner never reached earns
    # nothing (an early ending must not collect the plan's points).
    plans = [
        (state["plans"].get(stage["id"]) or {}).get("result")
        for stage in scenario["stages"]
        if stage["kind"] == "planning"
    ]
    share = {
        "order": _mean(p is not None and not p["violations"] for p in plans),
        "required": _mean(p is not None and not p["missing"] for p in plans),
        "distractors": _mean(p is not None and not p["distractors"] for p in plans),
        "window": _mean(p is not None and p["window_ok"] for p in plans),
        "rollback_and_communication": _mean(p is not None and p["marks_ok"] for p in plans),
    }
    ending = stage_by_id(scenario, state["stage"])
    share["decisions"] = (ending.get("rating", 1) - 1) / 4 if state["ended"] else 0.0
    better = {m["id"]: (m["start"], m["better"]) for m in scenario["metrics"]}
    share["metrics"] = _mean(
        (value <= start) if how == "lower" else (value >= start)
        for metric, value in state["metrics"].items()
        for start, how in [better[metric]]
    )
    return {item: round(points * share.get(item, 0.0), 2) for item, points in rubric.items()}


def _mean(values) -> float:
    values = list(values)
    return sum(bool(v) for v in values) / len(values) if values else 1.0


def _outlook(scenario: dict) -> dict[str, tuple[int, int]]:
    """For each stage: the best ending rating reachable from it on the stage graph, and
    (negated) how many steps away the nearest such ending is."""
    stages = {stage["id"]: stage for stage in scenario["stages"]}

    def targets(stage: dict) -> list[str]:
        if stage["kind"] == "planning":
            return [stage["next"]]
        return [c["next"] for c in stage.get("choices") or []]

    outlook: dict[str, tuple[int, int]] = {}
    for stage in stages.values():  # endings first, then relax until nothing improves
        if stage["kind"] == "ending":
            outlook[stage["id"]] = (stage["rating"], 0)
    changed = True
    while changed:
        changed = False
        for stage in stages.values():
            options = [outlook[t] for t in targets(stage) if t in outlook]
            if stage["kind"] == "ending" or not options:
                continue
            rating, steps = max(options)
            candidate = (rating, steps - 1)
            if outlook.get(stage["id"], (-1, 0)) < candidate:
                outlook[stage["id"]] = candidate
                changed = True
    return outlook


def expert_path(scenario: dict) -> list[dict]:
    """What a seasoned project manager would do: at each decision, the choice on offer
    that leads towards the best-rated ending reachable (the nearer one on a tie), with
    the model plan at planning stages. Played through the engine, so conditions hold."""
    outlook = _outlook(scenario)
    state = initial_state(scenario)
    for _ in range(len(scenario["stages"]) * 2):  # a bound, in case the story loops
        if state["ended"]:
            break
        stage = stage_by_id(scenario, state["stage"])
        if stage["kind"] == "planning":
            expected = {
                kind: {t["id"] for t in stage["tasks"] if t.get("kind") == kind}
                for kind in ("rollback", "communication")
            }
            state = submit_plan(
                scenario, state, stage["model_order"], expected, stage["model_window"]
            )[0]
            continue
        offered = available_choices(scenario, state)
        if not offered:
            break
        best = max(offered, key=lambda c: outlook.get(c["next"], (-1, -999)))
        state = choose(scenario, state, best["id"])
    return state["decisions"]


def choice_quality(scenario: dict, stage_id: str, choice: dict) -> float:
    """How good a choice was, for mastery: the best ending still reachable after it,
    as a share of the best reachable before it (1 when nothing was given away)."""
    outlook = _outlook(scenario)
    before = outlook.get(stage_id, (1, 0))[0]
    after = outlook.get(choice["next"], (1, 0))[0]
    return 1.0 if before <= 1 else max(0.0, min(1.0, (after - 1) / (before - 1)))


def max_points(scenario: dict) -> float:
    return float(sum((scenario.get("rubric") or {}).values()))


def steps_left(scenario: dict, stage_id: str) -> int:
    """Steps from this stage to the nearest best ending: for a progress bar that
    cannot know which branch the learner will take."""
    return -_outlook(scenario).get(stage_id, (0, 0))[1]
