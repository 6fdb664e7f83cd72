"""Password rules: long enough, not guessable, no composition rules (NIST 800-63B)."""

from __future__ import annotations

from werkzeug.security import check_password_hash, generate_password_hash
from zxcvbn import zxcvbn

MIN_LENGTH = 10
MAX_LENGTH = 256
MIN_SCORE = 3
# zxcvbn slows down on very long input, and 4.5 raises ValueError beyond 72 characters;
# the prefix decides anyway.
_ZXCVBN_PREFIX = 72

# Compared against when the account does not exist, so a log-in takes as long either way.
_DUMMY_HASH = generate_password_hash("not a real password, only for timing")


def password_problem(password: str, user_inputs: list[str] = ()) -> str | None:
    """Why ``password`` is not acceptable, in words a person can act on, or None."""
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"Use at most {MAX_LENGTH} characters."
    result = zxcvbn(password[:_ZXCVBN_PREFIX], user_inputs=[u for u in user_inputs if u])
    if result["score"] >= MIN_SCORE:
        return None
    feedback = result.get("feedback") or {}
    reason = feedback.get("warning") or "This password would be easy to guess."
    tips = " ".join(feedback.get("suggestions") or [])
    return f"{reason.rstrip('.')}. {tips or 'Try a longer phrase of unrelated words.'}".strip()


def hash_password(password: str) -> str:
    return generate_password_hash(password)  # scrypt, Werkzeug's default


def verify_password(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        check_password_hash(_DUMMY_HASH, password)
        return False
    return check_password_hash(password_hash, password)
