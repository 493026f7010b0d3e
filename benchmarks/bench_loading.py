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
- Keys during the load (in-process, `App.run_test`, 100x30): the app starts with the file as its
  start-up load; a Right/Left key event is posted every 0.1 s until the load ends, and each key's
  latency is the time until `MainScreen.action_step` has run. Pilot's own `press` is not used: it
  waits until the process's CPU time stops advancing, which a busy loading thread never lets happen.
  Done twice: as shipped, and with the garbage collector left on during the load (`quiet_gc` off),
  which is what made the longest stalls.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
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


async def key_latencies(path: Path) -> list[float]:
    from textual import events

    from srn_tui.lessons import Lesson, LessonSpec, get_scenario
    from srn_tui.ui.app import SrnApp
    from srn_tui.ui.screens.main import MainScreen

    handled: list[float] = []
    step = MainScreen.action_step

    def timed_step(self, delta: int) -> None:
        step(self, delta)
        handled.append(time.perf_counter())

    MainScreen.action_step = timed_step  # type: ignore[method-assign]
    latencies = []
    try:
        app = SrnApp(Lesson.from_scenario(get_scenario("seed")), "en", LessonSpec(sequence_path=str(path)))
        async with app.run_test(size=(100, 30)):
            await asyncio.sleep(0.1)
            while app.loader.busy:
                before, sent = len(handled), time.perf_counter()
                app.post_message(events.Key("right" if len(latencies) % 2 == 0 else "left", None))
                while len(handled) == before:
                    await asyncio.sleep(0.001)
                latencies.append(handled[-1] - sent)
                await asyncio.sleep(0.1)
    finally:
        MainScreen.action_step = step  # type: ignore[method-assign]
    return latencies


def keys_during_load(path: Path, quiet: bool) -> list[float]:
    import srn_tui.ui.loading as loading

    real = loading.quiet_gc
    if not quiet:
        loading.quiet_gc = contextlib.nullcontext  # type: ignore[assignment]
    try:
        return asyncio.run(key_latencies(path))
    finally:
        loading.quiet_gc = real


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ticks", type=int, default=100_000, help="ticks in the sequence (default 100,000)")
    parser.add_argument("--samples", type=int, default=3, help="runs per mode (default 3)")
    parser.add_argument("--no-tmux", action="store_true", help="only the in-process key latencies")
    args = parser.parse_args(argv)
    python = shlex.quote(sys.executable)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"big{args.ticks}.csv"
        write_sequence(path, args.ticks)
        size = path.stat().st_size
        quoted = shlex.quote(str(path))
        before = (
            f"{python} -c 'import sys; from srn_tui.lessons import resolve_lesson; from srn_tui.ui import run_app; "
            f"run_app(resolve_lesson(None, None, sys.argv[1], None))' {quoted}"
        )
        after = f"{python} -m srn_tui --lang en --sequence {quoted}"
        rows = {}
        if not args.no_tmux:
            tmux("new-session", "-d", "-s", "warm")  # the server's own start-up is not counted
            try:
                for mode, command in (("before", before), ("after", after)):
                    runs = [one_run(command, path.name, mode == "after") for _ in range(args.samples)]
                    rows[mode] = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
            finally:
                tmux("kill-server")
        keys = {quiet: keys_during_load(path, quiet) for quiet in (False, True)}
    print(f"{args.ticks:,}-tick sequence ({size / 1e6:.1f} MB CSV); medians of {args.samples}")
    if rows:
        print("| start-up | first frame (s) | key handled during the load (s) | file's lesson shown (s) |")
        print("|---|---|---|---|")
        for mode, r in rows.items():
            key = f"{r['key during load']:.2f}" if "key during load" in r else "- (no app yet: keys echo raw)"
            print(f"| {mode} | {r['first frame']:.2f} | {key} | {r['loaded']:.2f} |")
        print()
    print("| keys during the load (in-process) | keys | median (ms) | 95th pct (ms) | max (ms) |")
    print("|---|---|---|---|---|")
    for quiet, lat in keys.items():
        ms = sorted(x * 1000 for x in lat)
        p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
        name = "garbage collector paused (shipped)" if quiet else "garbage collector on"
        print(f"| {name} | {len(ms)} | {statistics.median(ms):.1f} | {p95:.1f} | {ms[-1]:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
