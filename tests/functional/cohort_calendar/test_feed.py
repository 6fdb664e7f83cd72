"""The learner's iCalendar feed of due dates (``/calendar/<token>.ics``), behind a
secret address the learner creates, resets and revokes on the account page."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC

from icalendar import Calendar
from sqlalchemy import select

from app.cohorts import calendar, services
from app.extensions import db
from app.models import Cohort, User
from tests.conftest import PUBLIC_BASE_URL, AuthActions, csrf_token
from tests.functional.cohort_calendar.helpers import (
    DUE,
    NOW,
    SCOPE,
    SCOPE_PATH,
    WHY_PATH,
    assign,
    enrol,
    extend,
    hours,
    make_cohort,
)

HOST = "learn.example.test"
FEED_URL = re.compile(re.escape(PUBLIC_BASE_URL) + r"(/calendar/[A-Za-z0-9_-]+\.ics)")


def token_for(ctx, user_id: int) -> str:
    with ctx():
        return calendar.create_or_reset_token(db.session.get(User, user_id))


def events(client, token: str) -> dict[str, dict]:
    """The feed's events by UID, each as its decoded properties."""
    response = client.get(f"/calendar/{token}.ics")
    assert response.status_code == 200
    parsed = Calendar.from_ical(response.data)
    return {
        str(e["UID"]): {
            "start": e.decoded("DTSTART"),
            "summary": str(e["SUMMARY"]),
            "description": str(e["DESCRIPTION"]),
            "url": str(e["URL"]),
        }
        for e in parsed.walk("VEVENT")
    }


def sign_in(app, email: str):
    client = app.test_client()
    assert AuthActions(client).login(email=email).status_code == 302
    return client


def test_the_feed_has_one_event_per_assignment_at_the_learners_due_date(client, ctx, team):
    with ctx():
        why = assign(team.cohort_id, DUE)
        scope = assign(
            team.cohort_id, DUE + hours(24), item_id=SCOPE, title="Scope and stakeholders"
        )
        extend(scope, team.ann, DUE + hours(100))
    found = events(client, token_for(ctx, team.ann))
    assert set(found) == {f"assignment-{why}@{HOST}", f"assignment-{scope}@{HOST}"}
    first, second = found[f"assignment-{why}@{HOST}"], found[f"assignment-{scope}@{HOST}"]
    assert first["start"] == DUE and first["start"].utcoffset().total_seconds() == 0
    assert second["start"] == DUE + hours(100)  # Ann's extension
    assert first["summary"] == "Why IT work is project work due"
    assert first["url"] == PUBLIC_BASE_URL + WHY_PATH
    assert second["url"] == PUBLIC_BASE_URL + SCOPE_PATH
    assert "Patch team" in first["description"]
    assert PUBLIC_BASE_URL + WHY_PATH in first["description"]


def test_the_feed_is_served_as_an_uncached_calendar(client, ctx, team):
    with ctx():
        assign(team.cohort_id, DUE)
    response = client.get(f"/calendar/{token_for(ctx, team.ann)}.ics")
    assert response.mimetype == "text/calendar"
    assert response.headers["Cache-Control"] == "no-store"
    parsed = Calendar.from_ical(response.data)
    assert str(parsed["VERSION"]) == "2.0" and parsed["PRODID"]


def test_the_uid_stays_the_same_when_the_due_date_moves(client, ctx, team):
    with ctx():
        why = assign(team.cohort_id, DUE)
    token = token_for(ctx, team.ann)
    before = events(client, token)
    with ctx():
        extend(why, team.ann, DUE + hours(24))
    after = events(client, token)
    assert set(before) == set(after) == {f"assignment-{why}@{HOST}"}
    assert after[f"assignment-{why}@{HOST}"]["start"] == DUE + hours(24)


def test_the_feed_shows_no_other_learners_work_or_dates(client, ctx, team):
    with ctx():
        shared = assign(team.cohort_id, DUE)
        extend(shared, team.bob, DUE + hours(48))
        elsewhere = make_cohort("Firewall team")
        enrol(elsewhere, team.bob)
        bobs_only = assign(elsewhere, DUE)
    found = events(client, token_for(ctx, team.ann))
    assert set(found) == {f"assignment-{shared}@{HOST}"}
    assert found[f"assignment-{shared}@{HOST}"]["start"] == DUE
    assert f"assignment-{bobs_only}@{HOST}" in events(client, token_for(ctx, team.bob))


def test_a_removed_learners_cohort_vanishes_from_the_feed(client, ctx, team):
    with ctx():
        assign(team.cohort_id, DUE)
    token = token_for(ctx, team.ann)
    assert len(events(client, token)) == 1
    with ctx():
        services.remove_member(db.session.get(Cohort, team.cohort_id), team.ann)
    assert events(client, token) == {}


def test_an_archived_cohort_and_unopened_work_are_left_out(client, ctx, team):
    with ctx():
        assign(team.cohort_id, NOW.replace(year=2099), open_at=NOW.replace(year=2098))
        archived = make_cohort("Old team", archived_at=NOW)
        enrol(archived, team.ann)
        assign(archived, DUE)
    assert events(client, token_for(ctx, team.ann)) == {}


def test_only_the_tokens_hash_is_stored(ctx, team):
    token = token_for(ctx, team.ann)
    with ctx():
        stored = db.session.scalar(select(User.calendar_token_hash).where(User.id == team.ann))
    assert stored == hashlib.sha256(token.encode()).hexdigest()
    assert token not in stored


def test_a_reset_makes_the_old_address_stop_working(client, ctx, team):
    old = token_for(ctx, team.ann)
    new = token_for(ctx, team.ann)
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    assert client.get(f"/calendar/{new}.ics").status_code == 200


def test_a_revoked_or_unknown_address_is_not_found(client, ctx, team):
    token = token_for(ctx, team.ann)
    with ctx():
        calendar.revoke(db.session.get(User, team.ann))
    assert client.get(f"/calendar/{token}.ics").status_code == 404
    assert client.get("/calendar/made-up-token.ics").status_code == 404


def test_a_disabled_accounts_feed_is_not_found(client, ctx, team):
    token = token_for(ctx, team.ann)
    with ctx():
        db.session.get(User, team.ann).disabled_at = NOW
        db.session.commit()
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_the_account_page_shows_a_new_address_once_and_it_works(app, ctx, team):
    with ctx():
        why = assign(team.cohort_id, DUE)
    ann = sign_in(app, "ann@example.com")
    assert "Create my feed address" in ann.get("/account").get_data(as_text=True)
    response = ann.post("/account/calendar", data={"csrf_token": csrf_token(ann, "/account")})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    path = FEED_URL.search(response.get_data(as_text=True)).group(1)
    assert f"assignment-{why}@{HOST}" in events(app.test_client(), path[10:-4])
    page = ann.get("/account").get_data(as_text=True)
    assert not FEED_URL.search(page)  # shown once: only its hash is kept
    assert "Get a new address" in page and "Turn the feed off" in page


def test_turning_the_feed_off_on_the_account_page_ends_the_address(app, ctx, team):
    token = token_for(ctx, team.ann)
    ann = sign_in(app, "ann@example.com")
    response = ann.post(
        "/account/calendar/revoke", data={"csrf_token": csrf_token(ann, "/account")}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/account#calendar"
    assert app.test_client().get(f"/calendar/{token}.ics").status_code == 404
    assert "Create my feed address" in ann.get("/account").get_data(as_text=True)


def test_anonymous_visitors_cannot_create_a_feed(client):
    response = client.post("/account/calendar", data={"csrf_token": csrf_token(client)})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_the_events_are_in_utc(client, ctx, team):
    with ctx():
        assign(team.cohort_id, DUE)
    (event,) = events(client, token_for(ctx, team.ann)).values()
    assert event["start"].tzinfo is not None
    assert event["start"].astimezone(UTC) == DUE
