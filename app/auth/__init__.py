"""Accounts: register, verify, log in and out, passwords, sessions."""

from flask import Blueprint

bp = Blueprint("auth", __name__)
