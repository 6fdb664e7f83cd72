"""Reloading content keeps every learner's progress: edits, renamed slugs, removals."""

from sqlalchemy import select

from app.content.loader import load_content
from app.extensions import db
from app.models import Lesson, LessonProgress
from tests.functional.catalog.helpers import (
    ALL_LESSONS,
    COURSE,
    FIRST_LESSON_FILE,
    LESSONS,
    complete,
    text,
)

LESSON_ID, LESSON = LESSONS[0].id, LESSONS[0].url
NEW_SLUG = "why-it-changes-are-projects"


def load(ctx, root, force: bool = False):
    with ctx():
        return load_content(db.session, root, force)


def edit(root, old: str, new: str) -> None:
    path = root / FIRST_LESSON_FILE
    source = path.read_text()
    assert old in source
    path.write_text(source.replace(old, new, 1))


def remove_lesson(root) -> bytes:
    """Delete the first lesson's file (and repoint links and questions to it); return its source."""
    path = root / FIRST_LESSON_FILE
    source = path.read_bytes()
    path.unlink()
    for other in [*root.rglob("*.md"), *root.rglob("*.yaml")]:
        text = other.read_text()
        for form in ("lesson:", "lesson: "):
            text = text.replace(f"{form}{LESSON_ID}", f"{form}pmit-risk")
        other.write_text(text)
    return source


def progress_row(ctx, user_id: int):
    with ctx():
        row = db.session.get(LessonProgress, (user_id, LESSON_ID))
        return None if row is None else row.completed_at


def test_editing_a_lessons_text_keeps_progress(client, learner, ctx, content_copy):
    complete(client, LESSON_ID)
    edit(
        content_copy, "## Summary\n", "## Summary\n\nA sentence about quokka-safe change windows.\n"
    )
    report = load(ctx, content_copy)
    others = len(ALL_LESSONS) - 1  # the load reports every course
    assert (report.updated, report.unchanged, report.added, report.retired) == (1, others, 0, 0)
    page = text(client.get(LESSON))
    assert "quokka-safe change windows" in page
    assert "You have completed this lesson." in page
    assert progress_row(ctx, learner) is not None
    assert f"1 of {len(ALL_LESSONS)} lessons complete" in text(client.get("/progress"))


def test_renamed_slug_redirects_the_old_url_and_keeps_progress(client, learner, ctx, content_copy):
    complete(client, LESSON_ID)
    edit(content_copy, "slug: why-it-work-is-project-work", f"slug: {NEW_SLUG}")
    report = load(ctx, content_copy)
    assert report.renamed == [f"lesson {LESSON_ID}: why-it-work-is-project-work -> {NEW_SLUG}"]
    old = client.get(LESSON)
    assert old.status_code == 301
    assert old.headers["Location"] == f"{COURSE}/{NEW_SLUG}"
    page = text(client.get(f"{COURSE}/{NEW_SLUG}"))
    assert "You have completed this lesson." in page
    assert f'<li class="done"> <a href="{COURSE}/{NEW_SLUG}">' in text(client.get(COURSE))


def test_renaming_back_serves_the_original_url_again(client, ctx, content_copy):
    edit(content_copy, "slug: why-it-work-is-project-work", f"slug: {NEW_SLUG}")
    load(ctx, content_copy)
    edit(content_copy, f"slug: {NEW_SLUG}", "slug: why-it-work-is-project-work")
    load(ctx, content_copy)
    assert client.get(LESSON).status_code == 200
    new = client.get(f"{COURSE}/{NEW_SLUG}")
    assert new.status_code == 301 and new.headers["Location"] == LESSON


def test_removed_lesson_is_retired_not_deleted_and_its_progress_kept(
    client, learner, ctx, content_copy
):
    complete(client, LESSON_ID)
    remove_lesson(content_copy)
    report = load(ctx, content_copy)
    assert report.retired == 1
    response = client.get(LESSON)
    assert response.status_code == 410
    assert "This lesson has been retired" in text(response)
    with ctx():
        lesson = db.session.get(Lesson, LESSON_ID)
        assert lesson is not None and lesson.retired_at is not None
    assert progress_row(ctx, learner) is not None
    home = text(client.get("/"))
    left = len(LESSONS) - 1
    assert f"{left} lessons" in home and f"0 of {left} complete" in home


def test_retired_lesson_leaves_the_course_page_and_search(client, ctx, content_copy):
    search = "/search?q=business-as-usual"
    assert f'href="{LESSON}"' in client.get(search).get_data(as_text=True)
    remove_lesson(content_copy)
    load(ctx, content_copy)
    assert f'href="{LESSON}"' not in text(client.get(COURSE))
    assert f'href="{LESSON}"' not in client.get(search).get_data(as_text=True)


def test_restored_lesson_comes_back_with_its_progress(client, learner, ctx, content_copy):
    complete(client, LESSON_ID)
    source = remove_lesson(content_copy)
    load(ctx, content_copy)
    (content_copy / FIRST_LESSON_FILE).write_bytes(source)
    load(ctx, content_copy)
    assert "You have completed this lesson." in text(client.get(LESSON))
    assert f"1 of {len(ALL_LESSONS)} lessons complete" in text(client.get("/progress"))


def test_loading_the_same_tree_twice_changes_nothing(ctx, content_copy):
    edit(content_copy, "## Summary\n", "## Summary\n\nOne more line.\n")
    assert load(ctx, content_copy).updated == 1
    assert load(ctx, content_copy).skipped  # the files match the last load: not even read
    report = load(ctx, content_copy, force=True)
    every = len(ALL_LESSONS)
    assert (report.unchanged, report.updated, report.added, report.retired) == (every, 0, 0, 0)
    assert report.renamed == []


def test_reloading_never_deletes_progress_rows(client, learner, ctx, content_copy):
    for lesson in LESSONS[:3]:
        complete(client, lesson.id)
    remove_lesson(content_copy)
    load(ctx, content_copy)
    with ctx():
        kept = db.session.scalars(
            select(LessonProgress.lesson_id).where(LessonProgress.user_id == learner)
        ).all()
    assert sorted(kept) == sorted(lesson.id for lesson in LESSONS[:3])
