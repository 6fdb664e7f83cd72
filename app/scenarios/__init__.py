"""Scenario exercises: branching decisions and planning stages, graded with a debrief."""

from flask import Blueprint

bp = Blueprint("scenarios", __name__)

from app.scenarios import routes  # noqa: E402,F401
