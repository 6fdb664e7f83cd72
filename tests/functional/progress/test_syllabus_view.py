"""The dashboard's view of the syllabus is built once per content load and follows
every load: a process never shows content older than the database holds."""

from __future__ import annotations

from sqlalchemy import select

from app.content.loader import load_content
from app.extensions import db
from app.models import ContentState
from app.progress import syllabus
from tests.conftest import sql_statements
from tests.functional.progress.content_trees import write_course


def test_a_content_load_is_seen_at_the_next_request(app, ctx, tmp_path):
    with ctx(), app.test_request_context():
        before = syllabus.current()
        load_content(db.session, write_course(tmp_path / "other", 3))
        after = syllabus.current()
    assert after.digest != before.digest
    assert {e.id for e in before.exams} and not after.exams  # the other tree has no exams


def test_the_view_is_reused_while_the_content_is_unchanged(app, ctx):
    with ctx(), app.test_request_context():
        first = syllabus.current()
        with sql_statements(app) as sent:
            again = syllabus.current()
    assert again is first
    assert len(sent) == 1  # the digest only


def test_loading_the_same_files_again_keeps_the_digest(app, ctx, tmp_path):
    root = write_course(tmp_path / "same", 2)
    with ctx():
        load_content(db.session, root)
        digest = db.session.scalar(select(ContentState.digest))
        load_content(db.session, root)
        assert db.session.scalar(select(ContentState.digest)) == digest
        (root / "generated" / "course.yaml").write_text(
            (root / "generated" / "course.yaml").read_text().replace("A generated", "An edited")
        )
        load_content(db.session, root)
        assert db.session.scalar(select(ContentState.digest)) != digest
