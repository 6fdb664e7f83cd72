"""Scenario attempts: start, resume, restart, take a step, keep best and latest.

Steps go through ``engine`` (which refuses anything not allowed) and the state is
saved after each one. The attempt records the scenario version it started on;
content edits reach new attempts only.
"""

from __future__ import annotations

from sqlalchemy import select

from app.cohorts import results as cohort_results
from app.extensions import db
from app.models import Course, Lesson, Scenario, ScenarioAttempt
from app.models._types import utcnow
from app.progress import tracking
from app.scenarios import engine


def find_scenario(course_slug: str, slug: str) -> tuple[Course, Scenario] | None:
    row = db.session.execute(
        select(Course, Scenario)
        .join(Scenario, Scenario.course_id == Course.id)
        .where(
            Course.slug == course_slug,
            Scenario.slug == slug,
            Scenario.retired_at.is_(None),
            Course.retired_at.is_(None),
        )
    ).first()
    return (row[0], row[1]) if row else None


def course_scenarios(course_id: str) -> list[Scenario]:
    return list(
        db.session.scalars(
            select(Scenario)
            .where(Scenario.course_id == course_id, Scenario.retired_at.is_(None))
            .order_by(Scenario.title)
        )
    )


def current_attempt(user_id: int, scenario_id: str) -> ScenarioAttempt | None:
    """The learner's unfinished attempt at this scenario, if any."""
    return db.session.scalar(
        select(ScenarioAttempt)
        .where(
            ScenarioAttempt.user_id == user_id,
            ScenarioAttempt.scenario_id == scenario_id,
            ScenarioAttempt.finished_at.is_(None),
        )
        .order_by(ScenarioAttempt.id.desc())
        .limit(1)
    )


def start(user_id: int, scenario: Scenario, restart: bool = False) -> ScenarioAttempt:
    """Resume the unfinished attempt, or (``restart``, or none open) begin a new one."""
    attempt = current_attempt(user_id, scenario.id)
    if attempt is not None and not restart:
        return attempt
    if attempt is not None:
        attempt.finished_at = utcnow()  # abandoned: kept, never scored
    attempt = ScenarioAttempt(
        user_id=user_id,
        scenario_id=scenario.id,
        scenario_version=scenario.version,
        state=engine.initial_state(scenario.data),
    )
    db.session.add(attempt)
    tracking.record_scenario_started(user_id, scenario, utcnow())
    cohort_results.touch(user_id, "scenario", scenario.id, utcnow())
    db.session.commit()
    return attempt


def get_attempt(user_id: int, attempt_id: int) -> tuple[ScenarioAttempt, Scenario] | None:
    """The attempt and its scenario, if the attempt is this learner's."""
    attempt = db.session.get(ScenarioAttempt, attempt_id)
    if attempt is None or attempt.user_id != user_id:
        return None
    return attempt, db.session.get(Scenario, attempt.scenario_id)


def _save(attempt: ScenarioAttempt, scenario: Scenario, state: dict) -> None:
    now = utcnow()
    attempt.state, attempt.steps = state, attempt.steps + 1
    if state["ended"]:
        attempt.finished_at = now
        attempt.points = engine.score(scenario.data, state)
        attempt.total = round(sum(attempt.points.values()), 2)
        tracking.record_scenario_finished(attempt, scenario, engine.max_points(scenario.data), now)
        cohort_results.touch(attempt.user_id, "scenario", scenario.id, now)
    db.session.commit()


def choose(attempt: ScenarioAttempt, scenario: Scenario, stage_id: str, choice_id: str) -> None:
    """Take a choice; ``stage_id`` is the stage the page showed, so a stale or edited
    form cannot act on another stage. The choice's tags earn mastery by its quality."""
    if stage_id != attempt.state["stage"]:
        raise engine.StepRefused("That page is out of date: this attempt has moved on.")
    state = engine.choose(scenario.data, attempt.state, choice_id)
    choice = next(
        c for c in engine.stage_by_id(scenario.data, stage_id)["choices"] if c["id"] == choice_id
    )
    if choice.get("tags"):
        quality = engine.choice_quality(scenario.data, stage_id, choice)
        tracking.record_decision(attempt.user_id, choice["tags"], quality, utcnow())
    _save(attempt, scenario, state)


def plan(
    attempt: ScenarioAttempt,
    scenario: Scenario,
    stage_id: str,
    order: list[str],
    marked: dict[str, set[str]],
    window_id: str,
) -> None:
    if stage_id != attempt.state["stage"]:
        raise engine.StepRefused("That page is out of date: this attempt has moved on.")
    state, _result = engine.submit_plan(scenario.data, attempt.state, order, marked, window_id)
    _save(attempt, scenario, state)


def lesson_links(scenario: Scenario) -> dict[str, tuple[str, str]]:
    """lesson id → (URL, title) for the lessons the scenario's choices point at."""
    ids = {
        choice["lesson"]
        for stage in scenario.data["stages"]
        for choice in stage.get("choices") or []
        if choice.get("lesson")
    }
    rows = db.session.execute(
        select(Lesson.id, Lesson.slug, Lesson.title, Course.slug)
        .join(Course, Course.id == Lesson.course_id)
        .where(Lesson.id.in_(ids), Lesson.retired_at.is_(None))
    )
    return {lid: (f"/courses/{course}/{slug}", title) for lid, slug, title, course in rows}


def results(
    user_id: int, scenario_id: str
) -> tuple[ScenarioAttempt | None, ScenarioAttempt | None]:
    """(best, latest) finished and scored attempts, for progress."""
    scored = list(
        db.session.scalars(
            select(ScenarioAttempt)
            .where(
                ScenarioAttempt.user_id == user_id,
                ScenarioAttempt.scenario_id == scenario_id,
                ScenarioAttempt.total.is_not(None),
            )
            .order_by(ScenarioAttempt.id)
        )
    )
    if not scored:
        return None, None
    return max(scored, key=lambda a: (a.total, a.id)), scored[-1]
