"""GIFT round trips keep every question's meaning (property tests).

ours → GIFT → ours: any bank question GIFT can hold comes back equal, field by field,
whatever characters its texts hold (GIFT's own ``~ = # { } : \\``, newlines, ``->``,
unicode). GIFT → ours → GIFT → ours: a Moodle-style file, once imported, reads back
the same after our export.

Texts never start or end with whitespace (the parser strips texts at their ends) and
hold no line or paragraph separators other than ``\\n``. Two things GIFT cannot say
are not generated: a matching prompt containing ``->`` (Moodle splits a pair at its
first ``->``; the export reports such a question instead) and an option text starting
with a ``%number%`` weight.
"""

from __future__ import annotations

import html
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.content.gift import GAP, parse_gift, write_gift

PROPERTY = settings(max_examples=200, deadline=None, database=None)
IDS = ("id", "lesson", "tags", "difficulty", "pool")
WEIGHT = re.compile(r"%-?\d+(\.\d+)?%")

# GIFT's special characters, and pieces of its syntax, come up far more often than
# in random unicode text, so the properties meet them in nearly every example.
GIFT_PIECES = ["~", "=", "#", "{", "}", ":", "\\", "\n", "->", "::", "####", "\\n", " "]
pieces = st.one_of(
    st.sampled_from(GIFT_PIECES),
    st.text("abc", min_size=1, max_size=3),
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")),
)
texts = st.lists(pieces, min_size=1, max_size=12).map("".join).map(str.strip).filter(bool)
prompts = texts.filter(lambda t: "->" not in t)
short_ids = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=4)
question_ids = st.from_regex(r"q-[a-z0-9]{1,12}", fullmatch=True)


@st.composite
def common(draw, qtype: str) -> dict:
    """The fields every question has; our metadata only sometimes."""
    q = {"id": draw(question_ids), "type": qtype, "stem": draw(texts)}
    q["explanation"] = draw(texts)
    if draw(st.booleans()):
        q["lesson"] = draw(st.sampled_from(["pmit-risk", "pmit-change-control"]))
        q["tags"] = draw(st.lists(st.sampled_from(["it-risk", "p2-practice-risk"]), min_size=1))
        q["difficulty"] = draw(st.integers(1, 3))
        q["pool"] = draw(st.sampled_from([["practice"], ["exam"], ["practice", "exam"]]))
    if draw(st.booleans()):
        q["shuffle"] = draw(st.booleans())
    return q


def options(draw, right: list[bool]) -> list[dict]:
    ids = draw(st.lists(short_ids, min_size=len(right), max_size=len(right), unique=True))
    result = []
    for option_id, correct in zip(ids, right, strict=True):
        option = {"id": option_id, "text": draw(texts.filter(lambda t: not WEIGHT.match(t)))}
        if correct:
            option["correct"] = True
        option["reason"] = draw(texts)
        result.append(option)
    return result


@st.composite
def choice_questions(draw) -> dict:
    qtype = draw(st.sampled_from(["single", "multiple"]))
    q = draw(common(qtype))
    count = draw(st.integers(3, 6))
    if qtype == "single":
        right = [False] * count
        right[draw(st.integers(0, count - 1))] = True
    else:
        right = draw(st.lists(st.booleans(), min_size=count, max_size=count))
        right = right if sum(right) >= 2 else [True, True, *right[2:]]
    q["options"] = options(draw, right)
    style = draw(st.sampled_from([None, "standard", "list", "negative", "missing_word"]))
    if style:
        q["style"] = style
    if style == "missing_word":
        before, after = draw(texts), draw(texts)
        q["stem"] = draw(
            st.sampled_from([f"{before} {GAP} {after}", f"{GAP} {after}", f"{before} {GAP}"])
        )
    return q


@st.composite
def true_false_questions(draw) -> dict:
    q = draw(common("true_false"))
    q["answer"] = draw(st.booleans())
    q["wrong_reason"] = draw(texts)
    return q


@st.composite
def matching_questions(draw) -> dict:
    q = draw(common("matching"))
    count = draw(st.integers(3, 6))
    ids = draw(st.lists(short_ids, min_size=count, max_size=count, unique=True))
    q["pairs"] = [{"id": i, "prompt": draw(prompts), "match": draw(texts)} for i in ids]
    distractors = draw(st.lists(texts, max_size=3))
    if distractors:
        q["distractors"] = distractors
    return q


bank_questions = st.one_of(choice_questions(), true_false_questions(), matching_questions())


def as_bank(parsed: dict) -> dict:
    """A parsed question in our bank's shape: its metadata under its own names."""
    q = {k: v for k, v in parsed.items() if not k.startswith("_") and k != "title"}
    q.update({key: parsed[f"_{key}"] for key in IDS if f"_{key}" in parsed})
    return q


def choice(stem: str, *option_texts: str, style: str = "missing_word") -> dict:
    """A single-choice question whose first option is right, for the fixed examples."""
    options = [
        {"id": f"o{n}", "text": t, "reason": f"Reason {n}."} for n, t in enumerate(option_texts)
    ]
    options[0]["correct"] = True
    return {
        "id": "q-x",
        "type": "single",
        "style": style,
        "stem": stem,
        "options": options,
        "explanation": "Why.",
    }


@PROPERTY
@given(st.lists(bank_questions, min_size=1, max_size=4))
@example([choice(f"The register is the {GAP}", "risk register", "log", "plan")])
@example([choice("Which cycle?", "Plan -> Do -> Check", "Do", "Check", style="standard")])
@example([choice("Escapes \\~ \\n \\", "\\", "a\\", "~=#{}:", style="standard")])
def test_bank_questions_written_as_gift_read_back_with_the_same_meaning(questions):
    text, not_written = write_gift(questions)
    result = parse_gift(text)
    assert not_written == []
    assert result.skipped == []
    assert [as_bank(q) for q in result.questions] == questions


def test_a_matching_prompt_with_an_arrow_is_reported_not_exported_changed():
    pairs = [{"id": "p1", "prompt": "Plan -> Do", "match": "Deming"}] + [
        {"id": f"p{n}", "prompt": f"Prompt {n}", "match": f"Match {n}"} for n in (2, 3)
    ]
    question = {
        "id": "q-arrow",
        "type": "matching",
        "stem": "Match them.",
        "pairs": pairs,
        "explanation": "Why.",
    }

    text, not_written = write_gift([question])

    assert [(s.line, s.reason) for s in not_written] == [
        (1, "q-arrow: a matching prompt with -> has no GIFT form")
    ]
    assert parse_gift(text).questions == []


# GIFT as Moodle users write it: escapes, formats, titles, comments and categories.

FORMATS = ["", "[plain]", "[markdown]", "[moodle]", "[html]"]


def escaped(text: str) -> str:
    for ch in "\\~=#{}:":
        text = text.replace(ch, "\\" + ch)
    return text.replace("\n", "\\n")


@st.composite
def gift_texts(draw, fmt: str, strategy=texts) -> str:
    text = draw(strategy)
    if fmt == "[html]":
        text = f"<{draw(st.sampled_from(['p', 'b', 'i']))}>{html.escape(text)}</p>"
    return escaped(text)


@st.composite
def answer_blocks(draw, fmt: str) -> str:
    kind = draw(st.sampled_from(["single", "weights", "true_false", "matching"]))
    text = gift_texts(fmt)
    if kind == "true_false":
        value = draw(st.sampled_from(["T", "TRUE", "F", "FALSE"]))
        answers = [f"{value}#{draw(text)}#{draw(text)}"]
    elif kind == "matching":
        prompt = gift_texts(fmt, prompts)  # an HTML -&gt; would make one
        answers = [f"={draw(prompt)} -> {draw(text)}" for _ in range(draw(st.integers(3, 6)))]
        answers += [f"= -> {draw(text)}" for _ in range(draw(st.integers(0, 2)))]
    else:
        count = draw(st.integers(3, 6))
        right = draw(st.integers(0, count - 1))
        answers = []
        for index in range(count):
            if kind == "single":
                marker = "=" if index == right else "~"
            else:
                marker = "~%50%" if index in (right, (right + 1) % count) else "~%-100%"
            answers.append(f"{marker}{draw(text)}#{draw(text)}")
    separator = draw(st.sampled_from([" ", "\n"]))
    return "{" + separator.join(answers) + f"{separator}####{draw(text)}" + "}"


@st.composite
def gift_questions(draw) -> str:
    fmt = draw(st.sampled_from(FORMATS))
    title = f"::{draw(gift_texts(''))}::" if draw(st.booleans()) else ""
    stem = draw(gift_texts(fmt))
    block = draw(answer_blocks(fmt))
    after = f" {draw(gift_texts(fmt))}" if draw(st.booleans()) else ""
    lines = []
    if draw(st.booleans()):
        lines.append(f"// note {draw(gift_texts(''))}")
    if draw(st.booleans()):
        lines.append("$CATEGORY: $course$/imported")
    return "\n".join([*lines, f"{title}{fmt}{stem}\n{block}{after}"])


@PROPERTY
@given(st.lists(gift_questions(), min_size=1, max_size=4))
@example(["The gap ends it {=a#r ~b#r ~c#r ####g}\\n"])
def test_imported_gift_exported_and_imported_again_is_unchanged(blocks):
    first = parse_gift("\n\n".join(blocks) + "\n")
    ours = [dict(as_bank(q), id=f"q-imported-{n}") for n, q in enumerate(first.questions)]
    text, not_written = write_gift(ours)
    second = parse_gift(text)
    assert not_written == []
    assert second.skipped == []
    assert [as_bank(q) for q in second.questions] == ours
