"""Application factory: config → extensions → blueprints → CLI."""

from __future__ import annotations

import logging

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from app.config import load_config
from app.extensions import csrf, db, limiter, login_manager, migrate


def create_app(config: dict | None = None) -> Flask:
    """Build the app; ``config`` overrides what the environment gives (tests use it)."""
    app = Flask(__name__, instance_relative_config=False)
    app.config.update(load_config())
    if config:
        app.config.update(config)
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError("SECRET_KEY is not set (make run writes one to instance/secret_key)")
    if not app.config.get("PUBLIC_BASE_URL"):
        raise RuntimeError("PUBLIC_BASE_URL is not set: links in mail are built from it")
    logging.basicConfig(level=logging.INFO)

    if app.config["TRUSTED_PROXIES"]:
        n = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=0)

    from app import database, security, templating
    from app.auth.sessions import ServerSessionInterface

    db.init_app(app)
    database.configure_engine(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/../migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    # We use only per-view limits, which their decorators check; the limiter's global
    # before_request hook would only re-evaluate nothing on every request.
    hooks = app.before_request_funcs.get(None, [])
    if limiter._check_request_limit in hooks:
        hooks.remove(limiter._check_request_limit)
    login_manager.init_app(app)
    app.session_interface = ServerSessionInterface()
    security.init_app(app)
    templating.init_app(app)

    # Importing the route modules here (not from the packages' __init__) attaches the
    # views to each blueprint without import cycles between feature packages.
    from app import errors, health
    from app.admin import routes as admin_routes
    from app.auth import loader  # noqa: F401  (Flask-Login's user loader)
    from app.auth import routes as auth_routes
    from app.catalog import routes as catalog_routes
    from app.cohorts import (
        assignment_routes,  # noqa: F401
        calendar_routes,  # noqa: F401
        people_routes,  # noqa: F401
        practice_routes,  # noqa: F401
        record_routes,  # noqa: F401
        report_routes,  # noqa: F401
    )
    from app.cohorts import routes as cohort_routes
    from app.progress import (
        certificate_routes,  # noqa: F401
        data_routes,  # noqa: F401
        review_routes,  # noqa: F401
    )
    from app.progress import routes as progress_routes
    from app.quizzes import exam_routes  # noqa: F401
    from app.quizzes import routes as quiz_routes
    from app.scenarios import routes as scenario_routes

    for blueprint in (
        errors.bp,
        auth_routes.bp,
        catalog_routes.bp,
        progress_routes.bp,
        quiz_routes.bp,
        scenario_routes.bp,
        cohort_routes.bp,
        admin_routes.bp,
        health.bp,
    ):
        app.register_blueprint(blueprint)

    from app.cli import register_cli

    register_cli(app)
    return app
