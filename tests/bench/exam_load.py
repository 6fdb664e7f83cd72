"""Mock-exam load for ``make bench``: many learners saving answers and submitting at once.

Each learner signs in, starts the course's mock exam, then every learner's thread
saves an answer to each question (the background-save request, JSON reply) against
gunicorn, and finally all submit at the same moment (one of them twice). Afterwards
the database must hold every answer sent and every attempt graded once.
"""

from __future__ import annotations

import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from sqlalchemy import event, select
from werkzeug.datastructures import MultiDict

from app.extensions import db
from app.models import AttemptItem, ExamAttempt
from tests.conftest import AuthActions

EXAM = "/courses/project-management-for-it/exams/mock-exam"
PASSWORD = "correct horse battery staple"


def _answer_fields(snapshot: dict) -> list[tuple[str, str]]:
    """A valid answer to a snapshot question, in the form's own fields and tokens."""
    shown = snapshot["shown"]
    if shown["type"] in {"single", "true_false"}:
        return [("choice", shown["options"][0]["token"])]
    if shown["type"] == "multiple":
        return [("choice", o["token"]) for o in shown["options"][:2]]
    if shown["type"] == "ordering":  # reversed: the order as shown counts as no answer
        count = len(shown["items"])
        return [(f"pos-{i['token']}", str(count - n)) for n, i in enumerate(shown["items"])]
    return [(f"match-{p['token']}", shown["choices"][0]["token"]) for p in shown["prompts"]]


def prepare_learners(app, count: int) -> list[dict]:
    """Sign ``count`` learners in and start an attempt each; returns what threads need."""
    learners = []
    for n in range(count):
        client = app.test_client()
        auth = AuthActions(client)
        email = f"loadtest{n}@example.com"
        auth.register(email=email, name=f"Load {n}", password=PASSWORD, timezone="UTC")
        assert auth.login(email=email, password=PASSWORD).status_code == 302
        page = client.get(EXAM).get_data(as_text=True)
        started = client.post(EXAM + "/start", data={"csrf_token": _form_token(page)})
        assert started.status_code == 302, started.status_code
        attempt_id = int(started.headers["Location"].split("/")[2])
        question_page = client.get(started.headers["Location"]).get_data(as_text=True)
        with app.app_context():
            items = db.session.scalars(
                select(AttemptItem)
                .where(AttemptItem.attempt_id == attempt_id)
                .order_by(AttemptItem.position)
            ).all()
            answers = {item.position: _answer_fields(item.snapshot) for item in items}
        learners.append(
            {
                "cookie": client.get_cookie("session").value,
                "csrf": _form_token(question_page),
                "attempt": attempt_id,
                "answers": answers,
            }
        )
    return learners


def _form_token(page: str) -> str:
    marker = 'name="csrf_token" value="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]


def _post(url: str, cookie: str, fields: list[tuple[str, str]], json_reply: bool) -> int:
    request = urllib.request.Request(  # noqa: S310 (loopback only)
        url,
        data=urllib.parse.urlencode(fields).encode(),
        headers={
            "Cookie": f"session={cookie}",
            "Accept": "application/json" if json_reply else "text/html",
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        if error.code in (301, 302, 303):
            return error.code
        return error.code


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


urllib.request.install_opener(urllib.request.build_opener(_NoRedirect))


def run(app, base_url: str, learners: list[dict]) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    start_line = threading.Barrier(len(learners))

    def save_all(learner):
        start_line.wait()
        for position, fields in learner["answers"].items():
            url = f"{base_url}/exams/{learner['attempt']}/q/{position}"
            began = time.perf_counter()
            status = _post(
                url, learner["cookie"], [("csrf_token", learner["csrf"]), *fields], json_reply=True
            )
            with lock:
                latencies.append((time.perf_counter() - began) * 1000)
                if status != 200:
                    errors.append(f"save {learner['attempt']}/{position}: HTTP {status}")

    began = time.perf_counter()
    threads = [threading.Thread(target=save_all, args=(lr,)) for lr in learners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began

    submit_line = threading.Barrier(len(learners) + 1)
    statuses: list[int] = []

    def submit(learner):
        submit_line.wait()
        url = f"{base_url}/exams/{learner['attempt']}/submit"
        statuses.append(_post(url, learner["cookie"], [("csrf_token", learner["csrf"])], False))

    threads = [threading.Thread(target=submit, args=(lr,)) for lr in [*learners, learners[0]]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    errors += [f"submit: HTTP {s}" for s in statuses if s != 302]

    lost, ungraded = 0, 0
    with app.app_context():
        for learner in learners:
            attempt = db.session.get(ExamAttempt, learner["attempt"])
            if attempt.status != "submitted" or attempt.score is None:
                ungraded += 1
            items = db.session.scalars(
                select(AttemptItem).where(AttemptItem.attempt_id == learner["attempt"])
            ).all()
            lost += sum(1 for item in items if item.response is None)
        db.session.remove()
    latencies.sort()
    return {
        "learners": len(learners),
        "saves": len(latencies),
        "saves_per_second": round(len(latencies) / elapsed, 1),
        "save_p50_ms": round(statistics.median(latencies), 2),
        "save_p99_ms": round(latencies[int(len(latencies) * 0.99) - 1], 2),
        "errors": errors[:10],
        "error_count": len(errors),
        "lost_answers": lost,
        "attempts_not_graded_once": ungraded,
    }


def statements_per_save(app, learner: dict, position: int) -> int:
    """SQL statements for one background save (counted in-process)."""
    client = app.test_client()
    client.set_cookie("session", learner["cookie"])
    with app.app_context():
        engine = db.engine
    counted: list[str] = []

    def count(*_args, **_kw):
        counted.append("x")

    event.listen(engine, "before_cursor_execute", count)
    try:
        fields = MultiDict([("csrf_token", learner["csrf"]), *learner["answers"][position]])
        response = client.post(
            f"/exams/{learner['attempt']}/q/{position}",
            data=fields,
            headers={"Accept": "application/json"},
        )
        assert response.status_code == 200, response.get_data(as_text=True)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(counted)
