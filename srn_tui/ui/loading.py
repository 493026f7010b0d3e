"""Loading a lesson or a file without freezing the app: the file is read and its first trace built
in a thread worker, while the current lesson stays on screen and keeps stepping.

A load is a LoadRequest: `read` (the file, or a built-in lesson; needs nothing of the session) and
`build` (the first trace and BPTT against the session's parts as they were when the load started,
a `Basis`). The worker posts what happened: LessonLoaded or LessonLoadFailed; the app posts
LessonLoadStarted and, on Escape, LessonLoadCancelled. Only the newest load counts: a new one
replaces it and a cancelled one's late message is dropped. The session changes only on the UI
thread, in `Loader.loaded`, which stops any training run first (the training view follows the
lesson) and, if the session moved on meanwhile (a weight edited, say), builds again on what it
shows now.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from textual.message import Message
from textual.worker import Worker

from ..engine.errors import Problem
from ..lessons import Lesson, LessonSpec, get_scenario
from ..lessons.text import visible
from ..session import Basis, Prepared, Session, StaleBasis, prepare_lesson, prepare_model, prepare_sequence
from ..text.labels import label
from ..text.messages import message as words
from ..text.problems import error_words
from .notifies import Notifies

if TYPE_CHECKING:
    from .screens.main import MainScreen

POLL = 0.05  # seconds between the worker's looks at its cancel flag
LOAD_THREAD = "srn-tui-load"
_gc_lock = threading.Lock()
_gc_holds = 0  # loads running (a cancelled one may still be finishing while a new one starts)
_gc_was_enabled = True


@contextlib.contextmanager
def quiet_gc() -> Iterator[None]:
    """No cyclic garbage collection while loads run, and what they built frozen out of later ones.

    A load allocates millions of small objects (CSV cells, one record per tick), so Python's garbage
    collector runs full passes over the whole heap, each a single call that holds the GIL: the UI
    thread stalled 0.8 s at a time reading a 200,000-tick CSV. The records hold no reference cycles,
    so nothing is lost by not looking for any; `gc.freeze` keeps later passes (on the UI thread) off
    them, while reference counting still frees them when the lesson is replaced.
    """
    global _gc_holds, _gc_was_enabled
    with _gc_lock:
        if _gc_holds == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_holds += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_holds -= 1
            if _gc_holds == 0:
                gc.freeze()
                if _gc_was_enabled:
                    gc.enable()


@dataclass(frozen=True)
class LoadRequest:
    """`what` names it in the loading line; `done` is the note on success (None: no note)."""

    what: str
    read: Callable[[], Any]
    build: Callable[[Any, Basis], Prepared]
    done: Callable[[Prepared, str], str] | None = None  # (what was built, the language) -> the note


class LessonLoadStarted(Message):
    def __init__(self, request: LoadRequest) -> None:
        super().__init__()
        self.request = request


class LessonLoaded(Message):
    """Built in the worker; `payload` is what `read` gave, kept to build again on a moved session."""

    def __init__(self, request: LoadRequest, payload: Any, prepared: Prepared) -> None:
        super().__init__()
        self.request = request
        self.payload = payload
        self.prepared = prepared


class LessonLoadFailed(Message):
    """`error` is one line naming the file and the problem (English); `cause`, the error itself,
    words it in the app's language when the message is shown."""

    def __init__(self, request: LoadRequest, error: str, cause: BaseException | None = None) -> None:
        super().__init__()
        self.request = request
        self.error = error
        self.cause = cause

    def words(self, lang: str) -> str:
        return self.error if self.cause is None else " ".join(error_words(lang, self.cause).split())


class LessonLoadCancelled(Message):
    def __init__(self, request: LoadRequest) -> None:
        super().__init__()
        self.request = request


def shown_name(path: str) -> str:
    """A file's name as the loading line shows it: control characters escaped, never interpreted."""
    return "".join(visible(ch) for ch in Path(path).name)


def _lesson_note(prepared: Prepared, lang: str) -> str:
    return words(lang, "loaded_lesson", name=prepared.lesson.name, title=prepared.lesson.about(lang).title)


def lesson_request(name: str) -> LoadRequest:
    return LoadRequest(name, lambda: Lesson.from_scenario(get_scenario(name)), _whole_lesson, _lesson_note)


def text_request(path: str) -> LoadRequest:
    from ..lessons import text_lesson

    return LoadRequest(shown_name(path), lambda: text_lesson(path), _whole_lesson, _lesson_note)


def startup_request(spec: LessonSpec) -> LoadRequest:
    """The command line's files, read behind the app's first frame (no note: nothing was on screen before)."""
    return LoadRequest(" + ".join(shown_name(p) for p in spec.paths), spec.resolve, _whole_lesson)


def model_request(path: str) -> LoadRequest:
    from ..files import load_model

    return _part_request(path, "model", load_model, prepare_model)


def sequence_request(path: str) -> LoadRequest:
    from ..files import load_sequence

    return _part_request(path, "sequence", load_sequence, prepare_sequence)


def _part_request(path: str, kind: str, load: Callable[[str], Any], prepare: Callable[..., Prepared]) -> LoadRequest:
    """A model or a sequence file in place of that part of the lesson shown."""
    name = Path(path).name
    return LoadRequest(
        shown_name(path),
        lambda: load(path),
        lambda part, basis: prepare(basis, part, name),
        lambda _, lang: words(lang, f"loaded_{kind}", path=path),
    )


def _whole_lesson(lesson: Lesson, _basis: Basis) -> Prepared:
    return prepare_lesson(lesson)


def run_load(request: LoadRequest, basis: Basis, is_cancelled: Callable[[], bool]) -> Message | None:
    """The worker's body: what happened, or None if the load was cancelled meanwhile.

    The reading and building run in a daemon thread of their own, and the worker waits on it while
    looking at `is_cancelled`: the engine's forward pass cannot stop half-way, and a worker thread
    that is still busy holds the process open after the app has quit (asyncio joins its executor's
    threads), for as long as a long sequence takes. A cancelled load's thread finishes its step
    alone and its result is dropped.
    """
    outcome: list[Message] = []
    done = threading.Event()

    def body() -> None:
        try:
            with quiet_gc():
                payload = request.read()
                outcome.append(LessonLoaded(request, payload, request.build(payload, basis)))
        except MemoryError:
            problem = Problem("no_memory", source=request.what)
            outcome.append(LessonLoadFailed(request, str(problem), problem))
        except Exception as exc:  # a thread's errors must reach the UI as one line, whatever they are
            text = str(exc) or type(exc).__name__
            outcome.append(LessonLoadFailed(request, " ".join(text.split()), exc))
        finally:
            done.set()

    threading.Thread(target=body, name=LOAD_THREAD, daemon=True).start()
    while not done.wait(POLL):
        if is_cancelled():
            return None
    return None if is_cancelled() else outcome[0]


def loads_running() -> bool:
    """A load's thread is still computing (a cancelled one finishes its step alone)."""
    return any(t.name == LOAD_THREAD and t.is_alive() for t in threading.enumerate())


class LoadHost(Notifies, Protocol):
    """What the Loader needs of the app that owns it (SrnApp is one; it imports this module, so
    this module names the protocol, not the app)."""

    session: Session
    lang: str
    main: MainScreen

    def post_message(self, message: Message) -> bool: ...

    def load_in_thread(self, request: LoadRequest, basis: Basis) -> Worker: ...


class Loader:
    """The app's one load at a time, its loading line, and what a finished load does to the app."""

    def __init__(self, app: LoadHost) -> None:
        self.app = app
        self.request: LoadRequest | None = None
        self.worker: Worker | None = None

    @property
    def busy(self) -> bool:
        return self.request is not None

    def start(self, request: LoadRequest) -> None:
        """Load in a worker; a load already under way is replaced (its result will be dropped)."""
        app = self.app
        self.request = request
        app.post_message(LessonLoadStarted(request))
        app.main.loading_line.start(request.what)
        self.worker = app.load_in_thread(request, app.session.basis())

    def cancel(self) -> bool:
        """Escape: stop waiting for the load and keep the lesson. False if nothing was loading."""
        request = self.request
        if request is None:
            return False
        if self.worker is not None:
            self.worker.cancel()
        self._end()
        app = self.app
        app.post_message(LessonLoadCancelled(request))
        text = label(app.lang, "load_cancelled", what=request.what, lesson=app.session.lesson.name)
        app.notify(text, timeout=3, markup=False)
        return True

    def _end(self) -> None:
        self.request = self.worker = None
        self.app.main.loading_line.stop()

    def loaded(self, message: LessonLoaded) -> None:
        if message.request is not self.request:
            return  # cancelled or replaced by a newer load
        self._end()
        main = self.app.main
        main.leave_lesson()  # stops any training run: its late reports must not reach the new lesson
        try:
            self.app.session.adopt(message.prepared)
        except StaleBasis:  # edited or trained while loading: build again on what is shown now
            payload = message.payload
            self.start(replace(message.request, read=lambda: payload))
            return
        main.enter_lesson()
        if message.request.done is not None:
            self.app.notify(message.request.done(message.prepared, self.app.lang), markup=False)

    def failed(self, message: LessonLoadFailed) -> None:
        if message.request is not self.request:
            return
        self._end()
        title = label(self.app.lang, "load_failed", what=message.request.what)
        self.app.notify(message.words(self.app.lang), title=title, severity="error", markup=False, timeout=8)
