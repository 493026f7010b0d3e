"""The n screen: the whole narration of this tick and what the lesson is about.

The panel under the equation has room for two or three lines; a teacher reading a tick aloud
needs all of it. Text is wrapped in terminal cells (Chinese may break between any two
characters) and is never parsed as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...narration import narrate_tick
from ...narration.wrap import wrap_cells
from ...session import Session
from ...text.labels import label
from ...text.runs import claim_heading
from .closing import DismissOnce

WIDEST = 90  # cells of text per line, however wide the terminal


def narration_page(session: Session, lang: str, width: int, claim: tuple[str, str] | None = None) -> Text:
    """This tick's narration, then the lesson's claim measured after the last run (`claim`: the
    verdict's words and the measured sentence, whole where the training panel cuts it), then the
    lesson's description, wrapped to `width` cells."""
    t, length = session.cursor, session.length
    body = narrate_tick(session.lesson, session.trace, t, lang)
    about = session.lesson.about(lang)
    heading = label(lang, "narration_heading", t=t, length=length, name=session.lesson.name, title=about.title)
    lines = [heading, ""] + wrap_cells(body, width)
    if claim is not None:
        lines += ["", claim_heading(session.epoch, lang)] + wrap_cells("".join(claim), width)
    lines += ["", label(lang, "narration_about")]
    lines += wrap_cells(about.description, width)
    return Text("\n".join(lines))


class NarrationScreen(DismissOnce, ModalScreen[None]):
    BINDINGS = [Binding("escape,n,q", "close", "Close")]

    def __init__(self, session: Session, lang: str, claim: tuple[str, str] | None = None) -> None:
        super().__init__()
        self.session = session
        self.lang = lang
        self.claim = claim

    def compose(self) -> ComposeResult:
        width = max(20, min(WIDEST, self.app.size.width - 8))
        with VerticalScroll(id="narration-page"):
            yield Static(narration_page(self.session, self.lang, width, self.claim), markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
