"""Loading a content tree into the database: upserts, redirects, retirement, search."""

from pathlib import Path

import pytest
from sqlalchemy import select

from app.content.loader import load_content
from app.content.problems import ContentError
from app.content.search_index import search_lessons
from app.extensions import db
from app.models import Lesson, LessonProgress, LessonRedirect, LessonTag, SyllabusTag
from app.models._types import utcnow
from tests.conftest import sql_statements
from tests.content_trees import SYLLABUS, lesson, write_tree
from tests.factories import make_user

THIRD = "course-a/02-two/01-third.md"


def load(root):
    return load_content(db.session, root)


def test_load_inserts_lessons_by_id_with_their_rendered_html(ctx, tmp_path):
    with ctx():
        report = load(write_tree(tmp_path))
        assert (report.added, report.updated, report.unchanged) == (3, 0, 0)
        first = db.session.get(Lesson, "tst-first")
        assert (first.course_id, first.module_id, first.slug) == (
            "tst-course",
            "tst-mod-one",
            "first",
        )
        assert first.position == 0
        # Stored once: objectives, table of contents, then the rendered body.
        assert first.html.startswith('<section class="objectives"')
        assert '<a href="#sec-start">Start</a>' in first.html
        assert '<div class="lesson-body"><h2 id="sec-start">Start</h2>' in first.html
        assert '<a href="/courses/test-course/second">' in first.html
        assert first.toc == [{"level": 2, "id": "sec-start", "title": "Start"}]
        assert first.source_path == "content/course-a/01-one/01-first.md"
        third = db.session.get(Lesson, "tst-third")
        assert (third.module_id, third.position) == ("tst-mod-two", 2)
        tags = db.session.scalars(
            select(LessonTag.tag_id).where(LessonTag.lesson_id == "tst-third")
        )
        assert list(tags) == ["tag-risk"]


def test_edited_lesson_is_updated_in_place_and_the_others_are_unchanged(ctx, tmp_path):
    with ctx():
        load(write_tree(tmp_path))
        report = load(
            write_tree(tmp_path, {THIRD: lesson("tst-third", "third", "## New\n\nRewritten.\n")})
        )
        assert (report.added, report.updated, report.unchanged, report.retired) == (0, 1, 2, 0)
        third = db.session.get(Lesson, "tst-third")
        assert "Rewritten." in third.html
        assert third.body_text == "New\nRewritten."
        ids = db.session.scalars(select(Lesson.id).where(Lesson.course_id == "tst-course"))
        assert sorted(ids) == ["tst-first", "tst-second", "tst-third"]


def test_learner_progress_survives_an_edit_of_the_lesson(ctx, tmp_path):
    with ctx():
        load(write_tree(tmp_path))
        user = make_user()
        now = utcnow()
        db.session.add(
            LessonProgress(
                user_id=user.id,
                lesson_id="tst-third",
                first_opened_at=now,
                last_opened_at=now,
                completed_at=now,
            )
        )
        db.session.commit()
        load(write_tree(tmp_path, {THIRD: lesson("tst-third", "third", title="Renamed title")}))
        progress = db.session.get(LessonProgress, (user.id, "tst-third"))
        assert progress is not None and progress.completed_at is not None
        assert db.session.get(Lesson, "tst-third").title == "Renamed title"


def test_bumping_the_renderer_version_updates_every_lesson(ctx, tmp_path, monkeypatch):
    root = write_tree(tmp_path)
    with ctx():
        load(root)
        monkeypatch.setattr("app.content.tree.RENDERER_VERSION", "test-bump")
        monkeypatch.setattr("app.content.render.RENDERER_VERSION", "test-bump")
        report = load(root)
        assert (report.added, report.updated, report.unchanged) == (0, 3, 0)


def test_changed_slug_leaves_a_redirect_from_the_old_one(ctx, tmp_path):
    with ctx():
        load(write_tree(tmp_path))
        report = load(write_tree(tmp_path, {THIRD: lesson("tst-third", "third-renamed")}))
        assert report.renamed == ["lesson tst-third: third -> third-renamed"]
        redirect = db.session.get(LessonRedirect, ("tst-course", "third"))
        assert redirect is not None and redirect.lesson_id == "tst-third"
        assert db.session.get(Lesson, "tst-third").slug == "third-renamed"


def test_slug_changed_back_drops_the_redirect_that_would_shadow_it(ctx, tmp_path):
    with ctx():
        load(write_tree(tmp_path))
        load(write_tree(tmp_path, {THIRD: lesson("tst-third", "third-renamed")}))
        load(write_tree(tmp_path, {THIRD: lesson("tst-third", "third")}))
        assert db.session.get(LessonRedirect, ("tst-course", "third")) is None
        redirect = db.session.get(LessonRedirect, ("tst-course", "third-renamed"))
        assert redirect is not None and redirect.lesson_id == "tst-third"


def test_removed_lesson_is_retired_and_restored_when_it_comes_back(ctx, tmp_path):
    with ctx():
        load(write_tree(tmp_path))
        report = load(write_tree(tmp_path, {THIRD: None}))
        assert report.retired == 1
        third = db.session.get(Lesson, "tst-third")
        assert third is not None and third.retired_at is not None
        report = load(write_tree(tmp_path))
        assert (report.added, report.retired) == (0, 0)
        assert db.session.get(Lesson, "tst-third").retired_at is None


def test_removed_syllabus_tag_is_retired(ctx, tmp_path):
    without_risk = SYLLABUS.replace("      - id: tag-risk\n        title: Risk\n", "")
    with ctx():
        load(write_tree(tmp_path))
        assert db.session.get(SyllabusTag, "tag-risk").retired_at is None
        load(
            write_tree(
                tmp_path,
                {
                    "syllabus.yaml": without_risk,
                    THIRD: lesson("tst-third", "third", tag="tag-scope"),
                },
            )
        )
        assert db.session.get(SyllabusTag, "tag-risk").retired_at is not None
        assert db.session.get(SyllabusTag, "tag-scope").retired_at is None


def test_load_refuses_a_tree_with_problems_and_leaves_the_database_untouched(ctx, tmp_path):
    with ctx():
        load(write_tree(tmp_path))
        broken = {
            "course-a/01-one/01-first.md": lesson("tst-first", "first", title="Changed title"),
            THIRD: lesson("tst-third", "third", minutes="ten"),
        }
        with pytest.raises(ContentError) as raised:
            load(write_tree(tmp_path, broken))
        assert [str(p) for p in raised.value.problems] == [
            "content/course-a/02-two/01-third.md:6: minutes must be a whole number from 1 to 240"
        ]
        assert db.session.get(Lesson, "tst-first").title == "First"


def test_search_follows_the_loader(ctx, tmp_path):
    quokka = lesson("tst-third", "third", "## Fauna\n\nA quokka audits the firewall.\n")
    with ctx():
        assert search_lessons(db.session, "quokka") == []
        load(write_tree(tmp_path, {THIRD: quokka}))
        assert [hit.lesson_id for hit in search_lessons(db.session, "quokka")] == ["tst-third"]
        load(write_tree(tmp_path))
        assert search_lessons(db.session, "quokka") == []
        load(write_tree(tmp_path, {THIRD: quokka}))
        load(write_tree(tmp_path, {THIRD: None}))
        assert search_lessons(db.session, "quokka") == []
        assert [hit.lesson_id for hit in search_lessons(db.session, "start")] == ["tst-first"]


def test_loading_unchanged_content_writes_nothing_whether_skipped_or_forced(app, ctx):
    """The whole curriculum, already in the session's database: the digest skips it, and a
    forced load reads, checks and compares everything yet sends no INSERT, UPDATE or DELETE."""
    content = Path(app.config["CONTENT_DIR"])
    for force in (False, True):
        with ctx(), sql_statements(app) as sent:
            report = load_content(db.session, content, force=force)
            lessons = len(
                db.session.scalars(select(Lesson.id).where(Lesson.retired_at.is_(None))).all()
            )
        verbs = [s.lstrip().split(None, 1)[0].upper() for s in sent]
        writes = [verb for verb in verbs if verb in ("INSERT", "UPDATE", "DELETE")]
        assert writes == [], writes[:3]
        assert report.skipped is not force
        if force:
            assert report.unchanged == lessons and report.added == report.updated == 0
