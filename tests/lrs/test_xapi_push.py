"""``flask xapi push`` against a real LRS (Ralph): every queued statement delivered,
once, under the learner's opaque account; kept and retried when the LRS fails."""

import json
from collections import Counter
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from app.extensions import db
from app.models import XapiStatement
from app.progress.xapi_push import FIRST_RETRY, LEASE, Lrs, _claim
from tests.conftest import PUBLIC_BASE_URL
from tests.lrs.fixture import free_port
from tests.lrs.learning import queued_ids, study


def flask_xapi_push(runner):
    return runner.invoke(args=["xapi", "push"])


def held_by_lrs(lrs, learner) -> Counter:
    """How many copies of each statement the LRS holds under the learner's account."""
    agent = {
        "objectType": "Agent",
        "account": {"homePage": PUBLIC_BASE_URL, "name": learner.xapi_id},
    }
    return Counter(s["id"] for s in lrs.statements(agent=json.dumps(agent)))


def once_each(ids) -> Counter:
    return Counter(dict.fromkeys(ids, 1))


def outbox_rows(ctx) -> list[tuple]:
    """(pushed_at, push_attempts, next_push_at) of every queued row."""
    with ctx():
        return db.session.execute(
            select(XapiStatement.pushed_at, XapiStatement.push_attempts, XapiStatement.next_push_at)
        ).all()


class Crash(Exception):
    """The pusher dying between the LRS's answer and our marking the batch pushed."""


def test_push_delivers_every_queued_statement_once_under_its_learner(runner, team_lrs, learners):
    result = flask_xapi_push(runner)

    assert (result.exit_code, result.stdout) == (0, "sent 15 statement(s)\n")
    for learner in learners:
        assert held_by_lrs(team_lrs, learner) == once_each(learner.statement_ids)


def test_pushed_statements_name_the_learner_by_account_never_by_email(runner, team_lrs, learners):
    flask_xapi_push(runner)

    for learner in learners:
        stored = [s for s in team_lrs.statements() if s["id"] in learner.statement_ids]
        assert len(stored) == 5
        for statement in stored:
            assert statement["actor"] == {
                "objectType": "Agent",
                "account": {"homePage": PUBLIC_BASE_URL, "name": learner.xapi_id},
            }
            ours = json.dumps({k: v for k, v in statement.items() if k != "authority"})
            assert "mbox" not in ours
            assert not any(other.email in json.dumps(statement) for other in learners)


def test_pushed_rows_leave_the_outbox(runner, team_lrs, learners, ctx):
    now = datetime.now(UTC)

    flask_xapi_push(runner)

    assert outbox_rows(ctx) == [(now, 0, None)] * 15


def test_a_second_push_sends_nothing(runner, team_lrs, learners, lrs_answers):
    flask_xapi_push(runner)

    again = flask_xapi_push(runner)

    assert (again.exit_code, again.stdout) == (0, "sent 0 statement(s)\n")
    assert lrs_answers == [200]
    for learner in learners:
        assert held_by_lrs(team_lrs, learner) == once_each(learner.statement_ids)


def test_statements_marked_unpushed_again_are_resent_and_stored_once(
    runner, team_lrs, learners, lrs_answers, ctx
):
    flask_xapi_push(runner)
    with ctx():
        db.session.execute(
            update(XapiStatement)
            .where(XapiStatement.user_id == learners[0].id)
            .values(pushed_at=None)
        )
        db.session.commit()

    again = flask_xapi_push(runner)

    assert again.stdout == "sent 5 statement(s)\n"
    assert lrs_answers == [200, 204]  # Ralph: every statement of the batch already stored
    for learner in learners:
        assert held_by_lrs(team_lrs, learner) == once_each(learner.statement_ids)


def test_a_batch_stored_before_a_crash_goes_again_after_its_lease_and_is_stored_once(
    runner, team_lrs, learners, lrs_answers, ctx, clock, monkeypatch
):
    sent = Lrs.post

    def send_then_crash(self, statements):
        sent(self, statements)
        raise Crash

    monkeypatch.setattr(Lrs, "post", send_then_crash)
    crashed = flask_xapi_push(runner)
    monkeypatch.setattr(Lrs, "post", sent)

    assert isinstance(crashed.exception, Crash)
    for learner in learners:  # the LRS has the batch, our outbox does not know it
        assert held_by_lrs(team_lrs, learner) == once_each(learner.statement_ids)
    assert all(pushed_at is None for pushed_at, _, _ in outbox_rows(ctx))
    still_leased = flask_xapi_push(runner)  # to the run that crashed
    assert still_leased.stdout == "sent 0 statement(s)\n"
    clock.shift(LEASE)
    with ctx():
        study(learners[0].id, datetime.now(UTC), hour=1)  # new statements join the batch sent again
        everything = queued_ids(learners[0].id)

    retried = flask_xapi_push(runner)

    assert (retried.exit_code, retried.stdout) == (0, "sent 20 statement(s)\n")
    assert lrs_answers == [200, 200]  # Ralph stored the five new ones, skipped the fifteen
    assert held_by_lrs(team_lrs, learners[0]) == once_each(everything)
    for learner in learners[1:]:
        assert held_by_lrs(team_lrs, learner) == once_each(learner.statement_ids)


@pytest.mark.parametrize(
    ("setting", "value", "answer", "error"),
    [
        ("LRS_ENDPOINT", "http://127.0.0.1:{closed_port}/xAPI", 0, "Connection refused"),
        ("LRS_PASSWORD", "wrong", 401, "HTTP 401"),
    ],
    ids=["lrs down", "wrong password"],
)
def test_a_failed_push_keeps_the_statements_and_retries_after_a_backoff(
    runner,
    team_lrs,
    learners,
    lrs_answers,
    ctx,
    clock,
    app,
    monkeypatch,
    setting,
    value,
    answer,
    error,
):
    now = datetime.now(UTC)
    good = app.config[setting]
    monkeypatch.setitem(app.config, setting, value.format(closed_port=free_port()))

    failed = flask_xapi_push(runner)

    assert (failed.exit_code, failed.stdout) == (1, "sent 0 statement(s)\n")
    assert failed.stderr.startswith("15 statement(s) not sent, will retry: ")
    assert error in failed.stderr
    assert outbox_rows(ctx) == [(None, 1, now + FIRST_RETRY)] * 15
    monkeypatch.setitem(app.config, setting, good)
    not_yet_due = flask_xapi_push(runner)  # though the LRS is back
    assert not_yet_due.stdout == "sent 0 statement(s)\n"
    clock.shift(FIRST_RETRY)

    retried = flask_xapi_push(runner)

    assert (retried.exit_code, retried.stdout) == (0, "sent 15 statement(s)\n")
    assert lrs_answers == [answer, 200]
    for learner in learners:
        assert held_by_lrs(team_lrs, learner) == once_each(learner.statement_ids)


def test_two_pushers_never_claim_the_same_rows(learners, ctx):
    now = datetime.now(UTC)
    with ctx():
        first = _claim(now, batch=10)
    with ctx():
        second = _claim(now, batch=10)
    with ctx():
        third = _claim(now, batch=10)

    assert (len(first), len(second), third) == (10, 5, [])
    assert not set(first) & set(second)


def test_push_without_an_lrs_endpoint_says_so(runner, learners, app, monkeypatch, ctx):
    monkeypatch.setitem(app.config, "LRS_ENDPOINT", "")

    result = flask_xapi_push(runner)

    assert result.exit_code == 1
    assert result.stderr == "LRS_ENDPOINT is not set: nothing to push to\n"
    assert outbox_rows(ctx) == [(None, 0, None)] * 15


@pytest.mark.parametrize(
    "endpoint", ["ftp://lrs.example.org/xAPI", "file:///etc/passwd", "lrs.example.org/xAPI"]
)
def test_a_non_http_endpoint_is_refused(runner, learners, app, monkeypatch, ctx, endpoint):
    monkeypatch.setitem(app.config, "LRS_ENDPOINT", endpoint)

    result = flask_xapi_push(runner)

    assert result.exit_code == 1
    assert result.stderr == "LRS_ENDPOINT must be an http(s) URL\n"
    assert outbox_rows(ctx) == [(None, 0, None)] * 15


def test_a_statement_the_lrs_holds_with_other_content_does_not_block_the_queue(
    runner, team_lrs, learners, ctx
):
    flask_xapi_push(runner)
    first = learners[0]
    with ctx():  # the LRS has this id already; ours now reads differently (say, a renamed lesson)
        row = db.session.scalar(
            select(XapiStatement).where(XapiStatement.uuid == min(first.statement_ids))
        )
        row.object_name, row.pushed_at = "A renamed activity", None
        db.session.commit()
        study(first.id, datetime.now(UTC), hour=1)
        fresh = queued_ids(first.id) - first.statement_ids

    again = flask_xapi_push(runner)

    assert (again.exit_code, again.stdout) == (0, f"sent {1 + len(fresh)} statement(s)\n")
    assert held_by_lrs(team_lrs, first) == once_each([*first.statement_ids, *fresh])
    assert all(pushed for pushed, _, _ in outbox_rows(ctx))
