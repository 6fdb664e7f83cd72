"""Browser fixtures: a live server on its own SQLite file, and Debian's Chromium.

The server runs the real app (migrated, content loaded, rate limits on) in a
daemon thread; tests drive it through Playwright's sync API. Nothing here is
rolled back: every test that writes uses its own account.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from itertools import count

import pytest
from flask import Flask
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright
from sqlalchemy import select
from werkzeug.serving import BaseWSGIServer, make_server

from app.extensions import db
from app.mail import message_sent
from app.models import Course, Lesson
from tests.conftest import make_config
from tests.databases import ready_app
from tests.factories import PASSWORD, make_user

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
COURSE_TITLE = "Project management for IT professionals"
FIRST_LESSON = "Why IT work is project work"
# Each journey registers its own account; this one exists for the page scans.
LEARNER_EMAIL = "browser-learner@example.com"

# Recorded in every page before its own scripts run: CSP violations do not
# always reach the console, this event always fires.
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
});
"""

_accounts = count(1)


@dataclass
class LiveServer:
    app: Flask
    url: str
    mails: list = field(default_factory=list)

    def lesson_paths(self) -> list[str]:
        """The path of every lesson that is not retired."""
        with self.app.app_context():
            rows = db.session.execute(
                select(Course.slug, Lesson.slug)
                .join(Lesson, Lesson.course_id == Course.id)
                .where(Lesson.retired_at.is_(None))
                .order_by(Course.position, Lesson.position)
            ).all()
            db.session.remove()
        return [f"/courses/{course}/{lesson}" for course, lesson in rows]


def read_whole(app):
    """WSGI middleware: each response read to the end and closed before it is sent.

    Werkzeug's development server closes a response only after draining the socket, and a
    browser that cancels a request (a favicon, when the test navigates on) resets the
    socket first: the static file's handle is then left to the garbage collector, and its
    ResourceWarning fails a later, unrelated test. Gunicorn, which serves the real site,
    closes responses itself."""

    def wrapped(environ, start_response):
        response = app(environ, start_response)
        try:
            return [b"".join(response)]
        finally:
            if hasattr(response, "close"):
                response.close()

    return wrapped


def start_live_server(app) -> tuple[LiveServer, BaseWSGIServer]:
    """Serve a ready app on a free port in a thread, with the browser tests' learner."""
    server = make_server("127.0.0.1", 0, read_whole(app), threaded=True)
    live = LiveServer(app=app, url=f"http://127.0.0.1:{server.server_port}")
    # The port is known only once bound; mail links must point at this server.
    app.config["PUBLIC_BASE_URL"] = live.url
    with app.app_context():
        make_user(email=LEARNER_EMAIL)
        db.session.remove()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return live, server


def listen_for_problems(page: Page) -> list[str]:
    """A list that fills with the page's console errors and uncaught exceptions."""
    problems = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(f"console: {message.text} ({message.location['url']})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"exception: {error}"))
    return problems


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    database = f"sqlite:///{tmp_path_factory.mktemp('browser')}/browser.db"
    with ready_app(make_config(database)) as app:
        yield from _serve(app)


def _serve(app):
    live, server = start_live_server(app)

    def record(sender, message, **_):
        live.mails.append(message)

    message_sent.connect(record, live.app)
    yield live
    message_sent.disconnect(record, live.app)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def signed_in_state(browser: Browser, live_server: LiveServer, email: str) -> dict:
    """Cookies of ``email`` (an existing account), logged in once through the real form."""
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/progress")
    state = context.storage_state()
    context.close()
    return state


@pytest.fixture(scope="session")
def learner_state(browser: Browser, live_server: LiveServer) -> dict:
    """Cookies of the browser tests' learner."""
    return signed_in_state(browser, live_server, LEARNER_EMAIL)


@pytest.fixture
def new_page(browser: Browser, live_server: LiveServer, learner_state: dict):
    """Open a page in a fresh context: ``new_page(signed_in=True, viewport=...)`` as the
    suite's learner, or ``new_page(state=cookies)`` as another account."""
    contexts = []

    def open_page(signed_in: bool = False, state: dict | None = None, **options) -> Page:
        if state is not None or signed_in:
            options["storage_state"] = state if state is not None else learner_state
        context = browser.new_context(base_url=live_server.url, **options)
        context.add_init_script(CSP_RECORDER)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def newcomer() -> dict:
    """Details for a brand-new account, unique in the session."""
    n = next(_accounts)
    return {
        "email": f"newcomer{n}@example.com",
        "name": f"Newcomer {n}",
        "password": "violet tractor hums under 42 lanterns",
    }
