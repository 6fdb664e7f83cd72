"""The catalog: courses, lessons, search and course images."""

from flask import Blueprint

bp = Blueprint("catalog", __name__)
