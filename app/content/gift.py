"""Moodle GIFT ⇄ our question banks.

``parse_gift`` reads the format as Moodle documents it: ``//`` comments,
``$CATEGORY:`` lines, ``::title::``, ``[html]``/``[markdown]``/``[plain]``/``[moodle]``
text formats, the escapes ``\\~ \\= \\# \\{ \\} \\:`` and ``\\n``, per-answer ``#feedback``,
``%weight%`` answers, general ``####feedback``, true/false with its two feedbacks,
matching (``->``, with extra wrong matches), and missing-word questions (text after
the answer block). What our banks cannot hold (short answer, numerical, essay,
descriptions, fewer than three options, an answer without the feedback we need as
its reason) is reported with its line and skipped.

``write_gift`` writes a bank back out. Our own metadata (lesson, tags, difficulty,
pool, style, shuffle, option ids) travels in a ``// pmcert:`` comment Moodle ignores,
so ours → GIFT → ours keeps every question's meaning. Ordering questions, and
matching prompts containing ``->``, have no GIFT form and are reported.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

ESCAPABLE = "~=#{}:"
META_PREFIX = "// pmcert:"
GAP = "______"


@dataclass
class Skipped:
    line: int
    reason: str


@dataclass
class GiftResult:
    questions: list[dict] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


class _TextOnly(HTMLParser):
    """HTML to plain text: tags dropped, entities decoded, nothing passed through."""

    BREAKS = {"p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self.skip += 1
        elif tag in self.BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in {"script", "style"} and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_to_text(source: str) -> str:
    parser = _TextOnly()
    parser.feed(source)
    parser.close()
    text = re.sub(r"[ \t]+", " ", "".join(parser.parts))
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()


def _unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            if nxt in ESCAPABLE or nxt == "\\":
                out.append(nxt)
                i += 2
                continue
            if nxt == "n":
                out.append("\n")
                i += 2
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def _split_unescaped(text: str, chars: str) -> list[tuple[str, str]]:
    """Split at unescaped ``chars``; returns (separator before, piece) pairs."""
    pieces, current, sep, i = [], [], "", 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            current.append(text[i : i + 2])
            i += 2
            continue
        if ch in chars:
            pieces.append((sep, "".join(current)))
            current, sep = [], ch
        else:
            current.append(ch)
        i += 1
    pieces.append((sep, "".join(current)))
    return pieces


def _find_unescaped(text: str, target: str, start: int = 0) -> int:
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(target, i):
            return i
        i += 1
    return -1


def _text(raw: str, fmt: str) -> str:
    text = _unescape(raw).strip()
    return html_to_text(text) if fmt == "html" else text


class _Skip(Exception):
    pass


def _blocks(source: str):
    """(first line, block text, category, meta) for each question in the file."""
    block, start, category, meta = [], 0, None, None
    pending_meta = None
    for number, line in enumerate(source.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith(META_PREFIX):
            pending_meta = stripped[len(META_PREFIX) :].strip()
            continue
        if stripped.startswith("//"):
            continue
        if stripped.startswith("$CATEGORY:"):
            category = stripped[len("$CATEGORY:") :].strip()
            continue
        if not stripped:
            if block:
                yield start, "\n".join(block), category, meta
                block, meta = [], None
            continue
        if not block:
            start, meta, pending_meta = number, pending_meta, None
        block.append(line)
    if block:
        yield start, "\n".join(block), category, meta


def _answers(body: str) -> list[dict]:
    answers = []
    for sep, piece in _split_unescaped(body, "=~"):
        if not sep:
            if piece.strip():
                raise _Skip("text before the first answer marker (= or ~)")
            continue
        weight = None
        match = re.match(r"\s*%(-?\d+(?:\.\d+)?)%", piece)
        if match:
            weight = float(match.group(1))
            piece = piece[match.end() :]
        feedback_at = _find_unescaped(piece, "#")
        text, feedback = (
            (piece, "") if feedback_at < 0 else (piece[:feedback_at], piece[feedback_at + 1 :])
        )
        answers.append({"right": sep == "=", "weight": weight, "raw": text, "feedback": feedback})
    return answers


def _choice(answers: list[dict], fmt: str) -> dict:
    if any(a["right"] for a in answers) and all(a["right"] for a in answers):
        raise _Skip("short-answer questions have no equivalent in our banks")
    if any(a["weight"] is not None for a in answers):
        right = [
            a for a in answers if (a["weight"] or 0) > 0 or (a["right"] and a["weight"] is None)
        ]
    else:
        right = [a for a in answers if a["right"]]
    if not 3 <= len(answers) <= 6:
        raise _Skip(f"{len(answers)} options; our choice questions have 3 to 6")
    options = []
    for index, answer in enumerate(answers):
        reason = _text(answer["feedback"], fmt)
        if not reason:
            raise _Skip(
                f"option {index + 1} has no feedback (#…), which our banks need as its reason"
            )
        option = {"id": "abcdef"[index], "text": _fits(_text(answer["raw"], fmt), "an option")}
        _fits(reason, "a feedback")
        if answer in right:
            option["correct"] = True
        option["reason"] = reason
        options.append(option)
    kind = "single" if len(right) == 1 else "multiple"
    if not right:
        raise _Skip("no right answer")
    return {"type": kind, "options": options}


def _fits(text: str, what: str, limit: int = 500) -> str:
    """Texts our banks accept: not empty, within the check's length limits."""
    if not text:
        raise _Skip(f"{what} is empty")
    if len(text) > limit:
        raise _Skip(f"{what} is longer than {limit} characters")
    return text


def _matching(answers: list[dict], fmt: str) -> dict:
    pairs, distractors = [], []
    for answer in answers:
        if not answer["right"]:
            raise _Skip("matching answers all start with =")
        arrow = _find_unescaped(answer["raw"], "->")
        if arrow < 0:
            raise _Skip("a matching answer without ->")
        prompt, match = _text(answer["raw"][:arrow], fmt), _text(answer["raw"][arrow + 2 :], fmt)
        _fits(match, "a match")
        if prompt:
            _fits(prompt, "a matching prompt")
            pairs.append({"id": f"p{len(pairs) + 1}", "prompt": prompt, "match": match})
        else:
            distractors.append(match)
    if not 3 <= len(pairs) <= 6:
        raise _Skip(f"{len(pairs)} pairs; our matching questions have 3 to 6")
    result = {"type": "matching", "pairs": pairs}
    if distractors:
        result["distractors"] = distractors
    return result


_TRUE_FALSE = re.compile(r"^(T|TRUE|F|FALSE)\s*(#.*)?$", re.I | re.S)


def _question(block: str, meta: dict) -> dict:
    title = None
    text = block.strip()
    if text.startswith("::"):
        end = _find_unescaped(text, "::", 2)
        if end < 0:
            raise _Skip("a title (::…::) that is never closed")
        title, text = _unescape(text[2:end]).strip(), text[end + 2 :].lstrip()
    fmt_match = re.match(r"\[(html|markdown|plain|moodle)\]", text)
    fmt = fmt_match.group(1) if fmt_match else "moodle"
    if fmt_match:
        text = text[fmt_match.end() :]
    open_at = _find_unescaped(text, "{")
    if open_at < 0:
        raise _Skip("no answer block {…}: a description, not a question")
    close_at = _find_unescaped(text, "}", open_at)
    if close_at < 0:
        raise _Skip("an answer block { that is never closed")
    before, body, after = text[:open_at], text[open_at + 1 : close_at], text[close_at + 1 :]
    general_at = _find_unescaped(body, "####")
    explanation = ""
    if general_at >= 0:
        body, explanation = body[:general_at], _text(body[general_at + 4 :], fmt)
    body = body.strip()
    if not body:
        raise _Skip("essay questions have no equivalent in our banks")
    if body.startswith("#"):
        raise _Skip("numerical questions have no equivalent in our banks")
    question: dict = {}
    tf = _TRUE_FALSE.match(body)
    if tf:
        value = tf.group(1).upper().startswith("T")
        feedback = _split_unescaped(tf.group(2) or "", "#")[1:]
        wrong = _text(feedback[0][1], fmt) if feedback else ""
        if not wrong:
            raise _Skip(
                "true/false without the feedback for a wrong answer (#…), which our banks need"
            )
        question = {"type": "true_false", "answer": value, "wrong_reason": wrong}
    else:
        answers = _answers(body)
        # As in Moodle: a ~ answer makes it multiple choice, even with -> in an option
        if all(a["right"] for a in answers) and any(
            _find_unescaped(a["raw"], "->") >= 0 for a in answers
        ):
            question = _matching(answers, fmt)
        else:
            question = _choice(answers, fmt)
    stem = _text(before, fmt)
    if after.strip():  # the answer block stands where the missing word goes
        stem = _text(before + GAP + after, fmt)
        if question["type"] in {"single", "multiple"}:
            question["style"] = "missing_word"
    _fits(stem, "the question text", 5000)
    if not explanation:
        right = [o["reason"] for o in question.get("options", []) if o.get("correct")]
        explanation = " ".join(right)
    if not explanation:
        raise _Skip("no general feedback (####…) to use as the explanation")
    question["stem"] = stem
    question["explanation"] = explanation
    if title:
        question["title"] = title
    return _apply_meta(question, meta)


def _apply_meta(question: dict, meta: dict) -> dict:
    for key in ("style", "shuffle"):
        if key in meta:
            question[key] = meta[key]
    for key, parts in (("option_ids", "options"), ("pair_ids", "pairs")):
        if key in meta and parts in question and len(meta[key]) == len(question[parts]):
            for part, part_id in zip(question[parts], meta[key], strict=True):
                part["id"] = part_id
    for key in ("id", "lesson", "tags", "difficulty", "pool"):
        if key in meta:
            question[f"_{key}"] = meta[key]
    return question


def parse_gift(source: str) -> GiftResult:
    """Parse a GIFT file; questions come back as dicts in our bank's shape (without
    id, lesson, tags, difficulty and pool unless a ``// pmcert:`` comment gave them)."""
    result = GiftResult()
    for line, block, _category, meta_text in _blocks(source):
        try:
            meta = json.loads(meta_text) if meta_text else {}
        except ValueError:
            meta = {}
        try:
            result.questions.append(dict(_question(block, meta), _line=line))
        except _Skip as why:
            result.skipped.append(Skipped(line, str(why)))
    return result


def _escape(text: str) -> str:
    text = text.replace("\\", "\\\\")
    for ch in ESCAPABLE:
        text = text.replace(ch, "\\" + ch)
    return text.replace("\n", "\\n")


def write_gift(questions: list[dict]) -> tuple[str, list[Skipped]]:
    """GIFT text for bank questions (our YAML dicts); ordering questions are skipped."""
    out, skipped = [], []
    for index, q in enumerate(questions, start=1):
        if q["type"] == "ordering":
            skipped.append(Skipped(index, f"{q['id']}: ordering questions have no GIFT form"))
            continue
        if any("->" in p["prompt"] for p in q.get("pairs", [])):  # GIFT splits at the first ->
            skipped.append(Skipped(index, f"{q['id']}: a matching prompt with -> has no GIFT form"))
            continue
        meta = {k: q[k] for k in ("id", "lesson", "tags", "difficulty", "pool") if k in q}
        for key in ("style", "shuffle"):
            if key in q:
                meta[key] = q[key]
        if "options" in q:
            meta["option_ids"] = [o["id"] for o in q["options"]]
        if "pairs" in q:
            meta["pair_ids"] = [p["id"] for p in q["pairs"]]
        stem = q["stem"].strip()
        if q.get("style") == "missing_word" and GAP in stem and not stem.endswith(GAP):
            # the answer block stands in the gap; Moodle sees no gap in a block that ends
            # the text, so a gap at the end stays written in the stem
            before, after = stem.split(GAP, 1)
        else:
            before, after = stem + " ", ""
        general = f" ####{_escape(q['explanation'].strip())}"
        lines = [
            f"{META_PREFIX} {json.dumps(meta, sort_keys=True)}",
            f"::{_escape(q['id'])}::[markdown]{_escape(before)}{{{_body(q)}{general}}}"
            f"{_escape(after)}",
        ]
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n", skipped


def _body(q: dict) -> str:
    if q["type"] == "true_false":
        return f"{'TRUE' if q['answer'] else 'FALSE'}#{_escape(q['wrong_reason'])}#"
    if q["type"] == "matching":
        parts = [f"={_escape(p['prompt'])} -> {_escape(p['match'])}" for p in q["pairs"]]
        parts += [f"= -> {_escape(d)}" for d in q.get("distractors", [])]
        return " ".join(parts)
    right = [o for o in q["options"] if o.get("correct")]
    parts = []
    for option in q["options"]:
        text, reason = _escape(option["text"]), _escape(option["reason"])
        if q["type"] == "single":
            marker = "=" if option.get("correct") else "~"
        else:
            share = 100 / len(right)
            marker = f"~%{share:g}%" if option.get("correct") else "~%-100%"
        parts.append(f"{marker}{text}#{reason}")
    return " ".join(parts)
