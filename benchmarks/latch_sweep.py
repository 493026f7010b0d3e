"""The latch lesson swept over lengths T and init seeds: the success table the lesson quotes.

For each T and seed: the lesson's own model (seed re-drawn), data and training, then on fresh
sequences the right answers at the last tick (learned: at least latch.LEARNED) and the share of the
gradient of the loss at T that reaches h(1), ||dL(T)/dh(1)|| / ||dL(T)/dh(T)|| (median over 10
fresh sequences), before training and after it. `--factor N` trains N times the lesson's epochs
instead, to see whether training longer helps. Medians and ranges over seeds; seconds per run.

    nice -n 10 python benchmarks/latch_sweep.py [--lengths 5,10,20,40,80,100] [--seeds 20] [--factor 1]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from srn_tui.engine import train
from srn_tui.lessons import latch


def run(length: int, seed: int, factor: int) -> tuple[float, float, float, float]:
    """(right answers of latch.HELD_OUT, share after, share before, seconds) for one init seed."""
    model = latch.build_model(seed)
    _, before = latch.measure(model, length, count=10)
    start = time.perf_counter()
    result = train(model, latch.build_sequences(length), latch.training(latch.EPOCHS * factor))
    seconds = time.perf_counter() - start
    accuracy, after = latch.measure(result.model, length)
    return accuracy, after, before, seconds


def span(values: list[float]) -> str:
    """median [min..max]"""
    if not values:
        return "-"
    return f"{float(np.median(values)):.0e} [{min(values):.0e}..{max(values):.0e}]"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lengths", default="5,10,20,40,80,100")
    parser.add_argument("--seeds", type=int, default=20, help="init seeds 0..N-1")
    parser.add_argument("--factor", type=int, default=1, help="train this many times the lesson's epochs")
    args = parser.parse_args(argv)
    lengths = [int(t) for t in args.lengths.split(",")]
    seeds = range(args.seeds)
    print(
        f"latch: H = {latch.HIDDEN} tanh, noise sd {latch.NOISE}, {latch.SEQUENCES} sequences, "
        f"{latch.EPOCHS * args.factor} Adam epochs (lr {latch.LR}); init seeds 0..{args.seeds - 1}; "
        f"learned = at least {latch.LEARNED * latch.HELD_OUT:.0f} right of {latch.HELD_OUT} fresh sequences"
    )
    print("share = ||dL(T)/dh(1)|| / ||dL(T)/dh(T)||, median over 10 fresh sequences; median [range] over seeds")
    header = f"{'T':>4} {'learned':>8} {'right':>7} {'share untrained':>24} {'share, learned':>24}"
    print(f"{header} {'share, not learned':>24} {'s/run':>6}")
    for length in lengths:
        rows = [run(length, s, args.factor) for s in seeds]
        won = [r for r in rows if r[0] >= latch.LEARNED * latch.HELD_OUT]
        lost = [r for r in rows if r[0] < latch.LEARNED * latch.HELD_OUT]
        right = f"{min(r[0] for r in rows)}-{max(r[0] for r in rows)}"
        print(
            f"{length:>4} {len(won):>4}/{len(rows):<3} {right:>7} {span([r[2] for r in rows]):>24} "
            f"{span([r[1] for r in won]):>24} {span([r[1] for r in lost]):>24} "
            f"{float(np.median([r[3] for r in rows])):>6.2f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
