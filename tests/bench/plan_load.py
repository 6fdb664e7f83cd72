"""Planning submissions for ``make bench``: a generated scenario whose planning stage has
30 tasks; one learner restarts it and submits the model plan again and again."""

from __future__ import annotations

import re
import shutil
import statistics
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import yaml

from tests.bench.exam_load import _form_token, _post
from tests.conftest import AuthActions

TASKS = 30
SLUG = "bench-thirty-tasks"
PATH = f"/courses/project-management-for-it/scenarios/{SLUG}"
PASSWORD = "correct horse battery staple"


def scenario() -> dict:
    """A chain-and-fan of 30 tasks over three roles, all inside one long window."""
    tasks = [
        {
            "id": f"t{i:02d}",
            "text": f"Step {i}",
            "duration": 5 + i % 7,
            "role": ("ops", "dba", "net")[i % 3],
            "deps": [f"t{j:02d}" for j in (i - 1, i - 3) if j >= 0][: 1 + i % 2],
            "window": i >= 20,
        }
        for i in range(TASKS)
    ]
    return {
        "id": "scn-bench-thirty",
        "slug": SLUG,
        "title": "Thirty tasks (benchmark)",
        "summary": "Generated for the benchmark.",
        "minutes": 5,
        "time_unit": "minutes",
        "start": "plan",
        "metrics": [{"id": "risk", "title": "Risk", "start": 50, "better": "lower"}],
        "rubric": {"order": 50, "required": 50},
        "stages": [
            {
                "id": "plan",
                "kind": "planning",
                "title": "Plan thirty tasks",
                "situation": "Plan.",
                "tasks": tasks,
                "windows": [{"id": "long", "label": "All night", "length": 1000}],
                "model_order": [t["id"] for t in tasks],
                "model_window": "long",
                "next": "end",
            },
            {"id": "end", "kind": "ending", "title": "Done", "text": "Done.", "rating": 5},
        ],
    }


def content_with_scenario(root: Path, target: Path) -> Path:
    """A copy of ``content/`` with the generated scenario added."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(root / "content", target)
    folder = target / "pm-for-it" / "scenarios"
    folder.mkdir(exist_ok=True)
    (folder / "bench-thirty.yaml").write_text(yaml.safe_dump(scenario(), sort_keys=False))
    return target


def prepare_learner(app) -> dict:
    client = app.test_client()
    auth = AuthActions(client)
    auth.register(email="planner@example.com", name="Planner", password=PASSWORD, timezone="UTC")
    assert auth.login(email="planner@example.com", password=PASSWORD).status_code == 302
    page = client.get(PATH).get_data(as_text=True)
    return {"cookie": client.get_cookie("session").value, "csrf": _form_token(page)}


def run(base_url: str, learner: dict, submissions: int) -> dict:
    order = [f"t{i:02d}" for i in range(TASKS)]
    fields = [("stage", "plan"), ("window", "long")]
    fields += [("include", t) for t in order] + [
        (f"pos-{t}", str(n)) for n, t in enumerate(order, 1)
    ]
    latencies, errors = [], []
    opener_fields = [("csrf_token", learner["csrf"]), ("restart", "1")]
    for _ in range(submissions):
        status, location = _start(base_url, learner, opener_fields)
        attempt = re.search(r"/scenarios/attempts/(\d+)", location or "")
        if status != 302 or not attempt:
            errors.append(f"start: HTTP {status}")
            continue
        url = f"{base_url}/scenarios/attempts/{attempt.group(1)}/plan"
        began = time.perf_counter()
        status = _post(url, learner["cookie"], [("csrf_token", learner["csrf"]), *fields], False)
        latencies.append((time.perf_counter() - began) * 1000)
        if status != 302:
            errors.append(f"plan: HTTP {status}")
    latencies.sort()
    return {
        "tasks": TASKS,
        "submissions": len(latencies),
        "plan_p50_ms": round(statistics.median(latencies), 2) if latencies else None,
        "plan_p99_ms": round(latencies[max(0, int(len(latencies) * 0.99) - 1)], 2)
        if latencies
        else None,
        "errors": errors[:5],
        "error_count": len(errors),
    }


def _start(base_url: str, learner: dict, fields) -> tuple[int, str | None]:
    request = urllib.request.Request(  # noqa: S310 (loopback only)
        f"{base_url}{PATH}/start",
        data=urllib.parse.urlencode(fields).encode(),
        headers={"Cookie": f"session={learner['cookie']}"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.headers.get("Location")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location")
