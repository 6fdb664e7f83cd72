"""Configuration read from the environment.

Nothing here reads ``current_app``; ``load_config`` is called once by the factory.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key(env: dict[str, str]) -> str | None:
    """The key from the environment, else the one ``make run`` wrote to instance/."""
    if env.get("SECRET_KEY"):
        return env["SECRET_KEY"]
    path = INSTANCE / "secret_key"
    if path.is_file():
        return path.read_text().strip() or None
    return None


def load_config(env: dict[str, str] | None = None) -> dict:
    """Build the app's config from environment variables (see README for the table)."""
    env = dict(os.environ if env is None else env)
    app_env = env.get("APP_ENV", "production")
    development = app_env in {"development", "testing"}
    port = env.get("PORT", "5000")
    database_url = env.get("DATABASE_URL") or f"sqlite:///{INSTANCE / 'app.db'}"
    return {
        "APP_ENV": app_env,
        "SECRET_KEY": _secret_key(env),
        "SQLALCHEMY_DATABASE_URI": database_url,
        # A ping per checkout guards against connections a server dropped; SQLite has none.
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": not database_url.startswith("sqlite")},
        # Outside development there is no safe default: create_app refuses to start without it.
        "PUBLIC_BASE_URL": (
            env.get("PUBLIC_BASE_URL") or (f"http://127.0.0.1:{port}" if development else "")
        ).rstrip("/"),
        "CONTENT_DIR": env.get("CONTENT_DIR") or str(ROOT / "content"),
        "MAX_CONTENT_LENGTH": int(env.get("MAX_CONTENT_LENGTH", 1024 * 1024)),
        # Mail: SMTP when MAIL_SERVER is set, else the message goes to the log.
        "MAIL_SERVER": env.get("MAIL_SERVER") or None,
        "MAIL_PORT": int(env.get("MAIL_PORT", 587)),
        "MAIL_USERNAME": env.get("MAIL_USERNAME") or None,
        "MAIL_PASSWORD": env.get("MAIL_PASSWORD") or None,
        "MAIL_USE_TLS": _bool(env.get("MAIL_USE_TLS"), True),
        "MAIL_FROM": env.get("MAIL_FROM", "PM for IT <no-reply@localhost>"),
        # Server-side sessions (our table); cookies are HttpOnly and SameSite=Lax.
        "SESSION_COOKIE_NAME": "session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _bool(env.get("SESSION_COOKIE_SECURE"), not development),
        "SESSION_IDLE_LIFETIME": timedelta(hours=int(env.get("SESSION_IDLE_HOURS", 12))),
        "PERMANENT_SESSION_LIFETIME": timedelta(days=int(env.get("REMEMBER_DAYS", 30))),
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the server-side session
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_ENABLED": _bool(env.get("RATELIMIT_ENABLED"), True),
        "RATELIMIT_HEADERS_ENABLED": True,
        "TRUSTED_PROXIES": int(env.get("TRUSTED_PROXIES", 0)),
        # Optional Learning Record Store that `flask xapi push` sends statements to.
        "LRS_ENDPOINT": (env.get("LRS_ENDPOINT") or "").rstrip("/"),
        "LRS_USERNAME": env.get("LRS_USERNAME") or "",
        "LRS_PASSWORD": env.get("LRS_PASSWORD") or "",
        # `flask cohorts send-reminders` mails learners about work due within this many hours.
        "REMINDER_HOURS": int(env.get("REMINDER_HOURS", 48)),
        "PASSWORD_RESET_MAX_AGE": 3600,
        "EMAIL_VERIFY_MAX_AGE": 7 * 24 * 3600,
    }
