"""``flask content check`` and ``flask content load`` from the command line."""

from app.extensions import db
from app.models import Course, Lesson
from tests.content_trees import lesson, write_tree

THIRD = "content/course-a/02-two/01-third.md"


def broken_tree(tmp_path):
    return write_tree(
        tmp_path,
        {
            "course-a/02-two/01-third.md": lesson(
                "tst-third", "third", "## Start\n\n[gone](lesson:tst-nowhere)\n", minutes="ten"
            )
        },
    )


def test_check_of_a_bad_tree_exits_1_and_prints_path_line_message(runner, tmp_path):
    result = runner.invoke(args=["content", "check", str(broken_tree(tmp_path))])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{THIRD}:6: minutes must be a whole number from 1 to 240",
        f"{THIRD}:14: link to unknown lesson id 'tst-nowhere'",
    ]
    assert "2 problem(s) found." in result.stderr


def test_check_of_a_good_tree_exits_0_with_a_summary_of_counts(runner, tmp_path):
    result = runner.invoke(args=["content", "check", str(write_tree(tmp_path))])
    assert result.exit_code == 0, result.output
    no_check = "has no practice check: add a practice quiz with lesson:"
    assert result.stdout.splitlines() == [
        f"content/course-a/01-one/01-first.md:1: warning: lesson 'tst-first' {no_check} tst-first",
        f"content/course-a/01-one/02-second.md:1: warning: lesson 'tst-second' {no_check} "
        "tst-second",
        f"content/course-a/02-two/01-third.md:1: warning: lesson 'tst-third' {no_check} tst-third",
        "content OK: 1 courses, 2 modules, 3 lessons, 1 images, 0 questions, 0 quizzes, "
        "0 booklets, 0 scenarios, 0 terms, 2 syllabus tags; 3 warning(s)",
    ]


def test_strict_check_fails_on_warnings_and_the_curriculum_has_none(runner, tmp_path):
    strict = runner.invoke(args=["content", "check", "--strict", str(write_tree(tmp_path))])
    assert strict.exit_code == 1
    assert "3 warning(s)" in strict.stdout
    ours = runner.invoke(args=["content", "check", "--strict"])
    assert ours.exit_code == 0, ours.output
    assert ours.stdout.endswith("; 0 warning(s)\n")


def test_check_without_a_path_checks_the_configured_content_folder(runner):
    result = runner.invoke(args=["content", "check"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("content OK: ")
    assert result.stdout.endswith("; 0 warning(s)\n")


def test_load_of_a_bad_tree_exits_1_and_loads_nothing(runner, ctx, tmp_path):
    result = runner.invoke(args=["content", "load", str(broken_tree(tmp_path))])
    assert result.exit_code == 1
    assert f"{THIRD}:6: minutes must be a whole number from 1 to 240" in result.stdout
    assert "content not loaded" in result.stderr
    with ctx():
        assert db.session.get(Lesson, "tst-first") is None
        assert db.session.get(Course, "tst-course") is None
        assert db.session.get(Course, "course-pm-it").retired_at is None


def test_load_of_a_valid_tree_is_idempotent(runner, ctx, tmp_path):
    root = str(write_tree(tmp_path))
    first = runner.invoke(args=["content", "load", root])
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("lessons: 3 added, 0 updated, 0 unchanged, ")
    second = runner.invoke(args=["content", "load", root])
    assert second.exit_code == 0, second.output
    assert second.stdout == (
        "content unchanged since the last load: nothing written "
        "(--force reads and checks it all again)\n"
    )
    forced = runner.invoke(args=["content", "load", "--force", root])
    assert forced.exit_code == 0, forced.output
    assert forced.stdout == (
        "lessons: 0 added, 0 updated, 3 unchanged, 0 retired\n"
        "questions: 0 added or changed, 0 unchanged, 0 retired\n"
        "terms: 0 added or changed, 0 unchanged, 0 retired\n"
    )
    with ctx():
        assert db.session.get(Lesson, "tst-first").slug == "first"
