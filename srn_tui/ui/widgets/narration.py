"""One plain sentence on what happened at this tick. Text is never parsed as markup.

Lines are broken by narration.wrap (in cells, between any two Chinese characters), since Rich
breaks only at spaces and would leave Chinese lines half empty.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from ...narration import narrate_tick
from ...session import Session
from ...text.screens import screen_label


def narrate(session: Session, lang: str) -> str:
    return narrate_tick(session.lesson, session.trace, session.cursor, lang)


class NarrationLine(Static):
    def __init__(self, lang: str = "en", **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)
        self.lang = lang
        self.text = ""

    def show(self, session: Session) -> None:
        text = narrate(session, self.lang)
        if text == self.text:
            return
        # The panel's size is fixed (1fr); only a change in the number of wrapped lines can change
        # what scrolls, so only then is a layout pass (and a second frame) worth it.
        before = self._line_count(self.text)
        self.text = text
        self.refresh(layout=self._line_count(text) != before)

    def _line_count(self, text: str) -> int:
        from ...narration.wrap import wrap_cells

        return len(wrap_cells(text, self.size.width)) if self.size.width else -1

    def render(self) -> Text:
        from ...narration.wrap import wrap_cells

        text = Text("\n".join(cut(wrap_cells(self.text, self.size.width), self.size, self.lang)))
        text.no_wrap = True
        return text


def cut(lines: list[str], size, lang: str) -> list[str]:
    """The lines that fit `size`; when some do not, the last shown ends with a cue to read on (n)."""
    width, height = size
    if height <= 0 or len(lines) <= height:
        return lines
    cue = screen_label(lang, "narration_more")
    last = lines[height - 1].rstrip()
    while last and cell_len(last + cue) > width:
        last = last[:-1]
    return [*lines[: height - 1], last + cue]
