"""The quality review of a curriculum: warnings about content that is valid but
weak, which ``flask content check`` prints after the problems (``--strict`` fails on
them, and the test suite runs it so on ``content/``).

- **Near-identical stems** across every course: two questions a learner would take
  for the same one. Stems are compared with rapidfuzz's ``ratio`` (normalised
  Levenshtein similarity, 0–100) after lower-casing and dropping punctuation and
  markdown; ``SIMILAR_STEMS`` or more is a warning.
- **The longest option gives the answer away**: in a course, the correct option of a
  single-answer question with three or more options is the strictly longest in
  ``LONGEST_SHARE`` or more of them.
- **Fixed order favours a position**: over a course's ``shuffle: false`` single-answer
  questions, the correct answer sits in one position more than ``POSITION_FACTOR``
  times that position's fair share (the sum of 1/options over the questions that
  have it).
- **A lesson without a practice check**: no practice quiz names the lesson.
- **2017 (6th edition) wording for PRINCE2**: "themes", "project environment",
  "product status account" and the other old terms ``OLD_TERMS`` lists, in a lesson
  sentence, a question or a glossary entry that does not explain the rename (say
  "the practices, called themes in the 2017 edition").
"""

from __future__ import annotations

import re
from collections import Counter

from rapidfuzz import fuzz, process

from app.content.banks import QuestionDoc
from app.content.problems import Problem

SIMILAR_STEMS = 90
LONGEST_SHARE = 0.40
POSITION_FACTOR = 1.5
_NOISE = re.compile(r"[^a-z0-9 ]+")
OLD_TERMS = re.compile(
    r"\bthemes?\b|project environment|four integrated elements|change control approach"
    r"|configuration management strateg|configuration item records?|product status account"
    r"|(?:risk|quality|communication) management strateg|benefits review plan"
    r"|corporate(?:,| or) programme management|examine,? propose|\btimescales\b"
    r"|six (?:performance )?aspects",
    re.IGNORECASE,
)
RENAME = re.compile(
    r"2017|6th edition|sixth edition|previous edition|earlier edition|older|renamed|formerly"
    r"|used to be called|(?:was|were) called|predates|no longer",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n\s*\n|\n(?=\s*(?:[-*]|\d+\.)\s)")


def review(tree) -> list[Problem]:
    """Every warning about the curriculum, sorted like problems."""
    warnings = similar_stems([q for course in tree.courses for q in course.questions])
    for course in tree.courses:
        where = course.spec.path
        warnings += longest_correct(course.questions, where)
        warnings += fixed_positions(course.questions, where)
        warnings += lessons_without_checks(course)
        warnings += old_wording(course)
    return sorted(warnings)


def _normal(stem: str) -> str:
    return " ".join(_NOISE.sub(" ", stem.lower()).split())


def similar_stems(questions: list[QuestionDoc]) -> list[Problem]:
    stems = [_normal(q.stem) for q in questions]
    warnings = []
    for i, stem in enumerate(stems):
        later = process.extract(
            stem, stems[i + 1 :], scorer=fuzz.ratio, score_cutoff=SIMILAR_STEMS, limit=None
        )
        for _text, score, offset in later:
            first, second = questions[i], questions[i + 1 + offset]
            warnings.append(
                Problem(
                    second.path,
                    second.line,
                    f"stem of {second.id!r} is near-identical to {first.id!r} "
                    f"({first.path}:{first.line}; similarity {score:.0f} of 100, "
                    f"warning from {SIMILAR_STEMS})",
                )
            )
    return warnings


def _single(questions: list[QuestionDoc]) -> list[QuestionDoc]:
    return [q for q in questions if q.type == "single" and len(q.content.get("options", [])) >= 3]


def correct_is_longest(question: QuestionDoc) -> bool:
    lengths = [(len(o["text"]), o["correct"]) for o in question.content["options"]]
    right = next(length for length, correct in lengths if correct)
    return all(length < right for length, correct in lengths if not correct)


def longest_correct(questions: list[QuestionDoc], where: str) -> list[Problem]:
    single = _single(questions)
    longest = [q.id for q in single if correct_is_longest(q)]
    if not single or len(longest) < LONGEST_SHARE * len(single):
        return []
    return [
        Problem(
            where,
            1,
            f"the correct option is the longest in {len(longest)} of {len(single)} "
            f"single-answer questions ({len(longest) / len(single):.0%}; keep it under "
            f"{LONGEST_SHARE:.0%}): {', '.join(longest)}",
        )
    ]


def fixed_positions(questions: list[QuestionDoc], where: str) -> list[Problem]:
    fixed = [q for q in _single(questions) if not q.shuffle]
    held: Counter[int] = Counter()
    fair: Counter[int] = Counter()
    for q in fixed:
        options = q.content["options"]
        held[next(i for i, o in enumerate(options) if o["correct"])] += 1
        for position in range(len(options)):
            fair[position] += 1 / len(options)
    return [
        Problem(
            where,
            1,
            f"in the {len(fixed)} single-answer questions with shuffle: false, option "
            f"{position + 1} is correct in {held[position]}, more than "
            f"{POSITION_FACTOR} times its fair share of {fair[position]:.1f}",
        )
        for position in sorted(held)
        if held[position] > POSITION_FACTOR * fair[position]
    ]


def lessons_without_checks(course) -> list[Problem]:
    checked = {quiz.lesson for quiz in course.quizzes if quiz.kind == "practice"}
    return [
        Problem(
            lesson.spec.path,
            1,
            f"lesson {lesson.spec.id!r} has no practice check: add a practice quiz with "
            f"lesson: {lesson.spec.id}",
        )
        for lesson in course.lessons
        if lesson.spec.id not in checked
    ]


def _old_term(text: str) -> str | None:
    """The first old term in ``text`` outside a sentence that explains the rename."""
    for sentence in _SENTENCE.split(text):
        found = OLD_TERMS.search(sentence)
        if found and not RENAME.search(sentence):
            return found.group(0)
    return None


def _old(path: str, line: int, what: str, term: str) -> Problem:
    return Problem(
        path,
        line,
        f"{what} uses the 2017 (6th edition) term {term!r}: use the PRINCE2 7 wording, or "
        "explain the rename in the same sentence",
    )


def old_wording(course) -> list[Problem]:
    warnings = []
    for lesson in course.lessons:
        for offset, paragraph in enumerate(lesson.body.split("\n")):
            term = _old_term(paragraph)
            if term:
                line = lesson.body_line + offset
                warnings.append(_old(lesson.spec.path, line, "this line", term))
    for question in course.questions:
        if not RENAME.search(question.words):  # a question may explain it in a reason
            term = _old_term(question.words)
            if term:
                warnings.append(_old(question.path, question.line, repr(question.id), term))
    for term_doc in course.terms:
        term = _old_term(f"{term_doc.term}. {term_doc.definition}")
        if term:
            warnings.append(_old(term_doc.path, term_doc.line, repr(term_doc.id), term))
    return warnings
