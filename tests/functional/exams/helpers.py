"""Driving the mock exam through a test client, and answers built from an item's snapshot.

The exam is the real one in ``content/`` (``exam-pmit-mock``: 40 questions, 60 minutes,
pass mark 26). Answers are built two ways: as a learner would from the page (first
option, the order as shown, the first match), and right or wrong from the snapshot's
key, so a test can know the score it expects.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from sqlalchemy import select

from app.extensions import db
from app.models import AttemptItem, ExamAttempt
from app.quizzes.grading import correct_options, match_tokens
from tests.conftest import csrf_token

EXAM_ID = "exam-pmit-mock"
EXAM = "/courses/project-management-for-it/exams/mock-exam"
QUESTIONS = 40
ATTEMPT_RE = re.compile(r"/exams/(\d+)/q/(\d+)$")


def question_path(attempt_id: int, position: int) -> str:
    return f"/exams/{attempt_id}/q/{position}"


def submit_path(attempt_id: int) -> str:
    return f"/exams/{attempt_id}/submit"


def result_path(attempt_id: int) -> str:
    return f"/exams/{attempt_id}/result"


def start(client, exam: str = EXAM) -> int:
    """Press "Start the exam" (or "Resume"); returns the attempt id it leads to."""
    response = client.post(f"{exam}/start", data={"csrf_token": csrf_token(client, "/")})
    assert response.status_code == 302, response.status_code
    match = ATTEMPT_RE.search(response.headers["Location"])
    assert match, response.headers["Location"]
    return int(match.group(1))


def save(client, attempt_id: int, position: int, answer: dict, as_json: bool = False, **extra):
    """Post an answer as the form does (``go=next``) or as exam.js does (JSON reply)."""
    data = {"csrf_token": csrf_token(client, "/"), **answer, **extra}
    if as_json:
        return client.post(
            question_path(attempt_id, position), data=data, headers={"Accept": "application/json"}
        )
    data.setdefault("go", "next")
    return client.post(question_path(attempt_id, position), data=data)


def submit(client, attempt_id: int, **extra):
    data = {"csrf_token": csrf_token(client, "/"), **extra}
    return client.post(submit_path(attempt_id), data=data)


# --- reading the state behind the pages (call inside ``with ctx():``) ---


def attempt_row(attempt_id: int) -> ExamAttempt:
    return db.session.get(ExamAttempt, attempt_id)


def item_rows(attempt_id: int) -> list[AttemptItem]:
    return list(
        db.session.scalars(
            select(AttemptItem)
            .where(AttemptItem.attempt_id == attempt_id)
            .order_by(AttemptItem.position)
        )
    )


def snapshots(attempt_id: int) -> list[dict]:
    return [item.snapshot for item in item_rows(attempt_id)]


def responses(attempt_id: int) -> list[dict | None]:
    return [item.response for item in item_rows(attempt_id)]


# --- answers from the key ---


def _token_of(snapshot: dict, part: str, real: str) -> str:
    """The token the page shows for the option/item/prompt/choice whose id is ``real``."""
    tokens = snapshot["tokens"]
    return next(p["token"] for p in snapshot["shown"][part] if tokens[p["token"]] == real)


def right_answer(snapshot: dict) -> dict:
    """The form fields, in tokens, of the right answer to a snapshotted question."""
    qtype, content = snapshot["type"], snapshot["content"]
    if qtype in {"single", "multiple"}:
        chosen = [_token_of(snapshot, "options", oid) for oid in sorted(correct_options(content))]
        return {"choice": chosen if qtype == "multiple" else chosen[0]}
    if qtype == "true_false":
        return {"choice": _token_of(snapshot, "options", str(content["answer"]).lower())}
    if qtype == "ordering":
        key = [item["id"] for item in content["items"]]
        return {
            f"pos-{item['token']}": str(key.index(snapshot["tokens"][item["token"]]) + 1)
            for item in snapshot["shown"]["items"]
        }
    keys = {pair_id: key for key, pair_id in match_tokens(content).items()}
    return {
        f"match-{prompt['token']}": _token_of(
            snapshot, "choices", keys[snapshot["tokens"][prompt["token"]]]
        )
        for prompt in snapshot["shown"]["prompts"]
    }


def wrong_answer(snapshot: dict) -> dict:
    """A complete answer that scores 0 in an exam."""
    qtype, content = snapshot["type"], snapshot["content"]
    if qtype in {"single", "multiple"}:
        wrong = next(o["id"] for o in content["options"] if not o["correct"])
        return {"choice": _token_of(snapshot, "options", wrong)}
    if qtype == "true_false":
        return {"choice": _token_of(snapshot, "options", str(not content["answer"]).lower())}
    answer = right_answer(snapshot)
    fields = list(answer)
    first, second = fields[0], fields[1]
    answer[first], answer[second] = answer[second], answer[first]  # two parts swapped
    return answer


def answer_questions(client, ctx, attempt_id: int, right: int, wrong: int = 0) -> None:
    """Save right answers to the first ``right`` questions and wrong ones to the next ``wrong``."""
    with ctx():
        snaps = snapshots(attempt_id)
    for n in range(right + wrong):
        form = right_answer(snaps[n]) if n < right else wrong_answer(snaps[n])
        assert save(client, attempt_id, n + 1, form, as_json=True).status_code == 200


# --- the page as a browser sees it ---


@dataclass
class Field:
    kind: str  # "radio", "checkbox", "hidden", "select"…
    values: list[str] = field(default_factory=list)
    selected: list[str] = field(default_factory=list)


class _FormParser(HTMLParser):
    def __init__(self, action: str):
        super().__init__()
        self.action, self.fields = action, {}
        self._inside, self._select = False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._inside = attrs.get("action") == self.action
        elif not self._inside:
            return
        elif tag == "input" and "name" in attrs:
            entry = self.fields.setdefault(attrs["name"], Field(attrs.get("type", "text")))
            entry.values.append(attrs.get("value", ""))
            if "checked" in attrs:
                entry.selected.append(attrs.get("value", ""))
        elif tag == "select":
            self._select = self.fields.setdefault(attrs["name"], Field("select"))
        elif tag == "option" and self._select is not None:
            self._select.values.append(attrs["value"])
            if "selected" in attrs:
                self._select.selected.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False
        elif tag == "select":
            self._select = None


def read_form(page: str, action: str) -> dict[str, Field]:
    """The fields of the form in ``page`` that posts to ``action``, by name."""
    parser = _FormParser(action)
    parser.feed(page)
    assert parser.fields, f"no form posting to {action}"
    return parser.fields


def answer_fields(fields: dict[str, Field]) -> dict[str, Field]:
    """Only the fields that carry an answer (not the CSRF token, flag or buttons)."""
    return {
        name: f
        for name, f in fields.items()
        if name == "choice" or name.startswith(("pos-", "match-"))
    }


def first_answer(fields: dict[str, Field]) -> dict:
    """What a hurried learner sends: the first option, the order as shown, the first match."""
    answer = {}
    for name, f in answer_fields(fields).items():
        if name == "choice":
            answer[name] = f.values[0]
        elif name.startswith("pos-"):
            answer[name] = f.selected[0]
        else:
            answer[name] = next(v for v in f.values if v)
    return answer


def page_text(page: str) -> str:
    """The text of a page or an HTML fragment: tags removed, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
