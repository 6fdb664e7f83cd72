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

    from app.auth import bp as auth_bp
    from app.catalog import bp as catalog_bp
    from app.errors import bp as errors_bp
    from app.health import bp as health_bp
    from app.progress import bp as progress_bp
    from app.quizzes import bp as quizzes_bp
    from app.scenarios import bp as scenarios_bp

    for blueprint in (
        errors_bp,
        auth_bp,
        catalog_bp,
        progress_bp,
        quizzes_bp,
        scenarios_bp,
        health_bp,
    ):
        app.register_blueprint(blueprint)

    from app.cli import register_cli

    register_cli(app)
    return app
