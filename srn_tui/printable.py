"""Outside text made safe to show: one printable line, never a terminal command.

File names, lesson text, model keys and echoed arguments come from outside. Written raw to a
terminal, ESC ] 0 ; ... BEL retitles the window, ESC [ 2 J clears the screen, OSC 52 writes the
clipboard, a newline splits a one-line message and U+202E (right-to-left override) reverses what
follows. `printable` shows every such character as an escape instead (`\\x1b`, `\\n`, `\\u202e`),
the way Python's repr does, and cuts long values in the middle with "...".

Backslashes are left as they are, so that `printable(printable(s)) == printable(s)`: text may pass
through it at several layers (the file name, then the whole message) without growing.
"""

from __future__ import annotations

import unicodedata

SHORT = 60  # an echoed argument value: enough to recognise it
NAME = 200  # a file path or a lesson name
LINE = 1000  # a whole one-line message (its parts are already cut)
MARK = "..."  # ASCII: an ellipsis is ambiguous-width in CJK terminals

# Cc: C0/C1 controls, DEL. Cf: format characters (bidi overrides/isolates/marks, zero-width
# spaces and joiners, soft hyphen, BOM). Cs: lone surrogates (undecodable bytes of a file name).
# Cn: unassigned code points, whose width and meaning terminals disagree on. Zl/Zp: U+2028/9.
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Cn", "Zl", "Zp"})
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: object, limit: int | None = NAME) -> str:
    """`text` (str() of it) as one line of printable characters, at most `limit` characters long
    (None: no limit); anything cut is replaced by "..." in the middle, keeping both ends."""
    text = str(text)
    if text.isprintable():  # fast path; isprintable() is False for every category escaped here
        tokens: list[str] | str = text
    else:
        tokens = [_escape(ch) for ch in text]
    if limit is None:
        return "".join(tokens)
    limit = max(limit, len(MARK) + 2)  # room for the mark and a character of each end
    return "".join(tokens) if sum(map(len, tokens)) <= limit else _cut(tokens, limit)


def _escape(ch: str) -> str:
    if ch.isprintable() or unicodedata.category(ch) not in _ESCAPED_CATEGORIES:
        return ch  # printable, or a space-like character (U+00A0, U+3000) or private use: harmless
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:
        # os.fsdecode keeps a byte that is not UTF-8 as U+DC80..U+DCFF: show the byte itself.
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _cut(tokens: list[str] | str, limit: int) -> str:
    """Whole tokens (an escape is never split) from both ends, "..." between, within `limit`."""
    room = limit - len(MARK)
    head_room = room - room // 2
    head: list[str] = []
    used = 0
    for token in tokens:
        if used + len(token) > head_room:
            break
        head.append(token)
        used += len(token)
    tail: list[str] = []
    used = 0
    for token in reversed(tokens):
        if used + len(token) > room // 2:
            break
        tail.append(token)
        used += len(token)
    return "".join(head) + MARK + "".join(reversed(tail))
