"""One plain sentence on what happened at this tick. Text is never parsed as markup."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...session import Session


def narrate(session: Session, lang: str) -> str:
    try:
        from ...narration import narrate_tick
    except ImportError:  # narration is optional while it is being written
        return ""
    return narrate_tick(session.lesson.name, session.trace, session.cursor, lang)


class NarrationLine(Static):
    def __init__(self, lang: str = "en", **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)
        self.lang = lang

    def show(self, session: Session) -> None:
        self.update(Text(narrate(session, self.lang)))
