"""The schedule engine: CPM against the worked example in FACTS.md, properties on random
acyclic graphs, cycles named, order checking and the learner's serial schedule."""

from itertools import permutations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.scenarios.schedule import (
    CycleError,
    PlanError,
    Task,
    critical_path,
    order_violations,
    serial_schedule,
)

# FACTS.md, "Critical Path Method": a public course answer key, used as an oracle.
EXAMPLE = [
    Task("A", 4),
    Task("B", 7, deps=("A",)),
    Task("C", 5, deps=("A",)),
    Task("D", 8, deps=("B",)),
    Task("E", 5, deps=("B", "C")),
    Task("F", 2, deps=("C",)),
    Task("G", 1, deps=("D", "E", "F")),
]


def test_cpm_matches_the_worked_example():
    cpm = critical_path(EXAMPLE)
    assert cpm.duration == 20
    assert cpm.critical_path == ["A", "B", "D", "G"]
    expected = {
        "A": (0, 4, 0, 4),
        "B": (4, 11, 4, 11),
        "C": (4, 9, 9, 14),
        "D": (11, 19, 11, 19),
        "E": (11, 16, 14, 19),
        "F": (9, 11, 17, 19),
        "G": (19, 20, 19, 20),
    }
    for tid, (es, ef, ls, lf) in expected.items():
        assert (cpm.es[tid], cpm.ef[tid], cpm.ls[tid], cpm.lf[tid]) == (es, ef, ls, lf), tid
    assert {tid: cpm.float(tid) for tid in "CEF"} == {"C": 5, "E": 3, "F": 8}


def test_a_cycle_is_refused_and_named():
    tasks = [
        Task("backup", 1, deps=("cab",)),
        Task("pilot", 2, deps=("backup",)),
        Task("cab", 1, deps=("pilot",)),
        Task("notify", 1),
    ]
    with pytest.raises(CycleError) as raised:
        critical_path(tasks)
    cycle = raised.value.cycle
    assert cycle[0] == cycle[-1] and set(cycle) == {"backup", "pilot", "cab"}
    assert "dependency cycle: " in str(raised.value)


def test_a_dependency_on_no_task_is_refused():
    with pytest.raises(PlanError, match="'patch' depends on unknown task 'backup'"):
        critical_path([Task("patch", 3, deps=("backup",))])


SMALL = [
    Task("a", 1),
    Task("b", 1, deps=("a",)),
    Task("c", 1, deps=("a",)),
    Task("d", 1, deps=("b", "c")),
]


def test_every_order_that_respects_the_dependencies_is_accepted_and_no_other():
    valid = {("a", "b", "c", "d"), ("a", "c", "b", "d")}
    for order in permutations("abcd"):
        assert (not order_violations(SMALL, list(order))) == (order in valid), order


def test_each_broken_dependency_is_named():
    violations = order_violations(SMALL, ["d", "b", "a", "c"])
    assert [str(v) for v in violations] == [
        "'d' is placed before 'b', which it depends on",
        "'d' is placed before 'c', which it depends on",
        "'b' is placed before 'a', which it depends on",
    ]


def test_two_valid_orders_with_a_shared_role_give_different_schedules():
    tasks = [
        Task("backup", 2, "ops"),
        Task("pilot", 3, "ops", deps=("backup",)),
        Task("notice", 1, "ops", deps=("backup",)),
        Task("go", 1, "lead", deps=("pilot",)),
    ]
    first = serial_schedule(tasks, ["backup", "pilot", "notice", "go"])
    second = serial_schedule(tasks, ["backup", "notice", "pilot", "go"])
    assert first["go"] == (5, 6) and second["go"] == (6, 7)
    assert critical_path(tasks).duration == 6


@st.composite
def task_graphs(draw):
    """Random acyclic task sets: each task may depend only on tasks drawn before it."""
    count = draw(st.integers(1, 12))
    roles = draw(
        st.lists(st.sampled_from(["ops", "dba", "net", "lead"]), min_size=count, max_size=count)
    )
    tasks = []
    for index in range(count):
        deps = draw(st.sets(st.integers(0, index - 1), max_size=3)) if index else set()
        tasks.append(
            Task(
                f"t{index}",
                draw(st.integers(1, 9)),
                roles[index],
                tuple(f"t{d}" for d in sorted(deps)),
            )
        )
    return draw(st.permutations(tasks))


@settings(max_examples=200, deadline=None, database=None)
@given(task_graphs(), st.randoms(use_true_random=False))
def test_schedules_respect_dependencies_roles_and_the_cpm_bound(tasks, rng):
    cpm = critical_path(tasks)
    by_id = {t.id: t for t in tasks}
    assert all(cpm.float(t.id) >= 0 for t in tasks)
    assert sum(by_id[t].duration for t in cpm.critical_path) == cpm.duration
    for earlier, later in zip(cpm.critical_path, cpm.critical_path[1:], strict=False):
        assert earlier in by_id[later].deps
    priority = [t.id for t in tasks]
    rng.shuffle(priority)
    plan = serial_schedule(tasks, priority)
    for task in tasks:
        start, finish = plan[task.id]
        assert finish - start == task.duration
        assert all(plan[dep][1] <= start for dep in task.deps)
    for role in {t.role for t in tasks}:
        slots = sorted(plan[t.id] for t in tasks if t.role == role)
        assert all(a[1] <= b[0] for a, b in zip(slots, slots[1:], strict=False))
    assert max(finish for _, finish in plan.values()) >= cpm.duration


@settings(max_examples=200, deadline=None, database=None)
@given(task_graphs(), st.data())
def test_any_cycle_is_refused_by_naming_a_real_one(tasks, data):
    ordered = sorted(tasks, key=lambda t: int(t.id[1:]))
    if len(ordered) < 2:
        return
    low = data.draw(st.integers(0, len(ordered) - 2))
    high = data.draw(st.integers(low + 1, len(ordered) - 1))
    # Make the lower task depend on the higher, then chain the higher back to it.
    by_id = {t.id: t for t in ordered}
    lo, hi = ordered[low], ordered[high]
    by_id[lo.id] = Task(lo.id, lo.duration, lo.role, (*lo.deps, hi.id))
    by_id[hi.id] = Task(hi.id, hi.duration, hi.role, tuple({*hi.deps, lo.id}))
    with pytest.raises(CycleError) as raised:
        critical_path(list(by_id.values()))
    cycle = raised.value.cycle
    assert cycle[0] == cycle[-1]
    for task_id, needs in zip(cycle, cycle[1:], strict=False):
        assert needs in by_id[task_id].deps  # each step of the named cycle is a real dependency
