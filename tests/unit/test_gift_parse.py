"""``parse_gift`` reads every construct of Moodle's GIFT format into our bank's shape.

Each question comes back as a dict shaped like a bank entry (type, style, stem,
options, answer, wrong_reason, pairs, distractors, explanation), plus ``_line`` (where
its block starts) and ``title``. What our banks cannot hold is reported in ``skipped``
with its line and a reason, and the rest of the file is still read.
"""

from app.content.gift import parse_gift

THREE_OPTIONS = [
    {"id": "a", "text": "An uncertain event", "correct": True, "reason": "Risks may happen."},
    {"id": "b", "text": "A past event", "reason": "That is an issue."},
    {"id": "c", "text": "A request", "reason": "That is a change."},
]
RISK = (
    "What is a risk?{=An uncertain event#Risks may happen. ~A past event#That is an issue. "
    "~A request#That is a change.}"
)


def only(source: str) -> dict:
    """The one question parsed from ``source``, without its line number."""
    result = parse_gift(source)
    assert result.skipped == []
    [question] = result.questions
    return {key: value for key, value in question.items() if key != "_line"}


def test_multiple_choice_with_per_answer_feedback_is_a_single_choice_question():
    assert only(RISK) == {
        "type": "single",
        "stem": "What is a risk?",
        "options": THREE_OPTIONS,
        "explanation": "Risks may happen.",
    }


def test_general_feedback_after_four_hashes_is_the_explanation():
    source = RISK.replace("change.}", "change. ####A risk is uncertain; an issue is not.}")
    question = only(source)
    assert question["explanation"] == "A risk is uncertain; an issue is not."
    assert question["options"] == THREE_OPTIONS


def test_several_positive_weights_make_a_multiple_response_question():
    question = only(
        "Which two are risk responses?{"
        "~%50%Avoid#Changes the plan. ~%50%Reduce#Lowers the chance. "
        "~%-100%Exploit#That is for opportunities.}"
    )
    assert question == {
        "type": "multiple",
        "stem": "Which two are risk responses?",
        "options": [
            {"id": "a", "text": "Avoid", "correct": True, "reason": "Changes the plan."},
            {"id": "b", "text": "Reduce", "correct": True, "reason": "Lowers the chance."},
            {"id": "c", "text": "Exploit", "reason": "That is for opportunities."},
        ],
        "explanation": "Changes the plan. Lowers the chance.",
    }


def test_one_positive_weight_among_weighted_answers_is_a_single_choice_question():
    question = only("Pick one.{~%100%Right#Yes. ~%0%Wrong#No. ~%-50%Worse#No.}")
    assert question["type"] == "single"
    assert [o.get("correct", False) for o in question["options"]] == [True, False, False]


def test_true_false_in_every_spelling_reads_the_answer_and_the_wrong_answer_feedback():
    for word, answer in (("T", True), ("TRUE", True), ("F", False), ("FALSE", False)):
        source = f"A risk has happened.{{{word}#Not what we said.#Well done.####Risks may.}}"
        assert only(source) == {
            "type": "true_false",
            "stem": "A risk has happened.",
            "answer": answer,
            "wrong_reason": "Not what we said.",
            "explanation": "Risks may.",
        }, word


def test_matching_reads_pairs_and_an_empty_prompt_as_an_extra_wrong_match():
    question = only(
        "Match each log to its content.{"
        "=Risk register -> Threats and opportunities "
        "=Issue register -> Problems that have happened "
        "=Lessons log -> What to repeat or avoid "
        "= -> Team holidays ####Each log holds one kind of record.}"
    )
    assert question == {
        "type": "matching",
        "stem": "Match each log to its content.",
        "pairs": [
            {"id": "p1", "prompt": "Risk register", "match": "Threats and opportunities"},
            {"id": "p2", "prompt": "Issue register", "match": "Problems that have happened"},
            {"id": "p3", "prompt": "Lessons log", "match": "What to repeat or avoid"},
        ],
        "distractors": ["Team holidays"],
        "explanation": "Each log holds one kind of record.",
    }


def test_text_after_the_answers_makes_a_missing_word_question_with_a_gap():
    question = only(
        "The {=risk register#It records threats. ~daily log#That is informal. "
        "~lessons log#That records lessons.} records every threat."
    )
    assert question["type"] == "single"
    assert question["style"] == "missing_word"
    assert question["stem"] == "The ______ records every threat."


def test_a_true_false_with_text_after_the_answer_gets_the_gap_but_no_choice_style():
    question = only("The sky is {T#It is blue.####Look up.} blue.")
    assert question["stem"] == "The sky is ______ blue."
    assert "style" not in question


def test_a_title_is_read_and_kept_out_of_the_stem():
    question = only("::Risk 1\\: basics::" + RISK)
    assert question["title"] == "Risk 1: basics"
    assert question["stem"] == "What is a risk?"


def test_comments_and_category_lines_are_ignored():
    source = (
        "// Questions on risk\n"
        "$CATEGORY: $course$/Risk/Basics\n"
        "\n"
        "// the first one\n"
        "::Q1::What is a risk?\n"
        "// a comment inside the question\n"
        "{=An uncertain event#Risks may happen.\n"
        "~A past event#That is an issue.\n"
        "~A request#That is a change.\n"
        "}\n"
    )
    result = parse_gift(source)
    assert result.skipped == []
    assert [(q["_line"], q["stem"], q["options"]) for q in result.questions] == [
        (5, "What is a risk?", THREE_OPTIONS)
    ]


def test_escapes_in_stems_answers_and_feedback_become_the_characters():
    question = only(
        "Is \\{a\\} \\= b \\~ c\\: d \\# e?\\nA second line \\\\ ends.{"
        "=It is \\~ \\= \\##Right\\: \\{yes\\}. "
        "~No#Wrong \\# no. ~Maybe#Unsure.\\nReally.####General \\= feedback.}"
    )
    assert question["stem"] == "Is {a} = b ~ c: d # e?\nA second line \\ ends."
    assert question["options"] == [
        {"id": "a", "text": "It is ~ = #", "correct": True, "reason": "Right: {yes}."},
        {"id": "b", "text": "No", "reason": "Wrong # no."},
        {"id": "c", "text": "Maybe", "reason": "Unsure.\nReally."},
    ]
    assert question["explanation"] == "General = feedback."


def test_plain_markdown_and_moodle_formats_keep_their_text_as_written():
    for fmt in ("[plain]", "[markdown]", "[moodle]"):
        question = only(f"::Q::{fmt}Is **this** a <b>risk</b>?" + RISK[len("What is a risk?") :])
        assert question["stem"] == "Is **this** a <b>risk</b>?", fmt


def test_html_text_becomes_plain_text_with_no_markup_left():
    question = only(
        '[html]<p>Is <b>risk</b> &amp; an &quot;issue&quot; the same?</p><script>alert("x")'
        '</script><img src\\=x onerror\\="alert(1)">{\n'
        "=<i>No</i>, it&\\#39;s not#5 &lt; 6 <img src\\=x onerror\\=alert(2)>\n"
        "~Yes#<script>steal()</script>They differ.\n"
        "~Sometimes#Line<br>break.\n"
        "####<p>A risk <em>may</em> happen.</p>}"
    )
    assert question == {
        "type": "single",
        "stem": 'Is risk & an "issue" the same?',
        "options": [
            {"id": "a", "text": "No, it's not", "correct": True, "reason": "5 < 6"},
            {"id": "b", "text": "Yes", "reason": "They differ."},
            {"id": "c", "text": "Sometimes", "reason": "Line\nbreak."},
        ],
        "explanation": "A risk may happen.",
    }


def test_crlf_line_endings_read_like_lf():
    source = (
        "// two questions\n::Q1::What is a risk?\n{=An uncertain event#Risks may happen.\n"
        "~A past event#That is an issue.\n~A request#That is a change.}\n\n"
        "Fire is hot.{TRUE#It is.####Flames burn.}\n"
    )
    lf, crlf = parse_gift(source), parse_gift(source.replace("\n", "\r\n"))
    assert crlf.skipped == []
    assert crlf.questions == lf.questions
    assert [(q["_line"], q["type"], q["stem"]) for q in crlf.questions] == [
        (2, "single", "What is a risk?"),
        (7, "true_false", "Fire is hot."),
    ]


def test_a_pmcert_comment_carries_our_metadata_and_option_ids():
    meta = (
        '// pmcert: {"id": "q-risk-01", "lesson": "pmit-risk", "tags": ["it-risk"], '
        '"difficulty": 2, "pool": ["exam"], "style": "negative", "shuffle": false, '
        '"option_ids": ["x", "y", "z"]}\n'
    )
    question = only(meta + RISK)
    assert {k: question[k] for k in ("_id", "_lesson", "_tags", "_difficulty", "_pool")} == {
        "_id": "q-risk-01",
        "_lesson": "pmit-risk",
        "_tags": ["it-risk"],
        "_difficulty": 2,
        "_pool": ["exam"],
    }
    assert (question["style"], question["shuffle"]) == ("negative", False)
    assert [o["id"] for o in question["options"]] == ["x", "y", "z"]


UNSUPPORTED = """\
// Each kind we cannot hold sits between questions we can.
$CATEGORY: $course$/Mixed

First good one?{=yes#Right. ~no#Wrong. ~maybe#Unsure.}

// short answer
Name a primary colour.{=red =blue =yellow}

What is 2 + 2?
{#4:0}

Describe a risk you met.{}

This is only a description, with no answers.

Two options only?{=a#Right. ~b#Wrong.}

An option without feedback?{=a#Right. ~b ~c#Wrong.}

A brace never closed {=a#Right. ~b#Wrong. ~c#Wrong.

Grant is buried in Grant's tomb.{F}

Last good one?{=yes#Right. ~no#Wrong. ~maybe#Unsure.}
"""


def test_unsupported_questions_are_skipped_with_their_line_and_reason_and_the_rest_imported():
    result = parse_gift(UNSUPPORTED)
    assert [(s.line, s.reason) for s in result.skipped] == [
        (7, "short-answer questions have no equivalent in our banks"),
        (9, "numerical questions have no equivalent in our banks"),
        (12, "essay questions have no equivalent in our banks"),
        (14, "no answer block {…}: a description, not a question"),
        (16, "2 options; our choice questions have 3 to 6"),
        (18, "option 2 has no feedback (#…), which our banks need as its reason"),
        (20, "an answer block { that is never closed"),
        (22, "true/false without the feedback for a wrong answer (#…), which our banks need"),
    ]
    assert [(q["_line"], q["stem"]) for q in result.questions] == [
        (4, "First good one?"),
        (24, "Last good one?"),
    ]


def test_a_matching_question_with_fewer_than_three_pairs_is_skipped():
    result = parse_gift("Match.{=a -> 1 =b -> 2 = -> 3 ####Why.}")
    assert result.questions == []
    assert [(s.line, s.reason) for s in result.skipped] == [
        (1, "2 pairs; our matching questions have 3 to 6")
    ]


def test_an_arrow_in_a_choice_option_does_not_make_it_a_matching_question():
    question = only("Which order?{=Plan -> Do#Right. ~Do -> Plan#Wrong. ~Neither#Wrong.}")
    assert question["type"] == "single"
    assert [o["text"] for o in question["options"]] == ["Plan -> Do", "Do -> Plan", "Neither"]


def test_options_our_banks_would_refuse_are_skipped_not_written():
    source = (
        "Pick one. {= #Right because. ~Wrong #No. ~Other #No.}\n"
        "\n"
        f"Long one. {{={'x' * 501} #Yes. ~b #No. ~c #No.}}\n"
    )
    result = parse_gift(source)
    assert result.questions == []
    assert [(s.line, s.reason) for s in result.skipped] == [
        (1, "an option is empty"),
        (3, "an option is longer than 500 characters"),
    ]
