"""Admin forms. The role form's CSRF token is checked by CSRFProtect before the view
runs (the disable and enable buttons carry only that token); the search is a GET."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SearchField, SelectChoice, SelectField

from app.admin.services import ROLES


class SearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET that changes nothing

    q = SearchField("E-mail or name contains", render_kw={"maxlength": 200})


class RoleForm(FlaskForm):
    # The service checks the role (one place for the rule, shared with the CLI).
    role = SelectField(
        "Role", choices=[SelectChoice(role) for role in ROLES], validate_choice=False
    )
