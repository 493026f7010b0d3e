"""The Textual app: a thin shell that owns the session and pushes the step-through screen."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.notifications import SeverityLevel

from ..lesson import Lesson, text_lesson
from ..narration.lang import check_lang
from ..printable import LINE, printable
from ..scenarios import get_scenario
from ..session import Session
from . import textual_fixes
from .commands import LessonCommands
from .key_labels import relabel_keys
from .screens.closing import SafeCommandPalette
from .screens.help import HelpScreen
from .screens.main import MainScreen
from .screens.narration_view import NarrationScreen

textual_fixes.apply()
STYLES = Path(__file__).parent / "styles"


class SrnApp(App[int]):
    TITLE = "srn-tui"
    CSS_PATH = [STYLES / "main.tcss", STYLES / "dialogs.tcss"]
    COMMANDS = App.COMMANDS | {LessonCommands}
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit_app", "Quit"),
        Binding("n", "narration", "Narration", show=False),
    ]

    def __init__(self, lesson: Lesson, lang: str = "en") -> None:
        super().__init__()
        self.session = Session(lesson)
        self.lang = lang
        self.main = MainScreen(self.session, lang)

    def on_mount(self) -> None:
        self.push_screen(self.main)
        self._relabel_keys()

    def _relabel_keys(self) -> None:
        relabel_keys(self, self.lang)
        relabel_keys(self.main, self.lang)

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
        super().notify(
            printable(message, LINE), title=printable(title), severity=severity, timeout=timeout, markup=False
        )

    def refresh_main(self) -> None:
        self.main.sync()

    def open_lesson(self, name: str) -> None:
        self._switch_to(Lesson.from_scenario(get_scenario(name)))

    def open_text_lesson(self, path: str) -> bool:
        """A plain text file as a character-level lesson; a bad file is a one-line message and the
        current lesson stays."""
        from ..files import InputError

        try:
            lesson = text_lesson(path)
        except (InputError, ValueError, OSError) as exc:
            self.notify(str(exc), title="Could not do that", severity="error", markup=False, timeout=8)
            return False
        self._switch_to(lesson)
        return True

    def _switch_to(self, lesson: Lesson) -> None:
        self.main.training.stop()
        self.main.action_reset()
        self.session.load_lesson(lesson)
        self.refresh_main()
        self.notify(f"lesson {lesson.name}: {lesson.title}", markup=False)

    def set_lang(self, lang: str) -> None:
        """Narration (tick and training messages) in `lang` from now on, redrawn at once."""
        self.lang = check_lang(lang)
        self.main.set_lang(lang)
        self._relabel_keys()

    def action_switch_lang(self) -> None:
        self.set_lang("en" if self.lang == "zh" else "zh")
        self.notify("narration: English" if self.lang == "en" else "讲解语言:中文", timeout=2)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not SafeCommandPalette.is_open(self):
            self.push_screen(SafeCommandPalette(id="--command-palette"))

    def action_narration(self) -> None:
        if self.screen is self.main:
            self.push_screen(NarrationScreen(self.session, self.lang))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.lang))

    def action_quit_app(self) -> None:
        self.main.training.stop()  # the training thread ends before its next epoch
        self.exit(0)

    def action_take_screenshot(self) -> None:
        path = self.save_screenshot(path=str(Path.cwd()))
        self.notify(f"screenshot saved to {path}", markup=False)
