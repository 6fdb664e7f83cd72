"""How a question is shown: option order, shuffled steps, match choices.

Deterministic for a given seed, so a reload shows the same order; never reveals
which option is right (templates get only ids and texts from here).
"""

from __future__ import annotations

import hashlib
import hmac
import random
from dataclasses import dataclass, field
from datetime import datetime

from app.quizzes.grading import match_choices, match_tokens


@dataclass
class Shown:
    """What the answer form may know about a question."""

    type: str
    stem_html: str
    options: list[dict] = field(default_factory=list)  # {id, text}
    items: list[dict] = field(default_factory=list)  # ordering: {id, text}, shuffled
    prompts: list[dict] = field(default_factory=list)  # matching: {id, prompt}
    choices: list[dict] = field(default_factory=list)  # matching: {key, text}, shuffled


def secret_seed(secret: str, *parts: object) -> str:
    """A shuffle seed nobody can recompute without the app's secret.

    A public seed (say "run 12, question 3") would let anyone replay the shuffle
    and undo it, and an ordering question's authored order is its answer.
    """
    message = ":".join(str(part) for part in parts).encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def show(qtype: str, content: dict, shuffle: bool, seed: str) -> Shown:
    rng = random.Random(seed)
    shown = Shown(type=qtype, stem_html=content["stem_html"])
    if qtype in {"single", "multiple"}:
        options = [{"id": o["id"], "text": o["text"]} for o in content["options"]]
        if shuffle:
            rng.shuffle(options)
        shown.options = options
    elif qtype == "true_false":
        shown.options = [{"id": "true", "text": "True"}, {"id": "false", "text": "False"}]
    elif qtype == "ordering":
        items = [{"id": i["id"], "text": i["text"]} for i in content["items"]]
        rng.shuffle(items)
        if [i["id"] for i in items] == [i["id"] for i in content["items"]]:
            items.append(items.pop(0))  # never start in the right order
        shown.items = items
    elif qtype == "matching":
        shown.prompts = [{"id": p["id"], "prompt": p["prompt"]} for p in content["pairs"]]
        texts = match_choices(content)
        choices = [{"key": t, "text": texts[k]} for t, k in match_tokens(content).items()]
        rng.shuffle(choices)
        shown.choices = choices
    return shown


def shown_token(secret: str, moment: datetime) -> str:
    """A signed note of when a question was shown, carried by the answer form, so the
    answer time (for the review rating: fast and right is Easy) needs no server state."""
    stamp = int(moment.timestamp())
    return f"{stamp}.{secret_seed(secret, 'shown', stamp)[:20]}"


def seconds_since_shown(secret: str, token: str | None, now: datetime) -> int | None:
    """Seconds from showing to answering, or None for a missing or forged token."""
    stamp, _, signature = (token or "").partition(".")
    if not stamp.isdigit() or not hmac.compare_digest(
        signature, secret_seed(secret, "shown", int(stamp))[:20]
    ):
        return None
    seconds = int(now.timestamp()) - int(stamp)
    return seconds if seconds >= 0 else None
