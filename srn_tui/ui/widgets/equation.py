"""The equations of this tick with its numbers substituted (text from srn_tui.explain)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...explain import TOP_TERMS, explain_tick
from ...session import Session


class EquationPanel(Static):
    """Shows explain_tick for the session's cursor and focus unit; never parses markup."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._plain: str | None = None
        self.lang = "en"  # MainScreen sets it: the words around the formulas
        self.top = TOP_TERMS  # how many terms of a big sum are written out (MainScreen: more when roomy)

    def show(self, session: Session) -> None:
        plain = "\n".join(explain_tick(session.model, session.current, session.focus_unit, self.lang, self.top))
        if plain == self._plain:
            return
        self._plain = plain
        # The panel's height follows its text (height: auto), but stepping usually keeps the line
        # count: lay the screen out again only when the text's height at this width changes.
        width = self.size.width
        before = self.visual.get_height(self.styles, width) if width else -1
        self.update(Text(plain), layout=False)
        if not width or self.visual.get_height(self.styles, width) != before:
            self.refresh(layout=True)
