"""The two ways the app trains, as objects that tell their host (the main screen) what happened only by
Textual messages: the animated epoch (t) and the continuous run (T).

- `EpochAnimation` plays one epoch's frames (`live.epoch_frames`) on a timer of its host: one
  `EpochFramePlayed` per frame, then `EpochFinished` with every update of the epoch. `finish()` (any
  key) plays the rest at once; `cancel()` (another lesson) ends it without a word.
- `ContinuousRun` trains a `live.ContinuousTrainer` in a thread worker that checks cancellation and
  only posts messages: `RunProgressed` (at most every REPORT_INTERVAL), then one of `RunFinished`,
  `RunDiverged` or `RunFailed`. A `RunProgressed` still queued when a later word of the same run arrives
  is dropped by Textual's queue (`can_replace`), so a busy UI thread never falls behind the reports.
  `stop()` (T, Escape) asks for the final report; `cancel()` (another lesson, quitting) wants none.

Every message names the object it comes from: the host ignores the words of a run it no longer holds
(one that was cancelled while its last message was already queued), so no counters are kept.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
from textual.dom import DOMNode
from textual.message import Message
from textual.timer import Timer
from textual.worker import Worker, get_current_worker

from ..live import ContinuousTrainer, Frame, ProgressReport, StopReason, UpdateFrame
from ..live.one_core import on_ui_core

REPORT_INTERVAL = 0.1  # seconds: continuous training redraws at most 10 times a second
UPDATE_HOLD = 3  # the update frame stays up this many frame delays before the weights come back


# ----- what the animated epoch says -----
@dataclass(eq=False)
class EpochFramePlayed(Message):
    """One frame of the animated epoch is due on screen (forward tick, backward tick or update)."""

    animation: EpochAnimation
    frame: Frame


@dataclass(eq=False)
class EpochFinished(Message):
    """The epoch is over: `updates` are all its updates in order; `unplayed` those that `finish()`
    skipped (never sent as frames), whose weights the host has not shown yet."""

    animation: EpochAnimation
    updates: tuple[UpdateFrame, ...]
    unplayed: tuple[UpdateFrame, ...] = ()


class EpochAnimation:
    """One epoch, frame by frame, every `delay` seconds on `host`'s timers."""

    def __init__(self, host: DOMNode, frames: Iterator[Frame], delay: float, hold: int = UPDATE_HOLD) -> None:
        self.host = host
        self.delay = delay
        self._frames: Iterator[Frame] | None = frames
        self._hold = hold
        self._updates: list[UpdateFrame] = []
        self._timer: Timer | None = None
        self.over = False  # finished or cancelled: no message follows

    def start(self) -> None:
        self._next_frame()

    def _next_frame(self) -> None:
        self._timer = None
        if self.over:
            return
        if self._frames is None:  # all frames played: the last one stays up for a while
            self._hold -= 1
            if self._hold <= 0:
                self._end(())
                return
        else:
            with np.errstate(all="ignore"):  # a diverging epoch shows Inf/NaN; the update frame says so
                frame = next(self._frames, None)
            if frame is None:
                self._frames = None
            else:
                if isinstance(frame, UpdateFrame):
                    self._updates.append(frame)
                self.host.post_message(EpochFramePlayed(self, frame))
        self._timer = self.host.set_timer(self.delay, self._next_frame)

    def finish(self) -> None:
        """Any key: the rest of the epoch at once (its frames are computed, not played)."""
        if self.over:
            return
        self._stop_timer()
        unplayed: list[UpdateFrame] = []
        if self._frames is not None:
            with np.errstate(all="ignore"):
                unplayed = [frame for frame in self._frames if isinstance(frame, UpdateFrame)]
            self._updates += unplayed
        self._end(tuple(unplayed))

    def cancel(self) -> None:
        """Another lesson or model: the frames belong to the old one; nothing more is said."""
        self._stop_timer()
        self._frames, self.over = None, True

    def _end(self, unplayed: tuple[UpdateFrame, ...]) -> None:
        self._frames, self.over = None, True
        self.host.post_message(EpochFinished(self, tuple(self._updates), unplayed))

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None


# ----- what the continuous run says -----
@dataclass(eq=False)
class RunReported(Message):
    """A report of `run` (the words below differ in what the report says)."""

    run: ContinuousRun
    report: ProgressReport


class RunProgressed(RunReported):
    """The run's latest report (not its last); replaced in the queue by any later word of the same run."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, (RunReported, RunFailed)) and message.run is self.run


class RunFinished(RunReported):
    """The run ended: its budget, a plateau, or the user (`report.reason`); `report.done` is true."""


class RunDiverged(RunReported):
    """The loss or a gradient became Inf/NaN; `report.params` are the last finite weights."""


@dataclass(eq=False)
class RunFailed(Message):
    """The training thread raised (a bug, not a divergence); the weights stay as last reported."""

    run: ContinuousRun
    error: BaseException = field(repr=False)


class ContinuousRun:
    """T: `trainer` trains in a thread worker of `host` until it stops; the worker only posts messages.

    `cpus` is the process's CPU set, taken once before any run pinned a thread (live/one_core.py)."""

    def __init__(self, host: DOMNode, trainer: ContinuousTrainer, cpus: frozenset[int]) -> None:
        self.host = host
        self.trainer = trainer
        trainer.on_progress = self._post_report  # called in the worker thread
        self.cpus = cpus
        self.worker: Worker | None = None
        self._cancelled = False
        self._posting = threading.Lock()  # after cancel() returns, the thread posts nothing more

    def start(self) -> Worker:
        ui_thread = threading.get_native_id()
        self.worker = self.host.run_worker(
            lambda: self._train(ui_thread),
            thread=True,
            exclusive=True,
            exit_on_error=False,
            group="training",
            name="training",
        )
        return self.worker

    def stop(self) -> None:
        """T again, Escape: the thread stops before its next epoch and posts its final report."""
        self.trainer.request_stop()

    def cancel(self) -> None:
        """Another lesson, quitting: the thread stops before its next epoch and posts nothing more."""
        with self._posting:
            self._cancelled = True
        if self.worker is not None:
            self.worker.cancel()
        self.trainer.request_stop()

    def _post(self, message: Message) -> None:
        with self._posting:  # held only while queueing (post_message never waits for the UI thread)
            if not self._cancelled:
                self.host.post_message(message)

    def _train(self, ui_thread: int) -> None:
        worker = get_current_worker()
        try:
            with on_ui_core(ui_thread, self.cpus):  # GIL hand-overs stay on one core: ~15% faster
                self.trainer.run(should_stop=lambda: worker.is_cancelled)
        except Exception as error:  # a bug in training: said once, as a message, like everything else
            self._post(RunFailed(self, error))

    def _post_report(self, report: ProgressReport) -> None:
        if not report.done:
            self._post(RunProgressed(self, report))
        elif report.reason == StopReason.DIVERGED:
            self._post(RunDiverged(self, report))
        else:
            self._post(RunFinished(self, report))
