"""The errors every loader and saver raises for a bad file: facts, worded by text/problems.py.

A FieldError is a problem inside the data ("W_hh: row 2, column 1: ..."), before the file name is
known; an InputError is one with its file. Both carry a kind, its values and where (file, key, row,
column, line): str() is the English line, `words(lang)` the line in English or Chinese.
"""

from __future__ import annotations

import os
from typing import Any

from ..engine.errors import Place, Problem


class InputError(Problem):
    """A file could not be read or written. In words: "<path>: <where>: <problem>"."""

    @classmethod
    def at(
        cls, source: str | os.PathLike | Place, kind: str, *, at: tuple[Place, ...] = (), **values: Any
    ) -> InputError:
        # The path is outside text: text/problems.py passes it through printable(), so a name holding
        # ESC or a newline never reaches the terminal raw.
        return cls(kind, at=at, source=source, **values)

    @classmethod
    def of(cls, source: str | os.PathLike | Place, problem: Exception, **values: Any) -> InputError:
        """`problem` (a FieldError, the engine's ModelError, or any other ValueError) in file `source`;
        `values` adds to it (model_file: the model file named after a sequence's problem)."""
        if isinstance(problem, Problem):
            return cls(
                problem.kind, at=problem.where, source=source, file_line=problem.file_line, **problem.values, **values
            )
        return cls("raw", source=source, detail=str(problem), **values)


class FieldError(Problem, ValueError):
    """A problem inside the data, before the file name is known or added."""
