"""Scheduling for planning stages: the Critical Path Method and the learner's serial schedule.

Pure functions over ``Task`` records, no database. CPM (forward and backward pass,
unlimited people) gives the lower bound on duration, each task's float and the
critical path. The serial schedule turns a learner's order into a plan: taking
tasks in that order, each starts when its predecessors are done and its role is
free (one person per role). A cycle in the dependencies makes any plan impossible
and is reported by naming it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Task:
    id: str
    duration: int
    role: str = ""
    deps: tuple[str, ...] = ()


class PlanError(ValueError):
    """The task set cannot be planned: a cycle, or a dependency on no task."""


class CycleError(PlanError):
    def __init__(self, cycle: list[str]):
        self.cycle = cycle
        super().__init__("dependency cycle: " + " -> ".join(cycle))


@dataclass
class CPM:
    duration: int
    es: dict[str, int]
    ef: dict[str, int]
    ls: dict[str, int]
    lf: dict[str, int]
    critical_path: list[str]

    def float(self, task_id: str) -> int:
        return self.ls[task_id] - self.es[task_id]


def topological_order(tasks: list[Task]) -> list[str]:
    """Tasks in an order that respects every dependency (input order breaks ties)."""
    by_id = {t.id: t for t in tasks}
    for task in tasks:
        for dep in task.deps:
            if dep not in by_id:
                raise PlanError(f"task {task.id!r} depends on unknown task {dep!r}")
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    order: list[str] = []
    for root in by_id:
        if state.get(root) == 2:
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        path: list[str] = []
        while stack:
            node, index = stack.pop()
            if index == 0:
                state[node] = 1
                path.append(node)
            deps = by_id[node].deps
            if index < len(deps):
                stack.append((node, index + 1))
                dep = deps[index]
                if state.get(dep) == 1:
                    raise CycleError([*path[path.index(dep) :], dep])
                if state.get(dep) != 2:
                    stack.append((dep, 0))
            else:
                state[node] = 2
                path.pop()
                order.append(node)
    return order


def critical_path(tasks: list[Task]) -> CPM:
    """Forward and backward pass; ties on the critical path follow input order."""
    order = topological_order(tasks)
    by_id = {t.id: t for t in tasks}
    es: dict[str, int] = {}
    ef: dict[str, int] = {}
    for tid in order:
        es[tid] = max((ef[d] for d in by_id[tid].deps), default=0)
        ef[tid] = es[tid] + by_id[tid].duration
    duration = max(ef.values(), default=0)
    successors: dict[str, list[str]] = {tid: [] for tid in by_id}
    for task in tasks:
        for dep in task.deps:
            successors[dep].append(task.id)
    lf: dict[str, int] = {}
    ls: dict[str, int] = {}
    for tid in reversed(order):
        lf[tid] = min((ls[s] for s in successors[tid]), default=duration)
        ls[tid] = lf[tid] - by_id[tid].duration
    path: list[str] = []
    current = next((t for t in order if es[t] == ls[t] and not by_id[t].deps), None)
    while current is not None:
        path.append(current)
        current = next(
            (s for s in successors[current] if es[s] == ls[s] and es[s] == ef[current]), None
        )
    return CPM(duration, es, ef, ls, lf, path)


@dataclass(frozen=True)
class Violation:
    task: str
    needs: str  # the task that should have come first

    def __str__(self) -> str:
        return f"{self.task!r} is placed before {self.needs!r}, which it depends on"


def order_violations(tasks: list[Task], order: list[str]) -> list[Violation]:
    """Every dependency the learner's order breaks (any order that breaks none is right)."""
    position = {tid: i for i, tid in enumerate(order)}
    return [
        Violation(task.id, dep)
        for task in sorted(tasks, key=lambda t: position.get(t.id, len(order)))
        if task.id in position
        for dep in task.deps
        if dep in position and position[dep] > position[task.id]
    ]


def serial_schedule(tasks: list[Task], priority: list[str]) -> dict[str, tuple[int, int]]:
    """(start, finish) per task: repeatedly take the first task in ``priority`` whose
    predecessors are all scheduled, and start it when they are done and its role is free."""
    by_id = {t.id: t for t in tasks}
    topological_order(tasks)  # refuses cycles and unknown dependencies
    rank = {tid: i for i, tid in enumerate(priority)}
    pending = sorted(by_id, key=lambda tid: rank.get(tid, len(rank)))
    role_free: dict[str, int] = {}
    plan: dict[str, tuple[int, int]] = {}
    while pending:
        tid = next(t for t in pending if all(d in plan for d in by_id[t].deps))
        pending.remove(tid)
        task = by_id[tid]
        start = max([plan[d][1] for d in task.deps] + [role_free.get(task.role, 0)])
        plan[tid] = (start, start + task.duration)
        if task.role:
            role_free[task.role] = start + task.duration
    return plan
