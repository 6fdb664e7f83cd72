"""Scenario files (``content/<course>/scenarios/*.yaml``): parsed and checked.

A scenario is a graph of stages: ``decision`` (a situation, documents, choices
with feedback, effects on named metrics, tags, an optional condition, and the
next stage), ``planning`` (tasks with durations, roles, dependencies and window
flags, distractors, window options, the model plan) and ``ending`` (an outcome
rating). Conditions are data (``chose``, ``not_chose``, ``metric`` with
``at_least``/``at_most``, ``all``, ``any``), never code. The format is in the
README; every problem is reported as ``path:line: message``.
"""

from __future__ import annotations

import hashlib
import json
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from app.content.banks import BankContext
from app.content.problems import Problem
from app.content.render import RenderContext, render_markdown
from app.content.schema import ID_RE, SLUG_RE, FieldChecker, whole_number
from app.content.yamlfile import Lines, line_of
from app.scenarios.schedule import CycleError, Task, order_violations, serial_schedule

TOP = {
    "id",
    "slug",
    "title",
    "summary",
    "minutes",
    "time_unit",
    "metrics",
    "start",
    "stages",
    "rubric",
}
RUBRIC = {
    "order",
    "required",
    "distractors",
    "window",
    "rollback_and_communication",
    "decisions",
    "metrics",
}
STAGE = {
    "decision": {"id", "kind", "title", "situation", "documents", "choices"},
    "planning": {
        "id",
        "kind",
        "title",
        "situation",
        "tasks",
        "windows",
        "model_order",
        "model_window",
        "next",
    },
    "ending": {"id", "kind", "title", "text", "rating"},
}
CHOICE = {"id", "text", "feedback", "next", "effects", "tags", "lesson", "when"}
TASK = {"id", "text", "duration", "role", "deps", "window", "kind", "distractor", "reason"}
TASK_KINDS = {"step", "rollback", "communication"}
CONDITION_KEYS = {"chose", "not_chose", "metric", "at_least", "at_most", "all", "any"}


@dataclass
class ScenarioDoc:
    id: str
    slug: str
    title: str
    data: dict  # the checked file, with markdown rendered to ``*_html`` keys
    path: str
    line: int = 1
    source_hash: str = ""
    tags: set[str] = field(default_factory=set)


class _Scenario:
    """Checks for one file; ``report`` puts each problem at its key's line."""

    def __init__(self, path: str, data, lines: Lines, ctx: BankContext):
        self.path, self.data, self.lines, self.ctx = path, data, lines, ctx
        self.stage_ids: set[str] = set()
        self.choice_ids: set[str] = set()  # "stage.choice"
        self.metric_ids: set[str] = set()

    def checker(self, data, base=()) -> FieldChecker:
        return FieldChecker(self.path, data, self.lines, self.ctx.problems, base)

    def report(self, key_path: tuple, message: str) -> None:
        self.ctx.problems.append(Problem(self.path, line_of(self.lines, key_path), message))

    def markdown(self, text: str, key_path: tuple) -> str:
        rctx = RenderContext(lesson_url=self.ctx.lesson_url)
        html = render_markdown(text or "", rctx).html
        offset = line_of(self.lines, key_path)
        for line, message in rctx.problems:
            self.ctx.problems.append(Problem(self.path, offset + line, message))
        return html


def _condition(sc: _Scenario, cond, where: tuple) -> None:
    if not isinstance(cond, dict) or not cond or not set(cond) <= CONDITION_KEYS:
        sc.report(
            where,
            "a condition is a mapping of chose, not_chose, metric with "
            "at_least/at_most, all or any",
        )
        return
    for key in ("chose", "not_chose"):
        refs = cond.get(key, [])
        for ref in [refs] if isinstance(refs, str) else refs:
            if ref not in sc.choice_ids:
                sc.report(
                    (*where, key), f"condition on unknown choice {ref!r} (write stage.choice)"
                )
    if "metric" in cond:
        if cond["metric"] not in sc.metric_ids:
            sc.report((*where, "metric"), f"condition on unknown metric {cond['metric']!r}")
        if not any(isinstance(cond.get(k), int | float) for k in ("at_least", "at_most")):
            sc.report((*where, "metric"), "a metric condition needs at_least or at_most")
    for key in ("all", "any"):
        for index, inner in enumerate(cond.get(key, [])):
            _condition(sc, inner, (*where, key, index))


def _decision(sc: _Scenario, stage: dict, base: tuple) -> list[str]:
    stage["situation_html"] = sc.markdown(stage.get("situation", ""), (*base, "situation"))
    for index, document in enumerate(stage.get("documents") or []):
        d = sc.checker(document, (*base, "documents", index))
        if d.mapping({"title", "body"}, {"title", "body"}):
            document["body_html"] = sc.markdown(
                document.get("body", ""), (*base, "documents", index, "body")
            )
    nexts = []
    choices = stage.get("choices")
    if not isinstance(choices, list) or not choices:
        sc.report((*base, "choices"), "a decision stage needs a list of choices")
        return nexts
    for index, choice in enumerate(choices):
        where = (*base, "choices", index)
        c = sc.checker(choice, where)
        if not c.mapping(CHOICE, {"id", "text", "feedback", "next"}):
            continue
        choice["feedback_html"] = sc.markdown(choice.get("feedback", ""), (*where, "feedback"))
        nexts.append((choice.get("next"), (*where, "next")))
        for metric in choice.get("effects") or {}:
            if metric not in sc.metric_ids:
                sc.report((*where, "effects", metric), f"unknown metric {metric!r}")
        for t_index, tag in enumerate(choice.get("tags") or []):
            if tag not in sc.ctx.tag_ids:
                sc.report((*where, "tags", t_index), f"unknown syllabus tag {tag!r}")
        if "lesson" in choice and choice["lesson"] not in sc.ctx.lesson_ids:
            sc.report((*where, "lesson"), f"unknown lesson id {choice['lesson']!r}")
        if "when" in choice:
            _condition(sc, choice["when"], (*where, "when"))
    return nexts


def _tasks(sc: _Scenario, stage: dict, base: tuple) -> list[Task]:
    tasks, seen = [], set()
    for index, task in enumerate(stage.get("tasks") or []):
        where = (*base, "tasks", index)
        t = sc.checker(task, where)
        if not t.mapping(TASK, {"id", "text", "duration"}):
            continue
        if task["id"] in seen:
            sc.report((*where, "id"), f"duplicate task id {task['id']!r}")
        seen.add(task["id"])
        if not whole_number(task.get("duration"), 1, 100000):
            sc.report((*where, "duration"), "duration must be a whole number of time units")
        if task.get("kind", "step") not in TASK_KINDS:
            sc.report((*where, "kind"), f"kind must be one of {', '.join(sorted(TASK_KINDS))}")
        if not task.get("distractor"):
            tasks.append(
                Task(
                    task["id"],
                    int(task.get("duration") or 1),
                    task.get("role", ""),
                    tuple(task.get("deps") or ()),
                )
            )
        elif not task.get("reason"):
            sc.report(where, "a distractor needs a reason (why it does not belong in the plan)")
    return tasks


def _planning(sc: _Scenario, stage: dict, base: tuple) -> list:
    stage["situation_html"] = sc.markdown(stage.get("situation", ""), (*base, "situation"))
    way_out = [(stage["next"], (*base, "next"))] if "next" in stage else []
    tasks = _tasks(sc, stage, base)
    ids = {t.id for t in tasks}
    unknown = False
    for index, raw in enumerate(stage.get("tasks") or []):
        for d_index, dep in enumerate((raw or {}).get("deps") or []):
            if dep not in ids:
                unknown = True
                where = (*base, "tasks", index, "deps", d_index)
                sc.report(where, f"dependency on unknown task {dep!r}")
    known = [Task(t.id, t.duration, t.role, tuple(d for d in t.deps if d in ids)) for t in tasks]
    try:
        serial_schedule(known, [t.id for t in known])
    except CycleError as cycle:
        sc.report((*base, "tasks"), str(cycle))
        return way_out
    windows = {w.get("id"): w for w in stage.get("windows") or [] if isinstance(w, dict)}
    if stage.get("model_window") not in windows:
        sc.report((*base, "model_window"), "model_window must name one of the windows")
    order = stage.get("model_order") or []
    if unknown:
        return way_out  # the model plan cannot be checked against tasks that do not exist
    if ids ^ set(order):
        message = "model_order must list every task that is not a distractor, and only those"
        sc.report((*base, "model_order"), message)
    elif violations := order_violations(tasks, order):
        broken = "; ".join(str(v) for v in violations)
        sc.report((*base, "model_order"), f"the model plan breaks its own dependencies: {broken}")
    else:
        window = windows.get(stage.get("model_window")) or {}
        bound = {
            t["id"] for t in stage.get("tasks") or [] if isinstance(t, dict) and t.get("window")
        }
        plan = serial_schedule(tasks, order)
        if bound and window:
            span = max(plan[t][1] for t in bound) - min(plan[t][0] for t in bound)
            if span > int(window.get("length") or 0):
                sc.report(
                    (*base, "model_window"),
                    f"the model plan's window-bound tasks take {span}, longer than the window "
                    f"({window.get('length')})",
                )
    return way_out


def parse_scenario(path: str, data, lines: Lines, ctx: BankContext) -> ScenarioDoc | None:
    sc = _Scenario(path, data, lines, ctx)
    check = sc.checker(data)
    if not check.mapping(TOP, TOP - {"rubric", "time_unit"}):
        return None
    for index, metric in enumerate(data.get("metrics") or []):
        m = sc.checker(metric, ("metrics", index))
        if m.mapping(
            {"id", "title", "unit", "start", "better", "min", "max"},
            {"id", "title", "start", "better"},
        ):
            sc.metric_ids.add(metric["id"])
    stages = data.get("stages") if isinstance(data.get("stages"), list) else []
    for stage in stages:
        if isinstance(stage, dict):
            sc.stage_ids.add(stage.get("id"))
            for choice in stage.get("choices") or []:
                if isinstance(choice, dict):
                    sc.choice_ids.add(f"{stage.get('id')}.{choice.get('id')}")
    edges: dict[str, list[str]] = {}
    for index, stage in enumerate(stages):
        base = ("stages", index)
        kind = stage.get("kind") if isinstance(stage, dict) else None
        if kind not in STAGE:
            sc.report((*base, "kind"), "kind must be decision, planning or ending")
            continue
        sc.checker(stage, base).mapping(STAGE[kind], STAGE[kind] - {"documents"})
        nexts = {"decision": _decision, "planning": _planning}.get(kind, lambda *a: [])(
            sc, stage, base
        )
        if kind == "ending":
            stage["text_html"] = sc.markdown(stage.get("text", ""), (*base, "text"))
            if not whole_number(stage.get("rating"), 1, 5):
                sc.report((*base, "rating"), "rating must be a whole number from 1 to 5")
        elif not nexts:
            sc.report(base, f"stage {stage.get('id')!r} has no way out and is not an ending")
        for target, where in nexts:
            if target not in sc.stage_ids:
                sc.report(where, f"next stage {target!r} does not exist")
        edges[stage.get("id")] = [t for t, _ in nexts if t in sc.stage_ids]
    if data.get("start") not in sc.stage_ids:
        sc.report(("start",), f"start stage {data.get('start')!r} does not exist")
    else:
        reached, queue = {data["start"]}, deque([data["start"]])
        while queue:
            for target in edges.get(queue.popleft(), []):
                if target not in reached:
                    reached.add(target)
                    queue.append(target)
        for index, stage in enumerate(stages):
            if isinstance(stage, dict) and stage.get("id") not in reached:
                sc.report(("stages", index), f"stage {stage.get('id')!r} cannot be reached")
    tags = {
        t
        for s in stages
        if isinstance(s, dict)
        for c in s.get("choices") or []
        if isinstance(c, dict)
        for t in c.get("tags") or []
    }
    digest = hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()
    return ScenarioDoc(
        check.pattern("id", ID_RE, "scenario id"),
        check.pattern("slug", SLUG_RE, "slug"),
        check.text("title"),
        data,
        path,
        source_hash=digest,
        tags=tags,
    )


def read_scenarios(reader, course_dir: Path, ctx: BankContext) -> list[ScenarioDoc]:
    scenarios = []
    for path in sorted((course_dir / "scenarios").glob("*.yaml")):
        data, lines = reader.read_yaml(path)
        if data is None and not lines:
            continue
        doc = parse_scenario(reader.rel(path), data, lines, ctx)
        if doc is not None:
            scenarios.append(doc)
    return scenarios
