"""UI timings for issue 3: step latency, start-up time, and the Heatmap against a Rich Table.

Run: `python benchmarks/bench_ui.py [--samples N] [--starts N]` (medians of N; prints a table).

Method
- Step latency (120x40, headless `App.run_test`): `App._display` is wrapped so that every frame the
  compositor produces is also turned into the bytes a terminal driver would write
  (`CompositorUpdate.render_segments`) and time-stamped. For each sample the benchmark takes t0,
  presses `l` (next tick; `l` rather than Right so a focused heatmap cannot take the key), then
  waits for idle. Two figures from t0 to the LAST frame written in that wait (the key event's trip
  through the message queue, the session step, every widget's update, layout, compositing and the
  frame bytes): the process CPU time (the app's own work: it leaves out Textual's 60 fps frame pacing,
  which waits up to 16.7 ms before painting, and time lost to other processes on this shared
  2-core machine) and the wall time (what a user would see, for reference, also to the first frame).
  `pilot.pause()`'s own waiting is not counted: it only happens after the frame. Medians over the
  forward steps of T-tick lessons (reset with Home between sweeps, unmeasured).
- Start-up: `srn-tui` spawned in a detached tmux session (120x40, own tmux socket, the server started
  beforehand so its start-up is not counted); time until `tmux capture-pane` shows the header's
  "t = 0 /". Polling every 5 ms, so the figure is accurate to ~5 ms plus one capture (~3 ms).
- Heatmap vs Rich Table: one widget in a 120x40 app; each sample puts a new random matrix in
  (`Heatmap.set_matrix`, or building a Rich Table of the same cells and `Static.update`) and
  measures CPU and wall time to the last frame, as above. "Drawing alone" times just the widget:
  set_matrix plus render_line for a 38-line viewport, against Rich rendering the Table to lines.
Targets (issue 3): step <= 16 ms for H <= 32, <= 50 ms at H = 128; start <= 0.8 s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import numpy as np
from rich.table import Table
from rich.text import Text
from textual._compositor import CompositorUpdate
from textual.app import App, ComposeResult
from textual.containers import ScrollableContainer
from textual.widgets import Static

from srn_tui.engine import DataSequence, TrainConfig, init_model
from srn_tui.lessons import Lesson, Scenario, get_scenario
from srn_tui.text.numbers import cell as format_value
from srn_tui.ui.app import SrnApp
from srn_tui.ui.widgets.heatmap import Heatmap

SIZE = (120, 40)
TICKS = 10


class FrameClock:
    """Time-stamps every frame the app writes (headless: rendered to terminal bytes and dropped)."""

    def __init__(self, app: App) -> None:
        self.times: list[tuple[float, float]] = []  # (wall, process CPU) at each frame written
        display = app._display

        def timed_display(screen, renderable) -> None:
            display(screen, renderable)
            if isinstance(renderable, CompositorUpdate):
                renderable.render_segments(app.console)
                self.times.append((time.perf_counter(), time.process_time()))

        app._display = timed_display  # type: ignore[method-assign]

    async def measure(self, pilot, action: Callable[[], Awaitable[None] | None]) -> tuple[float, float, float] | None:
        """Wall ms to the first and to the last frame after `action`, and CPU ms to the last; None if no frame."""
        await pilot.pause()
        start = len(self.times)
        t0, cpu0 = time.perf_counter(), time.process_time()
        result = action()
        if result is not None:
            await result
        await pilot.pause()
        await pilot.pause()
        frames = self.times[start:]
        if not frames:
            return None
        return (frames[0][0] - t0) * 1000, (frames[-1][0] - t0) * 1000, (frames[-1][1] - cpu0) * 1000


def lesson_with_hidden(hidden: int) -> Lesson:
    if hidden == 1:
        return Lesson.from_scenario(get_scenario("seed"))
    size = 6
    rng = np.random.default_rng(hidden)
    inputs = np.eye(size)[rng.integers(0, size, TICKS)]
    targets = np.roll(inputs, -1, axis=0)
    sequence = DataSequence.from_lists(inputs.tolist(), targets.tolist())
    model = init_model(size, hidden, size, seed=hidden)
    scenario = Scenario(
        f"bench-{hidden}",
        f"{size}-{hidden}-{size}",
        "",
        "benchmark lesson",
        lambda: model,
        lambda: [sequence],
        TrainConfig(),
    )
    return Lesson.from_scenario(scenario)


async def step_latency(hidden: int, samples: int) -> tuple[float, float, float]:
    """Medians of (wall to first frame, wall to last frame, CPU to last frame) in ms."""
    app = SrnApp(lesson_with_hidden(hidden))
    timings: list[tuple[float, float, float]] = []
    async with app.run_test(size=SIZE) as pilot:
        clock = FrameClock(app)
        await pilot.pause()
        while len(timings) < samples:
            if app.session.cursor >= app.session.length:
                await pilot.press("home")
            timing = await clock.measure(pilot, lambda: pilot.press("l"))
            if timing is not None:
                timings.append(timing)
    first, last, cpu = zip(*timings, strict=True)
    return statistics.median(first), statistics.median(last), statistics.median(cpu)


def start_time(starts: int) -> list[float]:
    tmux = shutil.which("tmux")
    exe = Path(sys.executable).with_name("srn-tui")
    if tmux is None or not exe.exists():
        return []
    socket = f"srn-bench-{os.getpid()}"
    base = [tmux, "-L", socket]
    subprocess.run([*base, "new-session", "-d", "-s", "idle", "-x", "20", "-y", "5"], check=True)
    times = []
    try:
        for i in range(starts):
            name = f"start{i}"
            t0 = time.perf_counter()
            subprocess.run(
                [*base, "new-session", "-d", "-s", name, "-x", str(SIZE[0]), "-y", str(SIZE[1]), str(exe)], check=True
            )
            while time.perf_counter() - t0 < 10:
                pane = subprocess.run([*base, "capture-pane", "-p", "-t", name], capture_output=True, text=True).stdout
                if "t = 0 /" in pane:
                    times.append(time.perf_counter() - t0)
                    break
                time.sleep(0.005)
            subprocess.run([*base, "kill-session", "-t", name], check=False)
            time.sleep(0.3)
    finally:
        subprocess.run([*base, "kill-server"], check=False)
    return times


class MatrixApp(App):
    CSS = "ScrollableContainer Static { width: auto; height: auto; }"

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind

    def compose(self) -> ComposeResult:
        if self.kind == "heatmap":
            yield Heatmap("W", title="W")
        else:
            with ScrollableContainer():
                yield Static(id="table")


def rich_table(matrix: np.ndarray) -> Table:
    """The Rich Table a straightforward implementation would draw: same numbers, same colours by sign."""
    table = Table("", *(str(c) for c in range(matrix.shape[1])), box=None, pad_edge=False)
    scale = float(np.abs(matrix).max()) or 1.0
    for r, row in enumerate(matrix):
        cells = []
        for value in row:
            level = int(min(abs(value) / scale, 1.0) * 200)
            colour = f"rgb({55 + level},40,40)" if value > 0 else f"rgb(40,40,{55 + level})"
            cells.append(Text(format_value(float(value)), style=f"on {colour}"))
        table.add_row(str(r), *cells)
    return table


async def matrix_update(kind: str, n: int, samples: int) -> tuple[float, float]:
    """Medians of (wall, CPU) ms from the update call to the last frame."""
    app = MatrixApp(kind)
    rng = np.random.default_rng(n)
    timings: list[tuple[float, float]] = []
    async with app.run_test(size=SIZE) as pilot:
        clock = FrameClock(app)
        await pilot.pause()
        for _ in range(samples):
            matrix = rng.uniform(-1, 1, (n, n))
            if kind == "heatmap":
                update = app.query_one(Heatmap).set_matrix
            else:
                static = app.query_one("#table", Static)

                def update(m: np.ndarray, static: Static = static) -> None:
                    static.update(rich_table(m))

            timing = await clock.measure(pilot, lambda m=matrix, update=update: update(m))
            if timing is not None:
                timings.append((timing[1], timing[2]))
    wall, cpu = zip(*timings, strict=True)
    return statistics.median(wall), statistics.median(cpu)


async def widget_only(n: int, repeats: int) -> tuple[float, float]:
    """Median ms of the drawing alone, no compositor: Heatmap.set_matrix + render_line for a
    38-line viewport, against rendering the Rich Table to lines at the heatmap's virtual width."""
    app = MatrixApp("heatmap")
    rng = np.random.default_rng(n)
    heat: list[float] = []
    table: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        heatmap = app.query_one(Heatmap)
        for _ in range(repeats):
            matrix = rng.uniform(-1, 1, (n, n))
            t0 = time.perf_counter()
            heatmap.set_matrix(matrix)
            for y in range(SIZE[1] - 2):
                heatmap.render_line(y)
            heat.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            options = app.console.options.update_width(heatmap.virtual_size.width)
            app.console.render_lines(rich_table(matrix), options)
            table.append((time.perf_counter() - t0) * 1000)
    return statistics.median(heat), statistics.median(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--starts", type=int, default=5)
    args = parser.parse_args()

    print(f"step latency at {SIZE[0]}x{SIZE[1]}, median of {args.samples} (ms, key posted -> last frame written)")
    print(f"{'lesson':<14}{'CPU (work)':>11}{'wall first':>12}{'wall last':>11}{'target':>8}")
    for hidden in (1, 32, 128):
        first, last, cpu = asyncio.run(step_latency(hidden, args.samples))
        target = 16 if hidden <= 32 else 50
        label = "seed (H=1)" if hidden == 1 else f"6-{hidden}-6 T={TICKS}"
        print(f"{label:<14}{cpu:>11.1f}{first:>12.1f}{last:>11.1f}{target:>8}")

    starts = start_time(args.starts)
    if starts:
        shown = ", ".join(f"{t:.2f}" for t in starts)
        print(
            f"\nstart to first frame (tmux, {SIZE[0]}x{SIZE[1]}): median {statistics.median(starts):.2f} s "
            f"of [{shown}] (target 0.8 s)"
        )
    else:
        print("\nstart to first frame: skipped (tmux or the srn-tui script not found)")

    print(f"\nmatrix update to last frame, median of {args.samples} (ms)")
    print(f"{'size':<8}{'Heatmap CPU':>12}{'wall':>7}{'Rich Table CPU':>16}{'wall':>8}{'CPU ratio':>11}")
    for n in (20, 64):
        heat_wall, heat_cpu = asyncio.run(matrix_update("heatmap", n, args.samples))
        table_wall, table_cpu = asyncio.run(matrix_update("table", n, max(args.samples // 3, 5)))
        print(
            f"{f'{n}x{n}':<8}{heat_cpu:>12.1f}{heat_wall:>7.1f}{table_cpu:>16.1f}{table_wall:>8.1f}"
            f"{table_cpu / heat_cpu:>10.0f}x"
        )
    print("\ndrawing alone, no compositor, median (ms)")
    for n in (20, 64, 128):
        heat, table = asyncio.run(widget_only(n, max(args.samples // 3, 5)))
        print(f"{f'{n}x{n}':<8}Heatmap {heat:>7.2f}   Rich Table {table:>8.1f}   ratio {table / heat:>4.0f}x")


if __name__ == "__main__":
    main()
