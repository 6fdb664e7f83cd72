"""The manager's story of issue 6 in the browser: an instructor creates a cohort,
invites two learners with one link, assigns a lesson, a practice quiz, the email-server
patch scenario and the mock exam, watches the board move when a learner completes the
lesson, sorts it, grants an extension, reads the exam's item analysis and downloads a
matrix CSV whose rows are the page's, going from page to page of the cohort by its
sub-navigation. Also the cohort pages under axe and at 375 px, and the "Assign work"
form by keyboard alone."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from app.auth.services import get_user
from app.cohorts import assignments, invites, services
from app.extensions import db, limiter
from app.models import Lesson, User
from app.models._types import utcnow
from app.progress.services import set_completed
from app.templating import local_time
from tests.browser.conftest import LiveServer, listen_for_problems, signed_in_state
from tests.browser.test_accessibility import blocking_violations
from tests.browser.test_review_journey import named, press, tab_to
from tests.browser.test_small_screen import OVERFLOW, PHONE
from tests.factories import PASSWORD, make_user
from tests.functional.cohorts.work import exam_attempt, play_scenario

pytestmark = pytest.mark.browser

TIMEZONE = "America/New_York"  # not the accounts' own (Europe/London): due dates are the cohort's
LESSON = ("lesson", "pmit-why-projects", "Why IT work is project work")
QUIZ = ("quiz", "quiz-pmit-why-check", "Check: Why IT work is project work")
SCENARIO = ("scenario", "scn-email-patch", "Patching the company's email servers")
EXAM = ("exam", "exam-pmit-mock", "Project management for IT: mock exam")
WORK = [LESSON, QUIZ, SCENARIO, EXAM]  # due a week apart, in this order
EXAM_RIGHT = 30  # of the mock exam's 40 questions, in the attempt seeded below


@dataclass
class Account:
    user_id: int
    email: str
    name: str
    state: dict | None = None  # signed-in cookies


@pytest.fixture(scope="module", autouse=True)
def login_windows(live_server: LiveServer):
    """Log-in is limited to 10 a minute per address, and every browser test signs in
    from 127.0.0.1. This module signs in four times: it starts and ends with the
    limiter's (in-memory) windows emptied, so its log-ins neither meet the windows the
    modules before it opened nor leave theirs to the modules after it."""
    with live_server.app.app_context():
        limiter.reset()
    yield
    with live_server.app.app_context():
        limiter.reset()


def make_account(live_server: LiveServer, email: str, name: str, role: str = "learner"):
    with live_server.app.app_context():
        user = make_user(email=email, display_name=name, role=role)
        account = Account(user.id, user.email, user.display_name)
        db.session.remove()
    return account


@pytest.fixture(scope="module")
def instructor(browser: Browser, live_server: LiveServer) -> Account:
    """An instructor, signed in once through the real log-in form."""
    account = make_account(
        live_server, "cohort-instructor@example.com", "Ingrid Teach", "instructor"
    )
    account.state = signed_in_state(browser, live_server, account.email)
    return account


def cohort_day(days: int, hour: int = 17) -> datetime:
    """A wall-clock time in the cohort's time zone, ``days`` from today (naive)."""
    today = datetime.now(ZoneInfo(TIMEZONE)).date()
    return datetime.combine(today + timedelta(days=days), datetime.min.time()).replace(hour=hour)


def shown(moment: datetime) -> str:
    """How the pages show a cohort wall-clock time (``local_time``)."""
    return local_time(moment.replace(tzinfo=ZoneInfo(TIMEZONE)), TIMEZONE)


def board(page: Page) -> Locator:
    return page.get_by_role("table", name=re.compile(r"^Each learner on each assignment"))


def column_ids(page: Page) -> list[int]:
    """The assignment ids of the board's columns, in order (from their sort links)."""
    hrefs = (
        board(page)
        .locator("thead a[href*='sort=a']")
        .evaluate_all("links => links.map(a => a.getAttribute('href'))")
    )
    return [int(re.search(r"sort=a(\d+)", href).group(1)) for href in hrefs]


def board_rows(page: Page) -> list[dict]:
    """Each learner's row as the page shows it: name, state and score per assignment
    id, and the totals."""
    ids = column_ids(page)
    rows = []
    for tr in board(page).locator("tbody tr").all():
        cells = [td.inner_text().strip() for td in tr.locator("td").all()]
        work = {}
        for aid, text in zip(ids, cells, strict=False):
            state, _, score = text.splitlines()[0].partition(" · ")
            work[aid] = (state, score)
        done, overdue, mean = cells[len(ids) :]
        rows.append(
            {
                "name": tr.locator("th").inner_text().strip(),
                "work": work,
                "totals": (done, overdue, mean),
            }
        )
    return rows


def percent(value: str, missing: str = "–") -> str:
    """A CSV score as the board shows it: in a cell, no score is left out; as a
    learner's mean, it is a dash."""
    return f"{value}%" if value else missing


def csv_rows(text: str) -> list[dict]:
    """The matrix CSV's rows in the shape of ``board_rows``."""
    table = list(csv.DictReader(text.removeprefix("\ufeff").splitlines()))
    ids = (
        [int(name.split(":")[0]) for name in table[0] if name.endswith(":status")] if table else []
    )
    return [
        {
            "name": row["name"],
            "work": {
                aid: (row[f"{aid}:status"].capitalize(), percent(row[f"{aid}:score"], ""))
                for aid in ids
            },
            "totals": (row["total:done"], row["total:overdue"], percent(row["total:mean_score"])),
        }
        for row in table
    ]


def cell(page: Page, learner: str, column: int) -> Locator:
    """The board's cell of ``learner`` in the ``column``-th assignment column (from 0)."""
    row = board(page).locator("tbody tr", has=page.get_by_role("link", name=learner, exact=True))
    return row.locator("td").nth(column)


def row_of(table: Locator, title: str) -> Locator:
    """The table's row for the work titled ``title`` (its row header begins with it)."""
    return table.get_by_role("row", name=re.compile("^" + re.escape(title)))


def go_to(page: Page, name: str) -> None:
    """Open one of the cohort's staff pages through its sub-navigation, by the link's name."""
    page.get_by_role("navigation", name="Cohort").get_by_role("link", name=name, exact=True).click()
    expect(
        page.get_by_role("navigation", name="Cohort").get_by_role("link", name=name, exact=True)
    ).to_have_attribute("aria-current", "page")


def log_in(page: Page, email: str) -> None:
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


# --- The story, from creating the cohort to exporting the CSV ---


def test_instructor_creates_invites_assigns_follows_and_exports_a_cohort(
    new_page, live_server: LiveServer, instructor: Account
):
    alex = make_account(live_server, "patch-alex@example.com", "Alex Archer")
    sam = make_account(live_server, "patch-sam@example.com", "Sam Sutton")
    teacher = new_page(state=instructor.state)
    teacher.context.grant_permissions(["clipboard-read", "clipboard-write"])
    problems = listen_for_problems(teacher)

    # A cohort in its own time zone.
    teacher.goto("/progress")
    teacher.get_by_role("navigation", name="Main").get_by_role("link", name="Cohorts").click()
    teacher.get_by_label("Cohort name").fill("Patch team")
    teacher.get_by_label("Time zone (due dates are in it)").select_option(TIMEZONE)
    teacher.get_by_role("button", name="Create cohort").click()
    expect(teacher.get_by_role("heading", level=1)).to_have_text("Patch team")
    expect(teacher.get_by_text("Cohort “Patch team” created.")).to_be_visible()
    expect(teacher.get_by_text(f"0 learners · due dates in {TIMEZONE}")).to_be_visible()
    cohort_path = teacher.url.split(live_server.url, 1)[1].split("#")[0]

    # One link for the team, made on the People page and copied as a manager would.
    go_to(teacher, "People")
    teacher.get_by_label("Most uses (empty: no limit)").fill("8")
    teacher.get_by_role("button", name="Create a link").click()
    link_field = teacher.get_by_role("textbox", name="Invitation link")
    link_field.focus()
    teacher.keyboard.press("Control+A")
    teacher.keyboard.press("Control+C")
    link = teacher.evaluate("navigator.clipboard.readText()")
    assert link == link_field.input_value()
    assert re.fullmatch(rf"{re.escape(live_server.url)}/join/[\w-]+", link)

    # Each learner opens it, logs in, comes back to it and joins.
    pages = {}
    for learner in (alex, sam):
        page = new_page()
        pages[learner.name] = page
        page.goto(link)
        expect(page.get_by_role("heading", level=1)).to_have_text("Join “Patch team”")
        page.get_by_role("main").get_by_role("link", name="Log in").click()
        log_in(page, learner.email)
        expect(page).to_have_url(link)
        page.get_by_role("button", name="Join the cohort").click()
        expect(page.get_by_text("Welcome to “Patch team”.")).to_be_visible()
        expect(page.get_by_text("Nothing is assigned yet.")).to_be_visible()

    # Four pieces of work, due a week apart, set on the Assignments page.
    teacher.goto(cohort_path)
    expect(teacher.get_by_text(f"2 learners · due dates in {TIMEZONE}")).to_be_visible()
    go_to(teacher, "Assignments")
    form = teacher.get_by_role("region", name="Assign work")
    due = {}
    for week, (kind, item_id, title) in enumerate(WORK, start=1):
        due[item_id] = cohort_day(7 * week)
        form.get_by_label("What to assign").select_option(f"{kind}:{item_id}")
        form.get_by_label("Due (cohort time)").fill(f"{due[item_id]:%Y-%m-%dT%H:%M}")
        if kind != "lesson":
            form.get_by_label(re.compile(r"^Attempts allowed")).fill("2")
        form.get_by_role("button", name="Assign").click()
        expect(teacher.get_by_text(f"Assigned “{title}”.")).to_be_visible()
    go_to(teacher, "Progress")
    headers = board(teacher).locator("thead th")
    for column, (_kind, item_id, title) in enumerate(WORK, start=1):
        expect(headers.nth(column)).to_contain_text(title)
        expect(headers.nth(column)).to_contain_text(f"due {shown(due[item_id])}")

    # Alex has taken the mock exam (through the exam's services, as its pages do).
    exam_attempt(live_server.app.app_context, alex.user_id, EXAM_RIGHT, utcnow())

    # Sam finds the lesson on the dashboard and completes it.
    learner = pages[sam.name]
    learner.goto("/progress")
    assigned = learner.get_by_role("table", name="Assigned to you")
    lesson_row = row_of(assigned, LESSON[2])
    expect(lesson_row).to_contain_text("Not started")
    expect(lesson_row).to_contain_text(shown(due[LESSON[1]]))
    lesson_row.get_by_role("link", name=LESSON[2]).click()
    learner.get_by_role("button", name="Mark as complete").click()
    expect(learner.get_by_text("You have completed this lesson.")).to_be_visible()
    learner.goto("/progress")
    expect(row_of(assigned, LESSON[2])).to_contain_text("Done")

    # The board has moved: Sam's lesson is done, Alex's exam scored.
    teacher.reload()
    expect(cell(teacher, sam.name, 0)).to_have_text("Done")
    expect(cell(teacher, alex.name, 0)).to_have_text("Not started")
    expect(cell(teacher, alex.name, 3)).to_have_text(f"Done · {100 * EXAM_RIGHT // 40}%")
    names = board(teacher).locator("tbody th")
    expect(names).to_have_text([alex.name, sam.name])  # by name

    # Sorted by the lesson's column: the learner who has done it comes last, then first.
    lesson_header = headers.nth(1)
    lesson_header.get_by_role("link").click()
    expect(lesson_header).to_have_attribute("aria-sort", "ascending")
    expect(names).to_have_text([alex.name, sam.name])
    lesson_header.get_by_role("link").click()
    expect(lesson_header).to_have_attribute("aria-sort", "descending")
    expect(names).to_have_text([sam.name, alex.name])

    # Sam's record: the lesson completed; a week more for the practice quiz.
    board(teacher).get_by_role("link", name=sam.name).click()
    expect(teacher.get_by_role("heading", level=1)).to_have_text(f"{sam.name}: completion record")
    expect(teacher).to_have_title(f"{sam.name}: completion record · PM for IT")
    record = teacher.get_by_role("table", name=re.compile(r"^The cohort's assignments"))
    expect(row_of(record, LESSON[2])).to_contain_text("Done")
    extended = due[QUIZ[1]] + timedelta(days=7)
    teacher.get_by_text(f"Extend or add attempts for {QUIZ[2]}").click()
    quiz_row = row_of(record, QUIZ[2])
    quiz_row.get_by_label(re.compile(r"^Extended due date")).fill(f"{extended:%Y-%m-%dT%H:%M}")
    quiz_row.get_by_label("Extra attempts").fill("1")
    quiz_row.get_by_role("button", name="Save exception").click()
    expect(teacher.get_by_text(f"Exception saved for “{QUIZ[2]}”.")).to_be_visible()
    expect(row_of(record, QUIZ[2])).to_contain_text(shown(extended))  # back on Sam's record
    go_to(teacher, "Progress")
    expect(cell(teacher, sam.name, 1)).to_contain_text(f"extended to {shown(extended)}")
    expect(cell(teacher, alex.name, 1)).not_to_contain_text("extended")

    # The mock exam's item analysis, from the Assignments page: Alex's attempt, question
    # by question.
    go_to(teacher, "Assignments")
    teacher.get_by_role("link", name=f"Item analysis of {EXAM[2]}").click()
    expect(teacher.get_by_role("heading", level=1)).to_have_text(f"Item analysis: {EXAM[2]}")
    expect(teacher.locator("#analysed")).to_have_text(
        "Analysed: the attempt that counts of 1 of 2 current learners."
    )
    facility = teacher.locator("[data-figure=facility]")
    expect(facility).to_have_count(40)
    assert sorted(facility.all_inner_texts()).count("100%") == EXAM_RIGHT

    # The matrix CSV, from the Progress page: the same rows as the board.
    go_to(teacher, "Progress")
    with teacher.expect_download() as download_info:
        teacher.get_by_role("link", name="Learners × assignments (CSV)").click()
    download = download_info.value
    assert re.fullmatch(r"cohort-\d+-matrix-\d{4}-\d\d-\d\d\.csv", download.suggested_filename)
    with open(download.path(), encoding="utf-8") as file:
        exported = csv_rows(file.read())
    on_page = board_rows(teacher)
    assert [row["name"] for row in on_page] == [alex.name, sam.name]
    assert on_page[1]["work"][column_ids(teacher)[0]] == ("Done", "")
    assert exported == on_page
    assert problems == []


# --- A cohort in full swing, for axe, 375 px and the keyboard ---


@dataclass
class Populated:
    cohort_id: int
    token: str  # of its invitation link
    learner_ids: list[int]
    assignment_ids: dict[str, int]  # by item id
    learner_state: dict  # the first learner's cookies


@pytest.fixture(scope="module")
def populated(browser: Browser, live_server: LiveServer, instructor: Account) -> Populated:
    """The instructor's cohort with two learners who joined by link, the four pieces of
    work assigned, the lesson done by one, the exam taken and the scenario played by the
    other; the first learner signed in."""
    app = live_server.app
    with app.app_context():
        cohort = services.create_cohort(get_user(instructor.user_id), "Mail crew", TIMEZONE)
        _invite, token = invites.create_link(cohort, instructor.user_id, 14, None)
        learners = [
            make_user(email=f"mail-crew-{n}@example.com", display_name=f"Crew Member {n}")
            for n in (1, 2)
        ]
        for learner in learners:
            invites.accept(token, learner)
        made = {
            item_id: assignments.create(
                cohort, kind, item_id, cohort_day(7 * week), None, None if kind == "lesson" else 2
            ).id
            for week, (kind, item_id, _title) in enumerate(WORK, start=1)
        }
        set_completed(learners[0], db.session.get(Lesson, LESSON[1]), True)
        found = Populated(cohort.id, token, [u.id for u in learners], made, {})
        db.session.remove()
    exam_attempt(app.app_context, found.learner_ids[1], 20, utcnow())
    play_scenario(app.app_context, found.learner_ids[1], SCENARIO[1])
    with app.app_context():
        email = db.session.get(User, found.learner_ids[0]).email
        db.session.remove()
    found.learner_state = signed_in_state(browser, live_server, email)
    return found


VIEWS = [
    "cohort list",
    "progress page",
    "assignments page",
    "areas page",
    "people page",
    "people page with a new link",
    "settings page",
    "learner record",
    "exam analysis",
    "scenario analysis",
    "invitation",
    "learner's cohort page",
    "learner's dashboard",
]


def open_view(new_page, populated: Populated, instructor: Account, view: str, **options):
    """Open ``view`` of the populated cohort as whoever sees it (its instructor, its
    first learner, or someone signed out holding the link), every part of it shown."""
    cohort = f"/cohorts/{populated.cohort_id}"
    ids = populated.assignment_ids
    path, state = {
        "cohort list": ("/cohorts", instructor.state),
        "progress page": (cohort, instructor.state),
        "assignments page": (f"{cohort}/assignments", instructor.state),
        "areas page": (f"{cohort}/areas", instructor.state),
        "people page": (f"{cohort}/people", instructor.state),
        "people page with a new link": (f"{cohort}/people", instructor.state),
        "settings page": (f"{cohort}/settings", instructor.state),
        "learner record": (f"{cohort}/learners/{populated.learner_ids[0]}", instructor.state),
        "exam analysis": (f"{cohort}/analysis/{ids[EXAM[1]]}", instructor.state),
        "scenario analysis": (f"{cohort}/analysis/{ids[SCENARIO[1]]}", instructor.state),
        "invitation": (f"/join/{populated.token}", None),
        "learner's cohort page": (cohort, populated.learner_state),
        "learner's dashboard": ("/progress", populated.learner_state),
    }[view]
    page = new_page(state=state, **options)
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    if view == "people page with a new link":
        page.get_by_role("button", name="Create a link").click()
        expect(page.get_by_role("textbox", name="Invitation link")).to_be_visible()
        page.wait_for_load_state()  # its style sheet applied
    if view in ("learner record", "assignments page"):
        for summary in page.locator("summary").all():
            summary.click()  # every extension form, every withdraw button open
    if view.startswith("learner's"):
        expect(page.get_by_role("table", name=re.compile(r"^Assigned to you"))).to_be_visible()
    return page


@pytest.mark.parametrize("view", VIEWS)
def test_cohort_views_have_no_serious_accessibility_violation(
    new_page, populated: Populated, instructor: Account, view: str
):
    page = open_view(new_page, populated, instructor, view)
    violations = blocking_violations(page)
    assert not violations, "\n".join(violations)


# What axe lets pass: two fields with one id share a label, which names only the first
# of them (``labels`` is empty on the second, so assistive technology reads no name).
UNLABELLED = """
() => {
  const ids = [...document.querySelectorAll("[id]:not([type=hidden])")].map(el => el.id);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  const fields = document.querySelectorAll(
    "input:not([type=hidden]):not([type=submit]), select, textarea"
  );
  const nameless = [...fields].filter(el => !el.labels.length && !el.getAttribute("aria-label"));
  return [...twice.map(id => `id ${id} twice`), ...nameless.map(el => `no label: ${el.outerHTML}`)];
}
"""


@pytest.mark.parametrize("view", VIEWS)
def test_every_field_of_the_cohort_views_has_a_label_of_its_own(
    new_page, populated: Populated, instructor: Account, view: str
):
    page = open_view(new_page, populated, instructor, view)
    assert page.evaluate(UNLABELLED) == []


@pytest.mark.parametrize("view", VIEWS)
def test_cohort_views_fit_375px(new_page, populated: Populated, instructor: Account, view: str):
    page = open_view(new_page, populated, instructor, view, viewport=PHONE)
    overflow = page.evaluate(OVERFLOW)
    assert overflow <= 0, f"the {view} scrolls {overflow}px sideways"


def test_work_is_assigned_by_keyboard_alone(new_page, live_server: LiveServer, instructor: Account):
    with live_server.app.app_context():
        cohort = services.create_cohort(get_user(instructor.user_id), "Keyboard crew", TIMEZONE)
        path = f"/cohorts/{cohort.id}/assignments"
        db.session.remove()
    page = new_page(state=instructor.state)
    problems = listen_for_problems(page)
    page.goto(path)
    due = cohort_day(10)

    form = page.get_by_role("region", name="Assign work")
    tab_to(page, "el => el.id === 'item'", max_presses=80)
    page.keyboard.type("Scope")  # type-ahead: the first option that begins so
    expect(form.get_by_label("What to assign")).to_have_value("lesson:pmit-scope-stakeholders")
    tab_to(page, "el => el.id === 'due_at'")
    # Chromium lays the date field out in its own (en-US) locale: month, day, year;
    # Tab to the time; hour, minute, AM or PM.
    page.keyboard.type(f"{due:%m%d%Y}")
    page.keyboard.press("Tab")
    page.keyboard.type(f"{due:%I%M}" + ("P" if due.hour >= 12 else "A"))
    expect(form.get_by_label("Due (cohort time)")).to_have_value(f"{due:%Y-%m-%dT%H:%M}")
    tab_to(page, named("button", "Assign"))
    press(page, "Enter")

    expect(page.get_by_text("Assigned “Scope and stakeholders”.")).to_be_visible()
    go_to(page, "Progress")
    header = board(page).locator("thead th").nth(1)
    expect(header).to_contain_text("Scope and stakeholders")
    expect(header).to_contain_text(f"due {shown(due)}")
    assert problems == []
