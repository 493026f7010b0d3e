"""The lexical lesson with fewer hidden units: which sizes reproduce Elman's dendrogram.

For each hidden size and model seed: the lesson's own training (its data, truncate 1, Adam), then its
claim on held-out streams: the outputs' distance from the exact next-word probabilities (KL, nats) and
whether the dendrogram of mean hidden states splits nouns from verbs at the root and animates from
inanimates below. The lesson's text quotes this table for why it uses 150 units.

    OMP_NUM_THREADS=1 nice -n 10 python benchmarks/lexical_sizes.py [--sizes 30,70,150] [--seeds 0-2]
"""

from __future__ import annotations

import argparse
import time

from srn_tui.engine import train
from srn_tui.lessons import lexical


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="30,70,150")
    parser.add_argument("--seeds", default="0-2", help='"0-2": seeds 0, 1, 2')
    args = parser.parse_args(argv)
    low, _, high = args.seeds.partition("-")
    seeds = range(int(low), int(high or low) + 1)
    print("| hidden | seed | kl | kl_word | nouns/verbs at root | animates/inanimates | root sizes | train s |")
    print("|---|---|---|---|---|---|---|---|")
    for size in (int(s) for s in args.sizes.split(",")):
        for seed in seeds:
            start = time.perf_counter()
            model = train(
                lexical.build_model(seed, hidden=size), lexical.build_sequences(), lexical.SCENARIO.training
            ).model
            seconds = time.perf_counter() - start
            m = lexical.measure(model)
            tree = m["tree"]
            print(
                f"| {size} | {seed} | {m['kl']:.4f} | {m['kl_word']:.4f} | {tree.nouns_verbs} | {tree.animates} "
                f"| {tree.sizes[0]}+{tree.sizes[1]} | {seconds:.1f} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
