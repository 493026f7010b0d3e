"""The training view: one target's gradient flow under the timeline, then what training is doing
beside the loss curve. It reads the session and draws; it never changes the session or starts
training (the screen does, on the messages of ui/training_runs.py). Styles: styles/training_view.tcss.

While an animated epoch plays, the flow panel shows the epoch's backward sweep (`begin_sweep` ..
`end_sweep`) instead of the current model's flow.
"""

from __future__ import annotations

import numpy as np
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical

from ...live import BackwardFrame, ForwardFrame, Frame, HistorySnapshot, ProgressReport
from ...live.flow_target import FlowFollower
from ...session import Session
from ...text.labels import label
from .gradient_flow import FlowPicture, GradientFlow, flow_picture
from .loss_curve import LossCurve
from .training_status import TrainingStatus, backward_text, forward_text, idle_text, report_text, update_text


class TrainingView(Vertical):
    def __init__(self, session: Session, lang: str = "en", **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.lang = lang
        self.flow_follower = FlowFollower()  # the target tick whose gradient the flow panel shows
        self._sweep: np.ndarray | None = None  # |dL/dh(t)| the animated epoch's backward sweep reached

    def compose(self) -> ComposeResult:
        yield GradientFlow(id="flow")
        with Horizontal(id="train-row"):
            yield TrainingStatus(id="train-status")
            yield LossCurve(id="loss")

    @property
    def status(self) -> TrainingStatus:
        return self.query_one("#train-status", TrainingStatus)

    @property
    def flow(self) -> GradientFlow:
        return self.query_one("#flow", GradientFlow)

    @property
    def loss(self) -> LossCurve:
        return self.query_one("#loss", LossCurve)

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.status.border_title = label(lang, "title_training")
        self.loss.lang = lang

    # ----- the status panel -----
    def show_idle(self, plateau: bool, note: str = "") -> None:
        """The keys, the settings and the epochs trained so far; `note` (a refused update) above them."""
        s, lang = self.session, self.lang
        self.status.fit(lambda width, _: idle_text(s.training, s.epoch, s.undo_levels, plateau, lang, note, width))

    def show_report(self, report: ProgressReport, told: str = "", claim: tuple[str, str] | None = None) -> None:
        """A run's progress or, done, how it ended (`told`: the narration's sentence for it) and the
        lesson's claim measured on its weights (`claim`: the verdict's words, the measured sentence)."""
        lang, budget, scale = self.lang, self.session.training.epochs, self.session.loss_scale
        self.status.fit(lambda width, height: report_text(report, budget, told, lang, scale, width, claim, height))

    def show_loss(self, history: HistorySnapshot) -> None:
        curve = self.loss
        curve.set_scale(self.session.loss_scale)
        curve.show(history.epochs, history.losses)

    # ----- the flow panel -----
    def show_flow(self) -> None:
        """The current model's gradient flow (an animated epoch draws its own sweep instead)."""
        if self._sweep is None:
            self.flow.show(self._flow_picture(self.session.flow_norms))  # computed once per trace

    def move_target(self, direction: int) -> None:
        """[ and ]: the target tick before or after the one shown, pinned there."""
        s = self.session
        self.flow_follower.move(s.sequence, s.cursor, direction)  # no target at all: the panel says so
        self.show_flow()

    def _flow_picture(self, whole: np.ndarray, known_from: int = 1, sweep: str | None = None) -> FlowPicture:
        """The current target's flow on the session's trace, beside the whole loss's |dL/dh(t)|."""
        s = self.session
        flow = self.flow_follower.flow(s.trace, s.cursor, s.training.truncate)
        return flow_picture(flow, s.length, s.cursor, whole, self.lang, known_from, sweep)

    # ----- an animated epoch's frames (the session is at the frame's tick and weights already) -----
    def begin_sweep(self) -> None:
        self._sweep = np.zeros(self.session.length)

    def end_sweep(self) -> None:
        self._sweep = None

    def show_frame(self, frame: Frame) -> None:
        if self._sweep is None:
            self.begin_sweep()
        lang = self.lang
        if isinstance(frame, ForwardFrame):
            self.status.show(forward_text(frame, lang))
            self.flow.show(self._flow_picture(np.zeros(frame.length), frame.length + 1, label(lang, "flow_waiting")))
        elif isinstance(frame, BackwardFrame):
            self.status.show(backward_text(frame, lang))
            self._sweep[frame.t - 1] = frame.delta_h_norm
            self.flow.show(self._flow_picture(self._sweep, frame.t, label(lang, "flow_at", t=frame.t)))
        else:
            self.status.show(update_text(frame, lang))
            self._sweep = np.zeros(self.session.length)  # the next chunk's sweep starts afresh
