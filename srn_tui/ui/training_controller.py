"""Live training for the main screen: the animated epoch (t), continuous training in a thread (T),
undo (u), the gradient check (g) and the training view's widgets.

The math lives in `srn_tui.live` and the session; this class only schedules it and redraws.
The continuous run trains on its own copy in a worker thread and posts immutable ProgressReports
(at most 10 per second), so the screen redraws at a bounded rate however fast epochs run, and
stepping keeps working. Every report updates the status and the loss curve; the weights go to the
session (which re-runs forward + BPTT of the shown sequence for the trace, heatmaps and gradient
flow) at most every 0.3 s and at the end, so the UI thread leaves the GIL to the training thread.
While it trains, the training thread and the UI thread share one CPU core (live/one_core.py).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np
from textual.message import Message
from textual.timer import Timer
from textual.worker import Worker, WorkerState, get_current_worker

from ..live import (
    BackwardFrame,
    ContinuousTrainer,
    ForwardFrame,
    Frame,
    HistorySnapshot,
    PlateauRule,
    ProgressReport,
    StopReason,
    UpdateFrame,
    epoch_frames,
    gradient_check,
)
from ..live.flow_target import FlowFollower
from ..live.one_core import allowed_cpus, on_ui_core
from ..live.snapshots import fmt_number
from ..narration import narrate_claim
from .labels import label
from .widgets.gradient_flow import FlowPicture, GradientFlow, flow_picture
from .widgets.loss_curve import LossCurve
from .widgets.training_status import (
    TrainingStatus,
    backward_text,
    forward_text,
    idle_text,
    report_text,
    update_text,
)

if TYPE_CHECKING:
    from .screens.main import MainScreen

REPORT_INTERVAL = 0.1  # seconds: continuous training redraws at most 10 times a second
WEIGHTS_INTERVAL = 0.3  # seconds: the shown weights, trace and heatmaps follow a run at most this often
# The cause inside live.ContinuousTrainer's divergence message, so other languages can re-tell it.
UPDATE_HOLD = 3  # the update frame stays up this many frame delays before the weights come back


class TrainingProgress(Message):
    """A report from the training thread (`run` tells stale runs apart)."""

    def __init__(self, run: int, report: ProgressReport) -> None:
        super().__init__()
        self.run = run
        self.report = report


class TrainingController:
    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.session = screen.session
        self.stop_on_plateau = True
        self.frames: Iterator[Frame] | None = None
        self._timer: Timer | None = None
        self._epoch_updates: list[UpdateFrame] = []
        self._hold = 0
        self.worker: Worker | None = None
        self.trainer: ContinuousTrainer | None = None
        self.last_report: ProgressReport | None = None
        self._run = 0
        self._run_generation = -1
        self._epoch_generation = -1
        self._flow_norms = np.zeros(0)  # |dL/dh(t)| of the whole loss revealed so far by the backward sweep
        self.flow_follower = FlowFollower()  # the target tick whose gradient the flow panel shows
        self._weights_shown_at = -float("inf")  # when a run's weights last went to the session
        self._cpus = allowed_cpus()  # taken before any run pins a thread (see live/one_core.py)

    # ----- state -----
    @property
    def animating(self) -> bool:
        return self.frames is not None or self._hold > 0

    @property
    def running(self) -> bool:
        return self.trainer is not None

    def history(self) -> HistorySnapshot:
        """The loss history; while a run is on, the latest report's copy (the thread appends to the live one)."""
        if self.running and self.last_report is not None:
            return self.last_report.history
        return self.session.history.snapshot()

    # ----- t: one animated epoch -----
    def start_epoch(self) -> None:
        if self.running:
            self.screen.notify("training is running: T or Escape stops it first", timeout=3)
            return
        if self.animating:
            self.finish()
            return
        s = self.session
        s.begin_training()
        self.frames = epoch_frames(s.model, s.training_sequences, s.training, s.epoch_optimizer())
        self._epoch_updates = []
        self._flow_norms = np.zeros(s.length)
        self.screen.show_training_view(True)
        s.reset()
        self._epoch_generation = s.generation
        self.screen.sync()
        self._next_frame()

    def _epoch_is_stale(self) -> bool:
        """A lesson or model was loaded while the epoch was animating: its frames belong to the old
        model (other shapes, perhaps), so they are dropped rather than applied."""
        if self.session.generation == self._epoch_generation:
            return False
        if self._timer is not None:
            self._timer.stop()
        self._timer, self.frames, self._epoch_updates, self._hold = None, None, [], 0
        return True

    def _delay(self) -> float:
        from .screens.main import PLAY_DELAYS

        return PLAY_DELAYS[self.screen.speed] / 2

    def _schedule(self) -> None:
        self._timer = self.screen.set_timer(self._delay(), self._next_frame)

    def _next_frame(self) -> None:
        self._timer = None
        if self._epoch_is_stale():
            return
        if self.frames is None:
            self._hold -= 1
            if self._hold <= 0:
                self._end_epoch()
            else:
                self._schedule()
            return
        with np.errstate(all="ignore"):  # a diverging epoch shows Inf/NaN; the update frame says so
            frame = next(self.frames, None)
        if frame is None:
            self.frames = None
            self._hold = UPDATE_HOLD
        else:
            self._show_frame(frame)
        self._schedule()

    def finish(self) -> None:
        """Any key: the rest of the epoch at once."""
        if self._epoch_is_stale():
            return
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.frames is not None:
            with np.errstate(all="ignore"):
                updates = [frame for frame in self.frames if isinstance(frame, UpdateFrame)]
            for frame in updates:
                self._apply_update(frame)
            self.frames = None
        self._end_epoch()

    def _show_frame(self, frame: Frame) -> None:
        s = self.session
        lang = self.screen.lang
        if isinstance(frame, ForwardFrame):
            s.go_to(frame.t)
            self.status.show(forward_text(frame, lang))
            self.flow.show(self._flow_picture(np.zeros(frame.length), frame.length + 1, label(lang, "flow_waiting")))
        elif isinstance(frame, BackwardFrame):
            s.go_to(frame.t)
            self.status.show(backward_text(frame, lang))
            self._flow_norms[frame.t - 1] = frame.delta_h_norm
            self.flow.show(self._flow_picture(self._flow_norms, frame.t, label(lang, "flow_at", t=frame.t)))
            self.screen.weights_panel.show_gradients(dict(frame.running))
            self.screen.title_heatmaps("heatmap_gradient")
        else:
            self._apply_update(frame)
            self.status.show(update_text(frame, lang))
            self.screen.weights_panel.show_gradients(dict(frame.delta))
            self.screen.title_heatmaps("heatmap_change")
        self.screen.sync()

    def _apply_update(self, frame: UpdateFrame) -> None:
        self._epoch_updates.append(frame)
        self.session.show_trained(frame.after)
        self._flow_norms = np.zeros(self.session.length)  # the next chunk's sweep starts afresh

    def _end_epoch(self) -> None:
        self._hold = 0
        self.frames = None
        updates, self._epoch_updates = self._epoch_updates, []
        s = self.session
        self.screen.weights_panel.show_gradients(None)
        if updates:
            loss = float(sum(u.loss for u in updates))
            s.record_epoch(s.epoch + 1, loss, float(np.mean([u.grad_norm for u in updates])))
            bad = next((u.divergence for u in updates if u.divergence), None)
            if bad:
                self._diverged(
                    f"training diverged at epoch {s.epoch}: {bad}; kept the last finite weights", s.epoch, bad
                )
            else:
                self.screen.say(
                    "epoch_done", epoch=s.epoch, loss=fmt_number(loss), grad_norm=fmt_number(updates[-1].grad_norm)
                )
        self.screen.sync()
        self.refresh_view()

    # ----- T: continuous training in a thread -----
    def toggle_continuous(self) -> None:
        if self.running:
            self.stop()
            return
        if self.animating:
            self.finish()
        s = self.session
        s.begin_training()
        self._run += 1
        run = self._run
        trainer = ContinuousTrainer(
            s.model,
            s.training_sequences,
            s.training,
            on_progress=lambda report: self.screen.post_message(TrainingProgress(run, report)),
            plateau=PlateauRule() if self.stop_on_plateau else None,
            report_interval=REPORT_INTERVAL,
            history=s.run_history(),
            optimizer=s.epoch_optimizer(),  # momentum/Adam state carries across runs
            start_epoch=s.epoch,
        )
        self.trainer = trainer
        self.last_report = None
        self._weights_shown_at = time.monotonic()  # the first weights follow WEIGHTS_INTERVAL in
        self._run_generation = s.generation
        self.screen.show_training_view(True)
        self.screen.say(
            "started", epochs=s.training.epochs, optimizer=s.training.optimizer, lr=fmt_number(s.training.lr)
        )
        ui_thread = threading.get_native_id()
        self.worker = self.screen.run_worker(
            lambda: self._train(trainer, ui_thread),
            thread=True,
            exclusive=True,
            exit_on_error=False,
            group="training",
            name="training",
        )

    def _train(self, trainer: ContinuousTrainer, ui_thread: int) -> ProgressReport:
        worker = get_current_worker()
        with on_ui_core(ui_thread, self._cpus):  # GIL hand-overs stay on one core: ~15% faster
            return trainer.run(should_stop=lambda: worker.is_cancelled)

    def stop(self) -> None:
        """T again, Escape, quitting: the thread stops before its next epoch."""
        if self.trainer is not None:
            self.trainer.request_stop()
        if self.worker is not None:
            self.worker.cancel()

    def drop_run(self) -> None:
        """Another lesson, model or sequence: stop any run or animated epoch and forget it, so that
        its late reports are ignored and the training view shows the new lesson (MainScreen.enter_lesson)."""
        self.stop()
        self._run += 1  # a stopped run's reports still in the queue are stale from now on
        self.trainer = self.worker = self.last_report = None
        if self.animating:
            self._epoch_generation = -1  # the animated epoch's frames belong to the old model
            self._epoch_is_stale()
            self.screen.weights_panel.show_gradients(None)

    def on_progress(self, message: TrainingProgress) -> None:
        if message.run != self._run or self.trainer is None:
            return  # a stale run's last words
        report = message.report
        s = self.session
        if s.generation != self._run_generation:  # a lesson or model was loaded meanwhile
            self.stop()
            if report.done:
                self.trainer = self.worker = None
            return
        self.last_report = report
        now = time.monotonic()
        if report.done or now - self._weights_shown_at >= WEIGHTS_INTERVAL:
            # The session's forward + BPTT of the shown sequence and the panels that follow it cost
            # the training thread the GIL: at most every WEIGHTS_INTERVAL, and always at the end.
            self._weights_shown_at = now
            s.show_trained(report.params)
            if report.done:
                self._finish_run(report)
            self.screen.sync()
            self.refresh_view()
        else:  # only the status lines and the loss curve follow every report
            width = self.status.content_size.width
            self.status.show(report_text(report, s.training.epochs, "", self.screen.lang, s.loss_scale, width))
            self.show_loss()

    def _finish_run(self, report: ProgressReport) -> None:
        s = self.session
        s.record_run(report.epoch, self.trainer.history)
        self.trainer = self.worker = None
        if report.reason == StopReason.DIVERGED:
            self._diverged(report.message, report.epoch, report.cause or None)
            return
        if report.stalled:
            text = self.screen.say(
                "stalled",
                epoch=report.epoch,
                loss=fmt_number(report.loss),
                patience=PlateauRule().patience,
                best=fmt_number(report.best_loss),
                best_epoch=report.best_epoch,
            )
            self.screen.notify(text, severity="warning", timeout=8, markup=False)
        else:
            event = {StopReason.PLATEAU: "converged", StopReason.USER: "stopped"}.get(report.reason, "finished")
            text = self.screen.say(event, epoch=report.epoch, loss=fmt_number(report.loss))
            # The training view's status panel says it already; a toast would hide the loss curve.
            if not self.screen.training_view:
                self.screen.notify(text, timeout=4, markup=False)
        # The lesson's claim, measured on the weights just trained (None for the user's own files).
        claim = narrate_claim(s.lesson.name, s.model, self.screen.lang)
        if claim is not None:
            self.screen.notify(claim, title=s.lesson.name, timeout=8, markup=False)

    def worker_failed(self, worker: Worker) -> None:
        """The thread raised (it should not): say so and leave the weights as last reported."""
        if worker is self.worker and worker.state == WorkerState.ERROR:
            self.trainer = self.worker = None
            self.screen.notify(f"training stopped: {worker.error}", severity="error", markup=False)
            self.refresh_view()

    def _diverged(self, message: str, epoch: int, cause: str | None) -> None:
        """`message` is the English one (with advice); other languages re-tell the cause."""
        if self.screen.lang != "en" and cause is not None:
            message = self.screen.say("diverged", epoch=epoch, cause=cause)
        else:
            self.screen.narrate(message)
        self.screen.notify(message, title="Training diverged", severity="error", timeout=10, markup=False)

    # ----- u, g -----
    def undo(self) -> None:
        if self.running or self.animating:
            self.screen.notify("stop training first (T or Escape), then u", timeout=3)
            return
        epoch = self.session.undo_training()
        if epoch is None:
            self.screen.notify("nothing to undo: no training run yet", timeout=3)
            return
        text = self.screen.say("undo", epoch=epoch)
        self.screen.notify(text, timeout=3, markup=False)
        self.screen.sync()
        self.refresh_view()

    def check_gradients(self) -> None:
        model, sequence = self.session.model, self.session.sequence
        self.screen.notify("checking BPTT against finite differences ...", timeout=2)
        self.screen.run_worker(
            lambda: gradient_check(model, sequence),
            thread=True,
            group="gradcheck",
            name="gradcheck",
            exit_on_error=False,
        )

    # ----- the training view -----
    @property
    def status(self) -> TrainingStatus:
        return self.screen.query_one("#train-status", TrainingStatus)

    @property
    def flow(self) -> GradientFlow:
        return self.screen.query_one("#flow", GradientFlow)

    def refresh_view(self) -> None:
        """Redraw the idle/progress texts, the flow bars of the current model and the loss curve."""
        if self.animating:
            return
        s = self.session
        lang = self.screen.lang
        if self.running and self.last_report is not None:
            width = self.status.content_size.width
            self.status.show(report_text(self.last_report, s.training.epochs, "", lang, s.loss_scale, width))
        elif self.last_report is not None and self.last_report.done and self.last_report.epoch == s.epoch:
            told, width = self.screen.narration_text, self.status.content_size.width
            self.status.show(report_text(self.last_report, s.training.epochs, told, lang, s.loss_scale, width))
        else:
            self.status.show(idle_text(s.training, s.epoch, s.undo_levels, self.stop_on_plateau, lang))
        self.show_flow()
        self.show_loss()

    def show_loss(self) -> None:
        history = self.history()
        curve = self.screen.query_one("#loss", LossCurve)
        curve.set_scale(self.session.loss_scale)
        curve.show(history.epochs, history.losses)

    def show_flow(self) -> None:
        """The current model's gradient flow (the animation draws its own sweep instead)."""
        if self.animating:
            return
        self.flow.show(self._flow_picture(self.session.flow_norms))  # computed once per trace

    def move_flow_target(self, direction: int) -> None:
        """[ and ]: the flow shows the target tick before or after the one shown, and stays there."""
        s = self.session
        self.flow_follower.move(s.sequence, s.cursor, direction)  # no target at all: the panel says so
        if not self.screen.training_view:
            self.screen.show_training_view(True)  # which refreshes the view
        else:
            self.show_flow()

    def _flow_picture(self, whole: np.ndarray, known_from: int = 1, sweep: str | None = None) -> FlowPicture:
        """The current target's flow on the session's trace, beside the whole loss's |dL/dh(t)|."""
        s = self.session
        flow = self.flow_follower.flow(s.trace, s.cursor, s.training.truncate)
        return flow_picture(flow, s.length, s.cursor, whole, self.screen.lang, known_from, sweep)
