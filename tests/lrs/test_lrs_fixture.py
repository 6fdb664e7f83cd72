"""The ``lrs`` fixture serves a real xAPI 1.0.3 LRS (Ralph), and how Ralph answers.

These record the behaviour our xAPI sender must cope with: a statement re-sent under
its id is stored once; Ralph counts the ``timestamp`` in its equivalence check and fills
a missing one with "now", so a re-sent statement without one is a 409, not a 204.
"""

import json
import uuid

import pytest

VERB_COMPLETED = {
    "id": "http://adlnet.gov/expapi/verbs/completed",
    "display": {"en-US": "completed"},
}


def make_statement(**overrides) -> dict:
    """A valid xAPI 1.0.3 statement with a fresh id and a fixed timestamp."""
    statement = {
        "id": str(uuid.uuid4()),
        "timestamp": "2026-01-15T10:30:00+00:00",
        "actor": {"objectType": "Agent", "mbox": "mailto:learner@example.org", "name": "Ada"},
        "verb": VERB_COMPLETED,
        "object": {
            "objectType": "Activity",
            "id": "https://learn.example.org/courses/pm-basics/lessons/scope",
        },
        "result": {"completion": True, "success": True, "score": {"scaled": 0.8}},
    }
    statement.update(overrides)
    return statement


def stored_with_id(lrs, statement_id: str) -> list[dict]:
    """The copies of one statement, as the API lists them and as they lie on disk."""
    listed = [s for s in lrs.statements() if s["id"] == statement_id]
    store = lrs.directory / "fs_lrs.jsonl"
    lines = store.read_text().splitlines() if store.exists() else []
    on_disk = [s for s in map(json.loads, lines) if s["id"] == statement_id]
    assert len(listed) == len(on_disk)
    return listed


def test_a_statement_put_under_its_id_is_stored_and_read_back(lrs):
    statement = make_statement()

    reply = lrs.request("PUT", "statements", statement, params={"statementId": statement["id"]})

    assert reply.status == 204
    [stored] = stored_with_id(lrs, statement["id"])
    for field in ("actor", "verb", "object", "result", "timestamp"):
        assert stored[field] == statement[field]
    assert stored["authority"]["mbox"] == f"mailto:{lrs.username}@example.org"
    assert "stored" in stored


def test_the_same_statement_sent_again_is_stored_once(lrs):
    statement = make_statement()

    first = lrs.request("POST", "statements", statement)
    again = lrs.request("POST", "statements", statement)
    put_again = lrs.request("PUT", "statements", statement, params={"statementId": statement["id"]})

    assert (first.status, first.body) == (200, [statement["id"]])
    assert (again.status, again.body) == (204, None)
    assert put_again.status == 204
    assert len(stored_with_id(lrs, statement["id"])) == 1


def test_a_statement_resent_without_timestamp_is_a_conflict_but_not_a_copy(lrs):
    statement = make_statement()
    del statement["timestamp"]

    assert lrs.request("POST", "statements", statement).status == 200
    again = lrs.request("POST", "statements", statement)

    assert again.status == 409
    assert len(stored_with_id(lrs, statement["id"])) == 1


def test_a_different_statement_under_a_stored_id_is_a_conflict(lrs):
    statement = make_statement()
    assert lrs.request("POST", "statements", statement).status == 200
    changed = {**statement, "result": {"completion": True, "success": False}}

    posted = lrs.request("POST", "statements", changed)
    put = lrs.request("PUT", "statements", changed, params={"statementId": statement["id"]})

    assert (posted.status, put.status) == (409, 409)
    [stored] = stored_with_id(lrs, statement["id"])
    assert stored["result"] == statement["result"]


@pytest.mark.parametrize("method", ["POST", "PUT"])
def test_a_statement_without_verb_is_rejected(lrs, method):
    statement = make_statement()
    del statement["verb"]

    params = {"statementId": statement["id"]} if method == "PUT" else None

    reply = lrs.request(method, "statements", statement, params=params)

    # FastAPI's validation error, not the 400 that xAPI 1.0.3 asks for.
    assert reply.status == 422
    assert reply.body["detail"][0]["loc"] == ["body", "verb"]
    assert stored_with_id(lrs, statement["id"]) == []


@pytest.mark.parametrize("who", ["wrong password", "unknown user"])
def test_wrong_credentials_are_refused(lrs, who):
    statement = make_statement()
    credentials = (lrs.username, "wrong") if who == "wrong password" else ("nobody", "x")

    posted = lrs.request("POST", "statements", statement, auth=credentials)
    listed = lrs.request("GET", "statements", auth=credentials)

    assert (posted.status, listed.status) == (401, 401)
    assert posted.headers["WWW-Authenticate"] == "Basic"
    assert stored_with_id(lrs, statement["id"]) == []


def test_statements_follows_more_links(lrs):
    batch = [make_statement() for _ in range(3)]
    assert lrs.request("POST", "statements", batch).body == [s["id"] for s in batch]

    first_page = lrs.request("GET", "statements", params={"limit": 1})
    paged = lrs.statements(limit=1)

    assert first_page.body["more"].startswith("/xAPI/statements?")
    assert [s["id"] for s in paged] == [s["id"] for s in lrs.statements()]
    assert {s["id"] for s in batch} <= {s["id"] for s in paged}
