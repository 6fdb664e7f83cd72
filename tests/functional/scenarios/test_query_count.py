"""A scenario step costs the same number of statements early and late in the story."""

from tests.conftest import csrf_token, sql_statements
from tests.functional.scenarios.test_play import start

MODEL = ["export", "test", "notify", "apply", "verify"]


def count_statements(app, client, path: str, data: dict) -> int:
    with sql_statements(app) as seen:
        response = client.post(path, data=data)
    assert response.status_code == 302, response.status_code
    return len(seen)


def steps(app, client, attempt: int, token: str) -> tuple[int, int]:
    decision = count_statements(
        app,
        client,
        f"/scenarios/attempts/{attempt}/choose",
        {"csrf_token": token, "stage": "brief", "choice": "plan"},
    )
    plan_data = {
        "csrf_token": token,
        "stage": "plan",
        "window": "fri-night",
        "include": MODEL,
        "rollback": ["export"],
        "communication": ["notify"],
    }
    plan_data.update({f"pos-{task}": str(n) for n, task in enumerate(MODEL, 1)})
    planning = count_statements(app, client, f"/scenarios/attempts/{attempt}/plan", plan_data)
    return decision, planning


def test_a_decision_and_a_plan_step_cost_a_fixed_number_of_statements(
    app, client, learner, scenario_loaded
):
    token = csrf_token(client, "/")
    first = steps(app, client, start(client, scenario_loaded), token)
    for _ in range(3):  # more finished attempts behind the learner change nothing
        steps(app, client, start(client, scenario_loaded), token)
    assert steps(app, client, start(client, scenario_loaded), token) == first
    # Includes the SAVEPOINTs of the test transaction and the progress writes (mastery, study day).
    assert max(first) <= 20
