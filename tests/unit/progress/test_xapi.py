"""xAPI 1.0.3 statements built from stored events: required properties, no email, results."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from app.models import XapiStatement
from app.progress.xapi import ACTIVITY_TYPES, VERBS, activity_iri, score_result, statement
from tests.unit.progress.xapi_spec import check_score, check_statement, check_with_tincan

BASE = "https://learn.example.test"
ACTOR = "5b0c7d8e-3f0a-4c55-9b7e-2d1f6a8c9e01"
WHEN = datetime(2026, 3, 2, 21, 30, 15, 123456, tzinfo=UTC)


def row(verb="answered", kind="question", object_id="q-risk-owner", result=None, **kw):
    return XapiStatement(
        uuid=kw.pop("uuid", "0f8fad5b-d9cb-469f-a165-70867728950e"),
        verb=verb,
        object_kind=kind,
        object_id=object_id,
        object_name=kw.pop("object_name", "Who owns a risk?"),
        result=result,
        timestamp=kw.pop("timestamp", WHEN),
    )


@pytest.mark.parametrize("kind", sorted(ACTIVITY_TYPES))
@pytest.mark.parametrize("verb", VERBS)
def test_every_verb_and_kind_makes_a_valid_statement(verb, kind):
    check_statement(statement(row(verb, kind), BASE, ACTOR), BASE)


@pytest.mark.parametrize(
    "result",
    [
        {"score": {"scaled": 0.5}, "success": False},
        {"completion": True},
        score_result(31, 40, True),
        score_result(0, 40, False),
        score_result(62.5, 100),
    ],
)
def test_statements_with_results_are_valid(result):
    check_statement(statement(row(result=result), BASE, ACTOR), BASE)


def test_the_actor_is_the_opaque_account_on_our_site_and_nothing_else():
    built = statement(row(), BASE, ACTOR)
    assert built["actor"] == {
        "objectType": "Agent",
        "account": {"homePage": BASE, "name": ACTOR},
    }


def test_the_verb_is_the_adl_vocabulary_entry():
    built = statement(row("passed", "exam", "exam-pmit-mock"), BASE, ACTOR)
    assert built["verb"] == {
        "id": "http://adlnet.gov/expapi/verbs/passed",
        "display": {"en-US": "passed"},
    }


def test_each_object_has_a_stable_iri_under_our_site():
    first = statement(row(uuid="0f8fad5b-d9cb-469f-a165-70867728950e"), BASE, ACTOR)
    again = statement(row(uuid="7c9e6679-7425-40de-944b-e07fc1f90ae7"), BASE, ACTOR)
    assert first["object"]["id"] == again["object"]["id"]
    assert first["object"]["id"] == f"{BASE}/xapi/activities/question/q-risk-owner"
    assert first["object"]["definition"]["type"] == (
        "http://adlnet.gov/expapi/activities/cmi.interaction"
    )
    assert activity_iri(BASE, "lesson", "pmit-risk") != activity_iri(BASE, "exam", "pmit-risk")


def test_an_object_without_a_name_is_named_by_its_id():
    built = statement(row(object_name=""), BASE, ACTOR)
    assert built["object"]["definition"]["name"] == {"en-US": "q-risk-owner"}


def test_the_timestamp_is_utc_with_milliseconds():
    assert statement(row(), BASE, ACTOR)["timestamp"] == "2026-03-02T21:30:15.123Z"


def test_a_timestamp_in_another_zone_keeps_its_offset():
    auckland = WHEN.astimezone(timezone(timedelta(hours=13)))
    stamp = statement(row(timestamp=auckland), BASE, ACTOR)["timestamp"]
    assert stamp == "2026-03-03T10:30:15.123+13:00"
    assert datetime.fromisoformat(stamp) == WHEN.replace(microsecond=123000)


def test_a_statement_without_a_result_has_no_result_property():
    assert "result" not in statement(row(result=None), BASE, ACTOR)


def test_score_result_scales_the_raw_score_and_keeps_its_range():
    assert score_result(31, 40, True) == {
        "score": {"scaled": 0.775, "raw": 31, "min": 0, "max": 40},
        "completion": True,
        "success": True,
    }


def test_score_result_leaves_success_out_when_it_is_not_known():
    assert "success" not in score_result(50, 85)


def test_score_result_of_a_zero_maximum_is_scaled_zero_not_a_division_error():
    assert score_result(0, 0)["score"]["scaled"] == 0.0


@pytest.mark.parametrize(
    ("raw", "maximum"), [(0, 40), (40, 40), (1 / 3, 1), (85, 85), (12.345, 85)]
)
def test_score_result_stays_within_the_spec_ranges(raw, maximum):
    check_score(score_result(raw, maximum)["score"])


def test_the_checker_refuses_what_the_spec_refuses():
    """The validation is worth something: each broken statement is caught."""
    good = statement(row(result=score_result(3, 4, True)), BASE, ACTOR)
    broken = [
        good | {"id": "not-a-uuid"},
        good | {"timestamp": "2026-03-02T21:30:15"},
        good | {"actor": {"mbox": "mailto:ada@example.com"}},
        good | {"verb": {"id": "answered", "display": {"en-US": "answered"}}},
        good | {"object": {"objectType": "Activity", "id": "/xapi/activities/question/q"}},
        good | {"result": {"score": {"scaled": 1.5}}},
        good | {"result": {"score": {"raw": 5, "min": 0, "max": 4}}},
        good | {"version": "2.0.0"},
        good | {"email": "ada@example.com"},
    ]
    for bad in broken:
        with pytest.raises((AssertionError, ValueError, AttributeError)):
            check_statement(bad, BASE)


def test_tincan_itself_refuses_an_unknown_property_and_a_naive_timestamp():
    good = statement(row(), BASE, ACTOR)
    with pytest.raises(AttributeError):
        check_with_tincan(good | {"learner_email": "ada@example.com"})
    with pytest.raises(ValueError):
        check_with_tincan(good | {"timestamp": "2026-03-02T21:30:15"})
