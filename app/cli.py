"""``flask`` commands: content check/load, users, sessions."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from app.content import quality
from app.content.loader import load_content
from app.content.problems import ContentError
from app.content.tree import read_content
from app.extensions import db

content_cli = AppGroup("content", help="Check and load the curriculum in content/.")
users_cli = AppGroup("users", help="Manage accounts.")
sessions_cli = AppGroup("sessions", help="Server-side sessions.")
exams_cli = AppGroup("exams", help="Mock exams.")
attempts_cli = AppGroup("attempts", help="Finished exam attempts.")
xapi_cli = AppGroup("xapi", help="Learning records (xAPI statements).")
cohorts_cli = AppGroup("cohorts", help="Team training cohorts.")
dev_cli = AppGroup("dev", help="Development and benchmark helpers.")


@content_cli.command("check")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Exit 1 on quality warnings too.")
def content_check(path: Path | None, strict: bool):
    """Validate content; print path:line: message per problem, exit 1 if any. Then
    the quality review's warnings (near-identical stems, tell-tale answer lengths...)."""
    tree = read_content(path or current_app.config["CONTENT_DIR"])
    for problem in tree.problems:
        click.echo(str(problem))
    if tree.problems:
        click.echo(f"{len(tree.problems)} problem(s) found.", err=True)
        sys.exit(1)
    warnings = quality.review(tree)
    for warning in warnings:
        click.echo(f"{warning.path}:{warning.line}: warning: {warning.message}")
    counts = ", ".join(f"{n} {what}" for what, n in tree.counts().items())
    click.echo(f"content OK: {counts}; {len(warnings)} warning(s)")
    if strict and warnings:
        sys.exit(1)


@content_cli.command("load")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Read and load even if nothing changed.")
def content_load(path: Path | None, force: bool):
    """Check, then load content into the database in one transaction."""
    try:
        report = load_content(db.session, path or current_app.config["CONTENT_DIR"], force)
    except ContentError as exc:
        for problem in exc.problems:
            click.echo(str(problem))
        click.echo("content not loaded: fix the problems above first.", err=True)
        sys.exit(1)
    click.echo(str(report))


@content_cli.command("import-gift")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--bank",
    "bank",
    required=True,
    type=click.Path(path_type=Path),
    help="The new bank file to write, e.g. content/<course>/questions/moodle.yaml",
)
@click.option("--lesson", required=True, help="Lesson id the imported questions check")
@click.option("--tags", required=True, help="Comma-separated syllabus tag ids")
@click.option("--difficulty", default=2, type=click.IntRange(1, 3), show_default=True)
@click.option(
    "--pool", default="practice", show_default=True, help="practice, exam, or practice,exam"
)
def content_import_gift(source, bank, lesson, tags, difficulty, pool):
    """Convert a Moodle GIFT file into a new question bank (never overwrites one)."""
    from app.content.gift_io import import_gift

    try:
        written, skipped = import_gift(
            source, bank, lesson, tags.split(","), difficulty, pool.split(",")
        )
    except FileExistsError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    for item in skipped:
        click.echo(f"{source}:{item.line}: skipped: {item.reason}")
    click.echo(f"imported {written} question(s) into {bank}; skipped {len(skipped)}")


@content_cli.command("export-gift")
@click.argument("bank", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def content_export_gift(bank: Path):
    """Write a question bank as Moodle GIFT on standard output."""
    from app.content.gift_io import export_gift

    text, skipped = export_gift(bank)
    click.echo(text, nl=False)
    for item in skipped:
        click.echo(f"{bank}: question {item.line} not exported: {item.reason}", err=True)


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


@users_cli.command("allowance")
@click.argument("email")
@click.argument("percent", type=click.IntRange(0, 200))
def users_allowance(email: str, percent: int):
    """Give a learner extra exam time, in percent (e.g. 25 for a second language)."""
    from app.auth import services

    user = services.find_user(email)
    if user is None:
        click.echo(f"no account with address {email}", err=True)
        sys.exit(1)
    user.time_allowance = percent
    db.session.commit()
    click.echo(f"{user.email}: exam time allowance {percent}%")


@users_cli.command("create")
@click.option("--email", required=True, help="The address to log in with")
@click.option("--role", required=True, help="learner, instructor or admin")
@click.option("--password", help="Asked for (twice, hidden) when not given")
@click.option("--name", help="Display name; the address's local part when not given")
def users_create(email: str, role: str, password: str | None, name: str | None):
    """Create a verified account with a role (the password rules are registration's)."""
    from app.admin import services

    problem = services.new_account_problem(email, role)
    if problem:  # before asking for a password that would be thrown away
        click.echo(problem, err=True)
        sys.exit(1)
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = services.create_user(None, email, role, password, name)
    except services.Refused as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    click.echo(f"created {user.email} ({user.role}), e-mail confirmed")


@users_cli.command("set-role")
@click.argument("email")
@click.argument("role")
def users_set_role(email: str, role: str):
    """Give an account the role learner, instructor or admin."""
    from app.admin import services
    from app.auth.services import find_user

    user = find_user(email)
    if user is None:
        click.echo(f"no account with address {email}", err=True)
        sys.exit(1)
    try:
        changed = services.set_role(None, user, role)
    except services.Refused as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    click.echo(f"{user.email}: role {user.role}" + ("" if changed else " (unchanged)"))


@exams_cli.command("finalize-expired")
def exams_finalize_expired():
    """Mark every open attempt past its deadline (for a scheduler, e.g. every minute)."""
    from app.quizzes.exams import finalize_expired

    click.echo(f"finalized {finalize_expired()} expired attempt(s)")


@attempts_cli.command("regrade")
@click.argument("exam_id")
def attempts_regrade(exam_id: str):
    """Re-score an exam's finished attempts after an author fixed a wrong key."""
    from app.models import Quiz
    from app.quizzes.exams import regrade

    quiz = db.session.get(Quiz, exam_id)
    if quiz is None or quiz.kind != "exam":
        click.echo(f"no exam with id {exam_id}", err=True)
        sys.exit(1)
    changes = regrade(exam_id)
    for c in changes:
        verdict = (
            ""
            if c.old_passed == c.new_passed
            else (", now passed" if c.new_passed else ", now failed")
        )
        click.echo(
            f"attempt {c.attempt_id} (user {c.user_id}): {c.old_score} -> {c.new_score}{verdict}"
        )
    click.echo(f"{len(changes)} attempt(s) changed")


@sessions_cli.command("purge")
def sessions_purge():
    """Delete expired sessions (for a scheduler, e.g. hourly)."""
    from app.auth import services

    click.echo(f"deleted {services.purge_expired_sessions()} expired session(s)")


@xapi_cli.command("push")
def xapi_push():
    """Send queued statements to LRS_ENDPOINT (for a scheduler, e.g. every few minutes).
    Exits 1 when a batch failed; it stays queued and is retried later."""
    from app.progress.xapi_push import Lrs, push

    config = current_app.config
    if not config["LRS_ENDPOINT"]:
        click.echo("LRS_ENDPOINT is not set: nothing to push to", err=True)
        sys.exit(1)
    try:
        lrs = Lrs(config["LRS_ENDPOINT"], config["LRS_USERNAME"], config["LRS_PASSWORD"])
    except ValueError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    result = push(lrs, config["PUBLIC_BASE_URL"])
    click.echo(f"sent {result.sent} statement(s)")
    if result.failed:
        click.echo(f"{result.failed} statement(s) not sent, will retry: {result.error}", err=True)
        sys.exit(1)


@cohorts_cli.command("send-reminders")
def cohorts_send_reminders():
    """Mail learners once about work due within REMINDER_HOURS (for a scheduler, e.g.
    hourly; safe to run on several hosts at once). Exits 1 if a mail failed; it is
    retried on the next run."""
    from app.cohorts.reminders import send_reminders
    from app.models._types import utcnow

    outcome = send_reminders(utcnow(), current_app.config["REMINDER_HOURS"])
    click.echo(f"sent {outcome.sent} reminder(s)")
    if outcome.failed:
        click.echo(f"{outcome.failed} reminder(s) not sent, will retry", err=True)
        sys.exit(1)


@cohorts_cli.command("refresh-results")
def cohorts_refresh_results():
    """Recompute every learner's stored result on every assignment (after a content
    change moved lessons between modules, say). Safe to run at any time."""
    from app.cohorts.results import refresh_all
    from app.models._types import utcnow

    click.echo(f"refreshed the results of {refresh_all(utcnow())} cohort(s)")


@dev_cli.command("seed")
@click.option("--learners", default=1000, show_default=True, type=click.IntRange(1, 100_000))
@click.option("--assignments", default=30, show_default=True, type=click.IntRange(1, 500))
@click.option("--password", default=None, help="for every seeded account (else prompted)")
def dev_seed(learners: int, assignments: int, password: str | None):
    """Seed a cohort of LEARNERS with ASSIGNMENTS and realistic work (an empty database only)."""
    from app.cohorts.seed import INSTRUCTOR, SeedRefused, seed
    from app.models._types import utcnow

    if password is None:
        password = click.prompt("Password for the seeded accounts", hide_input=True)
    try:
        cohort, count = seed(learners, assignments, password, utcnow())
    except SeedRefused as exc:
        click.echo(f"not seeded: {exc}", err=True)
        sys.exit(1)
    click.echo(f"cohort {cohort.id}: {count} learners; sign in as {INSTRUCTOR}")


def register_cli(app: Flask) -> None:
    for group in (
        content_cli,
        users_cli,
        sessions_cli,
        exams_cli,
        attempts_cli,
        xapi_cli,
        cohorts_cli,
        dev_cli,
    ):
        app.cli.add_command(group)
