"""Key bursts for UI tests: events queued at once, as fast typing or key repeat delivers them."""

from __future__ import annotations

import unicodedata

from textual import events
from textual.app import App
from textual.keys import REPLACED_KEYS, _get_unicode_name_from_key


def send_keys(app: App, keys: list[str]) -> None:
    """Queue key events the way `Pilot.press` does, without its two idle waits (~40 ms) per key:
    the burst arrives like fast typing, and the caller waits once for the screen afterwards."""
    for key in keys:
        try:
            char = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
        except KeyError:
            char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)
