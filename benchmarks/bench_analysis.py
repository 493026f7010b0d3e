"""Projection and clustering of hidden states (issue 12 §5: 10,000 states of H = 150 in under 200 ms).

Run: `python benchmarks/bench_analysis.py [--states N] [--hidden H] [--samples K] [--quick]`
(medians of K runs; prints a table).

Method
- States: N x H draws of tanh(normal) (seeded), the range of tanh units; labels: 29 (Elman's lexicon)
  or 200 (a text lesson's most symbols) cycling through the rows.
- "projection": `analysis.project` (centre, H x H scatter matrix, eigh, sign rule, coordinates).
- "clusters": `analysis.cluster_means` (per-label means, SciPy average linkage).
- "forward": the states themselves from a random 31-H-31 tanh network over N one-hot ticks through
  the engine's reference forward pass (what the app's worker runs before the two above; no target).
- Single BLAS thread (OPENBLAS_NUM_THREADS=1 etc. set before NumPy loads): on a shared 2-core machine
  BLAS threads contend with each other and with the UI, and the app's worker is one thread anyway.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from srn_tui.analysis import cluster_means, hidden_states, project  # noqa: E402
from srn_tui.engine import DataSequence, init_model  # noqa: E402


def median_ms(fn, samples: int) -> float:
    times = []
    for _ in range(samples):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--states", type=int, default=10_000)
    parser.add_argument("--hidden", type=int, default=150)
    parser.add_argument("--samples", type=int, default=11)
    parser.add_argument("--quick", action="store_true", help="1,000 states, 3 samples (a smoke run)")
    args = parser.parse_args(argv)
    n, h, k = (1_000, args.hidden, 3) if args.quick else (args.states, args.hidden, args.samples)
    rng = np.random.default_rng(0)
    states = np.tanh(rng.normal(size=(n, h)))
    print(f"| what | N = {n:,}, H = {h} | median ms ({k} runs) |")
    print("|---|---|---|")
    proj = median_ms(lambda: project(states), k)
    print(f"| projection | | {proj:.1f} |")
    for n_labels in (29, 200):
        labels = tuple(f"w{i % n_labels}" for i in range(n))
        both = median_ms(lambda labels=labels: (project(states), cluster_means(states, labels)), k)
        print(f"| projection + clusters | {n_labels} labels | {both:.1f} |")
    model = init_model(31, h, 31, seed=0)
    eye = np.eye(31)
    sequence = DataSequence.from_lists([eye[i % 31] for i in range(n)], [None] * n, output_size=31)
    fwd = median_ms(lambda: hidden_states(model, [sequence], lambda x: "x"), max(1, k // 3))
    print(f"| forward (engine reference), states and labels | 31-{h}-31 | {fwd:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
