"""The required properties of an xAPI 1.0.3 statement, checked two ways: by the ADL's own
``tincan`` library (a round trip through ``tincan.Statement``, which refuses unknown
properties, ids that are not UUIDs and timestamps without a time zone) and by the rules
of the specification that ``tincan`` does not check (IRIs absolute, one identifier for
the actor, score ranges, language maps)."""

from __future__ import annotations

import json
import re
import uuid
from datetime import datetime
from urllib.parse import urlsplit

from tincan import Statement

ADL_VERB = re.compile(r"^http://adlnet\.gov/expapi/verbs/[a-z-]+$")
LANGUAGE_TAG = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")
STATEMENT_KEYS = {
    "id",
    "actor",
    "verb",
    "object",
    "result",
    "context",
    "timestamp",
    "stored",
    "authority",
    "version",
    "attachments",
}
RESULT_KEYS = {"score", "success", "completion", "response", "duration", "extensions"}
PERSONAL_KEYS = {"mbox", "mbox_sha1sum", "openid", "email"}


def is_absolute_iri(value: str) -> bool:
    parts = urlsplit(value)
    return bool(parts.scheme and parts.netloc) and " " not in value


def keys_anywhere(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys_anywhere(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys_anywhere(v)}
    return set()


def check_language_map(value) -> None:
    assert isinstance(value, dict) and value, value
    for tag, text in value.items():
        assert LANGUAGE_TAG.match(tag), tag
        assert isinstance(text, str) and text, value


def check_score(score: dict) -> None:
    assert set(score) <= {"scaled", "raw", "min", "max"}, score
    if "scaled" in score:
        assert -1 <= score["scaled"] <= 1, score
    if "min" in score and "max" in score:
        assert score["min"] < score["max"], score
    if "raw" in score:
        assert score.get("min", score["raw"]) <= score["raw"] <= score.get("max", score["raw"])


def check_statement(statement: dict, home_page: str) -> None:
    """Fails with the offending part if ``statement`` breaks xAPI 1.0.3."""
    raw = json.dumps(statement)
    assert set(statement) <= STATEMENT_KEYS, set(statement) - STATEMENT_KEYS
    assert str(uuid.UUID(statement["id"])) == statement["id"]
    assert statement["version"] == "1.0.3"

    actor = statement["actor"]
    assert actor.get("objectType", "Agent") == "Agent"
    assert set(actor) <= {"objectType", "name", "account"}, actor
    account = actor["account"]
    assert set(account) == {"homePage", "name"}
    assert account["homePage"] == home_page and is_absolute_iri(home_page)
    assert isinstance(account["name"], str) and account["name"]
    assert not keys_anywhere(statement) & PERSONAL_KEYS
    assert "mailto:" not in raw

    verb = statement["verb"]
    assert ADL_VERB.match(verb["id"]), verb
    check_language_map(verb["display"])

    activity = statement["object"]
    assert activity.get("objectType", "Activity") == "Activity"
    assert is_absolute_iri(activity["id"]), activity["id"]
    definition = activity.get("definition", {})
    if "type" in definition:
        assert is_absolute_iri(definition["type"])
    if "name" in definition:
        check_language_map(definition["name"])

    moment = datetime.fromisoformat(statement["timestamp"].replace("Z", "+00:00"))
    assert moment.utcoffset() is not None, statement["timestamp"]

    result = statement.get("result")
    if result is not None:
        assert set(result) <= RESULT_KEYS, result
        for flag in ("success", "completion"):
            assert isinstance(result.get(flag, True), bool)
        if "score" in result:
            check_score(result["score"])

    check_with_tincan(statement)


def check_with_tincan(statement: dict) -> None:
    """Round trip through the ADL library: what it reads back is what we sent."""
    parsed = Statement.from_json(json.dumps(statement))
    back = json.loads(parsed.to_json("1.0.3"))
    assert back["id"] == statement["id"]
    assert back["actor"]["account"] == statement["actor"]["account"]
    assert back["verb"]["id"] == statement["verb"]["id"]
    assert back["object"]["id"] == statement["object"]["id"]
    assert back["version"] == "1.0.3"
    assert parsed.timestamp == datetime.fromisoformat(statement["timestamp"].replace("Z", "+00:00"))
    if "result" in statement:
        assert back["result"].get("success") == statement["result"].get("success")
        for key, value in statement["result"].get("score", {}).items():
            assert back["result"]["score"][key] == value
