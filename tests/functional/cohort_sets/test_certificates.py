"""Certificates of completion: earned by completing every lesson of a course or
passing a mock exam, listed on the learner's account page, and verifiable by anyone
at their address; a forged, tampered or no-longer-true one is not found."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from app.extensions import db
from app.models import ExamAttempt, Lesson, LessonProgress, User
from app.progress.certificates import code_for
from tests.conftest import PUBLIC_BASE_URL
from tests.functional.cohort_sets.helpers import text

COURSE_ID, COURSE_TITLE = "course-pm-it", "Project management for IT professionals"
EXAM_ID, EXAM_TITLE = "exam-pmit-mock", "Project management for IT: mock exam"
LINK_RE = re.compile(r'href="(/certificates/[^"]+)"')
WHEN = datetime(2026, 10, 5, 14, 0, tzinfo=UTC)


def exam_attempt(ctx, user_id: int, score: int) -> int:
    """A finished attempt at the mock exam (40 questions, pass mark 26)."""
    with ctx():
        attempt = ExamAttempt(
            user_id=user_id,
            quiz_id=EXAM_ID,
            status="submitted",
            started_at=WHEN - timedelta(minutes=50),
            deadline_at=WHEN + timedelta(minutes=10),
            finished_at=WHEN,
            pass_mark=26,
            question_count=40,
            score=score,
            passed=score >= 26,
        )
        db.session.add(attempt)
        db.session.commit()
        return attempt.id


def complete_lessons(ctx, user_id: int, leave_out: int = 0) -> None:
    """Complete the course's current lessons, all but the last ``leave_out``."""
    with ctx():
        lessons = list(
            db.session.scalars(
                select(Lesson.id)
                .where(Lesson.course_id == COURSE_ID, Lesson.retired_at.is_(None))
                .order_by(Lesson.position)
            )
        )
        for n, lesson_id in enumerate(lessons[: len(lessons) - leave_out]):
            done = WHEN - timedelta(days=len(lessons) - n)
            db.session.add(
                LessonProgress(
                    user_id=user_id,
                    lesson_id=lesson_id,
                    first_opened_at=done,
                    last_opened_at=done,
                    completed_at=done,
                )
            )
        db.session.commit()


def certificate_links(client) -> list[str]:
    page = client.get("/account").get_data(as_text=True)
    section = page.split('id="certificates-heading"')[1].split("</section>")[0]
    return LINK_RE.findall(section)


def code(app, ctx, user_id: int, kind: str, item, secret: str | None = None) -> str:
    with ctx():
        xapi_id = db.session.get(User, user_id).xapi_id
    return code_for(secret or app.config["SECRET_KEY"], xapi_id, kind, item)


def test_a_passed_mock_exam_earns_a_certificate_anyone_can_verify(app, member, ctx):
    exam_attempt(ctx, member.user_id, score=30)

    links = certificate_links(member.client)
    anonymous = app.test_client()
    response = anonymous.get(links[0])

    assert len(links) == 1
    assert response.status_code == 200
    page = text(response)
    assert "Mina Member" in page
    assert "passed the mock exam" in page and EXAM_TITLE in page
    assert "30 of 40 marks" in page
    assert "05 October 2026" in page
    assert f"Verified by {PUBLIC_BASE_URL}" in page
    assert f"{PUBLIC_BASE_URL}{links[0]}" in page


def test_completing_every_lesson_of_a_course_earns_a_certificate(app, member, ctx):
    complete_lessons(ctx, member.user_id)

    links = certificate_links(member.client)
    page = text(app.test_client().get(links[0]))

    assert len(links) == 1
    assert "completed every lesson of the course" in page and COURSE_TITLE in page
    assert "Mina Member" in page and f"Verified by {PUBLIC_BASE_URL}" in page
    assert "04 October 2026" in page  # the day the last lesson was completed


def test_a_course_with_a_lesson_left_earns_nothing(app, member, ctx):
    complete_lessons(ctx, member.user_id, leave_out=1)
    course_code = code(app, ctx, member.user_id, "course", COURSE_ID)

    assert certificate_links(member.client) == []
    assert "to earn a certificate" in text(member.client.get("/account"))
    assert app.test_client().get(f"/certificates/{course_code}").status_code == 404


def test_a_failed_mock_exam_earns_no_certificate(app, member, ctx):
    attempt_id = exam_attempt(ctx, member.user_id, score=20)
    failed = code(app, ctx, member.user_id, "exam", attempt_id)

    assert certificate_links(member.client) == []
    assert app.test_client().get(f"/certificates/{failed}").status_code == 404


def test_a_certificate_stops_verifying_when_its_achievement_no_longer_holds(app, member, ctx):
    attempt_id = exam_attempt(ctx, member.user_id, score=30)
    (link,) = certificate_links(member.client)
    with ctx():
        db.session.get(ExamAttempt, attempt_id).passed = False  # a regrade, say
        db.session.commit()

    assert app.test_client().get(link).status_code == 404


def test_a_forged_or_tampered_code_is_not_found(app, person, member, ctx):
    attempt_id = exam_attempt(ctx, member.user_id, score=30)
    (link,) = certificate_links(member.client)
    other = person("other@example.com")
    their_pass = exam_attempt(ctx, other.user_id, score=35)
    anonymous = app.test_client()
    payload, signature = link.removeprefix("/certificates/").split(".")
    # The first character: the last one's low bits can be padding that decodes the same.
    tampered_signature = ("A" if signature[0] != "A" else "B") + signature[1:]

    forged = [
        code(app, ctx, member.user_id, "exam", attempt_id, secret="not-the-real-secret"),
        payload + "x." + signature,
        payload + "." + tampered_signature,
        code(app, ctx, member.user_id, "exam", their_pass),  # someone else's pass, as mine
        code(app, ctx, member.user_id, "exam", str(attempt_id)),  # the id of the wrong type
        code(app, ctx, member.user_id, "lesson", attempt_id),
        "not-a-real-code",
    ]

    assert anonymous.get(link).status_code == 200
    for bad in forged:
        response = anonymous.get(f"/certificates/{bad}")
        assert response.status_code == 404, bad
        assert "Mina Member" not in text(response)


def test_the_certificate_page_prints_without_navigation_footer_or_buttons(app):
    css = (Path(app.static_folder) / "css" / "site.css").read_text()

    rule = next(block for block in css.split("@media print")[1:] if ".certificate" in block)
    for part in (".site-header", ".site-footer", "button"):
        assert part in rule.split("}")[0], part
    assert "body:has(.certificate)" in rule
