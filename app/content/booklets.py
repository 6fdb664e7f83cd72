"""Scenario booklets: ``content/<course>/booklets/*.md``, the case a Practitioner-style
question is set in, shown beside the question.

Front matter: ``id`` (stable), ``slug``, ``title``; the body is markdown, rendered like a
lesson's (lesson links, course images; no raw HTML).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from app.content.render import RENDERER_VERSION, RenderContext, render_markdown
from app.content.schema import ID_RE, SLUG_RE, FieldChecker
from app.content.yamlfile import split_front_matter

FIELDS = {"id", "slug", "title"}


@dataclass
class BookletDoc:
    id: str
    slug: str
    title: str
    html: str
    path: str
    source_hash: str
    line: int = 2  # where the front matter's id sits, for duplicate-id reports


def read_booklets(
    reader, course_dir: Path, lesson_url, media_urls: dict[str, str], link_digest: str
) -> list[BookletDoc]:
    booklets = []
    for path in sorted((course_dir / "booklets").glob("*.md")):
        text = reader.read_text(path)
        if text is None:
            continue
        parts = split_front_matter(text)
        if parts is None:
            reader.report(path, 1, "missing front matter: the file must start with a --- line")
            continue
        front, body, body_line = parts
        data, lines = reader.read_yaml(path, front, offset=1)
        check = FieldChecker(reader.rel(path), data, lines, reader.problems)
        if data is None or not check.mapping(FIELDS, FIELDS):
            continue
        ctx = RenderContext(
            lesson_url=lesson_url, media=media_urls, base_dir="booklets", line_offset=body_line - 1
        )
        rendered = render_markdown(body, ctx)
        for line, message in ctx.problems:
            reader.report(path, line, message)
        digest = hashlib.sha256(f"{text}:{RENDERER_VERSION}:{link_digest}".encode()).hexdigest()
        booklets.append(
            BookletDoc(
                id=check.pattern("id", ID_RE, "booklet id"),
                slug=check.pattern("slug", SLUG_RE, "slug"),
                title=check.text("title"),
                html=rendered.html,
                path=reader.rel(path),
                source_hash=digest,
            )
        )
    return booklets
