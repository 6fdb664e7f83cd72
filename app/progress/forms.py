"""Progress forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, PasswordField
from wtforms.validators import DataRequired, InputRequired, NumberRange


class DailyGoalForm(FlaskForm):
    daily_goal = IntegerField(
        "Daily goal (answers and reviews a day)",
        validators=[InputRequired(), NumberRange(min=1, max=500)],
    )


class DeleteAccountForm(FlaskForm):
    password = PasswordField(
        "Your password, to confirm",
        validators=[DataRequired()],
        render_kw={"autocomplete": "current-password"},
    )
