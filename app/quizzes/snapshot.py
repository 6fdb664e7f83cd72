"""What an exam attempt fixes about each question when it starts.

The snapshot holds the question's content as it was (key and explanations
included, for grading and review) and ``shown``: the display, where every option,
step and match carries an opaque token of this attempt instead of its id or
position. Only ``shown`` ever reaches the page before the attempt is finished.
"""

from __future__ import annotations

import secrets
from copy import deepcopy

from werkzeug.datastructures import MultiDict

from app.quizzes.display import show
from app.quizzes.grading import InvalidResponse


def _token(used: set[str]) -> str:
    while True:
        token = secrets.token_urlsafe(6)
        if token not in used:
            used.add(token)
            return token


def make_snapshot(qtype: str, content: dict, shuffle: bool, seed: str) -> dict:
    shown = show(qtype, content, shuffle, seed)
    used: set[str] = set()
    tokens: dict[str, str] = {}  # token → option, item or pair id (or match key)

    def tokenize(value: str) -> str:
        token = _token(used)
        tokens[token] = value
        return token

    display = {"type": qtype, "stem_html": shown.stem_html}
    if shown.options:
        display["options"] = [
            {"token": tokenize(o["id"]), "text": o["text"]} for o in shown.options
        ]
    if shown.items:
        display["items"] = [{"token": tokenize(i["id"]), "text": i["text"]} for i in shown.items]
    if shown.prompts:
        display["prompts"] = [
            {"token": tokenize(p["id"]), "prompt": p["prompt"]} for p in shown.prompts
        ]
        display["choices"] = [
            {"token": tokenize(c["key"]), "text": c["text"]} for c in shown.choices
        ]
    return {"type": qtype, "content": deepcopy(content), "shown": display, "tokens": tokens}


def detokenize(snapshot: dict, form) -> MultiDict:
    """Translate a submission's tokens back to ids; unknown tokens are refused."""
    tokens = snapshot["tokens"]

    def real(token: str) -> str:
        if token not in tokens:
            raise InvalidResponse("That answer does not belong to this question.")
        return tokens[token]

    qtype, result = snapshot["type"], MultiDict()
    if qtype in {"single", "multiple", "true_false"}:
        for token in form.getlist("choice"):
            result.add("choice", real(token))
    elif qtype == "ordering":
        for item in snapshot["shown"]["items"]:
            result.add(f"pos-{real(item['token'])}", form.get(f"pos-{item['token']}", ""))
    elif qtype == "matching":
        for prompt in snapshot["shown"]["prompts"]:
            value = form.get(f"match-{prompt['token']}", "")
            result.add(f"match-{real(prompt['token'])}", real(value) if value else "")
    return result
