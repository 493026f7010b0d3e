"""The words of the screen's size-dependent cues and of the projector mode, in English and Chinese.

Symbols and formulas (h(t), W_hh) stay ASCII in both languages; numbers come in already formatted.
"""

from __future__ import annotations

from .lang import check_lang, fill

EN: dict[str, str] = {
    # the narration cut by its panel: how to read the rest
    "narration_more": " ... (n: more)",
    # the header while playing
    "playing": "playing {delay} s/tick",
    # the projector
    "projector_title": "projector",
    "projector_keys": "PgDn/Space next  PgUp back  Home t=0  Esc leave",
    "projector_no_tick": "t = 0: press PgDn or Space for tick 1",
    "projector_focal": "this tick",
    # the projector's weights panel: whether each parameter trains, in words (not by colour alone)
    "projector_trains": "trains",
    "projector_frozen": "frozen",
}

ZH: dict[str, str] = {
    "narration_more": "……按 n 看全文",
    "playing": "播放中 {delay} 秒/步",
    "projector_title": "投影模式",
    "projector_keys": "PgDn/空格 下一步  PgUp 上一步  Home 开头  Esc 退出",
    "projector_no_tick": "t = 0：按 PgDn 或空格到时间步 1",
    "projector_focal": "这个时间步",
    "projector_trains": "参与训练",
    "projector_frozen": "冻结",
}

WORDS = {"en": EN, "zh": ZH}


def screen_label(lang: str, key: str, **values: object) -> str:
    """The cue `key` in `lang`, with `values` filled in (already formatted by the caller)."""
    return fill(f"screen label {key!r}", WORDS[check_lang(lang)][key], values)
