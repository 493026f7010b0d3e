"""Memory and time of `srn-tui trace` at the size limits, and of a long `srn-tui train`.

Each measurement is one fresh process running the command-line entry point (`srn_tui.cli.main`)
with its output sent to /dev/null (the output is still formatted and written); the process reports
its own peak resident memory (VmHWM on Linux, getrusage ru_maxrss elsewhere) and the wall and CPU time of main().

    python benchmarks/bench_limits.py                     # every case, 3 runs each, medians
    python benchmarks/bench_limits.py --cases ticks,train --repeats 5
    python benchmarks/bench_limits.py --quick             # sizes / 50, one run: a smoke test

Cases (the limits are in srn_tui/files/limits.py):
  base     the seed lesson's 5 ticks: what the interpreter, NumPy and srn-tui take anyway
  ticks    1-1-1, MAX_TICKS ticks                      (the longest sequence)
  product  1-98-1, MAX_TICKS ticks: ticks x units = MAX_TICK_UNITS (the most ticks and the most work)
  hidden   1-400-1, as many ticks as MAX_TICK_UNITS allows (the widest hidden layer)
  units    400-400-400, as many ticks as MAX_TICK_UNITS allows (every layer at MAX_UNITS)
  text     a text lesson of MAX_TEXT_CHARS characters over MAX_VOCABULARY symbols
  train    `train --scenario seed --format json` for a short and a 10x longer run: memory stays flat
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from srn_tui.engine import init_model
from srn_tui.files import save_model
from srn_tui.files.limits import MAX_TEXT_CHARS, MAX_TICK_UNITS, MAX_TICKS, MAX_UNITS, MAX_VOCABULARY, max_ticks_for

# Runs in the measured process: main() with stdout to /dev/null, then one JSON line on stderr.
CHILD = """
import json, os, resource, sys, time
sys.stdout = open(os.devnull, "w")
from srn_tui.cli import main
wall, cpu = time.perf_counter(), time.process_time()
code = main(sys.argv[1:])
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
try:  # Linux: this process's own peak; ru_maxrss would include the parent's, inherited at fork
    with open("/proc/self/status") as f:
        rss_mb = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:")) * 1024 / 1e6
except OSError:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rss_mb = rss / 1e6 if sys.platform == "darwin" else rss * 1024 / 1e6  # bytes on macOS, KiB elsewhere
sys.stderr.write("\\n" + json.dumps({"code": code, "wall": wall, "cpu": cpu, "rss_mb": rss_mb}) + "\\n")
"""


@dataclass(frozen=True)
class Run:
    case: str
    sizes: str
    what: str  # the command's distinguishing flags, as shown in the table
    argv: tuple[str, ...]
    work: int  # ticks x (I + H + O) of the traced sequence, or epochs for train


def write_sequence(path: Path, ticks: int, inputs: int, outputs: int, seed: int = 0) -> Path:
    rng = np.random.default_rng(seed)
    header = [f"x{i}" for i in range(1, inputs + 1)] + [f"target{i}" for i in range(1, outputs + 1)]
    if inputs == 1:
        header[0] = "x"
    if outputs == 1:
        header[-1] = "target"
    np.savetxt(
        path, rng.random((ticks, inputs + outputs)), fmt="%.2f", delimiter=",", header=",".join(header), comments=""
    )
    return path


def write_model(path: Path, inputs: int, hidden: int, outputs: int) -> Path:
    save_model(init_model(inputs, hidden, outputs, "xavier", 0), path)
    return path


def write_text(path: Path, chars: int) -> Path:
    rng = np.random.default_rng(0)
    symbols = np.array([chr(0x4E00 + i) for i in range(MAX_VOCABULARY - 1)] + [" "])
    path.write_text("".join(rng.choice(symbols, size=chars)), encoding="utf-8")
    return path


def trace_runs(case: str, sizes: tuple[int, int, int], ticks: int, formats: list[str], folder: Path) -> list[Run]:
    n_in, n_hidden, n_out = sizes
    model = write_model(folder / f"{case}.json", *sizes)
    seq = write_sequence(folder / f"{case}.csv", ticks, n_in, n_out)
    label = f"{n_in}-{n_hidden}-{n_out}, T={ticks:,}"
    work = ticks * sum(sizes)
    return [
        Run(
            case,
            label,
            f"trace --format {fmt}",
            ("trace", "--model", str(model), "--sequence", str(seq), "--format", fmt),
            work,
        )
        for fmt in formats
    ]


def build_runs(names: list[str], folder: Path, scale: int) -> list[Run]:
    runs: list[Run] = []
    long_ticks = MAX_TICKS // scale
    for name in names:
        if name == "base":
            runs.append(Run("base", "1-1-1, T=5", "trace (seed lesson)", ("trace",), 15))
        elif name == "ticks":
            runs += trace_runs(name, (1, 1, 1), long_ticks, ["table", "csv", "json", "markdown"], folder)
        elif name == "product":
            runs += trace_runs(name, (1, MAX_TICK_UNITS // MAX_TICKS - 2, 1), long_ticks, ["table", "csv"], folder)
        elif name == "hidden":
            runs += trace_runs(name, (1, MAX_UNITS, 1), max_ticks_for(MAX_UNITS + 2) // scale, ["table", "csv"], folder)
        elif name == "units":
            sizes = (MAX_UNITS, MAX_UNITS, MAX_UNITS)
            runs += trace_runs(name, sizes, max_ticks_for(3 * MAX_UNITS) // scale, ["table", "csv"], folder)
        elif name == "text":
            text = write_text(folder / "text.txt", MAX_TEXT_CHARS // scale)
            label = f"{MAX_TEXT_CHARS // scale:,} chars, {MAX_VOCABULARY} symbols"
            runs.append(Run("text", label, "trace --format table", ("trace", "--text", str(text)), 0))
        elif name == "train":
            for epochs in (20_000 // scale, 200_000 // scale):
                argv = ("train", "--scenario", "seed", "--epochs", str(epochs), "--format", "json")
                runs.append(Run("train", "seed, 1-1-1, T=5", f"train --epochs {epochs:,}", argv, epochs))
    return runs


def measure(run: Run) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *run.argv], capture_output=True, text=True, check=False, env=os.environ.copy()
    )
    lines = done.stderr.strip().splitlines()
    try:
        result = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        raise SystemExit(f"{run.case} {run.what}: the run failed:\n{done.stderr}") from None
    if result["code"] not in (0, 3):
        raise SystemExit(f"{run.case} {run.what}: exit status {result['code']}:\n{done.stderr}")
    return result


def table(rows: list[tuple[Run, dict[str, float]]]) -> str:
    header = ("case", "sizes", "command", "ticks x units", "peak RSS MB", "wall s", "CPU s")
    cells = [header] + [
        (
            run.case,
            run.sizes,
            run.what,
            f"{run.work:,}" if run.case != "train" and run.work else "-",
            f"{m['rss_mb']:.0f}",
            f"{m['wall']:.2f}",
            f"{m['cpu']:.2f}",
        )
        for run, m in rows
    ]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in cells]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


CASES = ("base", "ticks", "product", "hidden", "units", "text", "train")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sizes / 50 and one run: a smoke test, not a measurement")
    parser.add_argument("--cases", default=",".join(CASES), help=f"comma-separated, from {', '.join(CASES)}")
    parser.add_argument("--repeats", type=int, default=None, help="runs per measurement (default 3, quick 1)")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.cases.split(",") if n.strip()]
    unknown = [n for n in names if n not in CASES]
    if unknown:
        parser.error(f"unknown case {unknown[0]!r}; expected names from {', '.join(CASES)}")
    repeats = args.repeats or (1 if args.quick else 3)
    print(f"Python {platform.python_version()}, NumPy {np.__version__}, {platform.machine()}, {os.cpu_count()} CPU(s)")
    print(f"limits: {MAX_TICKS:,} ticks, {MAX_UNITS} units per layer, {MAX_TICK_UNITS:,} ticks x (I + H + O)")
    print(
        f"median of {repeats} run(s), each a fresh process; output to /dev/null"
        + (" (QUICK: sizes / 50)" if args.quick else "")
    )
    with tempfile.TemporaryDirectory() as folder:
        runs = build_runs(names, Path(folder), 50 if args.quick else 1)
        rows = []
        for run in runs:
            try:
                results = [measure(run) for _ in range(repeats)]
            except SystemExit:
                print(table(rows))  # what was measured before the failure
                raise
            rows.append((run, {key: statistics.median(r[key] for r in results) for key in ("rss_mb", "wall", "cpu")}))
            print(f"  measured {run.case}: {run.what}", file=sys.stderr, flush=True)
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
