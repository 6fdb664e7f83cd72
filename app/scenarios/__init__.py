"""Scenario exercises: branching decisions and planning stages, graded with a debrief."""

from flask import Blueprint

bp = Blueprint("scenarios", __name__)
