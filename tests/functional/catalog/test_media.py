"""Course images: listed at load time, served from the database with an ETag."""

import hashlib
import re
import struct
import zlib

from app.content.loader import load_content
from app.extensions import db
from tests.functional.catalog.helpers import FIRST_LESSON_FILE, LESSONS, text

LESSON = LESSONS[0].url
MEDIA = "/media/course-pm-it/images/diagram.png"


def tiny_png(rgb: bytes = b"\xff\x00\x00") -> bytes:
    """A valid 1×1 PNG of one colour."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + rgb)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def add_image(root, ctx, png: bytes | None = None) -> bytes:
    """Put a PNG in the course folder, show it in the first lesson, and load."""
    png = png or tiny_png()
    (root / "pm-for-it" / "images").mkdir(exist_ok=True)
    (root / "pm-for-it" / "images" / "diagram.png").write_bytes(png)
    lesson = root / FIRST_LESSON_FILE
    source = lesson.read_text()
    if "diagram.png" not in source:
        lesson.write_text(source + "\n![A small diagram](../images/diagram.png)\n")
    with ctx():
        load_content(db.session, root)
    return png


def test_lesson_shows_an_image_from_the_course_folder(client, ctx, content_copy):
    add_image(content_copy, ctx)
    page = text(client.get(LESSON))
    assert re.search(rf'<img src="{MEDIA}" alt="A small diagram"', page)


def test_image_is_served_as_png_with_an_etag(client, ctx, content_copy):
    png = add_image(content_copy, ctx)
    response = client.get(MEDIA)
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    assert response.data == png
    assert response.get_etag() == (hashlib.sha256(png).hexdigest(), False)
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_image_unchanged_since_last_fetch_answers_304(client, ctx, content_copy):
    add_image(content_copy, ctx)
    etag = client.get(MEDIA).headers["ETag"]
    again = client.get(MEDIA, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""


def test_replaced_image_gets_a_new_etag(client, ctx, content_copy):
    add_image(content_copy, ctx)
    first = client.get(MEDIA).headers["ETag"]
    replacement = add_image(content_copy, ctx, tiny_png(b"\x00\x00\xff"))
    response = client.get(MEDIA, headers={"If-None-Match": first})
    assert response.status_code == 200
    assert response.data == replacement


def test_svg_in_the_course_folder_is_never_served(client, ctx, content_copy):
    add_image(content_copy, ctx)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    (content_copy / "pm-for-it" / "images" / "evil.svg").write_bytes(svg)
    with ctx():
        load_content(db.session, content_copy)
    assert client.get("/media/course-pm-it/images/evil.svg").status_code == 404


def test_media_paths_outside_the_listed_images_are_404(client, ctx, content_copy):
    add_image(content_copy, ctx)
    for path in (
        "/media/course-pm-it/images/missing.png",
        "/media/course-pm-it/course.yaml",
        "/media/course-pm-it/images/../course.yaml",
        "/media/course-pm-it/%2e%2e/%2e%2e/pyproject.toml",
        "/media/no-such-course/images/diagram.png",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "image" not in response.mimetype


def test_image_removed_from_the_folder_is_no_longer_served(client, ctx, content_copy):
    add_image(content_copy, ctx)
    (content_copy / "pm-for-it" / "images" / "diagram.png").unlink()
    lesson = content_copy / FIRST_LESSON_FILE
    lesson.write_text(lesson.read_text().replace("![A small diagram](../images/diagram.png)", ""))
    with ctx():
        load_content(db.session, content_copy)
    assert client.get(MEDIA).status_code == 404
