"""The words around a guided tour's caption (ui/widgets/tour_caption.py), in English and Chinese.

The captions themselves come from the tour files, in both languages; these are the panel's own words.
"""

from __future__ import annotations

from .lang import check_lang

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "step": "step {i} of {n}",
        "keys": "PgDn/Space/Right: next step   PgUp/Left: step back   Esc: leave the tour",
        "last": "last step: Esc leaves the tour, the app stays as it is",
        "working": "working ... (training, or replaying the steps before)",
        "steps": "{n} steps",
    },
    "zh": {
        "step": "第 {i} 步，共 {n} 步",
        "keys": "PgDn/空格/→：导览下一步   PgUp/←：导览上一步   Esc：退出导览",
        "last": "导览的最后一步：Esc 退出导览，应用保持现状",
        "working": "进行中……（训练，或重放之前的步骤）",
        "steps": "{n} 步",
    },
}


def tour_word(lang: str, key: str, **values: object) -> str:
    return WORDS[check_lang(lang)][key].format(**values)
