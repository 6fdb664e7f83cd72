"""Cohort forms. Every one carries a CSRF token (Flask-WTF)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    DateTimeLocalField,
    EmailField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional

from app.auth.forms import timezone_choices
from app.cohorts.assignments import COUNTS
from app.cohorts.invites import MAX_DAYS

DATETIME = "%Y-%m-%dT%H:%M"


class CohortForm(FlaskForm):
    name = StringField("Cohort name", validators=[DataRequired(), Length(max=120)])
    timezone = SelectField(
        "Time zone (due dates are in it)", choices=timezone_choices, default="UTC"
    )


class StaffForm(FlaskForm):
    email = EmailField(
        "Co-instructor's email", validators=[DataRequired(), Email(), Length(max=254)]
    )


class InviteLinkForm(FlaskForm):
    days = IntegerField(
        "Valid for (days)", default=14, validators=[InputRequired(), NumberRange(1, MAX_DAYS)]
    )
    max_uses = IntegerField(
        "Most uses (empty: no limit)", validators=[Optional(), NumberRange(1, 10000)]
    )


class InviteEmailForm(FlaskForm):
    emails = TextAreaField(
        "Email addresses (one a line, or separated by commas)",
        validators=[DataRequired(), Length(max=20000)],
    )
    # Its own id: the link form beside it on the cohort page has a "days" field too.
    days = IntegerField(
        "Valid for (days)",
        id="email-days",
        default=14,
        validators=[InputRequired(), NumberRange(1, MAX_DAYS)],
    )


class AssignmentForm(FlaskForm):
    item = SelectField("What to assign", validators=[DataRequired()], validate_choice=False)
    open_at = DateTimeLocalField(
        "Opens (optional, cohort time)", format=DATETIME, validators=[Optional()]
    )
    due_at = DateTimeLocalField("Due (cohort time)", format=DATETIME, validators=[InputRequired()])
    attempts = IntegerField(
        "Attempts allowed (quizzes, exams, scenarios; empty: no limit)",
        validators=[Optional(), NumberRange(1, 50)],
    )
    counts = SelectField(
        "Which attempt counts",
        choices=[SelectChoice(value, label) for value, label in COUNTS.items()],
        default="best",
    )


class ExceptionForm(FlaskForm):
    learner = IntegerField("Learner", validators=[InputRequired()])
    due_at = DateTimeLocalField(
        "Extended due date (cohort time; empty: the cohort's)",
        format=DATETIME,
        validators=[Optional()],
    )
    extra_attempts = IntegerField(
        "Extra attempts", default=0, validators=[InputRequired(), NumberRange(0, 50)]
    )


class AllowanceForm(FlaskForm):
    percent = IntegerField(
        "Exam time allowance (%)", default=0, validators=[InputRequired(), NumberRange(0, 200)]
    )


class PracticeSetForm(FlaskForm):
    due_at = DateTimeLocalField(
        "Practice set due (cohort time)", format=DATETIME, validators=[InputRequired()]
    )
