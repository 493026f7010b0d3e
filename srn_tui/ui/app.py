"""The Textual app: a thin shell that owns the session and pushes the step-through screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from ..lessons import Lesson, LessonSpec
from ..printable import LINE, printable
from ..session import Basis, Session
from ..text.keys import keys_of
from ..text.lang import check_lang
from ..text.messages import TEXTUAL_ZH, message
from ..tours import Tour
from . import file_actions, textual_fixes
from .commands import LessonCommands
from .key_labels import bindings, relabel_keys
from .loading import (
    LessonLoaded,
    LessonLoadFailed,
    Loader,
    LoadRequest,
    lesson_request,
    run_load,
    startup_request,
    text_request,
)
from .screens.closing import SafeCommandPalette
from .screens.help import HelpScreen
from .screens.main import MainScreen
from .screens.narration_view import NarrationScreen
from .tour_player import TourPlayer

textual_fixes.apply()
STYLES = Path(__file__).parent / "styles"


class SrnApp(App[int]):
    TITLE = "srn-tui"
    CSS_PATH = [
        STYLES / "main.tcss",
        STYLES / "training_view.tcss",
        STYLES / "dialogs.tcss",
        STYLES / "tour.tcss",
        STYLES / "toasts.tcss",
    ]
    COMMANDS = App.COMMANDS | {LessonCommands}
    # keys_of("app") includes the tour's keys (priority while a tour plays; check_action lets them through otherwise)
    BINDINGS = bindings(keys_of("app"))

    def __init__(
        self,
        lesson: Lesson,
        lang: str = "en",
        startup: LessonSpec | None = None,
        tour: Tour | None = None,
        projector: bool = False,
    ) -> None:
        """`startup`: the command line's files, loaded behind the first frame (which shows `lesson`).
        `tour`: a guided tour to play from its first step. `projector`: open in projector mode (F5
        on the main screen)."""
        super().__init__()
        self.session = Session(lesson)
        self.lang = lang
        self.main = MainScreen(self.session, lang)
        self.loader = Loader(self)
        self._startup = startup
        self.tour = TourPlayer(self, tour) if tour is not None else None
        self._projector = projector

    async def on_mount(self) -> None:
        await self.push_screen(self.main)  # mounted: the loading line exists
        self._relabel_keys()
        if self._projector:
            self.main.action_projector()
        if self._startup is not None:
            self.loader.start(startup_request(self._startup))
        if self.tour is not None:
            await self.tour.begin()

    def _relabel_keys(self) -> None:
        relabel_keys(self, self.lang)
        relabel_keys(self.main, self.lang)
        for heatmap in self.main.weights_panel.heatmaps():  # Enter edits a cell: the footer says so
            relabel_keys(heatmap, self.lang)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every toast (Screen.notify and Widget.notify come here too): messages name files and
        lessons, so they are escaped and never parsed as markup, whatever the caller asked."""
        if self.tour is not None and self.tour.busy:
            return  # a tour's step is being applied: its caption tells what happened
        super().notify(
            printable(message, LINE), title=printable(title), severity=severity, timeout=timeout, markup=False
        )

    def refresh_main(self) -> None:
        self.main.sync()

    # ----- loading (ui/loading.py): the work in a thread, the session changed here -----
    def open_lesson(self, name: str) -> None:
        self.loader.start(lesson_request(name))

    def open_text_lesson(self, path: str) -> None:
        """A plain text file as a character-level lesson; a bad file is a one-line message and the
        current lesson stays."""
        self.loader.start(text_request(path))

    @work(thread=True, exclusive=True, exit_on_error=False, group="loading", name="loading")
    def load_in_thread(self, request: LoadRequest, basis: Basis) -> None:
        worker = get_current_worker()
        message = run_load(request, basis, lambda: worker.is_cancelled)
        if message is not None:
            self.post_message(message)

    def on_lesson_loaded(self, message: LessonLoaded) -> None:
        self.loader.loaded(message)

    def on_lesson_load_failed(self, message: LessonLoadFailed) -> None:
        self.loader.failed(message)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # run_load turns every error into LessonLoadFailed; this is for a bug in the worker itself
        if event.worker is self.loader.worker and event.state == WorkerState.ERROR:
            request = self.loader.request
            if request is not None:
                error = event.worker.error
                self.loader.failed(LessonLoadFailed(request, str(error), error))

    def set_lang(self, lang: str) -> None:
        """Narration (tick and training messages) in `lang` from now on, redrawn at once."""
        self.lang = check_lang(lang)
        self.main.set_lang(lang)
        self._relabel_keys()
        if self.tour is not None:
            self.tour.refresh()

    def action_switch_lang(self) -> None:
        self.set_lang("en" if self.lang == "zh" else "zh")
        self.notify(message(self.lang, "lang_switched"), timeout=2)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action.startswith("tour_"):  # only while a tour plays: the main screen, a projector, its p / d screen
            return self.tour is not None and self.tour.plays_on(self.screen)
        return True

    def action_tour_move(self, delta: int) -> None:
        self.tour.move(delta)

    def action_tour_leave(self) -> None:
        self.tour.leave()

    def action_command_palette(self) -> None:
        if self.use_command_palette and not SafeCommandPalette.is_open(self):
            placeholder = message(self.lang, "palette_placeholder")
            self.push_screen(SafeCommandPalette(id="--command-palette", placeholder=placeholder))

    def action_narration(self) -> None:
        if self.screen is self.main:
            self.push_screen(NarrationScreen(self.session, self.lang, self.main.standing_claim()))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.lang))

    def action_quit_app(self) -> None:
        self.main.drop_training()  # the training thread ends before its next epoch
        self.loader.cancel()  # the loading worker returns at once (its daemon thread is not waited for)
        self.exit(0)

    def action_take_screenshot(self) -> None:
        file_actions.ask_screenshot(self)  # asks where (a file dialog showing its folder); a download in a browser

    def get_system_commands(self, screen: Screen) -> Iterator[SystemCommand]:
        """Textual's own palette commands (theme, quit, keys), in Chinese under --lang zh. Its own
        "Screenshot" saves without asking where: the palette's "Take screenshot" asks."""
        for command in super().get_system_commands(screen):
            if command.title == "Screenshot":
                continue
            if self.lang == "zh":
                title, help_text = (
                    TEXTUAL_ZH.get(command.title, command.title),
                    TEXTUAL_ZH.get(command.help, command.help),
                )
                command = SystemCommand(title, help_text, command.callback, command.discover)
            yield command
