"""The figures the `hidden` tour quotes (srn_tui/tours/builtin/hidden.toml), measured over model seeds:
for each seed of the `reber` lesson, untrained and after its own training (100 epochs of Adam), the
share of hidden states nearest their own grammar node's mean state, the distances between h(t) on the
shown string (same node: h(7) and h(2); same letter P at two nodes: h(6) and h(2)), and the closest
pair of nodes in the dendrogram. The README's tour table quotes the ranges printed here.

    nice -n 10 python benchmarks/tour_hidden_seeds.py [--seeds 0-9]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from srn_tui.analysis import analyze, merge_members, nearest_own_mean, state_labeler, symbol_decoder
from srn_tui.engine import forward
from srn_tui.engine.training import train
from srn_tui.tours.format import open_lesson


def figures(model, lesson) -> tuple[float, float, float, str]:
    result = analyze(model, lesson.sequences, symbol_decoder(lesson), state_labels=state_labeler(lesson))
    h = [rec.h for rec in forward(model, lesson.sequence).steps]
    nearest = nearest_own_mean(result.states.states, result.states.labels)
    closest = " + ".join(sorted(merge_members(result.clusters, 0)))
    return nearest, float(np.linalg.norm(h[6] - h[1])), float(np.linalg.norm(h[5] - h[1])), closest


def seeds_of(text: str) -> list[int]:
    low, _, high = text.partition("-")
    return list(range(int(low), int(high or low) + 1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="0-9", help="model seeds, e.g. 0-9 (default: 0-9)")
    args = parser.parse_args(argv)
    lesson = open_lesson("reber")
    print("| seed | nearest untrained | trained | same node | same letter | untrained | closest pair | train s |")
    print("|---|---|---|---|---|---|---|---|")
    rows = []
    for seed in seeds_of(args.seeds):
        model = lesson.seeded_model(seed)
        before = figures(model, lesson)
        start = time.perf_counter()
        trained = train(model.copy(), list(lesson.sequences), lesson.training).model
        seconds = time.perf_counter() - start
        after = figures(trained, lesson)
        rows.append((before, after))
        sign = "<" if before[1] < before[2] else ">"
        print(
            f"| {seed} | {before[0]:.3f} | {after[0]:.3f} | {after[1]:.3f} | {after[2]:.3f} | "
            f"{before[1]:.3f} {sign} {before[2]:.3f} | {after[3]} | {seconds:.2f} |"
        )
    for name, k, when in (("nearest", 0, 0), ("nearest", 0, 1), ("same node", 1, 1), ("same letter", 2, 1)):
        values = [row[when][k] for row in rows]
        print(f"{name} ({'trained' if when else 'untrained'}): {min(values):.3f}-{max(values):.3f}")
    pairs = [row[1][3] for row in rows]
    print(f"closest pair trained: {', '.join(f'{p} x{pairs.count(p)}' for p in sorted(set(pairs)))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
