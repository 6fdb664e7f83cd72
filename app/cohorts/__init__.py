"""Team training cohorts: instructors invite learners, assign work, follow progress."""

from flask import Blueprint

bp = Blueprint("cohorts", __name__)
