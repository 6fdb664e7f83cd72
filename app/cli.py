"""``flask`` commands: content check/load, users, sessions."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from app.content.loader import load_tree
from app.content.problems import ContentError
from app.content.tree import read_content
from app.extensions import db

content_cli = AppGroup("content", help="Check and load the curriculum in content/.")
users_cli = AppGroup("users", help="Manage accounts.")
sessions_cli = AppGroup("sessions", help="Server-side sessions.")


@content_cli.command("check")
@click.argument("path", required=False, type=click.Path(path_type=Path))
def content_check(path: Path | None):
    """Validate content; print path:line: message per problem, exit 1 if any."""
    tree = read_content(path or current_app.config["CONTENT_DIR"])
    for problem in tree.problems:
        click.echo(str(problem))
    if tree.problems:
        click.echo(f"{len(tree.problems)} problem(s) found.", err=True)
        sys.exit(1)
    counts = ", ".join(f"{n} {what}" for what, n in tree.counts().items())
    click.echo(f"content OK: {counts}")


@content_cli.command("load")
@click.argument("path", required=False, type=click.Path(path_type=Path))
def content_load(path: Path | None):
    """Check, then load content into the database in one transaction."""
    tree = read_content(path or current_app.config["CONTENT_DIR"])
    try:
        report = load_tree(db.session, tree)
        db.session.commit()
    except ContentError as exc:
        db.session.rollback()
        for problem in exc.problems:
            click.echo(str(problem))
        click.echo("content not loaded: fix the problems above first.", err=True)
        sys.exit(1)
    click.echo(str(report))


@users_cli.command("disable")
@click.argument("email")
def users_disable(email: str):
    """Disable an account and end all of its sessions."""
    from app.auth import services

    user = services.find_user(email)
    if user is None:
        click.echo(f"no account with address {email}", err=True)
        sys.exit(1)
    services.disable_user(user)
    click.echo(f"disabled {user.email}; all of its sessions are ended")


@sessions_cli.command("purge")
def sessions_purge():
    """Delete expired sessions (for a scheduler, e.g. hourly)."""
    from app.auth import services

    click.echo(f"deleted {services.purge_expired_sessions()} expired session(s)")


def register_cli(app: Flask) -> None:
    for group in (content_cli, users_cli, sessions_cli):
        app.cli.add_command(group)
