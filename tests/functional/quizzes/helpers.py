"""Driving a practice run through the client, reading its forms as a browser would."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from sqlalchemy import select

from app.extensions import db
from app.models import PracticeAnswer, PracticeRun
from tests.bank_trees import CHECK_SLUG

COURSE = "/courses/test-course"
CHECK = f"{COURSE}/practice/{CHECK_SLUG}"
RUN_RE = re.compile(r"/practice/runs/(\d+)/1$")


@dataclass
class Form:
    """The fields of one form: name → values offered, input type, and option texts."""

    values: dict[str, list[str]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)  # "radio", "checkbox", "select"…
    texts: dict[str, dict[str, str]] = field(default_factory=dict)  # select → value → text

    def choose(self, name: str, text: str) -> str:
        """The value of the option of select ``name`` that reads ``text``."""
        return next(value for value, label in self.texts[name].items() if label == text)


class _FormParser(HTMLParser):
    def __init__(self, action: str):
        super().__init__()
        self.action, self.form = action, Form()
        self._inside = False
        self._select: str | None = None
        self._option: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._inside = attrs.get("action") == self.action
        elif not self._inside:
            return
        elif tag == "input" and "name" in attrs:
            self.form.values.setdefault(attrs["name"], []).append(attrs.get("value", ""))
            self.form.kinds[attrs["name"]] = attrs.get("type", "text")
        elif tag == "select":
            self._select = attrs["name"]
            self.form.values[self._select], self.form.texts[self._select] = [], {}
            self.form.kinds[self._select] = "select"
        elif tag == "option" and self._select and attrs.get("value"):
            self._option = attrs["value"]
            self.form.values[self._select].append(self._option)
            self.form.texts[self._select][self._option] = ""

    def handle_data(self, data):
        if self._option is not None:
            self.form.texts[self._select][self._option] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False
        elif tag == "select":
            self._select = None
        elif tag == "option":
            self._option = None


def read_form(html: str, action: str) -> Form:
    """The fields of the form in ``html`` that posts to ``action``."""
    parser = _FormParser(action)
    parser.feed(html)
    return parser.form


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def start(client, path: str = CHECK) -> int:
    """Press "Start practising" on the quiz page; returns the new run's id."""
    form = read_form(page(client, path), f"{path}/start")
    response = client.post(f"{path}/start", data={"csrf_token": form.values["csrf_token"][0]})
    assert response.status_code == 302
    match = RUN_RE.search(response.headers["Location"])
    assert match, response.headers["Location"]
    return int(match.group(1))


def question_path(run_id: int, position: int) -> str:
    return f"/practice/runs/{run_id}/{position}"


def answer_form(client, run_id: int, position: int) -> Form:
    """The answer form of a question; an answered one's, as "Try this question again" shows it."""
    path = question_path(run_id, position)
    form = read_form(page(client, path), path)
    return form if form.values else read_form(page(client, path + "?retry=1"), path)


def submit(client, run_id: int, position: int, data: dict):
    """Post ``data`` with the CSRF token read from the question's own form."""
    token = answer_form(client, run_id, position).values["csrf_token"][0]
    return client.post(question_path(run_id, position), data={"csrf_token": token} | data)


def run_questions(ctx, run_id: int) -> list[str]:
    """The question ids of a run, in the order the learner meets them."""
    with ctx():
        return list(db.session.get(PracticeRun, run_id).question_ids)


def answers_of(ctx, run_id: int) -> list[PracticeAnswer]:
    with ctx():
        stmt = select(PracticeAnswer).where(PracticeAnswer.run_id == run_id)
        return list(db.session.scalars(stmt.order_by(PracticeAnswer.id)))
