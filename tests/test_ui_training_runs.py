"""The two runs (ui/training_runs.py) on their own: what messages they post, in which order, and that
the continuous run's progress coalesces in the host's queue. The host here is a bare widget that
records what reaches it, so these tests see the messages and nothing of the main screen."""

from __future__ import annotations

import contextlib
import time
from dataclasses import replace

import numpy as np
from shared import seed_app
from textual import on
from textual.app import App, ComposeResult
from textual.message import Message
from textual.widget import Widget
from textual.worker import WorkerCancelled, WorkerState

from srn_tui.lessons import Lesson, get_scenario
from srn_tui.live import ContinuousTrainer, StopReason, UpdateFrame, epoch_frames, frame_count
from srn_tui.live.one_core import allowed_cpus
from srn_tui.ui.training_runs import (
    ContinuousRun,
    EpochAnimation,
    EpochFinished,
    EpochFramePlayed,
    RunDiverged,
    RunFailed,
    RunFinished,
    RunProgressed,
)

RUN_MESSAGES = (RunProgressed, RunFinished, RunDiverged, RunFailed, EpochFramePlayed, EpochFinished)


class Burst(Message):
    """Asks the host to queue `messages` at once (as a busy UI thread finds them)."""

    def __init__(self, messages: list[Message]) -> None:
        super().__init__()
        self.messages = messages


class Host(Widget):
    """Records every run message that reaches it; `slow` seconds of work per progress message."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[Message] = []
        self.posted: list[Message] = []
        self.slow = 0.0

    def post_message(self, message: Message) -> bool:
        if isinstance(message, RUN_MESSAGES):
            self.posted.append(message)
        return super().post_message(message)

    def on_burst(self, message: Burst) -> None:
        for queued in message.messages:
            self.post_message(queued)

    def on_run_progressed(self, message: RunProgressed) -> None:
        self.seen.append(message)
        time.sleep(self.slow)
        message.stop()

    @on(RunFinished)
    @on(RunDiverged)
    @on(RunFailed)
    @on(EpochFramePlayed)
    @on(EpochFinished)
    def record(self, message: Message) -> None:
        self.seen.append(message)
        message.stop()


class HostApp(App):
    def compose(self) -> ComposeResult:
        yield Host()


def seed_run(host: Host, **changes) -> ContinuousRun:
    """A run of the seed lesson reporting after every epoch (report_interval 0), no plateau stop."""
    lesson = Lesson.from_scenario(get_scenario("seed"))
    config = replace(lesson.training, **changes)
    trainer = ContinuousTrainer(lesson.model, list(lesson.sequences), config, plateau=None, report_interval=0.0)
    return ContinuousRun(host, trainer, allowed_cpus())


async def ended(run: ContinuousRun) -> None:
    assert run.worker is not None
    with contextlib.suppress(WorkerCancelled):
        await run.worker.wait()


async def test_queued_progress_reaches_the_host_as_the_latest_word_of_its_run() -> None:
    app = HostApp()
    async with app.run_test() as pilot:
        host = app.query_one(Host)
        a, b = seed_run(host), seed_run(host)
        lesson = Lesson.from_scenario(get_scenario("seed"))  # any report will do: the queue looks at the run
        report = ContinuousTrainer(lesson.model, list(lesson.sequences), lesson.training).run(epochs=1)
        burst = [RunProgressed(a, report) for _ in range(20)] + [RunProgressed(b, report), RunProgressed(b, report)]
        burst += [RunProgressed(a, report), RunFinished(a, report)]
        host.post_message(Burst(burst))
        await pilot.pause()
        # a's 20 reports collapse into the last before b's; b's two into one; a's last into its finish
        assert [(type(m), m.run) for m in host.seen] == [
            (RunProgressed, a),
            (RunProgressed, b),
            (RunFinished, a),
        ]
        assert host.seen[0] is burst[19] and host.seen[1] is burst[21] and host.seen[2] is burst[-1]


async def test_a_run_posts_every_report_and_a_busy_host_gets_fewer_but_in_order_ending_with_the_last() -> None:
    app = HostApp()
    async with app.run_test() as pilot:
        host = app.query_one(Host)
        host.slow = 0.002  # each report costs the UI thread 2 ms: the thread posts faster than that
        run = seed_run(host, epochs=3000)
        run.start()
        await ended(run)
        await pilot.pause(0.2)
        posted = [m for m in host.posted if isinstance(m, RunProgressed)]
        progress = [m for m in host.seen if isinstance(m, RunProgressed)]
        assert len(posted) == 3000  # one per epoch (report_interval 0); none was lost on the way ...
        assert 0 < len(progress) < len(posted) // 2  # ... but the host read far fewer: the rest coalesced
        epochs = [m.report.epoch for m in progress]
        assert epochs == sorted(set(epochs))  # in order, each at most once
        last = host.seen[-1]
        assert isinstance(last, RunFinished) and last.report.reason is StopReason.BUDGET
        assert last.report.epoch == 3000 and len(host.seen) == len(progress) + 1


async def test_stop_ends_with_a_final_report_but_cancel_posts_nothing_after_it() -> None:
    app = HostApp()
    async with app.run_test() as pilot:
        host = app.query_one(Host)
        stopped = seed_run(host, epochs=10**9)
        stopped.start()
        while not host.seen:
            await pilot.pause(0.01)
        stopped.stop()
        await ended(stopped)
        await pilot.pause(0.1)
        assert isinstance(host.seen[-1], RunFinished) and host.seen[-1].report.reason is StopReason.USER

        host.seen.clear()
        cancelled = seed_run(host, epochs=10**9)
        cancelled.start()
        while not host.seen:
            await pilot.pause(0.01)
        cancelled.cancel()
        posted_at_cancel = len(host.posted)
        started = time.monotonic()
        await ended(cancelled)
        assert time.monotonic() - started < 1.0
        await pilot.pause(0.1)
        assert len(host.posted) == posted_at_cancel  # not even the final report
        assert cancelled.worker is not None and cancelled.worker.state == WorkerState.CANCELLED
        assert not any(isinstance(m, (RunFinished, RunDiverged, RunFailed)) for m in host.seen)


async def test_a_divergence_arrives_as_its_own_message_with_the_last_finite_weights() -> None:
    app = HostApp()
    async with app.run_test() as pilot:
        host = app.query_one(Host)
        run = seed_run(host, epochs=10**9, lr=1e6)
        run.start()
        await ended(run)
        await pilot.pause(0.1)
        last = host.seen[-1]
        assert isinstance(last, RunDiverged) and last.run is run
        assert last.report.reason is StopReason.DIVERGED and last.report.cause
        for name, value in last.report.params.items():
            assert np.all(np.isfinite(value)), name
        assert not any(isinstance(m, RunFinished) for m in host.seen)


async def test_a_training_thread_that_raises_says_so_in_a_message_and_the_worker_ends_cleanly() -> None:
    app = HostApp()
    async with app.run_test() as pilot:
        host = app.query_one(Host)
        run = seed_run(host, epochs=10)

        def broken():
            raise RuntimeError("a bug in an epoch")

        run.trainer.trainer.run_epoch = broken
        run.start()
        await ended(run)
        await pilot.pause(0.1)
        assert [type(m) for m in host.seen] == [RunFailed]
        assert str(host.seen[0].error) == "a bug in an epoch" and run.worker.state == WorkerState.SUCCESS


def seed_frames():
    lesson = Lesson.from_scenario(get_scenario("seed"))
    sequences = list(lesson.sequences)
    return epoch_frames(lesson.model, sequences, lesson.training), frame_count(sequences, lesson.training)


async def test_an_animated_epoch_posts_each_frame_then_the_epoch_with_its_updates() -> None:
    app = HostApp()
    async with app.run_test() as pilot:
        host = app.query_one(Host)
        frames, count = seed_frames()
        animation = EpochAnimation(host, frames, delay=0.001, hold=2)
        animation.start()
        while not animation.over:
            await pilot.pause(0.01)
        await pilot.pause(0.05)
        played = [m.frame for m in host.seen if isinstance(m, EpochFramePlayed)]
        assert len(played) == count == 11  # 5 forward ticks, 5 backward ticks, 1 update
        assert [f.phase for f in played] == ["forward"] * 5 + ["backward"] * 5 + ["update"]
        finished = host.seen[-1]
        assert isinstance(finished, EpochFinished) and finished.animation is animation
        assert finished.updates == (played[-1],) and finished.unplayed == ()
        assert len(host.seen) == count + 1


async def test_finishing_an_epoch_early_hands_over_the_unplayed_updates_and_cancelling_says_nothing() -> None:
    app = HostApp()
    async with app.run_test() as pilot:
        host = app.query_one(Host)
        frames, _ = seed_frames()
        animation = EpochAnimation(host, frames, delay=10.0)  # the first frame only, then "any key"
        animation.start()
        await pilot.pause(0.05)
        animation.finish()
        animation.finish()  # a second key: nothing more
        await pilot.pause(0.05)
        assert [type(m) for m in host.seen] == [EpochFramePlayed, EpochFinished]
        finished = host.seen[-1]
        assert len(finished.unplayed) == 1 and isinstance(finished.unplayed[0], UpdateFrame)
        assert finished.updates == finished.unplayed

        frames, _ = seed_frames()
        host.seen.clear()
        cancelled = EpochAnimation(host, frames, delay=0.001)
        cancelled.start()
        cancelled.cancel()
        posted = len(host.posted)
        await pilot.pause(0.1)
        assert len(host.posted) == posted == 3  # the earlier two and start()'s first frame; nothing after cancel
        assert not any(isinstance(m, EpochFinished) for m in host.seen)


async def test_a_weight_edited_while_T_trains_ends_the_run_and_no_late_report_undoes_the_edit() -> None:
    """The screen drops the run at the edit (it used to compare a generation counter at each report)."""
    from types import SimpleNamespace

    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.session.set_training(replace(app.session.training, epochs=10**9))
        app.main.stop_on_plateau = False
        await pilot.press("T")
        await pilot.pause(0.3)
        run = app.main.continuous
        assert run is not None
        app.main.on_weights_panel_cell_edited(SimpleNamespace(name="W_hy", row=0, col=0, value=2.5))
        assert not app.main.running
        await ended(run)
        await pilot.pause(0.5)
        assert app.session.model.params["W_hy"][0, 0] == 2.5 and app.main.last_report is None
