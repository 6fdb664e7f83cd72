"""``make bench``: the signed-in lesson page against its two floors, under gunicorn + wrk.

(a) our lesson page for a signed-in learner, (b) a minimal Flask app returning the
same bytes, (c) a bare WSGI function returning them, (d) the dashboard of a second
learner with a long history (20,000 answers, 2,000 review cards), (e) the cohort
page of an instructor whose cohort has 1,000 learners and 30 assignments (``flask dev
seed``'s service), as served once stored, and (f) that page computed and stored on
every request, as after a change; the p99 of (d), (e) and (f) is set against the
lesson page's from the same run. Same gunicorn and wrk settings for all six. Also
counts the SQL statements per lesson, dashboard and cohort-page request, and times that
learner's account export and the cohort's two CSV exports. ``--smoke`` runs each for a
second on a shorter history and a cohort of 100, so ``make test`` proves the benchmark
works. A run in which wrk lost connections (a worker crashed or timed out) fails after
reporting.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import event, select, text

from app import create_app
from app.cohorts.seed import INSTRUCTOR, seed
from app.content.loader import load_content
from app.extensions import db
from app.models import User
from app.models._types import utcnow
from tests.bench import exam_load, plan_load
from tests.conftest import ROOT, AuthActions
from tests.seed_history import seed_history

LESSON = "/courses/project-management-for-it/planning-and-dependencies"
DASHBOARD = "/progress"
EXPORT = "/account/export"
PASSWORD = "correct horse battery staple"
WORK = ROOT / ".bench"
HISTORY = {"answers": 20_000, "cards": 2_000}
SMOKE_HISTORY = {"answers": 2_000, "cards": 200}
DASHBOARD_P99_AIM = 3.0  # the heavy dashboard's p99 within 3x the lesson page's
COHORT = {"learners": 1_000, "assignments": 30}
SMOKE_COHORT = {"learners": 100, "assignments": 30}
COHORT_P99_AIM = 5.0  # the stored cohort page's p99 within 5x the lesson page's (issue 6)
COHORT_EXPORTS = ("matrix", "attempts")
COHORT_TABLES = ("users", "cohort_members", "assignments", "assignment_results")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "APP_ENV": "production",
        "SECRET_KEY": "bench-secret",
        "PUBLIC_BASE_URL": "http://127.0.0.1",
        "DATABASE_URL": database_url,
        "SESSION_COOKIE_SECURE": "0",
        "BENCH_BODY_FILE": str(WORK / "body.html"),
        "CONTENT_DIR": str(WORK / "content"),  # the curriculum plus a 30-task scenario
    }


def _sign_in(app, email: str, name: str):
    client = app.test_client()
    auth = AuthActions(client)
    auth.register(email=email, name=name, password=PASSWORD, timezone="UTC")
    assert auth.login(email=email, password=PASSWORD).status_code == 302
    return client


def _seed_heavy_learner(app, email: str, history: dict[str, int]) -> float:
    """Give the learner a long history in bulk; returns the seconds it took."""
    started = time.perf_counter()
    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.email == email))
        seed_history(user_id, history["answers"], history["cards"], utcnow())
    return round(time.perf_counter() - started, 2)


def _time_loads(root) -> dict:
    """``flask content load``'s work on a fresh database, then again with nothing changed
    (the digest matches: skipped) and forced (read, checked and compared: no row differs),
    with the writes each made."""
    writes: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        if statement.lstrip().split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            writes.append(statement)

    figures = {}
    for name, force in (("first", False), ("unchanged", False), ("forced", True)):
        writes.clear()
        event.listen(db.engine, "before_cursor_execute", count)
        started = time.perf_counter()
        report = load_content(db.session, root, force=force)
        figures[f"{name}_seconds"] = round(time.perf_counter() - started, 3)
        event.remove(db.engine, "before_cursor_execute", count)
        figures[f"{name}_writes"] = len(writes)
        figures[f"{name}_skipped"] = report.skipped
    return figures


def _seed_cohort(app, size: dict[str, int]) -> tuple[int, float]:
    """The seeded cohort's id, and the seconds seeding took. Seeding refuses a database
    with accounts it did not make, so it runs before the bench's learners register."""
    started = time.perf_counter()
    with app.app_context():
        cohort, _ = seed(size["learners"], size["assignments"], PASSWORD, utcnow())
        cohort_id = cohort.id
        seconds = round(time.perf_counter() - started, 2)
        if db.engine.dialect.name == "postgresql":
            # Autovacuum analyses freshly filled tables within a minute or so; until it
            # does, the planner takes the board's 30,000 pairs for a handful and its
            # totals take 3x as long. Analyse now so every run measures the same thing.
            db.session.execute(text(f"ANALYZE {', '.join(COHORT_TABLES)}"))
            db.session.commit()
    return cohort_id, seconds


def prepare(
    database_url: str, history: dict[str, int], size: dict[str, int]
) -> tuple[dict[str, str], dict, dict]:
    """Migrate, load content, seed a cohort, sign in its instructor, a learner and a
    learner with a long history; return their cookies, the long history's and the
    cohort's figures, with the statement counts per request in the first."""
    os.environ.update(_env(database_url))
    app = create_app({"RATELIMIT_ENABLED": False})
    counts: dict[str, int] = {}
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        loads = _time_loads(app.config["CONTENT_DIR"])
        engine = db.engine
    cohort_id, cohort_seconds = _seed_cohort(app, size)
    instructor = app.test_client()
    assert AuthActions(instructor).login(email=INSTRUCTOR, password=PASSWORD).status_code == 302
    client = _sign_in(app, "bench@example.com", "Bench")
    heavy = _sign_in(app, "history@example.com", "Long History")
    seeded = _seed_heavy_learner(app, "history@example.com", history)
    client.get(LESSON)  # the first view records the open; later views only read
    heavy.get(DASHBOARD)  # the first page after signing in writes the session; later ones read
    instructor.get(f"/cohorts/{cohort_id}")
    statements = []
    event.listen(engine, "before_cursor_execute", lambda *a, **k: statements.append(1))
    requests = (
        ("lesson", client, LESSON),
        ("dashboard", client, DASHBOARD),
        ("dashboard_heavy", heavy, DASHBOARD),
        ("cohort_page", instructor, f"/cohorts/{cohort_id}"),
    )
    for name, who, path in requests:
        statements.clear()
        response = who.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts[name] = len(statements)
        if name == "lesson":
            (WORK / "body.html").write_bytes(response.data)
    cookies = {
        "learner": client.get_cookie("session").value,
        "heavy": heavy.get_cookie("session").value,
        "instructor": instructor.get_cookie("session").value,
    }
    with app.app_context():
        db.engine.dispose()
    cohort = {"id": cohort_id, **size, "seed_seconds": cohort_seconds}
    heavy_figures = {"sql_statements": counts, "seed_seconds": seeded, **history}
    return cookies, heavy_figures, {**cohort, "content_load": loads}


def _serve(target: str, port: int, env: dict[str, str], workers: int) -> subprocess.Popen:
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    proc = subprocess.Popen(
        [
            gunicorn,
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            target,
        ],
        env=env,
        cwd=ROOT,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)  # noqa: S310
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"gunicorn for {target} did not start")


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def wrk(url: str, seconds: int, cookie: str | None) -> dict[str, float]:
    """Throughput and latency; ``socket_errors`` counts connections wrk lost (a worker
    that crashed or timed out), which make the other figures meaningless."""
    cmd = ["wrk", "--latency", "-t2", "-c8", f"-d{seconds}s", url]
    if cookie:
        cmd[1:1] = ["-H", f"Cookie: session={cookie}"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in out:
        raise RuntimeError(f"non-2xx responses from {url}:\n{out}")
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", out, re.M))
    lost = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": _ms(latency["50"]),
        "p99_ms": _ms(latency["99"]),
        "socket_errors": sum(int(n) for n in lost.groups()) if lost else 0,
    }


def timed_get(url: str, cookie: str) -> dict[str, float]:
    """One GET read to the end: its size and how long it took."""
    request = urllib.request.Request(url, headers={"Cookie": f"session={cookie}"})  # noqa: S310
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=300) as response:  # noqa: S310 (loopback)
        assert response.status == 200, (url, response.status)
        size = len(response.read())
    return {"bytes": size, "seconds": round(time.perf_counter() - started, 3)}


def exam_bench(database_url: str, env: dict[str, str], args) -> dict:
    """Learners saving answers to a mock exam at once, then submitting together."""
    os.environ.update(env)
    app = create_app({"RATELIMIT_ENABLED": False})
    learners = exam_load.prepare_learners(app, 5 if args.smoke else 20)
    per_save = {
        position: exam_load.statements_per_save(app, learners[0], position)
        for position in (2, len(learners[0]["answers"]))
    }
    port = _free_port()
    proc = _serve("app:create_app()", port, env, args.workers)
    try:
        result = exam_load.run(app, f"http://127.0.0.1:{port}", learners)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        with app.app_context():
            db.engine.dispose()
    result["statements_per_save"] = per_save
    return result


def plan_bench(env: dict[str, str], args) -> dict:
    """One learner submitting a 30-task plan over and over (restarting in between)."""
    os.environ.update(env)
    app = create_app({"RATELIMIT_ENABLED": False})
    learner = plan_load.prepare_learner(app)
    port = _free_port()
    proc = _serve("app:create_app()", port, env, args.workers)
    try:
        return plan_load.run(f"http://127.0.0.1:{port}", learner, 20 if args.smoke else 200)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        with app.app_context():
            db.engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="one second each: check it works")
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    seconds = 1 if args.smoke else args.seconds
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir()
    database_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{WORK / 'bench.db'}"
    plan_load.content_with_scenario(ROOT, WORK / "content")
    cookies, heavy, cohort = prepare(
        database_url,
        SMOKE_HISTORY if args.smoke else HISTORY,
        SMOKE_COHORT if args.smoke else COHORT,
    )
    statements = heavy.pop("sql_statements")
    cohort_page = f"/cohorts/{cohort['id']}"
    env = _env(database_url)
    targets = {
        "a_lesson_page": ("app:create_app()", LESSON, cookies["learner"]),
        "b_flask_floor": ("tests.bench.floor_apps:flask_floor", "/", None),
        "c_wsgi_floor": ("tests.bench.floor_apps:wsgi_floor", "/", None),
        "d_dashboard": ("app:create_app()", DASHBOARD, cookies["heavy"]),
        "e_cohort_page": ("app:create_app()", cohort_page, cookies["instructor"]),
        # An unknown sort is served sorted by name, computed and stored afresh each time:
        # the page as it costs when something changed since the last view.
        "f_cohort_computed": ("app:create_app()", cohort_page + "?sort=x", cookies["instructor"]),
    }
    results: dict[str, dict] = {}
    for name, (target, path, cookie_value) in targets.items():
        port = _free_port()
        proc = _serve(target, port, env, args.workers)
        try:
            results[name] = wrk(f"http://127.0.0.1:{port}{path}", seconds, cookie_value)
            if name == "d_dashboard":
                heavy["export"] = timed_get(f"http://127.0.0.1:{port}{EXPORT}", cookie_value)
            if name == "e_cohort_page":
                for export in COHORT_EXPORTS:
                    url = f"http://127.0.0.1:{port}{cohort_page}/export/{export}.csv"
                    cohort[f"export_{export}"] = timed_get(url, cookie_value)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    exam = exam_bench(database_url, env, args)
    planning = plan_bench(env, args)
    a, b, c = (results[k]["rps"] for k in ("a_lesson_page", "b_flask_floor", "c_wsgi_floor"))
    lesson_p99 = results["a_lesson_page"]["p99_ms"]
    heavy["p99_ratio_to_lesson"] = round(results["d_dashboard"]["p99_ms"] / lesson_p99, 2)
    cohort["p99_ratio_to_lesson"] = round(results["e_cohort_page"]["p99_ms"] / lesson_p99, 2)
    cohort["computed_p99_ratio_to_lesson"] = round(
        results["f_cohort_computed"]["p99_ms"] / lesson_p99, 2
    )
    cohort["p99_aim"] = COHORT_P99_AIM
    summary = {
        "results": results,
        "ratio_a_b": round(a / b, 3),
        "ratio_a_c": round(a / c, 3),
        "dashboard_heavy": heavy,
        "cohort": cohort,
        "body_bytes": (WORK / "body.html").stat().st_size,
        "sql_statements": statements,
        "database": database_url.split(":", 1)[0],
        "exam": exam,
        "planning": planning,
        "seconds_each": seconds,
        "workers": args.workers,
    }
    (WORK / "results.json").write_text(json.dumps(summary, indent=2))
    for name, r in results.items():
        lost = f"  {r['socket_errors']} lost connections" if r["socket_errors"] else ""
        print(
            f"{name:15} {r['rps']:9.1f} req/s  p50 {r['p50_ms']:7.2f} ms  "
            f"p99 {r['p99_ms']:7.2f} ms{lost}"
        )
    print(
        f"(a)/(b) = {summary['ratio_a_b']}   (a)/(c) = {summary['ratio_a_c']}   "
        f"body {summary['body_bytes']} bytes"
    )
    print(
        f"SQL statements: lesson page {statements['lesson']}, dashboard {statements['dashboard']}, "
        f"dashboard with the long history {statements['dashboard_heavy']}, "
        f"cohort page {statements['cohort_page']}"
    )
    d, lesson = results["d_dashboard"], results["a_lesson_page"]
    print(
        f"dashboard, {heavy['answers']} answers and {heavy['cards']} cards "
        f"(seeded in {heavy['seed_seconds']} s): {d['rps']:.1f} req/s, p50 {d['p50_ms']:.2f} ms, "
        f"p99 {d['p99_ms']:.2f} ms; lesson page p99 {lesson['p99_ms']:.2f} ms; "
        f"p99 ratio {heavy['p99_ratio_to_lesson']} (aim <= {DASHBOARD_P99_AIM})"
    )
    print(
        f"account export of that learner: {heavy['export']['bytes']} bytes "
        f"in {heavy['export']['seconds']} s"
    )
    e = results["e_cohort_page"]
    print(
        f"cohort page, {cohort['learners']} learners x {cohort['assignments']} assignments "
        f"(seeded in {cohort['seed_seconds']} s): {e['rps']:.1f} req/s, p50 {e['p50_ms']:.2f} ms, "
        f"p99 {e['p99_ms']:.2f} ms; lesson page p99 {lesson['p99_ms']:.2f} ms; "
        f"p99 ratio {cohort['p99_ratio_to_lesson']} (aim <= {COHORT_P99_AIM})"
    )
    f = results["f_cohort_computed"]
    print(
        f"the same page computed and stored on every request (as after a change): "
        f"{f['rps']:.1f} req/s, p50 {f['p50_ms']:.2f} ms, p99 {f['p99_ms']:.2f} ms; "
        f"p99 ratio {cohort['computed_p99_ratio_to_lesson']}"
    )
    for export in COHORT_EXPORTS:
        got = cohort[f"export_{export}"]
        print(
            f"cohort export {export}.csv for {cohort['learners']} learners: "
            f"{got['bytes']} bytes in {got['seconds']} s"
        )
    load = cohort["content_load"]
    print(
        f"content load: {load['first_seconds']} s on a fresh database ({load['first_writes']} "
        f"writes); again with nothing changed {load['unchanged_seconds']} s "
        f"({load['unchanged_writes']} writes, skipped by digest: {load['unchanged_skipped']}); "
        f"forced {load['forced_seconds']} s ({load['forced_writes']} writes)"
    )
    print(
        f"exam answer-save: {exam['learners']} learners, {exam['saves']} saves, "
        f"{exam['saves_per_second']} saves/s, p50 {exam['save_p50_ms']} ms, "
        f"p99 {exam['save_p99_ms']} ms, {exam['error_count']} errors, "
        f"{exam['lost_answers']} lost answers, {exam['attempts_not_graded_once']} attempts not "
        f"graded once; {exam['statements_per_save']} SQL statements per save"
    )
    print(
        f"scenario plan submission ({planning['tasks']} tasks): {planning['submissions']} "
        f"submissions, p50 {planning['plan_p50_ms']} ms, p99 {planning['plan_p99_ms']} ms, "
        f"{planning['error_count']} errors"
    )
    if lost := {name: r["socket_errors"] for name, r in results.items() if r["socket_errors"]}:
        print(
            f"connections lost (a gunicorn worker crashed or timed out), so those figures "
            f"are not to be trusted: {lost}",
            file=sys.stderr,
        )
        return 1
    if planning["error_count"]:
        print(f"planning load failed: {planning['errors']}", file=sys.stderr)
        return 1
    if load["unchanged_writes"] or load["forced_writes"] or not load["unchanged_skipped"]:
        print("loading unchanged content wrote to the database", file=sys.stderr)
        return 1
    if exam["error_count"] or exam["lost_answers"] or exam["attempts_not_graded_once"]:
        print(f"exam load failed: {exam['errors']}", file=sys.stderr)
        return 1
    # The floor is checked on SQLite, the default. On PostgreSQL here the database server
    # runs on the same two cores as gunicorn and wrk, so its figures are reported only.
    if not args.smoke and summary["database"] == "sqlite" and summary["ratio_a_b"] < 0.3:
        print("below the floor: (a)/(b) must be at least 0.3", file=sys.stderr)
        return 1
    if not args.smoke and cohort["p99_ratio_to_lesson"] > COHORT_P99_AIM:
        print(f"the cohort page's p99 is over {COHORT_P99_AIM}x the lesson page's", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
