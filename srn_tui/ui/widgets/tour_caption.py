"""The tour's caption: its own panel under the weights (never over the numbers), with the step
count and the keys that drive the tour. Styles in ui/styles/tour.tcss.

Captions come from tour files, so they are shown as plain text (escaped, never parsed as markup).
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...narration.lang import check_lang
from ...printable import printable

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "step": "step {i} of {n}",
        "keys": "PgDn/Space/Right: next   PgUp/Left: back   Esc: leave the tour",
        "last": "last step: Esc leaves the tour, the app stays as it is",
        "working": "working ... (training, or replaying the steps before)",
    },
    "zh": {
        "step": "第 {i} 步，共 {n} 步",
        "keys": "PgDn/空格/→：下一步   PgUp/←：上一步   Esc：退出导览",
        "last": "最后一步：Esc 退出导览，应用保持现状",
        "working": "进行中……（训练，或重放之前的步骤）",
    },
}


def word(lang: str, key: str, **values: object) -> str:
    return WORDS[check_lang(lang)][key].format(**values)


class TourCaption(Static):
    """Title and step count on the first line, the caption, then the keys (or a working note)."""

    def show_step(self, lang: str, title: str, index: int, count: int, caption: str, working: bool) -> None:
        head = Text(printable(title, 100), style="bold")
        head.append(f"   {word(lang, 'step', i=index + 1, n=count)}", style="dim")
        # Each caption line escaped on its own: a newline the author wrote stays a line break.
        body = Text("\n".join(printable(line, None) for line in caption.split("\n")))
        keys = word(lang, "working" if working else ("last" if index + 1 == count else "keys"))
        self.update(Text("\n").join([head, body, Text(keys, style="dim italic")]))
