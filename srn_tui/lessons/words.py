"""Every lesson's words gathered for narration: each lesson module owns a `WORDS` table
({"en": {id: template}, "zh": {...}}) beside the logic that picks its message ids and numbers.
A lesson added to the package adds its module here."""

from __future__ import annotations

from types import ModuleType

from . import echo, hello, jordan, latch, letters, lexical, reber, seed, segmentation, sine, temporal_xor, text

LESSON_MODULES: tuple[ModuleType, ...] = (
    seed,
    temporal_xor,
    jordan,
    letters,
    sine,
    hello,
    text,
    echo,
    latch,
    segmentation,
    lexical,
    reber,
)


def gather_words(modules: tuple[ModuleType, ...] = LESSON_MODULES) -> dict[str, dict[str, str]]:
    """The lessons' tables merged per language. ValueError when two lessons use one message id
    (one would silently replace the other's sentence)."""
    merged: dict[str, dict[str, str]] = {"en": {}, "zh": {}}
    owner: dict[str, str] = {}
    for module in modules:
        for lang, table in module.WORDS.items():
            for key in table:
                if owner.setdefault(f"{lang}:{key}", module.__name__) != module.__name__:
                    raise ValueError(f"message id {key!r} is used by {owner[f'{lang}:{key}']} and {module.__name__}")
            merged[lang].update(table)
    return merged


LESSON_WORDS = gather_words()
