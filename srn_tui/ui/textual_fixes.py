"""Guards for Textual 8.2.8 bugs that fast typing or small terminals reach in srn-tui.

Each is applied once when the app is imported; remove it when Textual fixes the bug
(tests/test_ui_races.py shows each one).
"""

from __future__ import annotations

from contextlib import suppress

from textual.widgets import OptionList


def guard_option_list_paging() -> None:
    """PageUp/PageDown on an OptionList that has not been drawn yet (a Select's drop-down or the
    command palette, opened and paged in one burst of keys, or too small to show) raises KeyError:
    its line index is built on first render. The key is ignored instead, as at the list's end."""
    original = OptionList._move_page
    if getattr(original, "guarded", False):
        return

    def _move_page(self: OptionList, direction: int) -> None:
        with suppress(KeyError):
            original(self, direction)

    _move_page.guarded = True  # type: ignore[attr-defined]
    OptionList._move_page = _move_page  # type: ignore[method-assign]


def apply() -> None:
    guard_option_list_paging()
