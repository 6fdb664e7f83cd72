"""The flagship scenario in the browser: decide, plan the email-server patch by keyboard
alone and by drag and drop, reach an ending, and read the debrief with its Gantt charts."""

from __future__ import annotations

from collections import deque

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from app.extensions import db
from app.models import Scenario
from tests.browser.conftest import listen_for_problems
from tests.browser.test_accessibility import blocking_violations

pytestmark = pytest.mark.browser

SCENARIO = "/courses/project-management-for-it/scenarios/patch-the-email-servers"


@pytest.fixture(scope="module")
def flagship(live_server) -> dict:
    with live_server.app.app_context():
        data = db.session.scalar(select(Scenario.data).where(Scenario.id == "scn-email-patch"))
        db.session.remove()
    return data


def route_to(data: dict, kind: str) -> list[tuple[str, str]]:
    """(stage, choice) steps from the start to the first stage of ``kind``, through
    choices without conditions (so they are always offered)."""
    stages = {s["id"]: s for s in data["stages"]}
    queue, seen = deque([(data["start"], [])]), {data["start"]}
    while queue:
        stage_id, steps = queue.popleft()
        stage = stages[stage_id]
        if stage["kind"] == kind:
            return steps
        following = [(c["next"], c["id"]) for c in stage.get("choices", []) if not c.get("when")]
        if stage["kind"] == "planning":
            following = [(stage["next"], None)]
        for target, choice in following:
            if target not in seen:
                seen.add(target)
                queue.append((target, [*steps, (stage_id, choice)]))
    raise AssertionError(f"no way to a {kind} stage")


def decide_by_keyboard(page: Page, choice: str) -> None:
    page.locator(f"input[name=choice][value='{choice}']").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # to the Decide button
    with page.expect_navigation():
        page.keyboard.press("Enter")


def start(page: Page, data: dict) -> dict:
    page.goto(SCENARIO)
    again = page.get_by_role("button", name="Start again")  # an earlier test left one open
    (again if again.count() else page.get_by_role("button", name="Start the scenario")).click()
    for _stage, choice in route_to(data, "planning"):
        decide_by_keyboard(page, choice)
    planning = next(s for s in data["stages"] if s["kind"] == "planning")
    expect(page.get_by_role("heading", level=1)).to_have_text(planning["title"])
    return planning


def tick_by_keyboard(page: Page, name: str, value: str) -> None:
    page.locator(f"input[name={name}][value='{value}']").focus()
    page.keyboard.press("Space")


def current_order(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        "ol.plan-tasks > li input[name=include]", "els => els.map(e => e.value)"
    )


def finish_and_read_debrief(page: Page, planning: dict) -> str:
    tick_by_keyboard(page, "window", planning["model_window"])
    page.get_by_role("button", name="Submit the plan").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return page.url


def mark_and_include(page: Page, planning: dict) -> None:
    for task in planning["tasks"]:
        if task.get("distractor"):
            continue
        tick_by_keyboard(page, "include", task["id"])
        if task.get("kind") == "rollback":
            tick_by_keyboard(page, "rollback", task["id"])
        if task.get("kind") == "communication":
            tick_by_keyboard(page, "communication", task["id"])


def test_plan_the_patch_by_keyboard_alone(new_page, flagship):
    page = new_page(signed_in=True)
    problems = listen_for_problems(page)
    planning = start(page, flagship)
    mark_and_include(page, planning)
    for index, task_id in enumerate(planning["model_order"]):
        while current_order(page).index(task_id) > index:
            page.get_by_role("button", name=f"Move up: {_text(planning, task_id)}").focus()
            page.keyboard.press("Enter")
    assert current_order(page)[: len(planning["model_order"])] == planning["model_order"]
    finish_and_read_debrief(page, planning)
    expect(page.get_by_role("heading", level=1)).not_to_have_text(planning["title"])
    while "/debrief" not in page.url:  # on to an ending, still by keyboard
        decide_by_keyboard(page, page.locator("input[name=choice]").first.get_attribute("value"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Debrief")
    expect(page.get_by_text("Every dependency respected.")).to_be_visible()
    expect(page.locator("figure.gantt svg")).to_have_count(2)
    assert problems == []


def test_plan_the_patch_by_drag_and_drop_then_reach_the_debrief(new_page, flagship):
    page = new_page(signed_in=True, viewport={"width": 1280, "height": 4000})  # whole list shown
    problems = listen_for_problems(page)
    planning = start(page, flagship)
    mark_and_include(page, planning)
    for index, task_id in enumerate(planning["model_order"]):
        if current_order(page).index(task_id) != index:
            target = page.locator("ol.plan-tasks > li").nth(index).locator(".task-text")
            source = page.locator(f"ol.plan-tasks > li:has(input[value='{task_id}']) .task-text")
            drag(page, source, target)
    assert current_order(page)[: len(planning["model_order"])] == planning["model_order"]
    positions = page.eval_on_selector_all(
        "ol.plan-tasks > li select", "els => els.map(e => Number(e.value))"
    )
    assert positions == list(range(1, len(positions) + 1))  # the real fields followed
    finish_and_read_debrief(page, planning)
    # After the plan, take the first decision offered until an ending.
    while "/debrief" not in page.url:
        page.locator("input[name=choice]").first.check()
        page.get_by_role("button", name="Decide").click()
        page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Debrief")
    expect(page.locator("figure.gantt svg")).to_have_count(2)
    expect(page.get_by_text("Every dependency respected.")).to_be_visible()
    assert blocking_violations(page) == []
    assert problems == []


def drag(page: Page, source, target) -> None:
    """Press on ``source``, move in small steps to just inside ``target``'s top edge, release."""
    start, end = source.bounding_box(), target.bounding_box()
    page.mouse.move(start["x"] + 10, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(end["x"] + 10, end["y"] + 3, steps=12)
    page.wait_for_timeout(200)  # let the list settle under the pointer
    page.mouse.up()
    page.wait_for_timeout(200)


def _text(planning: dict, task_id: str) -> str:
    return next(t["text"] for t in planning["tasks"] if t["id"] == task_id)
