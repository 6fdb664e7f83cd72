"""``flask cohorts send-reminders``: the scheduler's entry point, run without a request."""

from __future__ import annotations

from app.cohorts import reminders
from app.config import load_config
from app.models._types import utcnow
from tests.conftest import PUBLIC_BASE_URL
from tests.functional.cohort_calendar.helpers import WHY_PATH, assign, hours


def send_reminders(runner):
    return runner.invoke(args=["cohorts", "send-reminders"])


def test_the_command_mails_what_is_due_and_prints_how_many(runner, ctx, team, outbox):
    with ctx():
        assign(team.cohort_id, utcnow() + hours(24))
    result = send_reminders(runner)
    assert result.exit_code == 0, result.output
    assert result.stdout == "sent 2 reminder(s)\n"
    assert f"{PUBLIC_BASE_URL}{WHY_PATH}\n" in outbox[0].get_content()
    again = send_reminders(runner)
    assert again.stdout == "sent 0 reminder(s)\n"
    assert len(outbox) == 2


def test_the_command_uses_the_configured_window(runner, ctx, team, outbox, app, monkeypatch):
    with ctx():
        assign(team.cohort_id, utcnow() + hours(24))
    monkeypatch.setitem(app.config, "REMINDER_HOURS", 12)
    assert send_reminders(runner).stdout == "sent 0 reminder(s)\n"
    monkeypatch.setitem(app.config, "REMINDER_HOURS", 36)
    assert send_reminders(runner).stdout == "sent 2 reminder(s)\n"


def test_the_command_exits_1_when_a_mail_could_not_be_sent(runner, ctx, team, monkeypatch):
    with ctx():
        assign(team.cohort_id, utcnow() + hours(24))

    def refuse(*args):
        raise ConnectionRefusedError("SMTP server down")

    monkeypatch.setattr(reminders, "send_mail", refuse)
    result = send_reminders(runner)
    assert result.exit_code == 1
    assert "2 reminder(s) not sent, will retry" in result.stderr


def test_the_window_defaults_to_48_hours_and_comes_from_the_environment():
    assert load_config({})["REMINDER_HOURS"] == 48
    assert load_config({"REMINDER_HOURS": "6"})["REMINDER_HOURS"] == 6
