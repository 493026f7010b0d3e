"""The ? screen: every key, and what each panel shows."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...narration.wrap import wrap_cells
from ...text.help import SECTIONS, SECTIONS_ZH
from ...text.keys import keys_of
from ..key_labels import bindings
from .closing import DismissOnce

KEY_WIDTH = 12  # the key column; descriptions wrap beside it


def help_text(width: int, lang: str = "en") -> str:
    """Every key and panel, each description wrapped beside its key to `width` cells, in `lang`."""
    lines: list[str] = []
    for title, entries in SECTIONS_ZH if lang == "zh" else SECTIONS:
        lines += ["", title] if lines else [title]
        for key, description in entries:
            wrapped = wrap_cells(description, max(20, width - 2 - KEY_WIDTH))
            lines.append(f"  {key}{' ' * max(1, KEY_WIDTH - cell_len(key))}{wrapped[0]}")  # cells: CJK is 2
            lines += [" " * (2 + KEY_WIDTH) + rest for rest in wrapped[1:]]
    return "\n".join(lines)


class HelpScreen(DismissOnce, ModalScreen[None]):
    BINDINGS = bindings(keys_of("help"))

    def __init__(self, lang: str = "en") -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            # The dialog is at most 96 cells wide; less its border, padding and scroll bar.
            yield Static(Text(help_text(min(96, self.app.size.width) - 6, self.lang)), id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)
