"""What the palette's file commands do: ask for a path, call srn_tui.files, report the outcome.

A bad file never changes the session: loaders raise InputError/ValueError first, and the
message (one line naming the file and the problem) becomes an error notification. Models and
sequences load in a worker (ui/loading.py): a big one never freezes the app.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..files.model_files import MODEL_SUFFIXES
from ..files.sequence_files import SEQUENCE_SUFFIXES
from ..session import Session
from ..text.dialogs import say
from ..text.messages import message
from ..text.problems import error_words
from .browser_files import BrowserHost, deliver, written_bytes

if TYPE_CHECKING:
    from textual.screen import Screen

    from .loading import Loader


class FileHost(BrowserHost, Protocol):
    """What the file commands need of the app that runs them (SrnApp is one). They take this, not
    the app: the app imports them (its palette), so they must not import it back."""

    session: Session
    loader: Loader

    def push_screen(self, screen: Screen[Any], callback: Callable[[Any], None] | None = None) -> Any: ...

    def refresh_main(self) -> None: ...

    def export_screenshot(self) -> str: ...

    def save_screenshot(self, filename: str | None = None, path: str | None = None) -> str: ...


def file_stem(lesson_name: str) -> str:
    """The lesson's name as a safe part of a file name: runs of other characters become one "-"."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", lesson_name).strip("-") or "lesson"


def export_path(session: Session, fmt: str, directory: Path | None = None) -> Path:
    from ..report import EXPORT_SUFFIXES

    return (directory or Path.cwd()) / f"srn-trace-{file_stem(session.lesson.name)}{EXPORT_SUFFIXES[fmt]}"


def export_trace(session: Session, fmt: str, path: Path | None = None, lang: str = "en") -> Path:
    from ..files import write_text_atomic

    target = path or export_path(session, fmt)
    write_text_atomic(target, session.export_trace(fmt, lang))
    return target


def save_model_file(session: Session, path: str) -> None:
    from ..files import save_model

    save_model(session.model, path)


def run_guarded(app: FileHost, action, path: str, done: str) -> bool:
    """Run `action(session, path)`; notify `done` or the one-line error. True on success."""
    from ..files import InputError

    try:
        action(app.session, path)
    except (InputError, ValueError, OSError) as exc:
        could_not = message(app.lang, "could_not")
        app.notify(error_words(app.lang, exc), title=could_not, severity="error", markup=False, timeout=8)
        return False
    app.refresh_main()
    app.notify(done, markup=False)
    return True


def ask_path(app: FileHost, title: str, suffixes: tuple[str, ...], then, initial: str = "") -> None:
    """Open the file dialog; call `then(path)` with the chosen path unless cancelled."""
    from .screens.file_dialog import FileDialog

    def chosen(path: str | None) -> None:
        if path:
            then(path)

    app.push_screen(FileDialog(title, suffixes, initial, app.lang), chosen)


def refuse_in_browser(app: FileHost) -> bool:
    if app.is_web:
        app.notify(message(app.lang, "no_server_files"), severity="warning", markup=False)
    return app.is_web


def ask_load_model(app: FileHost) -> None:
    from .loading import model_request

    if refuse_in_browser(app):
        return
    ask_path(app, say(app.lang, "load_model"), MODEL_SUFFIXES, lambda p: app.loader.start(model_request(p)))


def ask_load_sequence(app: FileHost) -> None:
    from .loading import sequence_request

    if refuse_in_browser(app):
        return
    title = say(app.lang, "load_sequence")
    ask_path(app, title, SEQUENCE_SUFFIXES, lambda p: app.loader.start(sequence_request(p)))


def ask_save_model(app: FileHost) -> None:
    initial = f"{file_stem(app.session.lesson.name)}-model.json"  # in the dialog's folder, which it shows
    if app.is_web:
        from ..files import InputError

        try:
            content = written_bytes(lambda p: save_model_file(app.session, str(p)), initial)
        except (InputError, ValueError, OSError) as exc:
            could_not = message(app.lang, "could_not")
            app.notify(error_words(app.lang, exc), title=could_not, severity="error", markup=False, timeout=8)
            return
        deliver(app, initial, content)
        return
    ask_path(
        app,
        say(app.lang, "save_model"),
        MODEL_SUFFIXES,
        lambda p: run_guarded(app, save_model_file, p, message(app.lang, "saved_model", path=p)),
        str(Path.cwd() / initial),
    )


def ask_screenshot(app: FileHost) -> None:
    """Ask where to save an SVG of the screen (the current directory and a time-stamped name to
    start with), then save it and say where; in a browser, send it as a download."""
    import time

    from ..text.labels import label

    name = time.strftime("srn-tui-%Y%m%d-%H%M%S.svg")
    if app.is_web:
        deliver(app, name, app.export_screenshot())
        return

    def save(_session: Session, path: str) -> None:
        target = Path(path)
        app.save_screenshot(filename=target.name, path=str(target.parent))  # the dialog is closed by now

    def chosen(path: str) -> None:
        run_guarded(app, save, path, label(app.lang, "screenshot_saved", path=path))

    ask_path(app, label(app.lang, "screenshot_title"), (".svg",), chosen, str(Path.cwd() / name))


def ask_export(app: FileHost, fmt: str) -> None:
    if app.is_web:
        deliver(app, export_path(app.session, fmt).name, app.session.export_trace(fmt, app.lang))
        return

    def write(path: str) -> None:
        done = message(app.lang, "exported_trace", path=path)
        run_guarded(app, lambda s, p: export_trace(s, fmt, Path(p), app.lang), path, done)

    ask_path(app, say(app.lang, "export_trace", fmt=fmt), (), write, str(export_path(app.session, fmt)))
