"""How Flask-Login finds the current user: from the session row we already read."""

from flask import session

from app.extensions import db, login_manager
from app.models import User

login_manager.login_view = "auth.login"
login_manager.login_message = "Log in to see that page."
login_manager.login_message_category = "info"
login_manager.session_protection = None  # our server-side sessions rotate ids instead


@login_manager.user_loader
def load_user(user_id: str):
    """The ``SessionUser`` read with the session row (no query of its own)."""
    user = getattr(session, "user", None)
    if user is None or str(user.id) != user_id:
        user = db.session.get(User, int(user_id))  # only if the session changed hands
    return user if user is not None and user.is_active else None
