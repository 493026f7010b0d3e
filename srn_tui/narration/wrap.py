"""Wrapping narration to a panel's width in terminal cells, Chinese included.

Rich breaks lines only at spaces, so a Chinese sentence (no spaces) moves to the next line as
one block and leaves half a line empty. Chinese may break between any two characters, except
before closing punctuation (。,;:)」 ...) and after opening punctuation ((「“ ...), which stay
with their neighbour. CJK characters are two cells wide; widths are counted in cells.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

_CJK = r"\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
# Written as escapes: full-width punctuation (，；：？！（）) is easily lost to half-width in editing.
_CLOSING = "\u3002\uff0c\u3001\uff1b\uff1a\uff1f\uff01\uff09\u300d\u300f\u300b\u3009\u3011\u201d\u2019.,;:?!)"
_OPENING = "\uff08\u300c\u300e\u300a\u3008\u3010\u201c\u2018("
# One token per CJK character (with any closing punctuation after it and opening before it),
# a run of spaces, or a run of other non-space characters (an English word, a number, W_hh*y(1)).
# A run never ends in an opening bracket, which goes with the character after it; `.` keeps
# any stray character, so the tokens always join back into the text. Full-width opening brackets
# lie inside the CJK range, so the lookahead keeps one from standing as a token of its own (it would
# end a line, as "0.097（" did).
_TOKENS = re.compile(
    rf"[{_OPENING}]*(?![{_OPENING}])[{_CJK}][{_CLOSING}]*|\s+|[{_OPENING}]*[^\s{_CJK}]*[^\s{_CJK}{_OPENING}][{_CLOSING}]*|.",
    re.DOTALL,
)


def wrap_cells(text: str, width: int) -> list[str]:
    """`text` as lines of at most `width` cells (a longer unbreakable token is cut by character)."""
    width = max(1, width)
    lines: list[str] = []
    line, used = "", 0
    for token in _TOKENS.findall(text):
        size = cell_len(token)
        if token.isspace():
            if line:  # spaces separate words on a line; at a line break they vanish
                line, used = line + token, used + size
            continue
        if used + size > width and line.strip():
            lines.append(line.rstrip())
            line, used = "", 0
        while size > width:  # one token wider than the panel: cut it where the width runs out
            head = _fit(token, width)
            lines.append(head)
            token = token[len(head) :]
            size = cell_len(token)
        line, used = line + token, used + size
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _fit(token: str, width: int) -> str:
    """The longest prefix of `token` that fits `width` cells (at least one character)."""
    end = 1
    while end < len(token) and cell_len(token[: end + 1]) <= width:
        end += 1
    return token[:end]
