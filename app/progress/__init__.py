"""Learner progress: lesson completion and the dashboard."""

from flask import Blueprint

bp = Blueprint("progress", __name__)
