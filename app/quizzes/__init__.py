"""Quizzes: practice with instant feedback (mock exams build on the same pieces)."""

from flask import Blueprint

bp = Blueprint("quizzes", __name__)

from app.quizzes import exam_routes, routes  # noqa: E402,F401
