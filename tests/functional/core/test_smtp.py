"""With MAIL_SERVER set, mail goes out over SMTP (STARTTLS and log-in when configured)."""

import smtplib

import pytest

from app.mail import send_mail
from tests.conftest import csrf_token
from tests.factories import make_user


class FakeSMTP:
    """Stands in for smtplib.SMTP and records what the app asked of it."""

    sent: list = []
    calls: list = []

    def __init__(self, host, port, timeout):
        FakeSMTP.calls.append(("connect", host, port))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        FakeSMTP.calls.append(("quit",))

    def starttls(self):
        FakeSMTP.calls.append(("starttls",))

    def login(self, user, password):
        FakeSMTP.calls.append(("login", user, password))

    def send_message(self, message):
        FakeSMTP.sent.append(message)


@pytest.fixture
def smtp(app, monkeypatch):
    FakeSMTP.sent, FakeSMTP.calls = [], []
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.test")
    monkeypatch.setitem(app.config, "MAIL_PORT", 2525)
    monkeypatch.setitem(app.config, "MAIL_USERNAME", "mailer")
    monkeypatch.setitem(app.config, "MAIL_PASSWORD", "s3cret")
    return FakeSMTP


def test_mail_is_sent_over_smtp_with_starttls_and_login(app, ctx, smtp):
    with ctx():
        send_mail("learner@example.com", "Hello", "Body text")
    assert smtp.calls == [
        ("connect", "smtp.example.test", 2525),
        ("starttls",),
        ("login", "mailer", "s3cret"),
        ("quit",),
    ]
    (message,) = smtp.sent
    assert message["To"] == "learner@example.com" and message["Subject"] == "Hello"
    assert message.get_content().strip() == "Body text"


def test_a_reset_requested_through_the_site_goes_out_over_smtp(client, ctx, smtp):
    with ctx():
        make_user(email="learner@example.com")
    client.post(
        "/password/forgot",
        data={"csrf_token": csrf_token(client, "/password/forgot"), "email": "learner@example.com"},
    )
    (message,) = smtp.sent
    assert "https://learn.example.test/password/reset/" in message.get_content()
