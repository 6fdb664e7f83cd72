"""Where to go after log-in: only ever a path on this site."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import url_for


def safe_next(target: str | None) -> str:
    """``target`` if it is a local path, else the dashboard.

    Refuses scheme-relative (``//host``), backslash tricks (``/\\host``, which
    browsers treat as ``//host``), absolute URLs and control characters.
    """
    fallback = url_for("progress.dashboard")
    if not target or len(target) > 2000:
        return fallback
    if not target.startswith("/") or target.startswith(("//", "/\\")):
        return fallback
    if "\\" in target or any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return fallback
    return target
