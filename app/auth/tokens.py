"""Signed, expiring tokens for e-mail links.

A reset token embeds a fingerprint of the current password hash, so it stops
working once used (the hash changes) or once the password changes any other way.
"""

from __future__ import annotations

import hashlib

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

VERIFY_SALT = "email-verify"
RESET_SALT = "password-reset"


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def _fingerprint(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:16]


def make_verify_token(user) -> str:
    return _serializer(VERIFY_SALT).dumps({"u": user.id, "e": _fingerprint(user.email)})


def read_verify_token(token: str) -> dict | None:
    max_age = current_app.config["EMAIL_VERIFY_MAX_AGE"]
    try:
        return _serializer(VERIFY_SALT).loads(token, max_age=max_age)
    except BadSignature:
        return None


def verify_token_matches(data: dict, user) -> bool:
    return data.get("e") == _fingerprint(user.email)


def make_reset_token(user) -> str:
    return _serializer(RESET_SALT).dumps({"u": user.id, "p": _fingerprint(user.password_hash)})


def read_reset_token(token: str) -> dict | None:
    max_age = current_app.config["PASSWORD_RESET_MAX_AGE"]
    try:
        return _serializer(RESET_SALT).loads(token, max_age=max_age)
    except BadSignature:  # includes SignatureExpired
        return None


def reset_token_matches(data: dict, user) -> bool:
    return data.get("p") == _fingerprint(user.password_hash)
