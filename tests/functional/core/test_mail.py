"""Without MAIL_SERVER, mail goes to the log so a local user can follow the link."""

import logging

from app.mail import send_mail


def test_mail_is_logged_when_no_mail_server_is_set_even_after_migrations(app, ctx, caplog):
    # The session fixture ran Alembic in-process; its logging setup must not mute our loggers.
    with caplog.at_level(logging.INFO, logger="app.mail"), ctx():
        send_mail("someone@example.com", "Subject line", "Open https://learn.example.test/x")
    assert "someone@example.com" in caplog.text
    assert "https://learn.example.test/x" in caplog.text
