"""Glossary terms load like the rest of the curriculum: upserted by id, left alone when
unchanged, retired (never deleted) when removed, and revived when they come back."""

import shutil

from sqlalchemy import select

from app.content.loader import load_content
from app.extensions import db
from app.models import GlossaryTerm
from tests.conftest import ROOT, sql_statements
from tests.content_trees import write_tree
from tests.glossary_trees import GLOSSARY, GLOSSARY_PATH, glossary, term, three_terms

IDS = ["term-tst-scope", "term-tst-risk", "term-tst-float"]


def load(root, force: bool = False):
    return load_content(db.session, root, force)


def rows(course_id: str = "tst-course") -> dict[str, GlossaryTerm]:
    query = select(GlossaryTerm).where(GlossaryTerm.course_id == course_id)
    return {row.id: row for row in db.session.scalars(query)}


def test_first_load_inserts_every_term_with_its_course_lesson_and_position(ctx, tmp_path):
    with ctx():
        report = load(write_tree(tmp_path, {GLOSSARY: three_terms()}))
        assert report.terms[:2] == [3, 0]  # (and the real course's terms retired)
        loaded = rows()
        assert sorted(loaded, key=lambda tid: loaded[tid].position) == IDS
        risk = loaded["term-tst-risk"]
        assert (risk.term, risk.lesson_id, risk.retired_at) == ("Risk", "tst-third", None)
        assert risk.definition == "What Risk means, in one sentence."
        assert loaded["term-tst-float"].lesson_id is None


def test_an_edited_definition_updates_only_that_term(ctx, tmp_path):
    with ctx():
        load(write_tree(tmp_path, {GLOSSARY: three_terms()}))
        edited = three_terms().replace("What Risk means", "What a risk is")
        report = load(write_tree(tmp_path, {GLOSSARY: edited}))
        assert report.terms == [1, 2, 0]
        assert rows()["term-tst-risk"].definition == "What a risk is, in one sentence."


def test_reordered_terms_take_their_new_positions(ctx, tmp_path):
    with ctx():
        load(write_tree(tmp_path, {GLOSSARY: three_terms()}))
        reordered = glossary(
            term("term-tst-float", "Float", lesson=None),
            term("term-tst-scope", "Scope"),
            term("term-tst-risk", "Risk", lesson="tst-third"),
        )
        report = load(write_tree(tmp_path, {GLOSSARY: reordered}))
        assert report.terms == [3, 0, 0]
        assert {tid: row.position for tid, row in rows().items()} == {
            "term-tst-float": 0,
            "term-tst-scope": 1,
            "term-tst-risk": 2,
        }


def test_a_second_load_of_the_same_glossary_writes_no_term(app, ctx, tmp_path):
    root = write_tree(tmp_path, {GLOSSARY: three_terms()})
    with ctx():
        load(root)
    with ctx(), sql_statements(app) as sent:
        report = load(root, force=True)  # read and compared, not skipped by the digest
    touching = [s for s in sent if "glossary_terms" in s]
    assert touching, "the glossary was not even read"
    assert [s for s in touching if not s.lstrip().startswith("SELECT")] == []
    assert report.terms == [0, 3, 0]


def test_a_removed_term_is_retired_not_deleted_and_revived_when_it_returns(ctx, tmp_path):
    with ctx():
        load(write_tree(tmp_path, {GLOSSARY: three_terms()}))
        without_risk = glossary(term("term-tst-scope", "Scope"), term("term-tst-float", "Float"))
        report = load(write_tree(tmp_path, {GLOSSARY: without_risk}))
        assert report.terms == [1, 1, 1]  # float moved up a place, so it changed
        retired = rows()["term-tst-risk"]
        assert retired.retired_at is not None
        assert retired.definition == "What Risk means, in one sentence."

        report = load(write_tree(tmp_path, {GLOSSARY: three_terms()}))
        assert report.terms == [2, 1, 0]
        assert [tid for tid, row in rows().items() if row.retired_at] == []


def test_deleting_the_glossary_file_retires_all_its_terms(ctx, tmp_path):
    with ctx():
        load(write_tree(tmp_path, {GLOSSARY: three_terms()}))
        report = load(write_tree(tmp_path, {GLOSSARY: None}))
        assert report.terms == [0, 0, 3]
        assert all(row.retired_at is not None for row in rows().values())
        assert len(rows()) == 3


def test_terms_of_a_course_that_left_the_content_folder_are_retired(ctx, tmp_path):
    root = write_tree(tmp_path, {GLOSSARY: three_terms()})
    with ctx():
        load(root)
        shutil.rmtree(root / "course-a")
        report = load(root)
        assert report.terms[2] == 3
        assert all(row.retired_at is not None for row in rows().values())


def test_a_broken_glossary_fails_the_check_and_loads_nothing(runner, ctx, tmp_path):
    broken = glossary(term("term-tst-scope", "Scope", lesson="tst-nowhere"))
    root = str(write_tree(tmp_path, {GLOSSARY: broken}))
    check = runner.invoke(args=["content", "check", root])
    assert check.exit_code == 1
    assert check.stdout.splitlines() == [f"{GLOSSARY_PATH}:5: unknown lesson id 'tst-nowhere'"]
    load_result = runner.invoke(args=["content", "load", root])
    assert load_result.exit_code == 1
    with ctx():
        assert db.session.get(GlossaryTerm, "term-tst-scope") is None


def test_the_load_command_reports_terms_with_the_other_kinds(runner, tmp_path):
    root = str(write_tree(tmp_path, {GLOSSARY: three_terms()}))
    first = runner.invoke(args=["content", "load", root])
    assert first.exit_code == 0, first.output
    assert "\nterms: 3 added or changed, 0 unchanged, " in first.stdout
    second = runner.invoke(args=["content", "load", "--force", root])
    assert second.stdout.splitlines()[2] == "terms: 0 added or changed, 3 unchanged, 0 retired"


def test_the_real_content_passes_the_check_and_loads_at_least_60_terms(runner, ctx):
    check = runner.invoke(args=["content", "check"])
    assert check.exit_code == 0, check.output
    with ctx():
        report = load(ROOT / "content", force=True)  # the session's database already holds it
        loaded = rows("course-pm-it")
        assert report.terms[0] == 0
        assert report.terms[1] >= len(loaded) >= 60  # the report counts every course
        assert all(row.retired_at is None and row.lesson_id for row in loaded.values())
