"""Live training in the app (issue 4): throughput against headless training, step latency while
training runs, and memory over 10,000 epochs.

Run: `python benchmarks/bench_live.py [--repeats N] [--quick]` (prints medians; no asserts).

Method
- Throughput: the same lesson, seed and settings (the lesson's own TrainConfig with `epochs` set
  to N, no plateau stop) trained (a) headless with `srn_tui.engine.train` and (b) in the app under
  `App.run_test` (100x30): T is sent as the terminal driver sends keys (not `Pilot.press`, whose
  wait-for-idle polling a busy process never satisfies), frames are also rendered to terminal
  bytes, and the time runs from the key to the worker's end (so the switch to the training view,
  the redraws at <= 10 Hz, the session following each report and the messages are all inside).
  N is chosen so a headless run takes about 1.5 s. Headless and app runs alternate; medians over
  the repeats and the median of the paired ratios app/headless (target >= 0.8).
- Step latency while training: during a run with a budget that outlasts the measurement, press `l`
  (next tick) and `h` alternately; each sample is the wall time from just before the key is sent
  to the end of `MainScreen.sync()` for that key (the key's trip through the queue, the session
  step, every widget's update; Textual's frame pacing afterwards is not counted). The training
  thread holds the GIL most of the time, so this is the figure a user feels. Median of 40.
- Memory: 10,000 seed epochs (`--memory-epochs`) in the app with tracemalloc on; the traced size is
  sampled in the UI thread at every progress report. Printed: the size at each tenth of the run and
  the peak, and how full rich's cell-width cache (an LRU of 4,096 strings, the main thing that still
  grows once the loss history's cap is reached) is at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import statistics
import time
import tracemalloc
from dataclasses import replace

from rich.cells import cached_cell_len
from textual import events
from textual._compositor import CompositorUpdate
from textual.worker import WorkerCancelled

from srn_tui.engine import train
from srn_tui.lessons import Lesson, get_scenario
from srn_tui.ui.app import SrnApp

SIZE = (100, 30)


def lesson(name: str) -> Lesson:
    return Lesson.from_scenario(get_scenario(name))


def headless_seconds(name: str, epochs: int) -> float:
    les = lesson(name)
    config = replace(les.training, epochs=epochs)
    started = time.perf_counter()
    result = train(les.model, list(les.sequences), config)
    elapsed = time.perf_counter() - started
    assert result.completed == epochs, "the headless run stopped early"
    return elapsed


async def wait_worker(app: SrnApp) -> None:
    run = app.main.continuous
    worker = None if run is None else run.worker
    if worker is not None:
        with contextlib.suppress(WorkerCancelled):
            await worker.wait()


def write_frames_as_bytes(app: SrnApp) -> None:
    """Turn every frame into the bytes a terminal driver would write (headless drops them), so the
    cost of terminal output is inside the app's figure as in a real terminal."""
    display = app._display

    def to_bytes(screen, renderable) -> None:
        display(screen, renderable)
        if isinstance(renderable, CompositorUpdate):
            renderable.render_segments(app.console)

    app._display = to_bytes  # type: ignore[method-assign]


async def type_key(app: SrnApp, key: str) -> None:
    """A key as the terminal driver delivers it. Not `Pilot.press`: that then waits for the process
    to go idle, polling 50 times a second for up to 2 s, which a busy training thread never lets
    happen, and each poll takes the GIL from it: a cost the real app does not have."""
    assert app._driver is not None
    app._driver.send_message(events.Key(key, key if len(key) == 1 else None))


async def app_seconds(name: str, epochs: int) -> float:
    app = SrnApp(lesson(name))
    async with app.run_test(size=SIZE) as pilot:
        write_frames_as_bytes(app)
        app.session.set_training(replace(app.session.training, epochs=epochs))
        app.main.stop_on_plateau = False
        await pilot.pause()
        started = time.perf_counter()
        await type_key(app, "T")
        while app.main.continuous is None:  # the key's trip to the screen: a few ms
            await asyncio.sleep(0.001)
        await wait_worker(app)
        elapsed = time.perf_counter() - started
        await pilot.pause()
        report = app.main.last_report
        assert report is not None and report.epochs_this_run == epochs, "the app run stopped early"
    return elapsed


def calibrate(name: str, target: float) -> int:
    epochs = 20
    while True:
        seconds = headless_seconds(name, epochs)
        if seconds > target / 4:
            return max(1, int(epochs * target / seconds))
        epochs *= 4


async def throughput(name: str, repeats: int, target: float) -> None:
    epochs = calibrate(name, target)
    heads, apps, ratios = [], [], []
    for _ in range(repeats):
        h = headless_seconds(name, epochs)
        a = await app_seconds(name, epochs)
        heads.append(epochs / h)
        apps.append(epochs / a)
        ratios.append(h / a)
    runs = ", ".join(f"{r:.2f}" for r in ratios)
    print(
        f"{name:8} {epochs:7d} epochs  headless {statistics.median(heads):7.0f} ep/s"
        f"  app {statistics.median(apps):7.0f} ep/s  app/headless {statistics.median(ratios):.2f} (runs: {runs})"
    )


async def step_latency(name: str, samples: int) -> None:
    app = SrnApp(lesson(name))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        done: list[float] = []
        original = screen.sync

        def timed_sync() -> None:
            original()
            done.append(time.perf_counter())

        screen.sync = timed_sync  # type: ignore[method-assign]
        app.session.set_training(replace(app.session.training, epochs=10**9))
        screen.stop_on_plateau = False
        await pilot.press("T")
        await pilot.pause(0.3)
        latencies = []
        for i in range(samples):
            key = "l" if i % 2 == 0 else "h"
            done.clear()
            started = time.perf_counter()
            await pilot.press(key)
            after = [t for t in done if t >= started]
            if after:
                latencies.append(after[0] - started)
        epochs = app.session.history.snapshot().epochs[-1] if len(app.session.history) else 0
        await pilot.press("escape")
        await wait_worker(app)
    ms = sorted(1000 * x for x in latencies)
    print(
        f"{name:8} step while training: median {statistics.median(ms):5.1f} ms  p90 {ms[int(0.9 * len(ms))]:5.1f} ms"
        f"  ({len(ms)} keys, {epochs} epochs trained meanwhile)"
    )


async def memory(epochs: int) -> None:
    app = SrnApp(lesson("seed"))
    samples: list[tuple[int, int]] = []
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        view = screen.training
        original = view.show_loss  # drawn at every report of the run (RunProgressed and the last one)

        def sampled(history) -> None:
            original(history)
            if screen.last_report is not None:
                samples.append((screen.last_report.epoch, tracemalloc.get_traced_memory()[0]))

        view.show_loss = sampled  # type: ignore[method-assign]
        app.session.set_training(replace(app.session.training, epochs=epochs))
        screen.stop_on_plateau = False
        gc.collect()
        tracemalloc.start()
        await pilot.press("T")
        await wait_worker(app)
        await pilot.pause()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    tenths = [next(s for s in samples if s[0] >= k * epochs // 10) for k in range(1, 10)] + [samples[-1]]
    sizes = "  ".join(f"{epoch}: {size / 1e6:.2f}" for epoch, size in dict(tenths).items())
    cells = cached_cell_len.cache_info()
    print(f"memory over {epochs} seed epochs (tracemalloc, {len(samples)} reports), MB after epoch  {sizes}")
    print(f"  peak {peak / 1e6:.2f} MB; rich cell-width cache {cells.currsize} / {cells.maxsize} entries")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="a smoke run, not a measurement")
    parser.add_argument("--memory-epochs", type=int, default=10_000)
    parser.add_argument("--memory-only", action="store_true", help="only the memory run")
    args = parser.parse_args()
    repeats, target, samples = (1, 0.2, 6) if args.quick else (args.repeats, 1.5, 40)
    mem_epochs = 1000 if args.quick else args.memory_epochs
    if args.memory_only:
        await memory(mem_epochs)
        return
    print("throughput: continuous training in the app vs headless srn_tui.engine.train (target app >= 0.8x)")
    for name in ("seed", "letters"):
        await throughput(name, repeats, target)
    print("step key latency while training (target median <= 50 ms)")
    for name in ("seed", "letters"):
        await step_latency(name, samples)
    await memory(mem_epochs)


if __name__ == "__main__":
    asyncio.run(main())
