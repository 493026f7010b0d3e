"""The main screen's training half: the keys t, T, u, g, s, v, [ ], the runs it starts, and what it
does when they say what happened (ui/training_runs.py). Mixed into MainScreen, as EditsCells is.

The runs only post messages; here they change the session and redraw: the training view
(widgets/training_view.py) at every message, the session's trace, heatmaps and flow (forward + BPTT
of the shown sequence) at most every WEIGHTS_INTERVAL while a run goes on, so the UI thread leaves
the GIL to the training thread. While it trains, the two threads share one CPU (live/one_core.py).

The host provides `session`, `lang`, `training` (the TrainingView), `weights_panel`, `sync()`,
`say()`, `narrate()`, `narration_text`, `frame_delay()` and `stop_playing()`.
"""

from __future__ import annotations

import time

import numpy as np
from textual import events
from textual.worker import Worker, WorkerState

from ...engine import Model
from ...lessons import Claim
from ...live import (
    BackwardFrame,
    ContinuousTrainer,
    HistorySnapshot,
    PlateauRule,
    ProgressReport,
    StopReason,
    UpdateFrame,
    epoch_frames,
    gradient_check,
)
from ...live.one_core import allowed_cpus
from ...narration import claim_fact, claim_sentence
from ...text.labels import label
from ...text.messages import message as words
from ...text.numbers import short as fmt_number
from ...text.runs import verdict_head
from ..training_runs import (
    REPORT_INTERVAL,
    ContinuousRun,
    EpochAnimation,
    EpochFinished,
    EpochFramePlayed,
    RunDiverged,
    RunFailed,
    RunFinished,
    RunProgressed,
)
from ..widgets.weights_panel import MATRICES, set_title

WEIGHTS_INTERVAL = 0.3  # seconds: the shown weights, trace and heatmaps follow a run at most this often
# The widgets the training view changes (styles/main.tcss and training_view.tcss: `.training-view`).
TRAINING_VIEW = ("#training", "#timeline", "#middle")


class TrainsLive:
    """State: the animated epoch and the continuous run now on (None when none), the last report of a
    run and whether runs stop on a plateau (the settings dialog's choice)."""

    def init_training(self) -> None:
        self.epoch_run: EpochAnimation | None = None
        self.continuous: ContinuousRun | None = None
        self.last_report: ProgressReport | None = None
        self.stop_on_plateau = True
        # The lesson's claim measured on a run's final weights, and the weights an animated epoch's
        # update was refused on: the status panel tells them for as long as those weights are shown
        # (until the next run, an undo, an edit, another lesson), not in a toast that goes after 8 s.
        self.claimed: tuple[Model, Claim] | None = None
        self.refused_on: Model | None = None
        self._weights_shown_at = -float("inf")  # when a run's weights last went to the session
        self._cpus = allowed_cpus()  # taken before any run pins a thread (see live/one_core.py)

    @property
    def animating(self) -> bool:
        return self.epoch_run is not None

    @property
    def running(self) -> bool:
        return self.continuous is not None

    def loss_history(self) -> HistorySnapshot:
        """The loss history; while a run is on, its latest report's copy (the thread appends to its own)."""
        if self.running and self.last_report is not None:
            return self.last_report.history
        return self.session.history.snapshot()

    # ----- t: one animated epoch -----
    def action_train_epoch(self) -> None:
        self.stop_playing()
        if self.running:
            self.notify(words(self.lang, "running_first"), timeout=3)
            return
        if self.epoch_run is not None:
            self.epoch_run.finish()
            return
        s = self.session
        s.begin_training()
        frames = epoch_frames(s.model, s.training_sequences, s.training, s.epoch_optimizer())
        self.epoch_run = EpochAnimation(self, frames, self.frame_delay())
        self.training.begin_sweep()
        self.show_training_view(True)
        s.reset()
        self.sync()
        self.epoch_run.start()

    def on_key(self, event: events.Key) -> None:
        """Any key finishes an animated epoch at once (and does nothing else)."""
        if self.epoch_run is not None:
            event.stop()
            event.prevent_default()
            self.epoch_run.finish()

    def on_epoch_frame_played(self, message: EpochFramePlayed) -> None:
        if message.animation is not self.epoch_run:
            return  # an epoch dropped while this frame was on its way
        frame, s = message.frame, self.session
        if isinstance(frame, UpdateFrame):
            s.show_trained(frame.after)
            self.training.show_frame(frame)
            self.weights_panel.show_gradients(dict(frame.delta))
            self.title_heatmaps("heatmap_change")
        else:
            s.go_to(frame.t)
            self.training.show_frame(frame)
            if isinstance(frame, BackwardFrame):
                self.weights_panel.show_gradients(dict(frame.running))
                self.title_heatmaps("heatmap_gradient")
        self.sync()

    def on_epoch_finished(self, message: EpochFinished) -> None:
        if message.animation is not self.epoch_run:
            return
        self.epoch_run = None
        s, updates = self.session, message.updates
        if message.unplayed:
            s.show_trained(message.unplayed[-1].after)
        self.training.end_sweep()
        self.weights_panel.show_gradients(None)
        if updates:
            loss = float(sum(u.loss for u in updates))
            s.record_epoch(s.epoch + 1, loss, float(np.mean([u.grad_norm for u in updates])))
            bad = next((u.divergence for u in updates if u.divergence), None)
            if bad:
                self._diverged(s.epoch, bad)
            else:
                self.say(
                    "epoch_done", epoch=s.epoch, loss=fmt_number(loss), grad_norm=fmt_number(updates[-1].grad_norm)
                )
        self.sync()
        self.refresh_training()

    def title_heatmaps(self, key: str) -> None:
        """Every heatmap titled by the label `key` ("heatmap_gradient", "heatmap_change")."""
        for spec in MATRICES:
            set_title(self.weights_panel.heatmap(spec.name), label(self.lang, key, name=spec.name))

    # ----- T: continuous training in a thread -----
    def action_train(self) -> None:
        self.stop_playing()
        if self.continuous is not None:
            self.continuous.stop()
            return
        if self.epoch_run is not None:
            self.epoch_run.finish()
        s = self.session
        s.begin_training()
        trainer = ContinuousTrainer(
            s.model,
            s.training_sequences,
            s.training,
            plateau=PlateauRule() if self.stop_on_plateau else None,
            report_interval=REPORT_INTERVAL,
            history=s.run_history(),
            optimizer=s.epoch_optimizer(),  # momentum/Adam state carries across runs
            start_epoch=s.epoch,
        )
        self.continuous = ContinuousRun(self, trainer, self._cpus)
        self.last_report = None
        self._weights_shown_at = time.monotonic()  # the first weights follow WEIGHTS_INTERVAL in
        self.show_training_view(True)
        self.say("started", epochs=s.training.epochs, optimizer=s.training.optimizer, lr=fmt_number(s.training.lr))
        self.continuous.start()

    def stop_training(self) -> None:
        """Escape: the run stops before its next epoch and reports how it ended."""
        if self.continuous is not None:
            self.continuous.stop()

    def drop_training(self) -> None:
        """Another lesson, model or weight, or quitting: stop any run or animated epoch and forget it,
        so that nothing it still says reaches the new lesson (MainScreen.leave_lesson)."""
        if self.continuous is not None:
            self.continuous.cancel()
        if self.epoch_run is not None:
            self.epoch_run.cancel()
            self.training.end_sweep()
            self.weights_panel.show_gradients(None)
        self.continuous = self.epoch_run = self.last_report = None
        self.claimed = self.refused_on = None

    def on_run_progressed(self, message: RunProgressed) -> None:
        if message.run is not self.continuous:
            return  # a dropped run's last words
        report = self.last_report = message.report
        now = time.monotonic()
        if now - self._weights_shown_at >= WEIGHTS_INTERVAL:
            # The session's forward + BPTT of the shown sequence and the panels that follow it cost
            # the training thread the GIL: at most every WEIGHTS_INTERVAL, and always at the end.
            self._weights_shown_at = now
            self.session.show_trained(report.params)
            self.sync()
            self.refresh_training()
        else:  # only the status lines and the loss curve follow every report
            self.training.show_report(report)
            self.training.show_loss(report.history)

    def _run_ended(self, report: ProgressReport) -> None:
        """The final report: its weights and its epochs become the session's."""
        s = self.session
        self.last_report = report
        s.show_trained(report.params)
        s.record_run(report.epoch, self.continuous.trainer.history)
        self.continuous = None

    def on_run_finished(self, message: RunFinished) -> None:
        if message.run is not self.continuous:
            return
        report = message.report
        self._run_ended(report)
        if report.stalled:
            text = self.say(
                "stalled",
                epoch=report.epoch,
                loss=fmt_number(report.loss),
                patience=PlateauRule().patience,
                best=fmt_number(report.best_loss),
                best_epoch=report.best_epoch,
            )
        else:
            event = {StopReason.PLATEAU: "converged", StopReason.USER: "stopped"}.get(report.reason, "finished")
            text = self.say(event, epoch=report.epoch, loss=fmt_number(report.loss))
        # The lesson's claim, measured on the weights just trained (None for the user's own files).
        s = self.session
        claim = claim_fact(s.lesson, s.model)
        self.claimed = None if claim is None else (s.model, claim)
        # The training view's status panel tells how the run ended and the claim, for as long as these
        # weights stay; a toast would hide the loss curve. Only with the panel off screen (v pressed
        # during the run) a short toast says the run ended, and where the claim is.
        if not self.training_view:
            if claim is not None:
                text += (" " if self.lang == "en" else "") + words(self.lang, "claim_in_view")
            self.notify(text, severity="warning" if report.stalled else "information", timeout=4, markup=False)
        self.sync()
        self.refresh_training()

    def on_run_diverged(self, message: RunDiverged) -> None:
        if message.run is not self.continuous:
            return
        report = message.report
        self._run_ended(report)
        self._diverged(report.epoch, report.cause)
        self.sync()
        self.refresh_training()

    def on_run_failed(self, message: RunFailed) -> None:
        """The thread raised (it should not): say so and leave the weights as last reported."""
        if message.run is not self.continuous:
            return
        self.continuous = None
        self.notify(words(self.lang, "training_failed", error=message.error), severity="error", markup=False)
        self.refresh_training()

    def _diverged(self, epoch: int, cause: str) -> None:
        """The divergence told in the screen's language (text.divergence re-tells the engine's Cause),
        with the learning rate and clip in force."""
        config = self.session.training
        message = self.say("diverged", epoch=epoch, cause=cause, lr=config.lr, clip=config.clip)
        self.refused_on = self.session.model  # the status panel says it while these weights stay
        if not self.training_view:  # the panel is not on the screen (v was pressed during the run)
            title = words(self.lang, "diverged_title")
            self.notify(message, title=title, severity="error", timeout=10, markup=False)

    # ----- u, g, s -----
    def action_undo_training(self) -> None:
        if self.running or self.animating:
            self.notify(words(self.lang, "stop_first", press="u"), timeout=3)
            return
        epoch = self.session.undo_training()
        if epoch is None:
            self.notify(words(self.lang, "nothing_to_undo"), timeout=3)
            return
        text = self.say("undo", epoch=epoch)
        self.notify(text, timeout=3, markup=False)
        self.sync()
        self.refresh_training()

    def action_gradient_check(self) -> None:
        model, sequence = self.session.model, self.session.sequence
        self.notify(words(self.lang, "checking"), timeout=2)
        self.run_worker(
            lambda: gradient_check(model, sequence),
            thread=True,
            group="gradcheck",
            name="gradcheck",
            exit_on_error=False,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.name == "gradcheck" and event.state == WorkerState.SUCCESS:
            from .grad_check import GradCheckScreen

            self.app.clear_notifications()  # "checking ..." would sit over the dialog's verdict
            self.app.push_screen(GradCheckScreen(worker.result, self.lang))
        elif worker.name == "gradcheck" and event.state == WorkerState.ERROR:
            self.notify(words(self.lang, "check_failed", error=worker.error), severity="error", markup=False)

    def action_training_settings(self) -> None:
        from .training_settings import TrainingSettingsScreen

        if self.running or self.animating:
            self.notify(words(self.lang, "stop_first", press="s"), timeout=3)
            return
        self.app.push_screen(
            TrainingSettingsScreen(self.session, self.stop_on_plateau, self.lang), self._settings_chosen
        )

    def _settings_chosen(self, result) -> None:
        if result is None:
            return
        self.stop_on_plateau = result.stop_on_plateau
        self.session.set_training(result.config)
        if result.reinit is not None:
            initializer, seed = result.reinit
            self.session.reinitialize(initializer, seed)
            how = words(self.lang, "lesson_initializer") if initializer is None else initializer
            self.notify(words(self.lang, "reinitialised", how=how, seed=seed), timeout=4)
        self.sync()
        self.show_training_view(True)
        self.refresh_training()

    # ----- the training view: v, [ ] -----
    def action_flow_target(self, direction: int) -> None:
        """[ and ]: the flow shows the target tick before or after the one shown, and stays there."""
        self.training.move_target(direction)
        if not self.training_view:
            self.show_training_view(True)  # which refreshes the view

    def action_toggle_training_view(self) -> None:
        self.show_training_view(not self.training_view)

    @property
    def training_view(self) -> bool:
        return self.training.has_class("training-view")

    def show_training_view(self, on: bool) -> None:
        """The training view replaces this tick + equation with the gradient flow, status and loss curve.

        A class on the three widgets concerned, not on the screen: a class on the screen restyles every
        node on it (footer, heatmaps and all), which cost the training thread ~10 ms at each T."""
        for selector in TRAINING_VIEW:
            self.query_one(selector).set_class(on, "training-view")
        self.show_equation_line()
        if on:
            self.refresh_training()

    def standing_claim(self) -> tuple[str, str] | None:
        """The claim measured after the last run, in the screen's language (the verdict's words, the
        measured sentence), while its weights are the ones shown; else None."""
        if self.claimed is None or self.claimed[0] is not self.session.model:
            return None
        claim = self.claimed[1]
        return verdict_head(claim.holds, self.lang), claim_sentence(claim, self.lang)

    def refresh_training(self) -> None:
        """Redraw the idle/progress texts, the flow of the current model and the loss curve."""
        if self.animating:
            return
        view, report, model = self.training, self.last_report, self.session.model
        if self.running and report is not None:
            view.show_report(report)
        elif report is not None and report.done and report.epoch == self.session.epoch:
            view.show_report(report, self.narration_text, self.standing_claim())
        else:
            view.show_idle(self.stop_on_plateau, self.narration_text if self.refused_on is model else "")
        view.show_flow()
        view.show_loss(self.loss_history())
