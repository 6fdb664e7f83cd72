"""``flask content import-gift`` and ``flask content export-gift`` from the command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

QUESTIONS = Path(__file__).resolve().parents[3] / "content" / "pm-for-it" / "questions"
REAL_BANKS = sorted(path.name for path in QUESTIONS.glob("*.yaml"))

MOODLE_FILE = """\
// Imported from Moodle: risk basics
$CATEGORY: $course$/Risk

::Risk or issue::[html]<p>Which of these is a <b>risk</b>?</p>{
=A supplier <i>might</i> deliver late#It has not happened yet.
~The backup failed last night#That has happened, so it is an issue.
~The server is down now#That is happening, so it is an issue.
}

::Threat responses::Which two are responses to a threat?{
~%50%Avoid#Changing the plan can remove the threat.
~%50%Reduce#Lowering probability or impact is a threat response.
~%-100%Exploit#Exploit is a response to an opportunity.
####Threat responses include avoid, reduce, transfer or share, and accept.}

A risk is certain to happen.{FALSE#A risk is uncertain by definition.####Risks are uncertain.}

Match each record to what it holds.{
=Risk register -> Threats and opportunities
=Issue register -> Problems that have happened
=Lessons log -> What to repeat or avoid
= -> Team holidays
####Each record holds one kind of entry.}

The {=risk register#It records threats. ~daily log#It holds informal notes. \
~lessons log#It records lessons.} holds every threat.

// Moodle short answer: nothing in our banks can hold it
Name the record of threats.{=risk register =risk log}
"""


def invoke_import(runner, source: Path, bank: Path):
    args = ["content", "import-gift", str(source), "--bank", str(bank)]
    return runner.invoke(args=[*args, "--lesson", "pmit-risk", "--tags", "it-risk"])


def questions_in(bank: Path) -> list[dict]:
    return yaml.safe_load(bank.read_text(encoding="utf-8"))["questions"]


def meaning(value):
    """A question with the whitespace at the ends of its texts ignored."""
    if isinstance(value, dict):
        return {key: meaning(item) for key, item in value.items()}
    if isinstance(value, list):
        return [meaning(item) for item in value]
    return value.strip() if isinstance(value, str) else value


@pytest.fixture
def content_copy(app, tmp_path) -> Path:
    """A copy of the real content tree that a test may add banks to."""
    return shutil.copytree(app.config["CONTENT_DIR"], tmp_path / "content")


@pytest.fixture
def moodle_file(tmp_path) -> Path:
    path = tmp_path / "moodle.gift"
    path.write_text(MOODLE_FILE, encoding="utf-8")
    return path


def test_import_writes_a_bank_that_passes_content_check(runner, content_copy, moodle_file):
    bank = content_copy / "pm-for-it" / "questions" / "imported.yaml"

    result = invoke_import(runner, moodle_file, bank)

    assert result.exit_code == 0, result.output
    assert [(q["id"], q["type"], q.get("style")) for q in questions_in(bank)] == [
        ("q-imported-risk-or-issue", "single", None),
        ("q-imported-threat-responses", "multiple", None),
        ("q-imported-003", "true_false", None),
        ("q-imported-004", "matching", None),
        ("q-imported-005", "single", "missing_word"),
    ]
    first = questions_in(bank)[0]
    assert (first["lesson"], first["tags"], first["difficulty"], first["pool"]) == (
        "pmit-risk",
        ["it-risk"],
        2,
        ["practice"],
    )
    assert first["stem"] == "Which of these is a risk?"
    check = runner.invoke(args=["content", "check", str(content_copy)])
    assert check.exit_code == 0, check.output
    assert check.stdout.startswith("content OK")


def test_import_prints_each_skipped_question_as_file_line_reason(runner, tmp_path, moodle_file):
    bank = tmp_path / "imported.yaml"

    result = invoke_import(runner, moodle_file, bank)

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{moodle_file}:28: skipped: short-answer questions have no equivalent in our banks",
        f"imported 5 question(s) into {bank}; skipped 1",
    ]


def test_import_refuses_to_overwrite_an_existing_bank(runner, tmp_path, moodle_file):
    bank = tmp_path / "existing.yaml"
    bank.write_text("questions: []\n", encoding="utf-8")

    result = invoke_import(runner, moodle_file, bank)

    assert result.exit_code == 1
    assert "an import never overwrites a bank" in result.stderr
    assert bank.read_text(encoding="utf-8") == "questions: []\n"


def test_export_prints_gift_and_reports_ordering_questions_on_stderr(runner, tmp_path):
    bank = QUESTIONS / "risk.yaml"

    result = runner.invoke(args=["content", "export-gift", str(bank)])

    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"{bank}: question 11 not exported: q-pmit-risk-11: ordering questions have no GIFT form\n"
    )
    assert result.stdout.count("\n::q-pmit-risk-") == 11
    assert "::q-pmit-risk-11::" not in result.stdout


@pytest.mark.parametrize("name", REAL_BANKS)
def test_a_real_bank_exported_and_imported_back_keeps_every_question(runner, tmp_path, name):
    exported = runner.invoke(args=["content", "export-gift", str(QUESTIONS / name)])
    assert exported.exit_code == 0, exported.output
    gift = tmp_path / "bank.gift"
    gift.write_text(exported.stdout, encoding="utf-8")
    bank = tmp_path / "back.yaml"

    imported = invoke_import(runner, gift, bank)

    assert imported.exit_code == 0, imported.output
    every = questions_in(QUESTIONS / name)
    original = [q for q in every if q["type"] != "ordering"]
    assert original, f"{name} has no question GIFT can hold"
    assert imported.stdout == f"imported {len(original)} question(s) into {bank}; skipped 0\n"
    left_out = [q["id"] for q in every if q["type"] == "ordering"]
    assert exported.stderr.count(" not exported: ") == len(left_out)
    assert all(f" not exported: {qid}: " in exported.stderr for qid in left_out)
    assert meaning(questions_in(bank)) == meaning(original)
