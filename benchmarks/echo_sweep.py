"""The echo-K lessons measured over model seeds: what the lesson text and claim may say.

For each delay k and init seed: the lesson's own training (Adam, the lesson's epochs), then on
held-out bits the mean squared error (chance 0.25) and the per-target gradient share
||dL(tau)/dh(tau-k)|| / ||dL(tau)/dh(tau)|| (median over the held-out targets), the number the
claim quotes. `--longer N` also trains each k for N times the epochs, to see whether training
longer helps. Prints one table; medians and ranges over seeds.

    nice -n 10 python benchmarks/echo_sweep.py [--ks 1,2,5,10,20] [--seeds 0,1,2,3,4,5] [--longer 10]
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace

import numpy as np

from srn_tui.engine import train
from srn_tui.lessons import echo, echo_scenario


def measure(k: int, seed: int, epochs_factor: int = 1) -> tuple[float, float, float]:
    """(held-out error, per-target share k back, seconds to train) for one init seed."""
    scenario = echo_scenario(k)
    config = replace(scenario.training, epochs=scenario.training.epochs * epochs_factor)
    start = time.perf_counter()
    result = train(echo.build_model(seed), scenario.sequences(), config)
    seconds = time.perf_counter() - start
    claim = scenario.check_claim(result.model)
    return float(claim.values["err"]), float(claim.values["ratio"]), seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ks", default="1,2,5,10,20")
    parser.add_argument("--seeds", default="0,1,2,3,4,5")
    parser.add_argument("--longer", type=int, default=10, help="epoch multiplier for the 'train longer' run (0: skip)")
    args = parser.parse_args(argv)
    ks = [int(k) for k in args.ks.split(",")]
    seeds = [int(s) for s in args.seeds.split(",")]
    factors = [1] + ([args.longer] if args.longer > 1 else [])
    print(f"echo-K, hidden {echo.HIDDEN}, {echo.SEQUENCES} training sequences, seeds {seeds}")
    print("k  epochs  error per seed (chance 0.25)            share k back per seed           s/run")
    for k in ks:
        for factor in factors:
            rows = [measure(k, s, factor) for s in seeds]
            errs = " ".join(f"{e:.3f}" for e, _, _ in rows)
            shares = " ".join(f"{r:.2g}" for _, r, _ in rows)
            epochs = echo_scenario(k).training.epochs * factor
            seconds = float(np.median([t for _, _, t in rows]))
            print(f"{k:<2} {epochs:>6}  {errs:<40} {shares:<31} {seconds:.1f}")
            learned = sum(e < echo.LEARNED for e, _, _ in rows)
            ratios = [r for _, r, _ in rows]
            print(
                f"   learned {learned}/{len(rows)}; error {min(e for e, _, _ in rows):.3f}-"
                f"{max(e for e, _, _ in rows):.3f}; share {min(ratios):.2g}-{max(ratios):.2g}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
