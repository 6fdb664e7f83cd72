"""Outgoing mail: SMTP when ``MAIL_SERVER`` is set, otherwise the log.

Links in mail are built by ``public_url`` from ``PUBLIC_BASE_URL``, never from the
request's Host header. ``message_sent`` lets tests and tools see what went out.
"""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage

from blinker import Namespace
from flask import current_app, url_for

log = logging.getLogger("app.mail")
message_sent = Namespace().signal("message-sent")


def public_url(endpoint: str, **values) -> str:
    """An absolute URL on PUBLIC_BASE_URL for ``endpoint``."""
    return current_app.config["PUBLIC_BASE_URL"] + url_for(endpoint, _external=False, **values)


def send_mail(to: str, subject: str, body: str) -> None:
    config = current_app.config
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = config["MAIL_FROM"], to, subject
    message.set_content(body)
    if config["MAIL_SERVER"]:
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
            if config["MAIL_USE_TLS"]:
                smtp.starttls()
            if config["MAIL_USERNAME"]:
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
            smtp.send_message(message)
    else:
        log.info(
            "mail (MAIL_SERVER not set, logged instead)\nTo: %s\nSubject: %s\n\n%s",
            to,
            subject,
            body,
        )
    message_sent.send(current_app._get_current_object(), message=message)
