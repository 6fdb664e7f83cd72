"""Who gets what, for every route in ``app.url_map``, as six people.

The matrix below names each route (method and endpoint), a path built from the
scene's ids (A's run, attempt, card, cohort record...: someone else's for everyone
but A and, for the cohort's pages, its staff), and the answer each persona gets.
A new route fails ``test_every_route_is_in_the_matrix`` until it has a row here.

Answers: ``OK`` (200), ``LOGIN`` (302 to the login page, back here after), a
``Redirect`` elsewhere (allowed: the view did its work), ``BAD`` (400: the access
check let the request through and the empty or invalid form was refused),
``FORBIDDEN`` (403: signed in, but not an admin or not staff), ``NOT_FOUND`` (404:
the object is not yours to see, and as good as unknown). POSTs carry a valid CSRF
token and an empty form unless the row gives data.

The rules this encodes: a learner never sees another learner's run, attempt, card
or record; an instructor of another cohort finds nothing of this one; the cohort's
instructor sees its pages and its learner's record in it, but not the learner's
own practice runs, exam attempts or review cards; admin pages are 403 to signed-in
non-admins; public pages (catalog, invitation, certificate, calendar feed, health)
answer everyone alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from urllib.parse import parse_qs

import pytest
from sqlalchemy import select

from app.errors import CSRF_MESSAGE
from app.extensions import db
from app.models import CohortMember, CohortStaff
from tests.functional.access.conftest import (
    ADMIN,
    ANONYMOUS,
    INSTRUCTOR,
    LEARNER_A,
    LEARNER_B,
    OTHER_INSTRUCTOR,
    PERSONAS,
)
from tests.functional.core.samples import CHECK, COURSE, EXAM, LESSON, SCENARIO

OK, BAD, FORBIDDEN, NOT_FOUND = 200, 400, 403, 404


@dataclass(frozen=True)
class Redirect:
    """A 302 to ``to``: a template on the scene's ids, ``*`` standing for the id of
    something the request made (a new run or attempt)."""

    to: str


LOGIN = Redirect("/login?next=*")  # and ``next`` is the requested path


@dataclass(frozen=True)
class Case:
    method: str
    endpoint: str
    path: str  # a template on the scene's ids
    expect: dict[str, int | Redirect]  # persona: answer
    why: str = ""
    data: dict = field(default_factory=dict)
    label: str = ""  # tells apart extra cases of one route

    @property
    def key(self) -> str:
        return ":".join(filter(None, (self.method, self.endpoint, self.label)))


def case(method, endpoint, path, answers, why="", data=None, label="") -> Case:
    """A row of the matrix: ``answers`` in the order of ``PERSONAS``."""
    expect = dict(zip(PERSONAS, answers, strict=True))
    return Case(method, endpoint, path, expect, why, data or {}, label)


def everyone(answer) -> tuple:
    return (answer,) * len(PERSONAS)


def signed_in(answer, anonymous=LOGIN) -> tuple:
    """Any account gets ``answer``; the anonymous are sent to log in."""
    return (anonymous,) + (answer,) * (len(PERSONAS) - 1)


def a_only(answer) -> tuple:
    """Learner A's own object: A gets ``answer``, anyone else signed in a 404."""
    return (LOGIN, answer) + (NOT_FOUND,) * 4


def staff_only(answer) -> tuple:
    """The cohort's management: its instructor and an admin get ``answer``."""
    return (LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, answer, answer)


NOBODY = (LOGIN,) + (NOT_FOUND,) * (len(PERSONAS) - 1)  # the anonymous still log in first


def admins_only(answer) -> tuple:
    return (LOGIN,) + (FORBIDDEN,) * 4 + (answer,)


COHORT = "/cohorts/{cohort}"
TO_COHORT = Redirect(COHORT)
TO_SETTINGS = Redirect(COHORT + "/settings")
TO_RECORD_OF_A = Redirect(COHORT + "/learners/{a}")
TO_RUN = Redirect("/practice/runs/*/1")
TO_DASHBOARD = Redirect("/progress")
STAFF_ONLY = "the cohort's instructor and admins; anyone else finds nothing (404)"
EMPTY_FORM = "allowed through: the empty form is refused (400)"
A_ONLY = "learner A's own; anyone else, the cohort's instructor too, finds nothing (404)"

# Columns:          anonymous, learner_a, learner_b, other_instructor, instructor, admin
MATRIX: list[Case] = [
    # Public pages: the same answer for everyone.
    case("GET", "static", "/static/css/site.css", everyone(OK)),
    case("GET", "catalog.home", "/", everyone(OK)),
    case("GET", "catalog.course", COURSE, everyone(OK)),
    case("GET", "catalog.lesson", LESSON, everyone(OK)),
    case("GET", "catalog.search", "/search?q=firewall", everyone(OK)),
    case(
        "GET",
        "catalog.media",
        "/media/course-pm-it/images/none.png",
        everyone(NOT_FOUND),
        "the course ships no media files: a missing one is 404 to everyone alike",
    ),
    case("GET", "health.healthz", "/healthz", everyone(OK)),
    case("GET", "quizzes.quiz", CHECK, everyone(OK)),
    case("GET", "quizzes.exam", EXAM, everyone(OK)),
    case("GET", "scenarios.scenario", SCENARIO, everyone(OK)),
    case(
        "GET",
        "progress.certificate",
        "/certificates/{certificate}",
        everyone(OK),
        "A's certificate: public, so an employer can verify it",
    ),
    case(
        "GET",
        "cohorts.calendar_feed",
        "/calendar/{calendar}.ics",
        everyone(OK),
        "A's feed: the secret address is the credential (calendar apps cannot log in)",
    ),
    case(
        "GET",
        "cohorts.join",
        "/join/{invite_token}",
        (OK, TO_COHORT, OK, OK, OK, OK),
        "the invitation page is public; A, already a member, is sent to the cohort",
    ),
    case(
        "POST",
        "cohorts.join",
        "/join/{invite_token}",
        (LOGIN, TO_COHORT, TO_COHORT, TO_COHORT, TO_COHORT, TO_COHORT),
        "joining needs an account; anyone holding the link may join (A is already in)",
    ),
    # Accounts: everyone's own; the mailed links are the credential.
    case("GET", "auth.login", "/login", everyone(OK)),
    case("POST", "auth.login", "/login", everyone(OK), "the empty form again, with errors: 200"),
    case("GET", "auth.register", "/register", signed_in(TO_DASHBOARD, anonymous=OK)),
    case(
        "POST",
        "auth.register",
        "/register",
        signed_in(TO_DASHBOARD, anonymous=OK),
        "the anonymous get the empty form again, with errors (200)",
    ),
    case("POST", "auth.logout", "/logout", everyone(Redirect("/"))),
    case(
        "GET",
        "auth.verify",
        "/verify/{verify_token}",
        signed_in(TO_DASHBOARD, anonymous=Redirect("/login")),
        "A's link only confirms A's address, whoever opens it",
    ),
    case("POST", "auth.resend_verification", "/verify/resend", signed_in(Redirect("/account"))),
    case("GET", "auth.forgot_password", "/password/forgot", everyone(OK)),
    case("POST", "auth.forgot_password", "/password/forgot", everyone(OK), "form again: 200"),
    case(
        "GET",
        "auth.reset_password",
        "/password/reset/{reset_token}",
        everyone(OK),
        "A's mailed reset link is the credential",
    ),
    case(
        "POST",
        "auth.reset_password",
        "/password/reset/{reset_token}",
        everyone(OK),
        "the empty form again, with errors (200); nothing changed",
    ),
    case("GET", "auth.account", "/account", signed_in(OK)),
    case("POST", "auth.update_profile", "/account/profile", signed_in(BAD), EMPTY_FORM),
    case("GET", "auth.change_password", "/account/password", signed_in(OK)),
    case(
        "POST",
        "auth.change_password",
        "/account/password",
        signed_in(OK),
        "allowed through: this view shows the empty form's errors with 200",
    ),
    case(
        "POST",
        "auth.end_session",
        "/account/sessions/{a_session}/end",
        a_only(Redirect("/")),
        "A's own session (A is logged out); another's session id is unknown",
    ),
    case("GET", "auth.delete_account", "/account/delete", signed_in(OK)),
    case("POST", "auth.delete_account", "/account/delete", signed_in(BAD), EMPTY_FORM),
    case("GET", "progress.export_data", "/account/export", signed_in(OK)),
    case(
        "GET",
        "progress.statements",
        "/api/v1/me/statements",
        signed_in(OK, anonymous=401),
        "an API: 401 in JSON rather than a redirect",
    ),
    case(
        "POST",
        "cohorts.calendar_reset",
        "/account/calendar",
        signed_in(OK),
        "the account page showing the new feed address once",
    ),
    case(
        "POST",
        "cohorts.calendar_revoke",
        "/account/calendar/revoke",
        signed_in(Redirect("/account#calendar")),
    ),
    # Progress and review: the signed-in person's own.
    case("GET", "progress.dashboard", "/progress", signed_in(OK)),
    case(
        "POST",
        "progress.complete_lesson",
        "/progress/lessons/pmit-why-projects/complete",
        signed_in(Redirect(LESSON + "#completion")),
    ),
    case(
        "POST",
        "progress.undo_lesson",
        "/progress/lessons/pmit-why-projects/undo",
        signed_in(Redirect(LESSON + "#completion")),
    ),
    case("GET", "progress.review_queue", "/review", signed_in(OK)),
    case(
        "POST",
        "progress.review_card",
        "/review/cards/{card}",
        a_only(Redirect("/review")),
        A_ONLY + "; A's form without the card's version goes back to the queue",
    ),
    case("POST", "progress.set_goal", "/review/goal", signed_in(BAD), EMPTY_FORM),
    # Practice runs.
    case("POST", "quizzes.start", CHECK + "/start", signed_in(TO_RUN)),
    case("GET", "quizzes.question", "/practice/runs/{run}/1", a_only(OK), A_ONLY),
    case(
        "POST",
        "quizzes.answer",
        "/practice/runs/{run}/1",
        a_only(BAD),
        A_ONLY + "; A's empty answer is refused (400)",
    ),
    case("GET", "quizzes.summary", "/practice/runs/{run}/summary", a_only(OK), A_ONLY),
    case("POST", "quizzes.start_topic", "/practice/topics/it-risk/start", signed_in(TO_RUN)),
    # Mock exams: A's attempt is open.
    case(
        "POST",
        "quizzes.start_exam",
        EXAM + "/start",
        (LOGIN, Redirect("/exams/{exam}/q/1")) + (Redirect("/exams/*/q/1"),) * 4,
        "A resumes their open attempt; anyone else starts one of their own",
    ),
    case("GET", "quizzes.exam_question", "/exams/{exam}/q/1", a_only(OK), A_ONLY),
    case(
        "POST",
        "quizzes.save_exam_answer",
        "/exams/{exam}/q/1",
        a_only(Redirect("/exams/{exam}/q/2")),
        A_ONLY + "; A's blank answer is saved as unanswered and A moves on",
    ),
    case("GET", "quizzes.exam_submit", "/exams/{exam}/submit", a_only(OK), A_ONLY),
    case(
        "POST",
        "quizzes.exam_submit",
        "/exams/{exam}/submit",
        a_only(Redirect("/exams/{exam}/result")),
        A_ONLY,
    ),
    case(
        "GET",
        "quizzes.exam_result",
        "/exams/{exam}/result",
        a_only(Redirect("/exams/{exam}/q/1")),
        A_ONLY + "; while open, A is sent back to the questions",
    ),
    # Scenarios: A's attempt is under way.
    case(
        "POST",
        "scenarios.start",
        SCENARIO + "/start",
        (LOGIN, Redirect("/scenarios/attempts/{play}")) + (Redirect("/scenarios/attempts/*"),) * 4,
        "A resumes their attempt; anyone else starts one of their own",
    ),
    case("GET", "scenarios.play", "/scenarios/attempts/{play}", a_only(OK), A_ONLY),
    case(
        "POST",
        "scenarios.choose",
        "/scenarios/attempts/{play}/choose",
        a_only(BAD),
        A_ONLY + "; A's empty choice is refused (400)",
    ),
    case(
        "POST",
        "scenarios.plan",
        "/scenarios/attempts/{play}/plan",
        a_only(BAD),
        A_ONLY + "; A's empty plan is refused (400)",
    ),
    case(
        "GET",
        "scenarios.debrief",
        "/scenarios/attempts/{play}/debrief",
        a_only(Redirect("/scenarios/attempts/{play}")),
        A_ONLY + "; unfinished, so A is sent back to play",
    ),
    # Cohorts.
    case("GET", "cohorts.index", "/cohorts", signed_in(OK)),
    case(
        "POST",
        "cohorts.create",
        "/cohorts",
        (LOGIN, FORBIDDEN, FORBIDDEN, BAD, BAD, BAD),
        "learners may not create cohorts; instructors and admins get the empty form's errors",
    ),
    case(
        "GET",
        "cohorts.cohort",
        COHORT,
        (LOGIN, OK, NOT_FOUND, NOT_FOUND, OK, OK),
        "A, a member, sees the learner's page; staff the progress board; anyone else nothing",
    ),
    # The cohort's other staff pages: not even its learner A sees them.
    case("GET", "cohorts.assignments_page", COHORT + "/assignments", staff_only(OK), STAFF_ONLY),
    case("GET", "cohorts.areas_page", COHORT + "/areas", staff_only(OK), STAFF_ONLY),
    case("GET", "cohorts.people_page", COHORT + "/people", staff_only(OK), STAFF_ONLY),
    case("GET", "cohorts.settings_page", COHORT + "/settings", staff_only(OK), STAFF_ONLY),
    case("POST", "cohorts.settings", COHORT + "/settings", staff_only(BAD), STAFF_ONLY),
    case(
        "POST",
        "cohorts.archive",
        COHORT + "/archive",
        staff_only(TO_SETTINGS),
        STAFF_ONLY + "; the empty form reopens it (already open: no change)",
    ),
    case("POST", "cohorts.add_staff", COHORT + "/staff", staff_only(BAD), STAFF_ONLY),
    case("POST", "cohorts.invite_link", COHORT + "/invites/link", staff_only(BAD), STAFF_ONLY),
    case("POST", "cohorts.invite_emails", COHORT + "/invites/email", staff_only(BAD), STAFF_ONLY),
    case(
        "POST",
        "cohorts.revoke_invite",
        COHORT + "/invites/{invite}/revoke",
        staff_only(Redirect(COHORT + "/people")),
        STAFF_ONLY,
    ),
    case(
        "POST",
        "cohorts.remove_member",
        COHORT + "/members/{a}/remove",
        staff_only(TO_COHORT),
        STAFF_ONLY + "; back to the board, where A no longer is",
    ),
    case(
        "POST",
        "cohorts.leave",
        COHORT + "/leave",
        (LOGIN, Redirect("/cohorts")) + (NOT_FOUND,) * 4,
        "only a member can leave; B, the staff and the admin are not members (404)",
    ),
    case("POST", "cohorts.assign", COHORT + "/assignments", staff_only(BAD), STAFF_ONLY),
    case(
        "POST",
        "cohorts.unassign",
        COHORT + "/assignments/{assignment}/delete",
        staff_only(Redirect(COHORT + "/assignments")),
        STAFF_ONLY,
    ),
    case(
        "POST",
        "cohorts.exception",
        COHORT + "/assignments/{assignment}/exceptions",
        staff_only(BAD),
        STAFF_ONLY,
    ),
    case(
        "POST",
        "cohorts.allowance",
        COHORT + "/learners/{a}/allowance",
        staff_only(BAD),
        STAFF_ONLY,
    ),
    case(
        "POST", "cohorts.build_practice_set", COHORT + "/practice-set", staff_only(BAD), STAFF_ONLY
    ),
    case(
        "POST",
        "cohorts.practise_set",
        COHORT + "/assignments/{practice_set}/practise",
        (LOGIN, TO_RUN) + (NOT_FOUND,) * 4,
        "the cohort's learners practise its sets; staff are not learners of it (404)",
    ),
    case(
        "GET",
        "cohorts.analysis_page",
        COHORT + "/analysis/{assignment}",
        staff_only(OK),
        STAFF_ONLY,
    ),
    case("GET", "cohorts.export_matrix", COHORT + "/export/matrix.csv", staff_only(OK), STAFF_ONLY),
    case(
        "GET",
        "cohorts.export_attempts",
        COHORT + "/export/attempts.csv",
        staff_only(OK),
        STAFF_ONLY,
    ),
    case(
        "GET",
        "cohorts.learner_record",
        COHORT + "/learners/{a}",
        staff_only(OK),
        "A's record in the cohort: its staff only, not even A (learners see their own page)",
    ),
    # Admin.
    case("GET", "admin.users", "/admin/users", admins_only(OK)),
    case("GET", "admin.audit", "/admin/audit", admins_only(OK)),
    case(
        "POST",
        "admin.set_role",
        "/admin/users/{a}/role",
        admins_only(BAD),
        "allowed through for admins: no role given, so refused (400)",
    ),
    case(
        "POST", "admin.disable", "/admin/users/{a}/disable", admins_only(Redirect("/admin/users"))
    ),
    case("POST", "admin.enable", "/admin/users/{a}/enable", admins_only(Redirect("/admin/users"))),
    # More ids of someone else on routes already above.
    case(
        "GET",
        "cohorts.learner_record",
        COHORT + "/learners/{b}",
        NOBODY,
        "B is in no cohort: no record, even for the cohort's instructor or an admin",
        label="learner-b",
    ),
    case(
        "GET",
        "cohorts.learner_record",
        "/cohorts/{other_cohort}/learners/{a}",
        NOBODY,
        "A is not in the other cohort: its instructor cannot reach A through it",
        label="other-cohort",
    ),
    case(
        "GET",
        "cohorts.cohort",
        "/cohorts/{other_cohort}",
        (LOGIN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, OK),
        "the other instructor's cohort: this cohort's instructor finds nothing",
        label="other-cohort",
    ),
    *(
        case(
            "GET",
            f"cohorts.{page}_page",
            "/cohorts/{other_cohort}/" + page,
            (LOGIN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, OK),
            "the other instructor's cohort: this cohort's instructor finds nothing",
            label="other-cohort",
        )
        for page in ("assignments", "areas", "people", "settings")
    ),
    case(
        "POST",
        "cohorts.remove_member",
        COHORT + "/members/{b}/remove",
        NOBODY,
        "B is not a member: nobody to remove",
        label="learner-b",
    ),
    case(
        "POST",
        "cohorts.allowance",
        COHORT + "/learners/{a}/allowance",
        staff_only(TO_RECORD_OF_A),
        "a valid allowance for a learner of the cohort: saved by its staff, back to A's record",
        data={"percent": "25"},
        label="valid",
    ),
    case(
        "POST",
        "cohorts.allowance",
        COHORT + "/learners/{b}/allowance",
        NOBODY,
        "B is not in the cohort: no record of B there, so nothing to set B's exam time on",
        data={"percent": "25"},
        label="learner-b",
    ),
    case(
        "POST",
        "cohorts.allowance",
        "/cohorts/{other_cohort}/learners/{a}/allowance",
        NOBODY,
        "A is not in the other cohort: its instructor (or an admin) finds no A through it",
        data={"percent": "25"},
        label="other-cohort",
    ),
    case(
        "POST",
        "cohorts.remove_member",
        "/cohorts/{other_cohort}/members/{a}/remove",
        NOBODY,
        "A is not in the other cohort: nobody to remove through it",
        label="other-cohort",
    ),
    case(
        "POST",
        "cohorts.exception",
        COHORT + "/assignments/{assignment}/exceptions",
        staff_only(TO_RECORD_OF_A),
        "a valid extension for A: saved by the cohort's staff, back to A's record",
        data={"learner": "{a}", "extra_attempts": "1"},
        label="valid",
    ),
    case(
        "POST",
        "cohorts.exception",
        COHORT + "/assignments/{assignment}/exceptions",
        staff_only(BAD),
        "B is not in the cohort: no extension for B (400 on the assignments page, nothing changed)",
        data={"learner": "{b}", "extra_attempts": "1"},
        label="learner-b",
    ),
    # This cohort's ids through the other cohort's URLs, and the other way round:
    # unknown to everyone, the staff of the cohort in the URL and admins too.
    case(
        "GET",
        "cohorts.analysis_page",
        "/cohorts/{other_cohort}/analysis/{assignment}",
        NOBODY,
        label="other-cohort",
    ),
    case(
        "POST",
        "cohorts.unassign",
        "/cohorts/{other_cohort}/assignments/{assignment}/delete",
        NOBODY,
        label="other-cohort",
    ),
    case(
        "POST",
        "cohorts.exception",
        COHORT + "/assignments/{other_assignment}/exceptions",
        NOBODY,
        data={"learner": "{a}", "extra_attempts": "1"},
        label="other-assignment",
    ),
    case(
        "POST",
        "cohorts.revoke_invite",
        "/cohorts/{other_cohort}/invites/{invite}/revoke",
        NOBODY,
        label="other-cohort",
    ),
    case(
        "POST",
        "cohorts.revoke_invite",
        COHORT + "/invites/{other_invite}/revoke",
        NOBODY,
        label="other-invite",
    ),
    case(
        "POST",
        "cohorts.practise_set",
        "/cohorts/{other_cohort}/assignments/{practice_set}/practise",
        NOBODY,
        label="other-cohort",
    ),
]
CASES = {c.key: c for c in MATRIX}
assert len(CASES) == len(MATRIX), "two rows with the same key: give one a label"


def routes(app) -> set[tuple[str, str]]:
    """(method, endpoint) of every route the app serves."""
    return {
        (method, rule.endpoint)
        for rule in app.url_map.iter_rules()
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }


def test_every_route_is_in_the_matrix(app):
    covered = {(c.method, c.endpoint) for c in MATRIX}
    served = routes(app)
    assert not served - covered, f"add rows to MATRIX for {sorted(served - covered)}"
    assert not covered - served, f"rows for routes that no longer exist: {covered - served}"


def test_the_scene_is_the_one_the_matrix_describes(app, scene):
    ids = scene.ids
    with app.app_context():
        members = set(db.session.execute(select(CohortMember.cohort_id, CohortMember.user_id)))
        staff = set(db.session.execute(select(CohortStaff.cohort_id, CohortStaff.role)))
    assert members == {(ids["cohort"], ids["a"])}
    assert staff == {(ids["cohort"], "owner"), (ids["other_cohort"], "owner")}
    assert set(scene.personas) == set(PERSONAS)


def fill(template: str, ids: dict) -> str:
    return template.format(**ids)


def request_as(app, persona, case_: Case, ids: dict):
    """The request with the persona's session cookie, and for a POST its CSRF token."""
    path = fill(case_.path, ids)
    browser = app.test_client()
    browser.set_cookie(app.config["SESSION_COOKIE_NAME"], persona.cookie)
    if case_.method == "GET":
        return browser.get(path)
    data = {name: fill(value, ids) for name, value in case_.data.items()}
    return browser.post(path, data={"csrf_token": persona.csrf, **data})


def assert_answer(response, expected, path: str, ids: dict, why: str):
    where = f"{response.status_code} {response.headers.get('Location', '')} ({why})"
    if isinstance(expected, Redirect):
        assert response.status_code == 302, where
        location = response.headers["Location"]
        assert fnmatchcase(location, fill(expected.to, ids)), where
        if expected is LOGIN:
            assert parse_qs(location.partition("?")[2])["next"] == [path], where
    else:
        assert response.status_code == expected, where
    if expected == BAD:  # refused by the view, not by the CSRF check before it
        assert CSRF_MESSAGE not in response.get_data(as_text=True), where


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("key", list(CASES))
def test_route_answers_each_persona_as_the_matrix_says(app, scene, key, persona):
    case_ = CASES[key]
    path = fill(case_.path, scene.ids)
    with request_as(app, scene.personas[persona], case_, scene.ids) as response:
        response.get_data()
        assert_answer(response, case_.expect[persona], path, scene.ids, case_.why)


def test_the_matrix_keeps_learners_work_to_themselves_and_admin_pages_to_admins():
    """A guard on the table itself, so a failing row is not "fixed" by loosening it:
    every row naming A's run, exam attempt, scenario attempt, card or session is a
    404 to everyone else signed in, and every admin route a 403 to non-admins."""
    mine = ("{run}", "{exam}", "{play}", "{card}", "{a_session}")
    own = [c for c in MATRIX if any(name in c.path for name in mine)]
    assert len(own) == 14
    for row in own:
        assert row.expect[ANONYMOUS] is LOGIN, row.key
        assert row.expect[LEARNER_A] != NOT_FOUND, row.key
        for persona in (LEARNER_B, OTHER_INSTRUCTOR, INSTRUCTOR, ADMIN):
            assert row.expect[persona] == NOT_FOUND, (row.key, persona)
    admin = [c for c in MATRIX if c.endpoint.startswith("admin.")]
    assert len(admin) == 5
    for row in admin:
        for persona in (LEARNER_A, LEARNER_B, OTHER_INSTRUCTOR, INSTRUCTOR):
            assert row.expect[persona] == FORBIDDEN, (row.key, persona)
