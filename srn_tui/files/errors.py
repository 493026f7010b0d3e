"""The one error type every loader and saver raises for a bad file."""

from __future__ import annotations

import os

from ..printable import printable


class InputError(Exception):
    """A file could not be read or written. The message is one line: "<path>: <where> <problem>"."""

    @classmethod
    def at(cls, source: str | os.PathLike, detail: str) -> InputError:
        # The path is outside text: a name holding ESC or a newline must not reach the terminal raw.
        return cls(f"{printable(os.fspath(source))}: {detail}")


class FieldError(ValueError):
    """A problem inside the data ("W_hh: row 2, column 1: ..."), before the file name is known or added."""
