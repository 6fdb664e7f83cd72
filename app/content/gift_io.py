"""``flask content import-gift`` / ``export-gift``: files in, files out.

An import never overwrites an existing bank; it fills what GIFT cannot say
(lesson, tags, difficulty, pool) from the command's options, unless a
``// pmcert:`` comment in the file carries them.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from app.content.gift import Skipped, parse_gift, write_gift
from app.content.schema import ID_RE

FIELD_ORDER = [
    "id",
    "type",
    "style",
    "lesson",
    "tags",
    "difficulty",
    "pool",
    "shuffle",
    "stem",
    "options",
    "answer",
    "wrong_reason",
    "items",
    "pairs",
    "distractors",
    "explanation",
]


def _question_id(question: dict, prefix: str, index: int, taken: set[str]) -> str:
    candidate = question.get("_id") or ""
    if not ID_RE.match(candidate):
        title = re.sub(r"[^a-z0-9]+", "-", (question.get("title") or "").lower()).strip("-")
        candidate = f"{prefix}-{title}"[:64].strip("-") if title else f"{prefix}-{index:03d}"
    base, n = candidate, 2
    while candidate in taken or not ID_RE.match(candidate):
        candidate = f"{base[:58]}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def import_gift(
    source: Path, bank: Path, lesson: str, tags: list[str], difficulty: int, pool: list[str]
) -> tuple[int, list[Skipped]]:
    """Convert ``source`` into a new bank file; returns (questions written, skipped)."""
    if bank.exists():
        raise FileExistsError(f"{bank} exists; an import never overwrites a bank")
    result = parse_gift(source.read_text(encoding="utf-8"))
    prefix = "q-" + re.sub(r"[^a-z0-9]+", "-", bank.stem.lower()).strip("-")
    taken: set[str] = set()
    questions = []
    for index, parsed in enumerate(result.questions, start=1):
        entry = {
            "id": _question_id(parsed, prefix, index, taken),
            "lesson": parsed.get("_lesson", lesson),
            "tags": parsed.get("_tags", tags),
            "difficulty": parsed.get("_difficulty", difficulty),
            "pool": parsed.get("_pool", pool),
        }
        entry.update({k: v for k, v in parsed.items() if not k.startswith("_") and k != "title"})
        questions.append({k: entry[k] for k in FIELD_ORDER if k in entry})
    bank.parent.mkdir(parents=True, exist_ok=True)
    with bank.open("x", encoding="utf-8") as out:
        yaml.safe_dump(
            {"questions": questions}, out, sort_keys=False, allow_unicode=True, width=100
        )
    return len(questions), result.skipped


def export_gift(bank: Path) -> tuple[str, list[Skipped]]:
    data = yaml.safe_load(bank.read_text(encoding="utf-8")) or {}
    return write_gift(data.get("questions") or [])
