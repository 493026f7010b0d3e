"""Time to the app's first frame with a big --sequence file, before and after loading moved into a
worker (issue 10 §2), and how quickly a key is handled while the file loads.

Run: `python benchmarks/bench_loading.py [--ticks N] [--samples N]` (medians of N; prints a table).

Method
- A CSV of N ticks (one input, one target, 4 decimals; seeded) is written to a temporary directory.
- Each sample spawns the app in a detached tmux session (100x30, an own tmux socket whose server is
  started beforehand) and polls `tmux capture-pane` every 10 ms.
- "before": the old start-up, the lesson resolved (file read, first trace and BPTT built) before the
  app starts: `run_app(resolve_lesson(...))`, as `cmd_app` did. The first frame is the file's lesson.
- "after": `srn-tui --sequence FILE`, which checks the file with a stat and hands it to the app; the
  first frame shows the built-in lesson and the loading line. Then Right is sent and the time until the
  header shows "t = 1 /" is the key's latency during the load; "loaded" is when the header names the file.
- Times are wall clock from the spawn, on a shared 2-core machine: run it with nothing else busy.
"""

from __future__ import annotations

import argparse
import random
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SOCKET = "srn-bench-loading"
SIZE = ("100", "30")
POLL = 0.01
TIMEOUT = 300.0


def write_sequence(path: Path, ticks: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    with path.open("w") as f:
        f.write("x,target\n")
        for _ in range(ticks):
            f.write(f"{rng.random():.4f},{rng.random():.4f}\n")


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=False).stdout


def wait_for(text: str, since: float) -> float:
    """Seconds from `since` until the pane shows `text`."""
    while time.monotonic() - since < TIMEOUT:
        if text in tmux("capture-pane", "-p", "-t", "bench"):
            return time.monotonic() - since
        time.sleep(POLL)
    raise TimeoutError(f"the pane never showed {text!r}")


def one_run(command: str, name: str, after: bool) -> dict[str, float]:
    started = time.monotonic()
    tmux("new-session", "-d", "-s", "bench", "-x", SIZE[0], "-y", SIZE[1], command)
    try:
        result = {"first frame": wait_for("t = 0 /", started)}
        if after:
            key_sent = time.monotonic()
            tmux("send-keys", "-t", "bench", "Right")
            result["key during load"] = wait_for("t = 1 / 5", key_sent)
            result["loaded"] = wait_for(f"— {name}", started)
        else:
            result["loaded"] = result["first frame"]
        return result
    finally:
        tmux("kill-session", "-t", "bench")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ticks", type=int, default=100_000, help="ticks in the sequence (default 100,000)")
    parser.add_argument("--samples", type=int, default=3, help="runs per mode (default 3)")
    args = parser.parse_args(argv)
    python = shlex.quote(sys.executable)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"big{args.ticks}.csv"
        write_sequence(path, args.ticks)
        size = path.stat().st_size
        quoted = shlex.quote(str(path))
        before = (
            f"{python} -c 'import sys; from srn_tui.lesson import resolve_lesson; from srn_tui.ui import run_app; "
            f"run_app(resolve_lesson(None, None, sys.argv[1], None))' {quoted}"
        )
        after = f"{python} -m srn_tui --lang en --sequence {quoted}"
        tmux("new-session", "-d", "-s", "warm")  # the server's own start-up is not counted
        try:
            rows = {}
            for mode, command in (("before", before), ("after", after)):
                runs = [one_run(command, path.name, mode == "after") for _ in range(args.samples)]
                rows[mode] = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
        finally:
            tmux("kill-server")
    print(f"{args.ticks:,}-tick sequence ({size / 1e6:.1f} MB CSV); medians of {args.samples}")
    print("| start-up | first frame (s) | key handled during the load (s) | file's lesson shown (s) |")
    print("|---|---|---|---|")
    for mode, r in rows.items():
        key = f"{r['key during load']:.2f}" if "key during load" in r else "- (no app yet: keys echo raw)"
        print(f"| {mode} | {r['first frame']:.2f} | {key} | {r['loaded']:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
