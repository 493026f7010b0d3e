"""The tour's caption: its own panel under the weights (never over the numbers), with the step
count and the keys that drive the tour. Styles in ui/styles/tour.tcss (projector.tcss for the
projector's compact one: title and step count in its border, no keys line, for 60x20).

Captions come from tour files, so they are shown as plain text (escaped, never parsed as markup).
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from ...narration.wrap import wrap_cells
from ...printable import printable
from ...text.tours import WORDS, tour_word

__all__ = ["WORDS", "TourCaption"]


class TourCaption(Widget):
    """Title and step count on the first line, the caption, then the keys (or a working note).

    Wrapped by narration.wrap (Chinese breaks between characters, as the narration panel does); the
    panel's height follows the wrapped lines (height: auto in tour.tcss).

    `compact` (the projector): the title and step count go to the border title and the keys line is
    left out (the class reads the caption, the teacher holds the clicker); a working note stays."""

    def __init__(self, compact: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.compact = compact
        self._parts: tuple[str, str, str, str] = ("", "", "", "")

    def show_step(self, lang: str, title: str, index: int, count: int, caption: str, working: bool) -> None:
        keys = tour_word(lang, "working" if working else ("last" if index + 1 == count else "keys"))
        # Caption text comes from a file: every line escaped on its own, so the author's newlines stay.
        body = "\n".join(printable(line, None) for line in caption.split("\n"))
        step = tour_word(lang, "step", i=index + 1, n=count)
        self._parts = (printable(title, 100), step, body, keys)
        if self.compact:
            self.border_title = Content(f"{step}   {printable(title, 100)}")  # Content: never markup
            self._parts = ("", "", body, keys if working else "")
        self.refresh(layout=True)

    def _lines(self, width: int) -> list[Text]:
        title, step, body, keys = self._parts
        head = [] if self.compact else [Text(line, style="bold") for line in wrap_cells(f"{title}   {step}", width)]
        if head and head[-1].plain.endswith(step):  # the step count in a quieter style
            head[-1].stylize("not bold dim", len(head[-1].plain) - len(step))
        lines = head
        for paragraph in body.split("\n"):
            lines += [Text(line) for line in wrap_cells(paragraph, width)]
        return lines + [Text(line, style="dim italic") for line in wrap_cells(keys, width) if keys]

    def render(self) -> Text:
        text = Text("\n").join(self._lines(self.size.width))
        text.no_wrap = True
        return text

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))
