"""Certificates of completion: the public verification page, and the learner's list
of their own (shown on the account page)."""

from __future__ import annotations

from flask import abort, current_app, render_template
from flask_login import current_user

from app.auth.services import get_user
from app.mail import public_url
from app.progress import bp, certificates


@bp.get("/certificates/<code>")
def certificate(code: str):
    """Public, so an employer can check it: a code that does not verify is a 404."""
    found = certificates.verify(current_app.config["SECRET_KEY"], code)
    if found is None:
        abort(404)
    return render_template(
        "progress/certificate.html",
        certificate=found,
        verify_url=public_url("progress.certificate", code=code),
        base_url=current_app.config["PUBLIC_BASE_URL"],
    )


@bp.app_template_global()
def my_certificates() -> list[certificates.Certificate]:
    """The signed-in learner's certificates, for the account page's template."""
    if not current_user.is_authenticated:
        return []
    return certificates.earned(current_app.config["SECRET_KEY"], get_user(current_user.id))
