"""The account mails. Every link is absolute on PUBLIC_BASE_URL."""

from __future__ import annotations

from app.auth import tokens
from app.mail import public_url, send_mail

SITE = "PM for IT"


def send_verification(user, next_path: str = "") -> None:
    """The confirmation link; ``next_path`` (a local path) is where it leads afterwards."""
    extra = {"next": next_path} if next_path else {}
    link = public_url("auth.verify", token=tokens.make_verify_token(user), **extra)
    send_mail(
        user.email,
        f"Confirm your e-mail address for {SITE}",
        f"Hello {user.display_name},\n\nConfirm your address by opening this link:\n{link}\n\n"
        "If you did not create an account, ignore this message.\n",
    )


def send_already_registered(user) -> None:
    link = public_url("auth.login")
    reset = public_url("auth.forgot_password")
    send_mail(
        user.email,
        f"Someone tried to register with your address at {SITE}",
        f"Hello {user.display_name},\n\nSomebody (perhaps you) tried to create an account with "
        f"this address, which already has one.\nLog in: {link}\nForgot your password? {reset}\n\n"
        "If it was not you, no action is needed.\n",
    )


def send_password_reset(user) -> None:
    link = public_url("auth.reset_password", token=tokens.make_reset_token(user))
    send_mail(
        user.email,
        f"Reset your {SITE} password",
        f"Hello {user.display_name},\n\nChoose a new password here (the link works once, "
        f"within one hour):\n{link}\n\nIf you did not ask for this, ignore this message; "
        "your password stays as it is.\n",
    )
