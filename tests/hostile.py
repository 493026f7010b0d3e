"""File names and values that try to act on a terminal, shared by the escaping tests."""

from __future__ import annotations

import os
import unicodedata

# (raw, shown): each a way a name could act on a terminal or mislead a reader, with how it must be shown.
HOSTILE = [
    ("x\x1b]0;pwned\x07.json", "x\\x1b]0;pwned\\x07.json"),  # OSC 0: sets the window title
    ("c\x1b]52;c;cHduZWQ=\x07.json", "c\\x1b]52;c;cHduZWQ=\\x07.json"),  # OSC 52: writes the clipboard
    ("y\x1b[2J.json", "y\\x1b[2J.json"),  # CSI 2J: clears the screen
    ("z\x9b31m.json", "z\\x9b31m.json"),  # C1 CSI (one character)
    ("d\x7f.json", "d\\x7f.json"),  # DEL
    ("two\nlines.json", "two\\nlines.json"),
    ("a\rb\tc\x08\x00.json", "a\\rb\\tc\\x08\\x00.json"),
    ("evil\u202egnp.json", "evil\\u202egnp.json"),  # right-to-left override: shows "evilnosj.png"
    ("i\u2066x\u2069\u200e\u200f\u061c.json", "i\\u2066x\\u2069\\u200e\\u200f\\u061c.json"),  # isolates, marks
    ("z\u200bw\ufeff.json", "z\\u200bw\\ufeff.json"),  # zero-width space, BOM
    ("p\u2028q\u2029.json", "p\\u2028q\\u2029.json"),  # line and paragraph separators
    (os.fsdecode(b"\xff\xfe.json"), "\\xff\\xfe.json"),  # bytes that are not UTF-8: the bytes shown
    ("\U000e0041tag.json", "\\U000e0041tag.json"),  # a tag character (format, beyond the BMP)
]


def _is_one_printable_line(text: str) -> bool:
    """Independent of the implementation: no control, format, surrogate or separator character."""
    return all(unicodedata.category(ch) not in {"Cc", "Cf", "Cs", "Zl", "Zp"} for ch in text)


# Names a file may have on Linux (no "/" and no NUL), ending in .json so loaders get to read them.
NAMES = [raw for raw, _ in HOSTILE if "\x00" not in raw and "/" not in raw]


def is_one_printable_line(text: str) -> bool:
    """Independent of srn_tui.printable: no control, format, surrogate or separator character."""
    return all(unicodedata.category(ch) not in {"Cc", "Cf", "Cs", "Zl", "Zp"} for ch in text)


def assert_clean_output(data: bytes, lines: int | None = None) -> str:
    """`data` (raw bytes from stdout/stderr) is UTF-8 with no control byte but newlines; returns it as text."""
    text = data.decode("utf-8")  # strict: a lone surrogate or a stray byte fails here
    assert all(is_one_printable_line(line) for line in text.split("\n")), text[:300]
    if lines is not None:
        assert text.endswith("\n") and text.count("\n") == lines, text[:300]
    return text
