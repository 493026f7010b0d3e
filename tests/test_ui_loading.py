"""Pilot tests of loading off the UI thread (ui/loading.py): a slow load leaves the app responsive,
shows the loading line, Escape cancels it and keeps the lesson, a failed load keeps the lesson; the
command line's files load behind the first frame; and the training view follows the lesson (a
switch after a finished run and during a running one)."""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from loads import finish_loading
from rich.cells import cell_len
from shared import Toasts, app_for, seed_app
from textual.message import Message
from textual.worker import WorkerCancelled

import srn_tui.files
from srn_tui.lessons import Lesson, LessonSpec, get_scenario
from srn_tui.ui.app import SrnApp
from srn_tui.ui.loading import (
    LessonLoadCancelled,
    LessonLoaded,
    LessonLoadFailed,
    LessonLoadStarted,
    sequence_request,
)
from srn_tui.ui.screens.file_dialog import FileDialog
from srn_tui.ui.widgets.loss_curve import LossCurve
from srn_tui.ui.widgets.training_status import TrainingStatus

SIZE = (100, 30)
LOAD_MESSAGES = (LessonLoadStarted, LessonLoaded, LessonLoadFailed, LessonLoadCancelled)


class Recorder:
    """run_test(message_hook=...): the loading messages, in the order the app saw them."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, LOAD_MESSAGES):
            self.names.append(type(message).__name__)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Sequence files load only once the test sets this event: a slow load, deterministically."""
    event = threading.Event()
    real = srn_tui.files.load_sequence

    def slow(path):
        assert event.wait(10), "the test never let the load finish"
        return real(path)

    monkeypatch.setattr(srn_tui.files, "load_sequence", slow)
    return event


def sequence_file(tmp_path: Path, ticks: int = 3) -> Path:
    path = tmp_path / "three.csv"
    path.write_text("x,target\n" + "1,\n" * (ticks - 1) + "1,2\n")
    return path


def loading_text(app: SrnApp) -> str:
    line = app.main.loading_line
    return str(line.render()) if line.display else ""


async def load_sequence_from_the_palette(pilot, path: Path) -> None:
    await pilot.press("ctrl+p", *"Load sequence file", "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, FileDialog)
    pilot.app.screen.query_one("#dialog-path").value = str(path)
    await pilot.press("enter")
    await pilot.pause()


async def test_a_slow_load_leaves_the_app_responsive_and_then_switches(tmp_path: Path, gate, toasts: Toasts) -> None:
    path = sequence_file(tmp_path)
    hook = Recorder()
    app = seed_app()
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await load_sequence_from_the_palette(pilot, path)
        assert app.loader.busy and app.screen is app.main
        assert "loading three.csv" in loading_text(app) and "Escape cancels" in loading_text(app)
        await pilot.press("right", "right")  # stepping the current lesson while it loads
        assert (app.session.lesson.name, app.session.cursor) == ("seed", 2)
        await pilot.pause(0.3)
        assert app.loader.busy and app.session.lesson.name == "seed"
        gate.set()
        await finish_loading(app, pilot)
        assert not app.loader.busy and loading_text(app) == ""
        assert (app.session.lesson.name, app.session.length, app.session.cursor) == ("seed + three.csv", 3, 0)
        assert f"loaded sequence {path}" in toasts.messages
    assert hook.names == ["LessonLoadStarted", "LessonLoaded"]


async def test_escape_cancels_a_load_and_keeps_the_lesson(tmp_path: Path, gate, toasts: Toasts) -> None:
    hook = Recorder()
    app = seed_app()
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await pilot.press("right")
        await load_sequence_from_the_palette(pilot, sequence_file(tmp_path))
        worker = app.loader.worker
        assert worker is not None and loading_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not app.loader.busy and loading_text(app) == ""
        assert "stopped loading three.csv; still on seed" in toasts.messages
        with contextlib.suppress(WorkerCancelled):
            await worker.wait()  # returns at once: it does not wait for the stuck read
        gate.set()  # the read finishes late; what it built is dropped
        await pilot.pause(0.3)
        assert (app.session.lesson.name, app.session.length, app.session.cursor) == ("seed", 5, 1)
    assert hook.names == ["LessonLoadStarted", "LessonLoadCancelled"]


async def test_a_failed_load_keeps_the_lesson_and_says_one_line(tmp_path: Path, toasts: Toasts) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("x,target\n1,2\noops,3\n")
    hook = Recorder()
    app = seed_app()
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await pilot.press("right", "right")
        await load_sequence_from_the_palette(pilot, bad)
        await finish_loading(app, pilot)
        assert (app.session.lesson.name, app.session.cursor) == ("seed", 2)
        last = toasts.last
        assert str(bad) in last.message and "row" in last.message and "\n" not in last.message
        assert last.severity == "error" and last.title == "Could not load bad.csv"
    assert hook.names == ["LessonLoadStarted", "LessonLoadFailed"]


async def test_the_loading_line_speaks_chinese(tmp_path: Path, gate) -> None:
    app = seed_app("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        app.loader.start(sequence_request(str(sequence_file(tmp_path))))
        await pilot.pause()
        text = loading_text(app)
        assert "正在加载 three.csv" in text and "Escape 取消" in text
        assert cell_len(text) <= 78  # one line at 80 columns, padding included
        gate.set()
        await finish_loading(app, pilot)


async def test_a_long_or_hostile_name_is_cut_and_escaped_and_the_line_still_says_escape(tmp_path: Path, gate) -> None:
    name = "a" * 60 + "\x1b]0;pwned\x07" + "z" * 40 + ".csv"
    path = tmp_path / name
    path.write_text("x,target\n1,2\n")
    app = seed_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.loader.start(sequence_request(str(path)))
        await pilot.pause()
        text = loading_text(app)
        assert "\x1b" not in text and "\x07" not in text and cell_len(text) <= 78
        assert text.endswith("Escape cancels") and "aaa...zzz" in text
        gate.set()
        await finish_loading(app, pilot)
        assert app.session.length == 1


async def test_quitting_during_a_load_exits_at_once(tmp_path: Path, gate) -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        app.loader.start(sequence_request(str(sequence_file(tmp_path))))
        await pilot.pause()
        started = time.monotonic()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert time.monotonic() - started < 2.0
    gate.set()


async def test_the_command_lines_files_load_behind_the_first_frame(tmp_path: Path, gate) -> None:
    path = sequence_file(tmp_path, ticks=7)
    hook = Recorder()
    app = seed_app(startup=LessonSpec(sequence_path=str(path)))
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await pilot.pause()
        assert app.session.lesson.name == "seed"  # the first frame, while the file loads
        assert "loading three.csv" in loading_text(app)
        await pilot.press("right")
        assert app.session.cursor == 1
        gate.set()
        await finish_loading(app, pilot)
        assert (app.session.lesson.name, app.session.length) == ("three.csv", 7)
        assert app.session.training.optimizer == "sgd" and app.session.training.truncate is None  # own files
    assert hook.names == ["LessonLoadStarted", "LessonLoaded"]


async def test_a_load_against_a_session_that_moved_on_is_built_again(tmp_path: Path, gate) -> None:
    """A weight edited while a sequence loads: the new sequence is shown with the edited model."""
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        app.loader.start(sequence_request(str(sequence_file(tmp_path))))
        await pilot.pause()
        app.session.set_weight("W_hy", 0, 0, 2.0)
        gate.set()
        await finish_loading(app, pilot)
        await finish_loading(app, pilot)  # the second build
        s = app.session
        assert s.lesson.name == "seed + three.csv" and s.model.params["W_hy"][0, 0] == 2.0
        assert s.trace.steps[-1].y[0] == pytest.approx(2.0 * s.trace.steps[-1].h[0])


# ----- the training view follows the lesson -----


def status_text(app: SrnApp) -> str:
    return app.main.query_one(TrainingStatus).render().plain  # type: ignore[union-attr]


def assert_fresh_training_view(app: SrnApp, lesson: str) -> None:
    s, controller = app.session, app.main
    # what the student sees first: the new lesson's idle status and an empty loss curve
    status = status_text(app)
    assert status.startswith("t one animated epoch") and status.endswith("epochs trained so far: 0"), status
    assert len(app.main.query_one("#loss", LossCurve).epochs) == 0
    assert s.lesson.name == lesson and (s.epoch, len(s.history), s.undo_levels) == (0, 0, 0)
    assert not controller.running and controller.last_report is None and not controller.animating
    assert "epoch" not in app.sub_title
    np.testing.assert_array_equal(app.main.query_one("#flow").picture.whole, s.flow_norms)  # type: ignore[attr-defined]


async def test_opening_a_lesson_after_a_finished_run_clears_the_training_view() -> None:
    app = app_for("letters")
    async with app.run_test(size=SIZE) as pilot:
        app.session.set_training(replace(app.session.training, epochs=3))
        await pilot.press("T")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.session.epoch == 3 and len(app.main.query_one("#loss", LossCurve).epochs) == 3
        assert "after 3 epochs" in status_text(app)  # the run's end (its claim follows it in the panel)
        app.open_lesson("hello")
        await finish_loading(app, pilot)
        assert_fresh_training_view(app, "hello")


async def test_opening_a_lesson_during_a_run_stops_it_and_ignores_its_late_reports() -> None:
    app = app_for("letters")
    async with app.run_test(size=SIZE) as pilot:
        app.session.set_training(replace(app.session.training, epochs=10**9))
        app.main.stop_on_plateau = False
        await pilot.press("T")
        await pilot.pause(0.5)
        worker = app.main.continuous.worker
        assert worker is not None and worker.is_running and app.session.epoch == 0
        app.open_lesson("hello")
        await finish_loading(app, pilot)
        hello = Lesson.from_scenario(get_scenario("hello")).model.params
        with contextlib.suppress(WorkerCancelled):
            await worker.wait()  # the run stops before its next epoch
        await pilot.pause(0.3)
        assert_fresh_training_view(app, "hello")
        for name, value in hello.items():  # no late report of letters reached hello's weights
            np.testing.assert_array_equal(app.session.model.params[name], value)


# ----- the command line hands the app its files -----


class Terminal:
    """A terminal stream as far as the CLI uses one: a TTY it can write to and flush."""

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


class TerminalSys:
    """What srn_tui.cli sees as `sys`: a terminal on stdin and stdout, the test's own stderr."""

    stdin = stdout = Terminal()

    @property
    def stderr(self):
        return sys.stderr


@pytest.fixture
def app_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """The app "runs" (on a pretend terminal) by recording what the command line gave it."""
    calls: list[tuple] = []
    monkeypatch.setattr("srn_tui.cli.sys", TerminalSys())
    monkeypatch.setattr("srn_tui.ui.run_app", lambda *args: calls.append(args) or 0)
    return calls


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--sequence", "{d}/missing.csv"], "missing.csv: file not found"),
        (["--model", "{d}/model.txt"], "unknown model file type ('.txt')"),
        (["--sequence", "{d}/folder.csv"], "folder.csv: is a directory"),
        (["--text", "{d}/missing.txt"], "missing.txt: file not found"),
        (["--scenario", "nope"], "nope"),
        (["--text", "{d}/three.csv", "--scenario", "seed"], "--text makes its own lesson"),
    ],
)
def test_what_a_stat_tells_is_refused_before_the_app_starts(
    tmp_path: Path, capsys, app_calls: list, args: list[str], fragment: str
) -> None:
    from srn_tui.cli import main

    sequence_file(tmp_path)
    (tmp_path / "folder.csv").mkdir()
    assert main([a.format(d=tmp_path) for a in args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("srn-tui: ") and err.count("\n") == 1 and fragment in err, err
    assert app_calls == []


def test_files_are_handed_to_the_app_unread(tmp_path: Path, app_calls: list) -> None:
    """The content is read in the app, behind its first frame (a bad row shows there, in one line)."""
    from srn_tui.cli import main

    bad = tmp_path / "bad.csv"
    bad.write_text("x,target\noops,1\n")
    assert main(["--sequence", str(bad), "--lang", "zh"]) == 0
    [(lesson, lang, spec, tour, projector)] = app_calls
    assert (lesson.name, lang, tour, projector) == ("seed", "zh", None, False)
    assert spec == LessonSpec(sequence_path=str(bad))
    assert main(["--scenario", "letters"]) == 0
    assert app_calls[1][0].name == "letters" and app_calls[1][2] is None  # a built-in lesson needs no load
    assert main(["--projector", "--scenario", "echo"]) == 0
    assert app_calls[2][0].name == "echo" and app_calls[2][4] is True  # opens in projector mode


NAMES = ["three.csv", "a" * 60 + "z" * 40 + ".csv", "很长的中文文件名字" * 5 + ".csv", "x" * 20]


@pytest.mark.parametrize("name", NAMES)
def test_a_name_in_the_loading_line_takes_at_most_its_cells(name: str) -> None:
    from srn_tui.ui.widgets.loading_line import NAME_CELLS, fit

    shown = fit(name, NAME_CELLS)
    assert cell_len(shown) <= NAME_CELLS
    if cell_len(name) <= NAME_CELLS:
        assert shown == name
    else:
        head, tail = shown.split("...")
        assert name.startswith(head) and name.endswith(tail) and tail.endswith(".csv") and head


def test_loads_pause_the_garbage_collector_until_the_last_one_ends() -> None:
    import gc

    from srn_tui.ui.loading import quiet_gc

    assert gc.isenabled()
    first, second = quiet_gc(), quiet_gc()  # a cancelled load still finishing while a new one runs
    first.__enter__()
    second.__enter__()
    assert not gc.isenabled()
    first.__exit__(None, None, None)
    assert not gc.isenabled()
    second.__exit__(None, None, None)
    assert gc.isenabled()
    gc.disable()
    try:
        with quiet_gc():
            pass
        assert not gc.isenabled()  # a collector someone else turned off stays off
    finally:
        gc.enable()
