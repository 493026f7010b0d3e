"""The equations of this tick with its numbers substituted (text from srn_tui.explain)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...explain import explain_tick
from ...session import Session


class EquationPanel(Static):
    """Shows explain_tick for the session's cursor and focus unit; never parses markup."""

    def show(self, session: Session) -> None:
        lines = explain_tick(session.model, session.current, session.focus_unit)
        self.update(Text("\n".join(lines)))
