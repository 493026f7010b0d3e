"""Textual's Header, but a new sub-title only repaints the title line.

The sub-title changes at every step ("t = 3 / 5"). Setting `App.sub_title` repaints the whole
screen (the reactive refreshes the app) and Textual's HeaderTitle then asks for a layout pass:
two full frames per step for one line of text that never changes size (one row, full width, no
wrap). `StepHeader.show_sub_title` sets the value without the reactive's repaint and redraws only
the title.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.visual import VisualType
from textual.widgets import Header
from textual.widgets._header import HeaderClockSpace, HeaderIcon, HeaderTitle


class RepaintOnlyTitle(HeaderTitle):
    """Found by Header's own `query_one(HeaderTitle)`; styled by the same CSS."""

    def update(self, content: VisualType = "", *, layout: bool = False) -> None:
        super().update(content, layout=False)


class StepHeader(Header):
    """The app's header (no clock): icon, then the title and sub-title."""

    def compose(self) -> ComposeResult:
        yield HeaderIcon().data_bind(Header.icon)
        yield RepaintOnlyTitle()
        yield HeaderClockSpace()

    def title_room(self) -> int:
        """Cells left for the sub-title on the title line (0 before layout)."""
        width = self.query_one(RepaintOnlyTitle).content_size.width
        return max(0, width - cell_len(f"{self.app.title} — ")) if width else 0

    def show_sub_title(self, sub_title: str) -> None:
        """`app.sub_title = sub_title`, repainting only this line (and nothing when it is unchanged)."""
        app = self.app
        if app.sub_title == sub_title:
            return
        app.set_reactive(App.sub_title, sub_title)  # no watchers: no whole-screen repaint
        self.query_one(RepaintOnlyTitle).update(self.format_title())
