"""Template helpers.

``links`` holds the site's fixed addresses (navigation, static files) as plain
attributes: ``{{ links.home }}``. Each is built by ``url_for`` once per process, on
first use, because those URLs never change while the app runs (it is mounted at
one root) and calling ``url_for`` a dozen times was a visible share of every page's
cost. Anything carrying data (a lesson's slug) still goes through ``url_for``.

``form_token()`` is the CSRF token for the small POST buttons in the layout (log out,
mark as complete). Flask-WTF signs a fresh copy of the session's token on every
request; the signed copy never expires here (WTF_CSRF_TIME_LIMIT is None), so we
keep the first one in the server-side session and reuse it.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import Flask, session, url_for
from flask_wtf.csrf import generate_csrf

from app.auth.forms import timezone_options

SIGNED_TOKEN_KEY = "_csrf_signed"  # noqa: S105 (a session key name, not a secret)

LINKS = {
    "home": ("catalog.home", None),
    "search": ("catalog.search", None),
    "dashboard": ("progress.dashboard", None),
    "review": ("progress.review_queue", None),
    "cohorts": ("cohorts.index", None),
    "account": ("auth.account", None),
    "login": ("auth.login", None),
    "logout": ("auth.logout", None),
    "register": ("auth.register", None),
    "site_css": ("static", "css/site.css"),
    "pygments_css": ("static", "css/pygments.css"),
    "site_js": ("static", "js/site.js"),
    "favicon": ("static", "favicon.svg"),
}


class Links:
    """Fixed URLs, each resolved on first access (inside a request) and then kept."""

    def __getattr__(self, name: str) -> str:
        try:
            endpoint, filename = LINKS[name]
        except KeyError:
            raise AttributeError(name) from None
        url = url_for(endpoint, filename=filename) if filename else url_for(endpoint)
        setattr(self, name, url)
        return url


def form_token() -> str:
    """A valid CSRF token for this session, signed once and then reused."""
    token = session.get(SIGNED_TOKEN_KEY)
    if token is None or "csrf_token" not in session:
        token = session[SIGNED_TOKEN_KEY] = generate_csrf()
    return token


def local_time(moment: datetime | None, timezone: str) -> str:
    """A UTC instant as the wall-clock time of ``timezone``, e.g. "Mon 30 Nov 2026, 17:00"."""
    if moment is None:
        return "–"
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return moment.astimezone(zone).strftime("%a %d %b %Y, %H:%M")


def init_app(app: Flask) -> None:
    app.jinja_env.globals["links"] = Links()
    app.jinja_env.globals["form_token"] = form_token
    app.jinja_env.globals["local_time"] = local_time
    app.jinja_env.globals["timezone_options"] = timezone_options
