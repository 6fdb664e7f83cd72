"""Progress forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField
from wtforms.validators import InputRequired, NumberRange


class DailyGoalForm(FlaskForm):
    daily_goal = IntegerField(
        "Daily goal (answers and reviews a day)",
        validators=[InputRequired(), NumberRange(min=1, max=500)],
    )
