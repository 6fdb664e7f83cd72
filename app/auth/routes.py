"""Account views: thin wrappers around ``app.auth.services``."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from app.auth import bp, services
from app.auth.emails import send_verification
from app.auth.forms import (
    ActionForm,
    ChangePasswordForm,
    DeleteAccountForm,
    ForgotPasswordForm,
    LoginForm,
    ProfileForm,
    RegisterForm,
    ResetPasswordForm,
)
from app.auth.limits import limited
from app.auth.redirects import safe_next
from app.cohorts.services import sole_owner_of
from app.extensions import limiter

LOGIN_FAILED = "E-mail or password is incorrect."
CHECK_MAIL = "Check your e-mail: we sent a link to confirm the address."
RESET_SENT = "If an account uses that address, we have sent it a link to reset the password."


def _start_session(user, remember: bool) -> None:
    """Log ``user`` in on a brand-new session id (no fixation)."""
    session.clear()
    session.regenerate()
    login_user(user)
    session.permanent = remember


@bp.route("/register", methods=["GET", "POST"])
@limited("5/minute;30/hour", "3/minute;10/hour")
def register():
    if current_user.is_authenticated:
        return redirect(url_for("progress.dashboard"))
    form = RegisterForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        next_path = safe_next(form.next.data) if form.next.data else ""
        services.register(
            form.email.data,
            form.display_name.data,
            form.password.data,
            form.timezone.data,
            next_path,
        )
        return render_template("auth/check_email.html", message=CHECK_MAIL)
    return render_template("auth/register.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
@limited("10/minute;100/hour", "5/minute;30/hour")
def login():
    form = LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            _start_session(user, form.remember.data)
            return redirect(safe_next(form.next.data))
        form.password.errors.append(LOGIN_FAILED)
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
def logout():
    form = ActionForm()
    if form.validate_on_submit():
        logout_user()
        session.clear()
        session.regenerate()  # delete the old row, so a copied cookie is dead; flash in a new one
        flash("You are logged out.", "info")
    return redirect(url_for("catalog.home"))


@bp.get("/verify/<token>")
@limiter.limit("20/minute")
def verify(token: str):
    user = services.verify_email(token)
    if user is None:
        return render_template("auth/link_invalid.html", what="confirmation"), 400
    flash("Thank you: your e-mail address is confirmed.", "success")
    next_path = safe_next(request.args["next"]) if request.args.get("next") else ""
    if current_user.is_authenticated:
        return redirect(next_path or url_for("progress.dashboard"))
    return redirect(url_for("auth.login", next=next_path or None))


@bp.post("/verify/resend")
@login_required
@limiter.limit("3/minute;10/day", key_func=lambda: f"resend:{current_user.get_id()}")
def resend_verification():
    if ActionForm().validate_on_submit() and not current_user.is_verified:
        send_verification(current_user)
        flash(CHECK_MAIL, "info")
    return redirect(url_for("auth.account"))


@bp.route("/password/forgot", methods=["GET", "POST"])
@limited("5/minute;30/hour", "3/15 minutes;10/day")
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        return render_template("auth/check_email.html", message=RESET_SENT)
    return render_template("auth/forgot_password.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@limited("10/minute;50/hour")
def reset_password(token: str):
    user = services.user_for_reset_token(token)
    if user is None:
        return render_template("auth/link_invalid.html", what="password reset"), 400
    form = ResetPasswordForm()
    if form.validate_on_submit():
        services.set_password(user, form.password.data)
        logout_user()
        session.clear()
        session.regenerate()  # this browser's row may be gone with the user's others
        flash("Your password is changed and every session is logged out. Log in again.", "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form)


@bp.get("/account")
@login_required
def account():
    current = session.sid
    return render_template(
        "auth/account.html",
        profile=ProfileForm(obj=current_user),
        sessions=services.active_sessions(current_user, current),
    )


@bp.post("/account/profile")
@login_required
def update_profile():
    form = ProfileForm()
    if form.validate_on_submit():
        services.update_profile(
            services.get_user(current_user.id), form.display_name.data, form.timezone.data
        )
        flash("Profile saved.", "success")
        return redirect(url_for("auth.account"))
    current = session.sid
    return render_template(
        "auth/account.html",
        profile=form,
        sessions=services.active_sessions(current_user, current),
    ), 400


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
@limiter.limit("10/minute", methods=["POST"])
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not services.authenticate(current_user.email, form.current_password.data):
            form.current_password.errors.append("That is not your current password.")
        else:
            session.regenerate()  # this browser stays in, on a new id; every other session ends
            services.set_password(services.get_user(current_user.id), form.password.data)
            flash("Password changed. Every other session has been logged out.", "success")
            return redirect(url_for("auth.account"))
    return render_template("auth/change_password.html", form=form)


@bp.post("/account/sessions/<session_id>/end")
@login_required
def end_session(session_id: str):
    if not ActionForm().validate_on_submit():
        abort(400)
    if session.sid is not None and session_id == session.sid:
        logout_user()
        session.clear()
        return redirect(url_for("catalog.home"))
    if not services.end_session(current_user, session_id):
        abort(404)
    flash("That session has been logged out.", "success")
    return redirect(url_for("auth.account"))


@bp.route("/account/delete", methods=["GET", "POST"])
@login_required
@limiter.limit("10/minute", methods=["POST"])
def delete_account():
    """Delete the account after the password confirms it; the last admin cannot."""
    form = DeleteAccountForm()
    user = services.get_user(current_user.id)
    blocked = services.is_last_admin(user)
    owned = sole_owner_of(user.id)
    if form.validate_on_submit() and not blocked and not owned:
        if not services.authenticate(user.email, form.password.data):
            form.password.errors.append("That is not your password.")
        else:
            services.delete_account(user)
            logout_user()
            session.clear()
            session.regenerate()  # the old row went with the user: flash in a new one
            flash("Your account and everything recorded about you have been deleted.", "success")
            return redirect(url_for("catalog.home"))
    status = 400 if request.method == "POST" else 200
    return render_template(
        "auth/delete_account.html", form=form, blocked=blocked, owned=owned
    ), status
