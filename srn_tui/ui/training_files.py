"""Palette actions for what training produced: the loss history as CSV (the model is saved with the
existing "Save model" command, which writes the session's current, trained weights)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..live import HistorySnapshot, history_csv
from ..text.dialogs import say
from ..text.messages import message
from . import file_actions
from .browser_files import deliver, written_bytes
from .file_actions import file_stem


def loss_history_path(lesson_name: str, directory: Path | None = None) -> Path:
    return (directory or Path.cwd()) / f"srn-loss-{file_stem(lesson_name)}.csv"


def write_loss_history(history: HistorySnapshot, path: Path) -> Path:
    from ..files import write_text_atomic

    write_text_atomic(path, history_csv(history))
    return path


def ask_export_loss(app: file_actions.FileHost, history_now: Callable[[], HistorySnapshot]) -> None:
    """Ask for a path, then write the history as it is when the path is chosen (in a browser: send
    it as a download at once)."""
    if app.is_web:
        history = history_now()
        name = loss_history_path(app.session.lesson.name).name
        deliver(app, name, written_bytes(lambda p: write_loss_history(history, p), name))
        return

    def write(path: str) -> None:
        history = history_now()
        file_actions.run_guarded(
            app,
            lambda _session, p: write_loss_history(history, Path(p)),
            path,
            message(app.lang, "exported_loss", n=len(history), path=path),
        )

    initial = str(loss_history_path(app.session.lesson.name))
    file_actions.ask_path(app, say(app.lang, "export_loss"), (".csv",), write, initial)
