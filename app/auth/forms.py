"""Account forms. Every one carries a CSRF token (Flask-WTF)."""

from __future__ import annotations

import zoneinfo
from functools import cache

from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, Email, Length, ValidationError

from app.auth.passwords import MAX_LENGTH, password_problem


@cache
def timezone_choices() -> list[SelectChoice]:
    zones = sorted(
        z
        for z in zoneinfo.available_timezones()
        if "/" in z and not z.startswith(("Etc/", "SystemV/"))
    )
    return [SelectChoice("UTC")] + [SelectChoice(z, z.replace("_", " ")) for z in zones]


@cache
def _timezone_options_html() -> str:
    return "".join(
        f'<option value="{escape(c.value)}">{escape(c.label)}</option>' for c in timezone_choices()
    )


def timezone_options(selected: str | None) -> Markup:
    """The time-zone <option>s with ``selected`` marked, built once: WTForms renders the
    520 options one widget call at a time, which cost a busy page 18 ms."""
    html = _timezone_options_html()
    if selected:
        marker = f'value="{escape(selected)}"'
        html = html.replace(marker, marker + " selected", 1)
    return Markup(html)  # noqa: S704 (every value escaped above)


class _NewPassword:
    """Validate a new password against the rules, knowing the user's own details."""

    def __call__(self, form, field):
        inputs = [
            getattr(form, name).data for name in ("email", "display_name") if hasattr(form, name)
        ]
        problem = password_problem(field.data or "", inputs)
        if problem:
            raise ValidationError(problem)


def _email_field():
    return EmailField(
        "E-mail address",
        validators=[DataRequired(), Email(), Length(max=254)],
        render_kw={"autocomplete": "email"},
    )


def _timezone_field():
    return SelectField(
        "Time zone",
        choices=timezone_choices(),
        default="UTC",
        render_kw={"data-browser-timezone": "1"},
    )


class RegisterForm(FlaskForm):
    email = _email_field()
    display_name = StringField(
        "Display name",
        validators=[DataRequired(), Length(max=80)],
        render_kw={"autocomplete": "name"},
    )
    password = PasswordField(
        "Password",
        validators=[DataRequired(), Length(max=MAX_LENGTH), _NewPassword()],
        description="At least 10 characters. A phrase of a few unrelated words works well.",
        render_kw={"autocomplete": "new-password"},
    )
    timezone = _timezone_field()
    next = HiddenField()  # where to go once the address is confirmed (e.g. an invitation)


class LoginForm(FlaskForm):
    email = _email_field()
    password = PasswordField(
        "Password",
        validators=[DataRequired(), Length(max=MAX_LENGTH)],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField("Keep me signed in on this device")
    next = HiddenField()


class ForgotPasswordForm(FlaskForm):
    email = _email_field()


class ResetPasswordForm(FlaskForm):
    password = PasswordField(
        "New password",
        validators=[DataRequired(), Length(max=MAX_LENGTH), _NewPassword()],
        description="At least 10 characters.",
        render_kw={"autocomplete": "new-password"},
    )


class ChangePasswordForm(ResetPasswordForm):
    current_password = PasswordField(
        "Current password",
        validators=[DataRequired()],
        render_kw={"autocomplete": "current-password"},
    )


class ProfileForm(FlaskForm):
    display_name = StringField("Display name", validators=[DataRequired(), Length(max=80)])
    timezone = _timezone_field()


class ActionForm(FlaskForm):
    """A form with nothing but its CSRF token: for POST buttons (log out, end session)."""


class DeleteAccountForm(FlaskForm):
    password = PasswordField(
        "Your password, to confirm",
        validators=[DataRequired()],
        render_kw={"autocomplete": "current-password"},
    )
