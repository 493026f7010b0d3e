"""Run a training thread on the same CPU core as the UI thread, for as long as it trains.

Why: the two threads share the GIL, so they never run Python in parallel and a second core buys the
training nothing. What two cores do cost is the hand-over: every time the UI thread wakes up (each
progress report, each frame) the GIL moves from one core to the other, and waking the other core is
far slower than a switch on one core (the GIL "convoy" effect; worst on virtual machines, where an
idle vCPU sleeps in the host). Measured on a 2-vCPU VM (benchmarks/bench_live.py): the seed lesson
trained in the app at 0.75x the headless speed with the threads free and at 0.89x on one core.

Linux only (os.sched_setaffinity works on thread ids there); elsewhere, or when the process may
only use one CPU anyway, nothing is changed. Every failure is ignored: this is a speed-up, never a
reason for training to fail.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator

_CAN_PIN = hasattr(os, "sched_setaffinity") and hasattr(os, "sched_getaffinity")


def allowed_cpus() -> frozenset[int]:
    """The CPUs this process may use (call it once, before any pinning, and keep the answer)."""
    if not _CAN_PIN:
        return frozenset()
    try:
        return frozenset(os.sched_getaffinity(0))
    except OSError:
        return frozenset()


def cpu_of_thread(native_id: int) -> int | None:
    """The CPU a thread last ran on (field 39 of /proc/self/task/<tid>/stat), or None."""
    try:
        with open(f"/proc/self/task/{native_id}/stat", encoding="ascii") as f:
            stat = f.read()
        # the command name (field 2) may hold spaces and parentheses: count fields after the last ')'
        return int(stat.rsplit(")", 1)[1].split()[36])
    except (OSError, ValueError, IndexError):
        return None


@contextlib.contextmanager
def on_ui_core(ui_thread: int, cpus: frozenset[int]) -> Iterator[int | None]:
    """In the training thread: pin it and the UI thread (`ui_thread`, a native thread id) to the CPU
    the UI thread is on; on exit give both back every CPU in `cpus` (the process's set, taken once
    up front, so that runs which overlap never leave a thread stuck on one CPU). Yields the CPU, or
    None when nothing was pinned."""
    if not _CAN_PIN or len(cpus) < 2:
        yield None
        return
    cpu = cpu_of_thread(ui_thread)
    if cpu not in cpus:
        cpu = min(cpus)
    try:
        os.sched_setaffinity(ui_thread, {cpu})
        os.sched_setaffinity(0, {cpu})
    except OSError:
        cpu = None
    try:
        yield cpu
    finally:
        for tid in (ui_thread, threading.get_native_id()):
            with contextlib.suppress(OSError):
                os.sched_setaffinity(tid, cpus)
