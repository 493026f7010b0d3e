"""A template's placeholders never share a name with the parameters of the function that fills it
(`message(lang, key, **values)`, `words(lang, key, **values)`, `label(lang, key, **values)`): a
placeholder called `key` made `message(lang, "stop_first", key="u")` raise TypeError when the
user pressed u during training (found by the monkey test)."""

from __future__ import annotations

import pytest

from srn_tui.text import dialogs, labels, messages, screens
from srn_tui.text.lang import placeholders

RESERVED = {"lang", "key"}  # the named parameters of message, words, label and screen_label


@pytest.mark.parametrize(
    "tables",
    [messages.MESSAGES, dialogs.WORDS, labels.LABELS, screens.WORDS],
    ids=["messages", "dialogs", "labels", "screens"],
)
def test_no_placeholder_is_named_like_a_parameter(tables) -> None:
    clashes = {
        (lang, key, name)
        for lang, table in tables.items()
        for key, template in table.items()
        for name in placeholders(template) & RESERVED
    }
    assert not clashes


def test_the_stop_first_message_fills_in_both_languages() -> None:
    assert messages.message("en", "stop_first", press="u") == "stop training first (T or Escape), then u"
    assert messages.message("zh", "stop_first", press="s").endswith("再按 s")
