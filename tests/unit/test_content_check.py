"""``read_content`` reports every broken content file as ``path:line: message``."""

from pathlib import Path

import pytest
import yaml

from app.content.tree import read_content
from tests.content_trees import BODY_LINE, lesson, write_tree

# The parser's own words (libyaml's when PyYAML has it, as the app uses it).
MAPPING_NOT_ALLOWED = "mapping values are not allowed " + (
    "in this context" if yaml.__with_libyaml__ else "here"
)

ROOT = Path(__file__).resolve().parents[2]
FIRST = "content/course-a/01-one/01-first.md"
SECOND = "content/course-a/01-one/02-second.md"
THIRD = "content/course-a/02-two/01-third.md"
COURSE = "content/course-a/course.yaml"


def problems(tmp_path, files) -> list[str]:
    return [str(p) for p in read_content(write_tree(tmp_path, files)).problems]


def test_valid_tree_has_no_problems(tmp_path):
    tree = read_content(write_tree(tmp_path))
    assert tree.problems == []
    assert tree.counts() == {
        "courses": 1,
        "modules": 2,
        "lessons": 3,
        "images": 1,
        "questions": 0,
        "quizzes": 0,
        "booklets": 0,
        "scenarios": 0,
        "terms": 0,
        "syllabus tags": 2,
    }
    second = tree.courses[0].lessons[1]
    assert '<img src="/media/tst-course/img/chart.png"' in second.html


def test_the_real_content_folder_has_no_problems():
    tree = read_content(ROOT / "content")
    assert [str(p) for p in tree.problems] == []
    assert tree.counts()["lessons"] >= 6


def test_invalid_yaml_in_front_matter_is_reported_at_the_line_of_the_error(tmp_path):
    broken = lesson("tst-first", "first", title="Scope: what is in: and out")
    assert problems(tmp_path, {"course-a/01-one/01-first.md": broken}) == [
        f"{FIRST}:4: invalid YAML: {MAPPING_NOT_ALLOWED}"
    ]


def test_missing_front_matter_is_reported(tmp_path):
    assert problems(tmp_path, {"course-a/01-one/01-first.md": "## Just a body\n"}) == [
        f"{FIRST}:1: missing front matter: the file must start with a --- line"
    ]


def test_unknown_front_matter_field_is_reported_at_its_line(tmp_path):
    extra = lesson("tst-first", "first").replace("minutes: 10\n", "minutes: 10\nauthor: Sam\n")
    assert problems(tmp_path, {"course-a/01-one/01-first.md": extra}) == [
        f"{FIRST}:7: unknown field 'author'"
    ]


def test_unknown_syllabus_tag_is_reported_at_the_line_of_the_item(tmp_path):
    two_tags = lesson("tst-third", "third").replace(
        "  - tag-scope\n", "  - tag-scope\n  - tag-budget\n"
    )
    assert problems(tmp_path, {"course-a/02-two/01-third.md": two_tags}) == [
        f"{THIRD}:11: unknown syllabus tag 'tag-budget'"
    ]


def test_duplicate_lesson_id_across_two_files_is_reported(tmp_path):
    assert problems(tmp_path, {"course-a/02-two/01-third.md": lesson("tst-first", "third")}) == [
        f"{THIRD}:2: duplicate lesson id 'tst-first' (also in {FIRST})"
    ]


def test_duplicate_slug_in_a_course_is_reported(tmp_path):
    assert problems(tmp_path, {"course-a/02-two/01-third.md": lesson("tst-third", "first")}) == [
        f"{THIRD}:3: duplicate lesson slug 'first' in this course"
    ]


def test_bad_slug_is_reported(tmp_path):
    bad = lesson("tst-third", "third").replace("slug: third", "slug: Third_Lesson")
    assert problems(tmp_path, {"course-a/02-two/01-third.md": bad}) == [
        f"{THIRD}:3: slug 'Third_Lesson' is not a valid slug"
    ]


@pytest.mark.parametrize("minutes", ["ten", "7.5", "true", "0", "241"])
def test_minutes_that_are_not_a_whole_number_in_range_are_reported(tmp_path, minutes):
    bad = lesson("tst-third", "third", minutes=minutes)
    assert problems(tmp_path, {"course-a/02-two/01-third.md": bad}) == [
        f"{THIRD}:6: minutes must be a whole number from 1 to 240"
    ]


def test_broken_lesson_link_is_reported_at_its_line_counting_the_front_matter(tmp_path):
    body = "## Start\n\nIntro.\n\nNext, read\n[the missing one](lesson:tst-nowhere).\n"
    files = {"course-a/02-two/01-third.md": lesson("tst-third", "third", body)}
    assert problems(tmp_path, files) == [
        f"{THIRD}:{BODY_LINE + 5}: link to unknown lesson id 'tst-nowhere'"
    ]


def test_link_to_a_markdown_file_instead_of_a_lesson_id_is_reported(tmp_path):
    body = "## Start\n\nSee [the second](02-second.md).\n"
    assert problems(
        tmp_path, {"course-a/01-one/01-first.md": lesson("tst-first", "first", body)}
    ) == [
        f"{FIRST}:{BODY_LINE + 2}: link lessons by id, e.g. (lesson:ID), not by file: "
        "'02-second.md'"
    ]


def test_image_not_found_is_reported(tmp_path):
    assert problems(tmp_path, {"course-a/img/chart.png": None}) == [
        f"{SECOND}:{BODY_LINE + 2}: image '../img/chart.png' not found in the course folder"
    ]


def test_svg_image_is_reported(tmp_path):
    body = "## Picture\n\n![A chart](../img/chart.svg)\n"
    files = {
        "course-a/img/chart.svg": '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
        "course-a/01-one/02-second.md": lesson("tst-second", "second", body),
    }
    assert problems(tmp_path, files) == [
        f"{SECOND}:{BODY_LINE + 2}: image '../img/chart.svg' is not a raster image "
        "(png, jpg, gif, webp)"
    ]


def test_raster_file_whose_bytes_are_not_an_image_is_reported(tmp_path):
    files = {"course-a/img/chart.png": b"<html>not a picture</html>"}
    assert problems(tmp_path, files) == [
        f"{SECOND}:{BODY_LINE + 2}: image '../img/chart.png' not found in the course folder",
        "content/course-a/img/chart.png:1: file content is not a PNG image",
    ]


def test_unreadable_image_is_reported_not_raised(tmp_path, monkeypatch):
    root = write_tree(tmp_path, {})
    real_read_bytes = Path.read_bytes

    def read_bytes(path):
        if path.suffix == ".png":
            raise PermissionError(13, "Permission denied")
        return real_read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert [str(p) for p in read_content(root).problems] == [
        f"{SECOND}:{BODY_LINE + 2}: image '../img/chart.png' not found in the course folder",
        "content/course-a/img/chart.png:1: unreadable file: Permission denied",
    ]


def test_module_folder_listed_but_missing_is_reported_at_its_line(tmp_path):
    assert problems(tmp_path, {"course-a/02-two/01-third.md": None}) == [
        f"{COURSE}:10: module folder '02-two' not found"
    ]


def test_module_folder_not_listed_is_reported(tmp_path):
    files = {"course-a/03-three/01-extra.md": lesson("tst-extra", "extra")}
    assert problems(tmp_path, files) == [
        f"{COURSE}:1: module folder '03-three' is not listed in modules"
    ]


def test_non_utf8_file_is_reported_at_the_line_of_the_bad_byte(tmp_path):
    text = lesson("tst-third", "third", "## Start\n\nCaf\xe9 culture.\n")
    files = {"course-a/02-two/01-third.md": text.encode("latin-1")}
    assert problems(tmp_path, files) == [f"{THIRD}:{BODY_LINE + 2}: not valid UTF-8 text"]


def test_course_folder_without_course_yaml_is_reported(tmp_path):
    files = {"course-b/01-one/01-lost.md": lesson("tst-lost", "lost")}
    assert problems(tmp_path, files) == [
        "content/course-b/course.yaml:1: course folder without course.yaml"
    ]


def test_unknown_tag_in_a_flow_style_list_is_reported_at_the_list_line(tmp_path):
    flow = lesson("tst-third", "third").replace(
        "tags:\n  - tag-scope\n", "tags: [tag-scope, tag-risk, tag-nope]\n"
    )
    assert problems(tmp_path, {"course-a/02-two/01-third.md": flow}) == [
        f"{THIRD}:9: unknown syllabus tag 'tag-nope'"
    ]


def test_every_problem_in_the_tree_is_reported_in_one_run(tmp_path):
    files = {
        "course-a/01-one/01-first.md": "no front matter\n",
        "course-a/02-two/01-third.md": lesson("tst-third", "third", minutes="lots"),
    }
    assert problems(tmp_path, files) == [
        f"{FIRST}:1: missing front matter: the file must start with a --- line",
        f"{THIRD}:6: minutes must be a whole number from 1 to 240",
    ]
