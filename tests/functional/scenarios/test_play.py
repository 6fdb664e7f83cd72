"""A whole scenario through the routes: start, decide, plan, debrief; resume; refusals."""

import re

from app.extensions import db
from app.models import ScenarioAttempt
from tests.conftest import csrf_token
from tests.factories import make_user

MODEL = ["export", "test", "notify", "apply", "verify"]


def start(client, path) -> int:
    response = client.post(f"{path}/start", data={"csrf_token": csrf_token(client, path)})
    assert response.status_code == 302
    return int(re.search(r"/scenarios/attempts/(\d+)", response.headers["Location"]).group(1))


def choose(client, attempt_id, stage, choice):
    return client.post(
        f"/scenarios/attempts/{attempt_id}/choose",
        data={"csrf_token": csrf_token(client, "/"), "stage": stage, "choice": choice},
    )


def plan(client, attempt_id, order, window="fri-night", stage="plan", marks=True):
    data = {
        "csrf_token": csrf_token(client, "/"),
        "stage": stage,
        "window": window,
        "include": order,
    }
    data.update({f"pos-{task}": str(n) for n, task in enumerate(order, 1)})
    if marks:
        data.update({"rollback": ["export"], "communication": ["notify"]})
    return client.post(f"/scenarios/attempts/{attempt_id}/plan", data=data)


def state(ctx, attempt_id) -> dict:
    with ctx():
        return db.session.get(ScenarioAttempt, attempt_id).state


def test_a_learner_plays_the_scenario_to_a_debrief(client, learner, scenario_loaded, ctx):
    attempt = start(client, scenario_loaded)
    page = client.get(f"/scenarios/attempts/{attempt}").get_data(as_text=True)
    assert "E-mail from the payroll manager" in page and 'value="plan"' in page
    assert choose(client, attempt, "brief", "plan").status_code == 302
    planning = client.get(f"/scenarios/attempts/{attempt}").get_data(as_text=True)
    assert 'name="include" value="skip-test"' in planning  # distractors are offered, unmarked
    assert "distractor" not in planning and "The lab test is what catches" not in planning
    response = plan(client, attempt, MODEL)
    assert response.headers["Location"].endswith(f"/scenarios/attempts/{attempt}")
    debrief = client.get(f"/scenarios/attempts/{attempt}/debrief").get_data(as_text=True)
    assert "A quiet change (5 of 5)" in debrief and "100.0</strong> of 100 points" in debrief
    assert "<svg" in debrief and "The model plan (critical path highlighted)" in debrief
    assert '<th scope="col">Float</th>' in debrief  # the model table gives each task's float
    assert 'href="/courses/project-management-for-it/change-control"' in debrief
    assert "A seasoned project manager's path" in debrief
    assert "Plan the change and book it after the payroll run" in debrief
    assert "(your choice too)" in debrief


def test_broken_dependencies_and_distractors_are_named_in_the_debrief(
    client, learner, scenario_loaded
):
    attempt = start(client, scenario_loaded)
    choose(client, attempt, "brief", "plan")
    plan(client, attempt, ["test", "export", "skip-test", "notify", "apply", "verify"])
    debrief = client.get(f"/scenarios/attempts/{attempt}/debrief").get_data(as_text=True)
    assert "&#39;test&#39; is placed before &#39;export&#39;, which it depends on" in debrief
    assert "Skip the lab test (The lab test is what catches the payroll rule)" in debrief


def test_an_attempt_resumes_where_it_was(client, learner, scenario_loaded, ctx):
    attempt = start(client, scenario_loaded)
    choose(client, attempt, "brief", "plan")
    assert start(client, scenario_loaded) == attempt  # "Start" resumes
    assert state(ctx, attempt)["stage"] == "plan"
    restarted = client.post(
        f"{scenario_loaded}/start",
        data={"csrf_token": csrf_token(client, scenario_loaded), "restart": "1"},
    )
    assert f"/scenarios/attempts/{attempt}" not in restarted.headers["Location"]


def test_another_learners_attempt_is_not_found(client, learner, scenario_loaded, ctx, app):
    attempt = start(client, scenario_loaded)
    with ctx():
        make_user(email="other@example.com")
    other = app.test_client()
    other.post(
        "/login",
        data={
            "csrf_token": csrf_token(other),
            "email": "other@example.com",
            "password": "correct horse battery staple",
        },
    )
    assert other.get(f"/scenarios/attempts/{attempt}").status_code == 404
    assert choose(other, attempt, "brief", "rush").status_code == 404
    assert other.get(f"/scenarios/attempts/{attempt}/debrief").status_code == 404
    assert state(ctx, attempt)["stage"] == "brief"


def test_tampered_steps_are_refused_and_change_nothing(client, learner, scenario_loaded, ctx):
    attempt = start(client, scenario_loaded)
    before = state(ctx, attempt)
    refused = [
        choose(client, attempt, "brief", "not-a-choice"),  # a choice not offered
        choose(client, attempt, "plan", "plan"),  # a stage skipped by editing the form
        plan(client, attempt, MODEL, stage="brief"),  # a planning step at a decision stage
    ]
    assert [r.status_code for r in refused] == [400, 400, 400]
    assert "not open to you" in refused[0].get_data(as_text=True)
    assert "out of date" in refused[1].get_data(as_text=True)
    choose(client, attempt, "brief", "plan")
    forged = [
        plan(client, attempt, [*MODEL, "backdoor"]),  # an unknown task id
        plan(client, attempt, MODEL, window="sunday"),  # a window not offered
    ]
    assert [r.status_code for r in forged] == [400, 400]
    assert "not part of this stage" in forged[0].get_data(as_text=True)
    assert state(ctx, attempt)["stage"] == "plan"
    assert before["stage"] == "brief"


def test_a_choice_whose_condition_is_not_met_is_neither_shown_nor_accepted(
    client, learner, guarded_scenario, ctx
):
    attempt = start(client, guarded_scenario)
    page = client.get(f"/scenarios/attempts/{attempt}").get_data(as_text=True)
    assert 'value="rush"' not in page and 'value="plan"' in page
    refused = choose(client, attempt, "brief", "rush")
    assert refused.status_code == 400
    assert "not open to you" in refused.get_data(as_text=True)
    assert state(ctx, attempt)["stage"] == "brief"
