"""Error pages in the site's layout (JSON under /api/); a CSRF failure is a friendly 400."""

from flask import Blueprint, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from app.extensions import db

bp = Blueprint("errors", __name__)

MESSAGES = {
    400: ("Bad request", "The request could not be understood. Go back and try again."),
    403: ("Forbidden", "You do not have access to this page."),
    404: ("Page not found", "There is no page at this address."),
    405: ("Method not allowed", "This address does not accept that kind of request."),
    410: ("Gone", "This page has been retired."),
    413: ("Too large", "What you sent is larger than this site accepts."),
    429: ("Slow down", "Too many attempts in a short time. Wait a minute and try again."),
    500: ("Something went wrong", "An unexpected error happened. It has been logged."),
}
CSRF_MESSAGE = (
    "Your form expired or was sent from another page. Reload the page and submit it again."
)


def _render(code: int, message: str | None = None):
    title, default = MESSAGES.get(code, ("Error", "Something went wrong."))
    text = message or default
    if request.path.startswith("/api/"):
        return jsonify(error=title, message=text, status=code), code
    return render_template("errors/error.html", code=code, title=title, message=text), code


@bp.app_errorhandler(CSRFError)
def csrf_error(error):
    return _render(400, CSRF_MESSAGE)


@bp.app_errorhandler(HTTPException)
def http_error(error: HTTPException):
    if error.code == 429:
        return _render(429)
    if error.code is None or error.code < 400 or error.code not in MESSAGES:
        return error
    body, code = _render(error.code)
    # Keep the headers the error carries, such as Allow on a 405.
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    return body, code, headers


@bp.app_errorhandler(InternalServerError)
def server_error(error):
    db.session.rollback()
    return _render(500)
