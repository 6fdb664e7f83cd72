"""Accounts: register, verify, log in and out, passwords, sessions."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from app.auth import loader, routes  # noqa: E402,F401  (they attach themselves)
