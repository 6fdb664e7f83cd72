"""Due-date reminders (``app.cohorts.reminders``): one mail per learner and
assignment, a set time before it is due for that learner, never twice."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.cohorts import reminders, services
from app.cohorts.reminders import deliver, due_reminders, send_reminders
from app.extensions import db
from app.models import Cohort, ReminderSent, User
from tests.conftest import PUBLIC_BASE_URL
from tests.functional.cohort_calendar.helpers import (
    DUE,
    DUE_IN_PARIS,
    NOW,
    SCOPE,
    WHY,
    WHY_PATH,
    assign,
    complete,
    enrol,
    extend,
    hours,
    make_cohort,
)


def send(ctx, now=NOW, window=48):
    with ctx():
        return send_reminders(now, window)


def recipients(outbox) -> list[str]:
    return sorted(m["To"] for m in outbox)


def reminded(ctx) -> set[tuple[int, int]]:
    with ctx():
        return set(
            db.session.execute(select(ReminderSent.assignment_id, ReminderSent.user_id)).tuples()
        )


def test_work_due_in_47_hours_is_mailed_once_with_local_time_and_a_public_link(ctx, team, outbox):
    with ctx():
        assignment = assign(team.cohort_id, DUE)
    outcome = send(ctx)
    assert (outcome.sent, outcome.failed) == (2, 0)
    assert recipients(outbox) == ["ann@example.com", "bob@example.com"]
    body = outbox[0].get_content()
    assert "Why IT work is project work" in outbox[0]["Subject"]
    assert f"is due on {DUE_IN_PARIS}" in body
    assert f"{PUBLIC_BASE_URL}{WHY_PATH}\n" in body
    assert reminded(ctx) == {(assignment, team.ann), (assignment, team.bob)}


def test_a_second_run_sends_no_reminder_again(ctx, team, outbox):
    with ctx():
        assign(team.cohort_id, DUE)
    send(ctx)
    later = send(ctx, NOW + hours(1))
    assert later.sent == 0
    assert recipients(outbox) == ["ann@example.com", "bob@example.com"]


def test_two_runs_listing_the_same_reminders_at_once_send_each_only_once(ctx, team, outbox):
    """Two schedulers that both found the reminder owed: only the one whose claim
    inserted the row mails it."""
    with ctx():
        assign(team.cohort_id, DUE)
        first, second = due_reminders(NOW, 48), due_reminders(NOW, 48)
    assert len(first) == len(second) == 2
    with ctx():
        assert deliver(first, NOW).sent == 2
        assert deliver(second, NOW).sent == 0
    assert recipients(outbox) == ["ann@example.com", "bob@example.com"]


def test_work_due_beyond_the_window_waits_until_it_is_within_it(ctx, team, outbox):
    with ctx():
        assign(team.cohort_id, NOW + hours(49))
    assert send(ctx).sent == 0
    assert send(ctx, NOW + hours(2)).sent == 2


def test_the_window_is_the_number_of_hours_given(ctx, team, outbox):
    with ctx():
        assign(team.cohort_id, DUE)
    assert send(ctx, window=24).sent == 0
    assert send(ctx, window=72).sent == 2


def test_done_work_gets_no_reminder(ctx, team, outbox):
    with ctx():
        assign(team.cohort_id, DUE)
        complete(team.ann, WHY, NOW - hours(3))
    send(ctx)
    assert recipients(outbox) == ["bob@example.com"]


def test_overdue_work_gets_no_reminder(ctx, team, outbox):
    with ctx():
        assign(team.cohort_id, NOW - hours(1))
    assert send(ctx).sent == 0
    assert outbox == []


def test_work_not_open_yet_gets_no_reminder(ctx, team, outbox):
    with ctx():
        assign(team.cohort_id, DUE, open_at=NOW + hours(1))
    assert send(ctx).sent == 0
    assert send(ctx, NOW + hours(2)).sent == 2


def test_an_archived_cohort_sends_no_reminders(ctx, team, outbox):
    with ctx():
        assign(team.cohort_id, DUE)
        db.session.get(Cohort, team.cohort_id).archived_at = NOW - hours(1)
        db.session.commit()
    assert send(ctx).sent == 0


def test_a_removed_learner_gets_no_reminder(ctx, team, outbox):
    with ctx():
        assign(team.cohort_id, DUE)
        services.remove_member(db.session.get(Cohort, team.cohort_id), team.ann)
    send(ctx)
    assert recipients(outbox) == ["bob@example.com"]


@pytest.mark.parametrize(
    "change", [{"disabled_at": NOW}, {"email_verified_at": None}], ids=["disabled", "unconfirmed"]
)
def test_a_disabled_or_unconfirmed_account_gets_no_reminder(ctx, team, outbox, change):
    with ctx():
        assign(team.cohort_id, DUE)
        ann = db.session.get(User, team.ann)
        for name, value in change.items():
            setattr(ann, name, value)
        db.session.commit()
    send(ctx)
    assert recipients(outbox) == ["bob@example.com"]


def test_an_extension_delays_the_learners_reminder_to_before_the_new_date(ctx, team, outbox):
    with ctx():
        assignment = assign(team.cohort_id, DUE)
        extend(assignment, team.ann, DUE + hours(72))  # Monday 10 March, 12:00 in Paris
    send(ctx)
    assert recipients(outbox) == ["bob@example.com"]
    outbox.clear()
    assert send(ctx, NOW + hours(50)).sent == 0  # Bob's date has passed; Ann's is 69 h away
    assert send(ctx, NOW + hours(72)).sent == 1
    assert recipients(outbox) == ["ann@example.com"]
    assert "is due on Monday 10 March 2025 at 12:00 (Europe/Paris)" in outbox[0].get_content()


def test_an_extension_of_overdue_work_brings_a_reminder(ctx, team, outbox):
    with ctx():
        assignment = assign(team.cohort_id, NOW - hours(5))
        extend(assignment, team.bob, NOW + hours(10))
    send(ctx)
    assert recipients(outbox) == ["bob@example.com"]


def test_each_assignment_of_each_cohort_gets_its_own_reminder_in_its_cohorts_time(
    ctx, team, outbox
):
    with ctx():
        assign(team.cohort_id, DUE)
        assign(team.cohort_id, DUE, item_id=SCOPE, title="Scope and stakeholders")
        other = make_cohort("Firewall team", timezone="America/New_York")
        enrol(other, team.ann)
        assign(other, DUE, title="Why projects, again")
    assert send(ctx).sent == 5
    to_ann = {m["Subject"]: m.get_content() for m in outbox if m["To"] == "ann@example.com"}
    assert len(to_ann) == 3
    new_york = next(body for subject, body in to_ann.items() if "again" in subject)
    assert "Firewall team" in new_york
    assert "is due on Friday 7 March 2025 at 06:00 (America/New_York)" in new_york


def test_a_mail_that_fails_is_retried_on_the_next_run(ctx, team, outbox, monkeypatch):
    with ctx():
        assign(team.cohort_id, DUE)

    def refuse(*args):
        raise ConnectionRefusedError("SMTP server down")

    monkeypatch.setattr(reminders, "send_mail", refuse)
    outcome = send(ctx)
    assert (outcome.sent, outcome.failed) == (0, 2)
    assert reminded(ctx) == set()
    monkeypatch.undo()
    assert send(ctx, NOW + hours(1)).sent == 2
    assert recipients(outbox) == ["ann@example.com", "bob@example.com"]
