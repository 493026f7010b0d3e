"""The key table (text/keys.py) as Textual bindings, and the footer's descriptions in the current
language.

Textual has no call to rename a binding. Each node keeps its own copy of its bindings
(`_bindings`, a BindingsMap whose `key_to_bindings` is public), so the descriptions are swapped
there and the footer is refreshed. The swap works both ways and twice in a row changes nothing;
tests/test_ui_labels.py checks the footer, so a Textual change that breaks this shows up there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from textual.binding import Binding
from textual.dom import DOMNode

from ..text.keys import KEYS, Key

# The footer's words: the rows the app, its main screen, the heatmaps and the state-space screen bind
# (Textual's palette key too).
OWNERS = ("main", "app", "textual", "heatmap", "state_space")
KEYS_ZH = {k.label[0]: k.label[1] for k in KEYS if k.action and k.owner in OWNERS}
KEYS_EN = {zh: en for en, zh in KEYS_ZH.items()}


def bindings(rows: Iterable[Key]) -> list[Binding]:
    """The Textual bindings of key-table rows (English descriptions; relabel_keys swaps them)."""
    return [
        Binding(k.keys, k.action, k.label[0], show=k.show, key_display=k.key_display, priority=k.priority)
        for k in rows
        if k.action
    ]


def relabel_keys(node: DOMNode, lang: str) -> None:
    """Describe `node`'s keys in `lang` ("en" or "zh")."""
    table = KEYS_ZH if lang == "zh" else KEYS_EN
    bindings = node._bindings.key_to_bindings
    for key, items in bindings.items():
        bindings[key] = [replace(b, description=table.get(b.description, b.description)) for b in items]
    node.refresh_bindings()
