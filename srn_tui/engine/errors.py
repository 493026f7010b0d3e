"""Errors the engine raises for models and sequences that do not fit together, and the shape every
file problem shares: a fact (a kind and its values, where it is), never a sentence.

`Problem` is that fact. The engine's ModelError and the loaders' FieldError/InputError (files/errors.py)
are Problems; srn_tui/text/problems.py words any of them in English or Chinese (`words(lang)`).
str() is the English line, so a message read by a test or written by the CLI stays as it was.
"""

from __future__ import annotations

import os
from typing import Any

# Where a problem is, from the outside in: ("key", "W_hh"), ("header", None), ("row", 2),
# ("column", 1 or "x1"), ("entry", 3), ("line", 4) (a line of the file).
Place = tuple[str, Any]
# A problem that is not (yet) an exception: a kind and its values (limits.py returns these).
Fact = tuple[str, dict[str, Any]]


class Problem(Exception):
    """`kind` with its `values` (plain numbers, names and already quoted text), at `where` inside
    `source` (a path, or ("lesson_sequence", name) and the like for data that is not a file);
    `file_line` is the file's line when it differs from what `where` says."""

    def __init__(
        self,
        kind: str,
        *,
        at: tuple[Place, ...] = (),
        source: str | os.PathLike | Place | None = None,
        file_line: int | None = None,
        **values: Any,
    ) -> None:
        super().__init__(kind)
        self.kind = kind
        self.where = tuple(at)
        self.source = os.fspath(source) if isinstance(source, os.PathLike) else source
        self.file_line = file_line
        self.values = values

    @classmethod
    def fact(cls, fact: Fact, **where: Any) -> Any:
        """A fact (a kind and its values, as limits.py returns) raised as this error; `where` holds
        at=, source= and any value to add."""
        kind, values = fact
        return cls(kind, **values, **where)

    def words(self, lang: str) -> str:
        # The words live above the engine (text/problems.py imports nothing of it); imported here,
        # lazily, like text.divergence for a Divergence (declared in pyproject's import contract).
        from ..text.problems import problem_words

        return problem_words(lang, self)

    def __str__(self) -> str:
        return self.words("en")


class ModelError(Problem, ValueError):
    """A model or sequence is malformed; its words are one line naming the key and the problem."""
