"""A lesson's claim, measured over model seeds: what the README and the lessons' texts quote.

Each seed draws the lesson's initial weights (`Scenario.model(seed=S)`, its own initializer), trains them with the
lesson's own training settings on the lesson's own sequences, and measures the claim on the
lesson's held-out data (`check_claim`). The script prints one row per seed, then the minimum,
median and maximum of every number and how many seeds the claim holds for.

    nice -n 10 python benchmarks/claims_over_seeds.py                     # the default lessons, seeds 0-9
    nice -n 10 python benchmarks/claims_over_seeds.py --lessons sine --seeds 0-4

Lessons whose starting weights are fixed numbers (the seed lesson) are refused.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from srn_tui.engine import train
from srn_tui.lessons import get_scenario

DEFAULT_LESSONS = ("temporal-xor", "jordan", "letters", "sine", "words", "lexical", "reber")


def parse_seeds(text: str) -> list[int]:
    """ "0-9" or "1,3,5" (or both: "0-2,7")."""
    seeds: list[int] = []
    for part in text.split(","):
        low, _, high = part.partition("-")
        seeds += list(range(int(low), int(high) + 1)) if high else [int(low)]
    return seeds


def measure(name: str, seeds: list[int]) -> list[tuple[int, dict[str, float], bool | None, float]]:
    """Per seed: the claim's numbers, whether it holds, and the training time in seconds."""
    scenario = get_scenario(name)
    rows = []
    for seed in seeds:
        start = time.perf_counter()
        model = train(scenario.model(seed=seed), scenario.sequences(), scenario.training).model
        elapsed = time.perf_counter() - start
        assert scenario.check_claim is not None
        claim = scenario.check_claim(model)
        numbers = {k: float(v) for k, v in claim.values.items() if isinstance(v, float)}
        rows.append((seed, numbers, claim.holds, elapsed))
    return rows


def report(name: str, rows: list[tuple[int, dict[str, float], bool | None, float]]) -> str:
    keys = list(rows[0][1])
    lines = [f"## {name}", "", "| seed | " + " | ".join(keys) + " | holds | train s |", "|---" * (len(keys) + 3) + "|"]
    for seed, numbers, holds, elapsed in rows:
        cells = [f"{numbers.get(k, float('nan')):.4f}" for k in keys]
        lines.append(f"| {seed} | " + " | ".join(cells) + f" | {holds} | {elapsed:.2f} |")
    for label, fn in (("min", min), ("median", statistics.median), ("max", max)):
        cells = [f"{fn(numbers[k] for _, numbers, _, _ in rows):.4f}" for k in keys]
        lines.append(f"| {label} | " + " | ".join(cells) + " | | |")
    if all(holds is None for _, _, holds, _ in rows):
        # echo and latch make no single claim: their text says what was measured, seed by seed
        verdict = "no single claim to hold: the numbers above are what each seed's claim text quotes"
    else:
        verdict = f"claim holds for {sum(1 for _, _, holds, _ in rows if holds)} of {len(rows)} seeds"
    lines += ["", verdict, ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", default=",".join(DEFAULT_LESSONS), help="comma-separated lesson names")
    parser.add_argument("--seeds", default="0-9", help='model seeds, e.g. "0-9" or "1,3,5"')
    args = parser.parse_args(argv)
    try:
        seeds = parse_seeds(args.seeds)
    except ValueError:
        parser.error(f"--seeds: {args.seeds!r} is not like 0-9 or 1,3,5")
    names = [n.strip() for n in args.lessons.split(",") if n.strip()]
    for name in names:
        try:
            scenario = get_scenario(name)
        except ValueError as exc:
            parser.error(str(exc))
        if scenario.check_claim is None or scenario.default_seed is None:
            parser.error(f"lesson {name!r} has no claim or its model builder takes no seed")
    for name in names:
        print(report(name, measure(name, seeds)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
