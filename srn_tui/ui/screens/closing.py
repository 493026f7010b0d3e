"""Screens that close once.

Textual's `Screen.dismiss` pops whatever screen is on top. Keys typed faster than a screen
closes (Enter on a button, then Escape; a double Enter) would call it twice and pop the main
screen as well, leaving a blank app. Every dialog here mixes this in.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from textual.await_complete import AwaitComplete
from textual.command import CommandPalette
from textual.css.query import NoMatches


class DismissOnce:
    """Mixin for Screen subclasses: a second dismiss while the first is under way does nothing."""

    _dismiss_started = False

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if self._dismiss_started:
            return AwaitComplete.nothing()
        self._dismiss_started = True
        return super().dismiss(result)  # type: ignore[misc]


class SafeCommandPalette(DismissOnce, CommandPalette):
    """Textual's command palette, guarded against races of Textual 8.2.8 on fast typing (its paging
    bug is guarded for every OptionList in ui/textual_fixes.py)."""

    def _watch__list_visible(self) -> None:
        # A search that finishes after the palette closed finds its list already removed.
        with suppress(NoMatches):
            super()._watch__list_visible()
