"""Learner progress: lesson completion and the dashboard."""

from flask import Blueprint

bp = Blueprint("progress", __name__)

from app.progress import routes  # noqa: E402,F401
