"""Catalog views."""

from __future__ import annotations

from flask import Response, abort, redirect, render_template, request, url_for
from flask_login import current_user

from app.catalog import bp, services
from app.content.search_index import search_lessons
from app.extensions import db
from app.progress.services import record_open
from app.scenarios.attempts import course_scenarios


def _user_id() -> int | None:
    return current_user.id if current_user.is_authenticated else None


@bp.get("/")
def home():
    return render_template("catalog/home.html", cards=services.course_cards(_user_id()))


@bp.get("/courses/<course_slug>")
def course(course_slug: str):
    found = services.resolve_course(course_slug)
    if found.course is None:
        abort(404)
    if found.redirect_to:
        return redirect(url_for("catalog.course", course_slug=found.redirect_to[0]), 301)
    if found.retired:
        return render_template("catalog/retired.html", what="course"), 410
    outline = services.course_outline(found.course, _user_id())
    total = sum(len(lessons) for _, lessons in outline)
    done = sum(item.completed for _, lessons in outline for item in lessons)
    return render_template(
        "catalog/course.html",
        course=found.course,
        outline=outline,
        total=total,
        done=done,
        quizzes=services.course_quizzes(found.course.id),
        scenarios=course_scenarios(found.course.id),
    )


@bp.get("/courses/<course_slug>/<lesson_slug>")
def lesson(course_slug: str, lesson_slug: str):
    page = services.lesson_page(course_slug, lesson_slug, _user_id())
    if page is None:
        return _moved_or_retired_lesson(course_slug, lesson_slug)
    completed = None
    if current_user.is_authenticated:
        completed = record_open(current_user, page.lesson.id, page.progress_exists, page.completed)
    return render_template(
        "catalog/lesson.html",
        course=page.course,
        lesson=page.lesson,
        previous=page.previous,
        following=page.following,
        completed=completed,
        check_slug=page.check_slug,
    )


def _moved_or_retired_lesson(course_slug: str, lesson_slug: str):
    found = services.resolve_lesson(course_slug, lesson_slug)
    if found.lesson is None:
        abort(404)
    if found.retired:
        return render_template("catalog/retired.html", what="lesson", course=found.course), 410
    target = url_for(
        "catalog.lesson", course_slug=found.redirect_to[0], lesson_slug=found.redirect_to[1]
    )
    return redirect(target, 301)


@bp.get("/search")
def search():
    query = request.args.get("q", "")[:200]
    hits = search_lessons(db.session, query) if query.strip() else []
    return render_template("catalog/search.html", query=query, hits=hits)


@bp.get("/media/<course_id>/<path:path>")
def media(course_id: str, path: str):
    item = services.get_media(course_id, path)
    if item is None:
        abort(404)
    response = Response(item.data, mimetype=item.mime_type)
    response.set_etag(item.sha256)
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    return response.make_conditional(request)
