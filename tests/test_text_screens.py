"""The screen cues and projector words exist in English and Chinese with the same placeholders."""

from __future__ import annotations

import pytest

from srn_tui.text.lang import placeholders
from srn_tui.text.screens import EN, ZH, screen_label


def test_every_cue_has_both_languages_with_the_same_placeholders() -> None:
    assert EN.keys() == ZH.keys()
    for key in EN:
        assert placeholders(EN[key]) == placeholders(ZH[key]), key


def test_a_missing_value_is_named() -> None:
    assert screen_label("zh", "playing", delay=0.8) == "播放中 0.8 秒/步"
    with pytest.raises(ValueError, match="'delay'"):
        screen_label("en", "playing")
