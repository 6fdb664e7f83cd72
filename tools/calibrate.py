"""``make calibrate``: does the readiness figure mean what it says?

Simulates learners whose answers come from a different model than ours (a 2PL
item-response model with learning and forgetting, ``tools/learners.py``), feeds their
practice and mock answers through the app's own mastery and readiness code, and has
each sit a fresh mock exam at the moment of the forecast. Per exam it reports:

- calibration: learners binned by predicted pass probability, against the share who passed;
- the Brier score, mean (predicted − passed)², lower is better, against baselines: the base
  rate (everyone gets this run's pass rate), the practice percentage alone and, for learners
  who sat an earlier mock, the last mock alone (each share turned into a pass probability by
  the binomial tail at the exam's length; also the last mock as a plain 1/0);
- the share of fresh scores inside our 80% score band.

``--set NAME=VALUE`` tries another value of a constant of ``app.progress.mastery`` or
``app.progress.readiness`` (e.g. ``--set MOCK_WEIGHT=0.5``) without editing them.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import random
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.progress import mastery, readiness
from tools.learners import Exam, Outcome, World, load_exams, simulate_learner, tag_difficulties

CONTENT = Path(__file__).resolve().parent.parent / "content"
MODULES = {"mastery": mastery, "readiness": readiness}


def parse_override(text: str) -> tuple[str, str, float]:
    """``[module.]NAME=VALUE`` → (module, NAME, value); the module may be left out
    when only one of them has the constant."""
    name, sep, value = text.partition("=")
    module, _, const = name.rpartition(".")
    candidates = [module] if module else [m for m in MODULES if hasattr(MODULES[m], const)]
    if not sep or not const.isupper() or len(candidates) != 1 or module not in ("", *MODULES):
        raise argparse.ArgumentTypeError(f"not one constant of mastery or readiness: {text!r}")
    if not hasattr(MODULES[candidates[0]], const):
        raise argparse.ArgumentTypeError(f"{candidates[0]} has no {const}")
    try:
        return candidates[0], const, float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None


@contextmanager
def overridden(overrides: list[tuple[str, str, float]]) -> Iterator[None]:
    saved = [(m, name, getattr(MODULES[m], name)) for m, name, _ in overrides]
    try:
        for m, name, value in overrides:
            old = getattr(MODULES[m], name)
            setattr(MODULES[m], name, type(old)(value) if isinstance(old, int) else value)
        yield
    finally:
        for m, name, old in saved:
            setattr(MODULES[m], name, old)


def simulate(
    exam: Exam,
    world: World,
    learners: int,
    seed: int,
    overrides: list[tuple[str, str, float]] = (),
    difficulty_scale: float | None = None,
) -> list[Outcome]:
    """``learners`` simulated learners; each has its own seeded generator, so a learner's
    story does not depend on how many others are simulated."""
    difficulty_of: Callable[[int], float] = mastery.question_difficulty
    if difficulty_scale is not None:

        def difficulty_of(level: int) -> float:
            return difficulty_scale * (max(1, min(3, level)) - 2)

    tags = tag_difficulties(exam, world, str(seed))
    with overridden(list(overrides)):
        return [
            simulate_learner(
                exam, world, tags, random.Random(f"{seed}:{exam.name}:{i}"), difficulty_of
            )
            for i in range(learners)
        ]


def binomial_tail(n: int, at_least: int, share: float) -> float:
    """P(X ≥ at_least) for X ~ Binomial(n, share)."""
    return sum(
        math.comb(n, k) * share**k * (1.0 - share) ** (n - k) for k in range(at_least, n + 1)
    )


def brier(pairs: list[tuple[float, bool]]) -> float | None:
    return sum((p - y) ** 2 for p, y in pairs) / len(pairs) if pairs else None


def summarize(exam: Exam, outcomes: list[Outcome], bins: int = 10) -> dict:
    """The calibration table, Brier scores and band coverage for one exam."""
    n = len(outcomes)
    rate = sum(o.passed for o in outcomes) / n
    table = []
    for b in range(bins):
        inside = [o for o in outcomes if min(int(o.pass_probability * bins), bins - 1) == b]
        table.append(
            {
                "from": b / bins,
                "to": (b + 1) / bins,
                "learners": len(inside),
                "mean_predicted": _mean([o.pass_probability for o in inside]),
                "observed": _mean([float(o.passed) for o in inside]),
            }
        )

    def tail(share: float | None) -> float:
        return rate if share is None else binomial_tail(exam.questions, exam.pass_mark, share)

    def row(label: str, group: list[Outcome], mocks: bool = False) -> dict:
        scores = {
            "ours": brier([(o.pass_probability, o.passed) for o in group]),
            "base_rate": brier([(rate, o.passed) for o in group]),
            "practice": brier([(tail(o.practice), o.passed) for o in group]),
        }
        if mocks:
            scores["last_mock"] = brier([(tail(o.last_mock), o.passed) for o in group])
            scores["last_mock_1_0"] = brier(
                [(float(o.last_mock * exam.questions >= exam.pass_mark), o.passed) for o in group]
            )
        return {"group": label, "learners": len(group), **scores}

    with_mock = [o for o in outcomes if o.last_mock is not None]
    rows = [
        row("all learners", outcomes),
        row("with an earlier mock", with_mock, mocks=True),
        row("no earlier mock", [o for o in outcomes if o.last_mock is None]),
        row("enough=True", [o for o in outcomes if o.enough]),
        row("enough=False", [o for o in outcomes if not o.enough]),
    ]
    below = sum(o.score < o.low for o in outcomes) / n
    above = sum(o.score > o.high for o in outcomes) / n
    filled = [t for t in table if t["learners"]]
    return {
        "exam": exam.name,
        "title": exam.title,
        "questions": exam.questions,
        "pass_mark": exam.pass_mark,
        "learners": n,
        "pass_rate": rate,
        "median_answers": sorted(o.answers for o in outcomes)[n // 2],
        "bins": table,
        "calibration_error": sum(
            t["learners"] * abs(t["mean_predicted"] - t["observed"]) for t in filled
        )
        / n,
        "brier": rows,
        "band_coverage": 1.0 - below - above,
        "band_below": below,
        "band_above": above,
        "score_bias": sum(o.expected - o.score for o in outcomes) / n,
    }


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _cell(value: float | None, width: int) -> str:
    return f"{value:>{width}.3f}" if value is not None else f"{'-':>{width}}"


COLUMNS = [
    ("ours", "ours"),
    ("base_rate", "base rate"),
    ("practice", "practice %"),
    ("last_mock", "last mock"),
    ("last_mock_1_0", "mock 1/0"),
]


def render(summary: dict) -> str:
    s = summary
    lines = [
        f"{s['title']} ({s['exam']}): {s['questions']} questions, pass mark {s['pass_mark']}",
        f"{s['learners']} learners, {s['pass_rate']:.1%} passed the fresh mock, "
        f"median {s['median_answers']} answers seen by our model",
        "",
        "predicted pass probability   learners   mean predicted   passed",
    ]
    for t in s["bins"]:
        lines.append(
            f"{t['from']:.1f}-{t['to']:.1f}{'':18}{t['learners']:>8}"
            f"{_cell(t['mean_predicted'], 17)}{_cell(t['observed'], 9)}"
        )
    lines += [
        f"calibration error (learner-weighted mean |predicted - passed| over bins): "
        f"{s['calibration_error']:.3f}",
        "",
        f"{'Brier score (lower is better)':<30}{'learners':>8}"
        + "".join(f"{title:>12}" for _, title in COLUMNS),
    ]
    for r in s["brier"]:
        lines.append(
            f"{r['group']:<30}{r['learners']:>8}"
            + "".join(_cell(r.get(key), 12) for key, _ in COLUMNS)
        )
    lines += [
        "",
        f"80% score band: {s['band_coverage']:.1%} of fresh scores inside "
        f"({s['band_below']:.1%} below, {s['band_above']:.1%} above); "
        f"predicted minus actual score: {s['score_bias']:+.2f} on average",
    ]
    return "\n".join(lines)


LEGEND = """\
Baselines: "base rate" gives everyone this run's pass rate; "practice %" and "last mock" turn
the learner's share right into P(pass) by the binomial tail at the exam's length (learners
without practice answers get the base rate); "mock 1/0" predicts pass exactly when the last
mock reached the pass mark."""


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="python -m tools.calibrate", description=__doc__.split("\n")[0]
    )
    cli.add_argument("--learners", type=int, default=2000, help="learners per exam (2000)")
    cli.add_argument("--seed", type=int, default=1)
    cli.add_argument("--exam", action="append", help="exam name (repeatable; default all)")
    cli.add_argument("--bins", type=int, default=10)
    cli.add_argument("--json", action="store_true", help="print JSON instead of tables")
    cli.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        type=parse_override,
        metavar="NAME=VALUE",
        help="try another value of a mastery or readiness constant",
    )
    cli.add_argument(
        "--difficulty-scale",
        type=float,
        help="logits per author level instead of question_difficulty's own",
    )
    for f in dataclasses.fields(World):
        cli.add_argument(
            "--" + f.name.replace("_", "-"),
            type=type(f.default),
            default=f.default,
            help=f"{f.metadata['help']} ({f.default})",
        )
    return cli


def main(argv: list[str] | None = None) -> int:
    cli = parser()
    args = cli.parse_args(argv)
    if args.learners < 1 or args.bins < 1:
        cli.error("--learners and --bins must be positive")
    world = World(**{f.name: getattr(args, f.name) for f in dataclasses.fields(World)})
    exams = load_exams(CONTENT)
    names = args.exam or list(exams)
    unknown = [name for name in names if name not in exams]
    if unknown:
        cli.error(f"unknown exam {', '.join(unknown)}; choose from {', '.join(exams)}")
    started = time.perf_counter()
    summaries = []
    for name in names:
        outcomes = simulate(
            exams[name], world, args.learners, args.seed, args.overrides, args.difficulty_scale
        )
        summaries.append(summarize(exams[name], outcomes, args.bins))
    seconds = time.perf_counter() - started
    if args.json:
        report = {
            "seconds": seconds,
            "seed": args.seed,
            "world": dataclasses.asdict(world),
            "exams": summaries,
        }
        report["overrides"] = [f"{m}.{name}={value}" for m, name, value in args.overrides]
        print(json.dumps(report, indent=2))
    else:
        for summary in summaries:
            print(render(summary), end="\n\n")
        print(LEGEND)
        changed = [
            f"--{f.name.replace('_', '-')} {getattr(world, f.name)}"
            for f in dataclasses.fields(World)
            if getattr(world, f.name) != f.default
        ]
        changed += [f"--set {m}.{name}={value:g}" for m, name, value in args.overrides]
        if args.difficulty_scale is not None:
            changed.append(f"--difficulty-scale {args.difficulty_scale:g}")
        print(f"\n{len(names) * args.learners} learners in {seconds:.1f} s, seed {args.seed}")
        print("changed from the defaults: " + (" ".join(changed) or "nothing"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
