"""The p / d screen: the state space of the hidden layer, as a trajectory (PCA) or a dendrogram.

The analysis (every sequence's hidden states, their projection and clusters) runs in a thread worker
off the UI thread and posts its result; the views redraw in place. While the weights change
(training, an edit, undo) it is recomputed at a bounded rate: at most once per MIN_INTERVAL seconds
and never more than 1 / (1 + BUSY_FACTOR) of the time, so a big lesson does not take the training
thread's CPU. Stepping the cursor here moves the path and the mark, without recomputing.
"""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path

import numpy as np
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Static
from textual.worker import get_current_worker

from ...analysis import Analysis, NonFiniteState, analyze, state_labeler, symbol_decoder
from ...session import Session
from ...text.keys import keys_of
from ...text.state_space import states_line, word
from ..key_labels import bindings, relabel_keys
from ..widgets.state_space import DendrogramView, TrajectoryView

POLL = 0.25  # seconds between looks at the session (cursor and weights)
MIN_INTERVAL = 1.0  # seconds between two recomputations while the weights change
BUSY_FACTOR = 4  # ... and at least this many times the last computation's own duration
VIEWS = {"trajectory": "ss-trajectory", "dendrogram": "ss-tree-scroll"}


class AnalysisReady(Message):
    def __init__(self, result: Analysis, model_version: int, seconds: float) -> None:
        super().__init__()
        self.result, self.model_version, self.seconds = result, model_version, seconds


class AnalysisFailed(Message):
    def __init__(self, seq: int, t: int, model_version: int) -> None:
        super().__init__()
        self.seq, self.t, self.model_version = seq, t, model_version


def run_analysis(screen: StateSpaceScreen, model, sequences, decode, previous, version: int, state_labels=None) -> None:
    """The worker's body: post the result, or the tick that overflowed; nothing once cancelled."""
    worker = get_current_worker()
    start = time.perf_counter()
    try:
        result = analyze(model, sequences, decode, previous, lambda: worker.is_cancelled, state_labels)
    except NonFiniteState as exc:
        screen.post_message(AnalysisFailed(exc.seq, exc.t, version))
        return
    if result is not None and not worker.is_cancelled:
        screen.post_message(AnalysisReady(result, version, time.perf_counter() - start))


class StateSpaceScreen(Screen):
    CSS_PATH = Path(__file__).parent.parent / "styles" / "state_space.tcss"
    BINDINGS = bindings(keys_of("state_space"))  # the key table (text/keys.py)

    def __init__(self, session: Session, lang: str = "en", view: str = "trajectory") -> None:
        super().__init__()
        self.session, self.lang, self.view = session, lang, view
        self.result: Analysis | None = None
        self._computed_for = -1  # the model_version the result (or failure) belongs to
        self._started_for = -1
        self._busy = False
        self._next_at = 0.0
        self._shown: tuple[int, int] | None = None
        self._axes: np.ndarray | None = None  # the last projection's axes: the next keeps their signs
        self._failure = ""

    def compose(self) -> ComposeResult:
        yield Static(id="ss-heading", markup=False)
        with ContentSwitcher(initial=VIEWS[self.view], id="ss-views"):
            yield TrajectoryView(id="ss-trajectory", markup=False)
            with VerticalScroll(id="ss-tree-scroll"):
                yield DendrogramView(id="ss-dendrogram", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        relabel_keys(self, self.lang)
        self._title()
        self.redraw()
        self._poll()
        self.set_interval(POLL, self._poll)

    # ----- the worker, at a bounded rate -----
    def _poll(self) -> None:
        s = self.session
        if s.model_version != self._computed_for and not self._busy and time.monotonic() >= self._next_at:
            self._start(s.model_version)
        if self._shown != (s.cursor_version, self._computed_for):
            self.redraw()

    def _start(self, version: int) -> None:
        s = self.session
        self._busy, self._started_for = True, version
        body = partial(
            run_analysis,
            self,
            s.model.copy(),
            s.training_sequences,
            symbol_decoder(s.lesson),
            self._axes,
            version,
            state_labeler(s.lesson),
        )
        self.run_worker(body, thread=True, exclusive=True, group="analysis", name="analysis", exit_on_error=False)

    def on_analysis_ready(self, message: AnalysisReady) -> None:
        self._busy = False
        self._next_at = time.monotonic() + max(MIN_INTERVAL, BUSY_FACTOR * message.seconds)
        self.result, self._computed_for, self._failure = message.result, message.model_version, ""
        self._axes = message.result.projection.axes
        self._title()
        self.redraw()

    def on_analysis_failed(self, message: AnalysisFailed) -> None:
        self._busy = False
        self._next_at = time.monotonic() + MIN_INTERVAL
        self.result, self._computed_for = None, message.model_version
        self._failure = word(self.lang, "not_finite", seq=message.seq, t=message.t)
        self.redraw()

    def on_worker_state_changed(self, event) -> None:
        if event.worker.name == "analysis" and event.state.name in ("ERROR", "CANCELLED"):
            self._busy = False  # a bug in the worker: the next poll tries again, no faster than the bound
            self._next_at = time.monotonic() + MIN_INTERVAL

    @property
    def up_to_date(self) -> bool:
        """The analysis shown is of the weights as they are now (a tour waits for it)."""
        return self.result is not None and self._computed_for == self.session.model_version

    # ----- drawing -----
    def _title(self) -> None:
        heading = self.query_one("#ss-heading", Static)
        heading.update(states_line(self.result, self.lang) if self.result is not None else "")
        self.query_one("#ss-trajectory").border_title = word(self.lang, "title_trajectory")
        self.query_one("#ss-tree-scroll").border_title = word(self.lang, "title_dendrogram")

    def note(self) -> str:
        if self._failure:
            return self._failure
        if self.result is None:
            return word(self.lang, "computing")
        if self.session.model_version != self._computed_for:
            return word(self.lang, "stale")
        return ""

    def redraw(self) -> None:
        s = self.session
        self._shown = (s.cursor_version, self._computed_for)
        note = self.note()
        self.query_one(TrajectoryView).show(self.result, s.cursor, self.lang, note)
        self.query_one(DendrogramView).show(self.result, s.cursor, self.lang, note)

    # ----- keys -----
    def action_view(self, view: str) -> None:
        self.view = view
        self.query_one(ContentSwitcher).current = VIEWS[view]

    def action_markers(self) -> None:
        """Letters / braille dots for the points of the trajectory."""
        self.query_one(TrajectoryView).toggle_markers()
        self.redraw()

    def action_step(self, delta: int) -> None:
        self.session.go_to(self.session.cursor + delta)
        self.redraw()

    def action_go(self, t: int) -> None:
        self.session.go_to(self.session.length if t < 0 else t)
        self.redraw()

    def action_close(self) -> None:
        self.workers.cancel_group(self, "analysis")
        self.dismiss(None)
