"""Nothing served during an attempt gives the key away: no explanation, reason or marker.

Every page and response the learner can get while the attempt is open is collected
(each question page, the grid on it, the submit page, the exam page, every save
reply, a refusal, the script) and searched for the explanation and every option's
reason of every question in that attempt, for any "correct" marker, and for real
option ids where the form should carry this attempt's tokens.
"""

import html
import re

from tests.functional.exams.helpers import (
    EXAM,
    QUESTIONS,
    answer_fields,
    first_answer,
    page_text,
    question_path,
    read_form,
    result_path,
    save,
    snapshots,
    submit,
    submit_path,
)


def secrets_of(snapshot: dict) -> list[str]:
    """The texts that would give the answer away: explanation, reasons, wrong_reason."""
    content = snapshot["content"]
    found = [page_text(content["explanation_html"])]
    found += [option["reason"] for option in content.get("options", [])]
    if "wrong_reason" in content:
        found.append(content["wrong_reason"])
    return [page_text(text) for text in found]


def shown_texts(snapshot: dict) -> list[str]:
    """What the question legitimately shows: its stem and the texts of its parts."""
    shown = snapshot["shown"]
    texts = [page_text(shown["stem_html"])]
    for part in ("options", "items", "prompts", "choices"):
        texts += [page_text(e.get("text") or e.get("prompt")) for e in shown.get(part, [])]
    return texts


def leaks(body: str, secrets: list[str], shown: list[str]) -> list[str]:
    """Secrets found in ``body``, and any "correct" outside the question's own wording."""
    text, raw = page_text(body), " ".join(html.unescape(body).split())  # raw: attributes too
    found = [secret for secret in secrets if secret in text or secret in raw]
    for legit in sorted(shown, key=len, reverse=True):
        text = text.replace(legit, " ")
    if re.search(r"correct", text, re.IGNORECASE):
        found.append(f"'correct' in the text: {text[:200]}")
    for tag in re.findall(r"<[^>]*>", body):
        if re.search(r"correct|explanation|reason", tag, re.IGNORECASE):
            found.append(f"marker in a tag: {tag}")
    return found


def served_during_the_attempt(client, attempt_id: int) -> list[tuple[str, str]]:
    """(what, body) for everything the learner gets while answering every question."""
    served = []

    def get(path: str) -> str:
        with client.get(path) as response:  # closed: the script is served from a file
            assert response.status_code == 200, path
            served.append((f"GET {path}", response.text))
            return response.text

    get(EXAM)
    get("/static/js/exam.js")
    for position in range(1, QUESTIONS + 1):
        path = question_path(attempt_id, position)
        answer = first_answer(read_form(get(path), path))
        reply = save(client, attempt_id, position, {**answer, "flag": "1"}, as_json=True)
        assert reply.status_code == 200
        served.append((f"JSON save {position}", reply.text))
        redirect = save(client, attempt_id, position, answer)
        served.append((f"form save {position}", redirect.text))
    refused = save(client, attempt_id, 1, {"choice": "a"})
    assert refused.status_code == 400
    served.append(("refused save", refused.text))
    get(submit_path(attempt_id))
    early = client.get(result_path(attempt_id))
    assert early.status_code == 302  # no result while the attempt is open
    served.append(("early result", early.text))
    return served


def test_nothing_served_during_an_attempt_reveals_an_explanation_reason_or_key(
    client, attempt, ctx
):
    with ctx():
        snaps = snapshots(attempt)
    secrets = [secret for snap in snaps for secret in secrets_of(snap)]
    shown = [text for snap in snaps for text in shown_texts(snap)]
    assert len(secrets) > 2 * QUESTIONS

    served = served_during_the_attempt(client, attempt)

    assert len(served) > 3 * QUESTIONS
    problems = [f"{what}: {leak}" for what, body in served for leak in leaks(body, secrets, shown)]
    assert problems == []


def test_the_same_scan_finds_the_explanations_once_the_attempt_is_submitted(client, attempt, ctx):
    """The scan can fail: the result page, which must explain, is caught by it."""
    with ctx():
        snaps = snapshots(attempt)
    assert submit(client, attempt).status_code == 302
    result = client.get(result_path(attempt)).text
    secrets = [secret for snap in snaps for secret in secrets_of(snap)]
    found = leaks(result, secrets, [])
    explanations = [page_text(snap["content"]["explanation_html"]) for snap in snaps]
    assert set(explanations) <= set(found)
    assert any(leak.startswith("'correct'") for leak in found)


def test_form_values_are_this_attempts_tokens_never_option_ids(client, attempt, ctx):
    with ctx():
        snaps = snapshots(attempt)
    for position, snap in enumerate(snaps, 1):
        path = question_path(attempt, position)
        fields = answer_fields(read_form(client.get(path).text, path))
        tokens = set(snap["tokens"])
        real_ids = set(snap["tokens"].values())
        for name, field in fields.items():
            if name == "choice":
                sent = set(field.values)
            else:
                sent = {name.split("-", 1)[1]}
                if name.startswith("match-"):
                    sent |= set(field.values) - {""}
            assert sent <= tokens, (position, name)
            assert not sent & real_ids, (position, name)
