"""Rate limits for the account forms: per client address and per account.

Windows are short, so a limit slows a guesser down but never locks the owner out
for good. The client address honours TRUSTED_PROXIES (ProxyFix in the factory).
"""

from __future__ import annotations

from flask import request
from flask_limiter.util import get_remote_address

from app.extensions import limiter


def account_key() -> str:
    email = (request.form.get("email") or "").strip().lower()[:254]
    return f"account:{email}" if email else f"account-ip:{get_remote_address()}"


def limited(per_address: str, per_account: str | None = None):
    """Decorate a view with POST limits per address and, if given, per account."""

    def decorate(view):
        if per_account:
            view = limiter.limit(per_account, key_func=account_key, methods=["POST"])(view)
        return limiter.limit(per_address, methods=["POST"])(view)

    return decorate


# Only account actions are limited; reading pages skips the limiter's per-request work.
_LIMITED_READS = {"auth.verify"}


@limiter.request_filter
def _unlimited_read() -> bool:
    return request.method in ("GET", "HEAD") and request.endpoint not in _LIMITED_READS
