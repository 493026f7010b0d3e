"""Which seeds does `temporal-xor-paper` learn from? Train the lesson's own model for each seed with
the lesson's own training (600 passes of per-tick SGD over one 3,000-bit stream, error one tick back),
then measure, on the lesson's held-out streams, the squared error at each position of the triplet.

A seed "learns" when the lesson's claim holds: the error at the XOR bit is below half the mean error
at the two random bits. Prints a markdown table, one row per seed, and a summary line.

    nice -n 10 python benchmarks/paper_xor_seeds.py              # seeds 0-11, about 2 minutes a seed
    python benchmarks/paper_xor_seeds.py --seeds 1,2 --epochs 20 # a smoke run, not a measurement
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace

from srn_tui.engine import train
from srn_tui.scenarios import get_scenario
from srn_tui.scenarios.temporal_xor import PAPER_SEED, build_sequences, error_by_position


def seed_list(text: str) -> list[int]:
    """Seeds written as "0-11" or "1,2,5" (or a mix of both), as a list."""
    seeds: list[int] = []
    for part in text.split(","):
        low, _, high = part.partition("-")
        seeds.extend(range(int(low), int(high or low) + 1))
    return seeds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=seed_list, default=seed_list("0-11"), help="e.g. 0-11 or 1,2,5")
    parser.add_argument("--epochs", type=int, help="passes over the stream (default: the lesson's, 600)")
    args = parser.parse_args(argv)

    scenario = get_scenario("temporal-xor-paper")
    config = scenario.training if args.epochs is None else replace(scenario.training, epochs=args.epochs)
    held_out = build_sequences(count=8, triplets=12, seed=1000)  # the claim's own held-out streams
    print(f"temporal-xor-paper, {config.epochs} passes, SGD lr {config.lr:g}, truncate {config.truncate}")
    print("squared error on held-out streams by position (chance: 0.25); learned = XOR < half of a, b\n")
    print("| seed        | a     | b     | XOR   | learned | train loss | seconds |")
    print("|-------------|-------|-------|-------|---------|------------|---------|")
    learned = []
    for seed in args.seeds:
        start = time.perf_counter()
        result = train(scenario.model(seed=seed), scenario.sequences(), config)
        seconds = time.perf_counter() - start
        a, b, xor = error_by_position(result.model, held_out)
        holds = bool(scenario.check_claim(result.model).holds)
        learned.append(holds)
        name = f"{seed} (default)" if seed == PAPER_SEED else str(seed)
        loss = result.history[-1].loss if result.history else float("nan")
        print(
            f"| {name:<11} | {a:.3f} | {b:.3f} | {xor:.3f} | {'yes' if holds else 'no':7} | {loss:10.1f} |"
            f" {seconds:7.0f} |",
            flush=True,
        )
    print(f"\nlearned for {sum(learned)} of {len(learned)} seeds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
