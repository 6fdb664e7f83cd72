"""Quizzes: practice with instant feedback (mock exams build on the same pieces)."""

from flask import Blueprint

bp = Blueprint("quizzes", __name__)
