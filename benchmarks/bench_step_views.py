"""Step latency with the symbol rows and the memory view (issue 12 §5): a step key to the screen.

Run: `nice -n 10 python benchmarks/bench_step_views.py [--samples N] [--ticks T]` (medians of N).

At 120x40 with a 31-150-31 one-hot softmax lesson, the time from pressing `l` (next tick) to the last
frame written, measured as in bench_ui.py (FrameClock: CPU and wall time to the last frame), with the
memory view (m: h(t) 150 units x T ticks, y(t) against the targets 62 rows x T) hidden and shown.
The lesson is the `lexical` lesson when it exists, else a stand-in: a text lesson of 31 distinct
characters with 150 hidden units, shown on one sequence of T ticks (default 300).
"Drawing alone" times only the memory view's part of a step (process CPU): the session steps, the
view's `show` marks the new column, and every line in view of both heatmaps is drawn (`render_line`),
without Textual's compositor; the rest of a step is shared with the step view.
Target (issue 12): within 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import string
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from bench_ui import SIZE, FrameClock  # noqa: E402

from srn_tui.engine import DataSequence  # noqa: E402
from srn_tui.lessons import Lesson, find_scenario, text_scenario  # noqa: E402
from srn_tui.ui.app import SrnApp  # noqa: E402

SYMBOLS = string.ascii_lowercase + " .,;!"  # 31 distinct characters


def lesson(ticks: int) -> tuple[Lesson, str]:
    lexical = find_scenario("lexical")
    if lexical is not None:
        return Lesson.from_scenario(lexical), "lexical"
    rng = np.random.default_rng(0)
    text = "".join(rng.choice(list(SYMBOLS), ticks + 1))
    text = SYMBOLS + text  # every symbol at least once
    base = Lesson.from_scenario(text_scenario(text, "text:bench", hidden=150))
    codes = np.eye(len(SYMBOLS))[[sorted(SYMBOLS).index(c) for c in text[-(ticks + 1) :]]]
    sequence = DataSequence.from_lists(codes[:-1].tolist(), codes[1:].tolist())
    return replace(base, sequences=(sequence,)), f"stand-in text lesson {len(SYMBOLS)}-150-{len(SYMBOLS)}"


async def step_latency(memory: bool, samples: int, ticks: int) -> tuple[float, float, float]:
    chosen, _ = lesson(ticks)
    app = SrnApp(chosen)
    timings: list[tuple[float, float, float]] = []
    async with app.run_test(size=SIZE) as pilot:
        if memory:
            await pilot.press("m")
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


async def drawing_alone(samples: int, ticks: int) -> float:
    """Median CPU ms of one step's memory view work: show() and drawing every line in view."""
    import time

    from srn_tui.ui.widgets.memory import TickHeatmap

    app = SrnApp(lesson(ticks)[0])
    times = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        view = app.main.memory_view
        maps = list(view.query(TickHeatmap))
        for _ in range(samples):
            s = app.session
            s.go_to(1 if s.cursor >= s.length else s.cursor + 1)
            t0 = time.process_time()
            view.show(s)
            for heatmap in maps:
                for y in range(heatmap.scrollable_content_region.height):
                    heatmap.render_line(y)
            times.append((time.process_time() - t0) * 1000)
            await pilot.pause()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--ticks", type=int, default=300)
    args = parser.parse_args()
    chosen, what = lesson(args.ticks)
    m = chosen.model
    print(f"{what}: {m.input_size}-{m.hidden_size}-{m.output_size}, T = {chosen.sequence.length}, {SIZE[0]}x{SIZE[1]}")
    print("view          wall to first frame  wall to last frame  CPU to last frame   (medians, ms)")
    for memory in (False, True):
        first, last, cpu = asyncio.run(step_latency(memory, args.samples, args.ticks))
        name = "memory view" if memory else "step view"
        print(f"{name:13} {first:19.1f} {last:19.1f} {cpu:18.1f}")
    alone = asyncio.run(drawing_alone(args.samples, args.ticks))
    print(f"memory view, drawing alone (CPU, median): {alone:.1f} ms")


if __name__ == "__main__":
    main()
