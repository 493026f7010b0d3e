"""Each lesson module owns its words: both languages, the same ids and placeholders, no id shared."""

from __future__ import annotations

import types
from pathlib import Path

import pytest

from srn_tui.lessons.words import LESSON_MODULES, LESSON_WORDS, gather_words
from srn_tui.narration.render import placeholders
from srn_tui.narration.templates import TEMPLATES


@pytest.mark.parametrize("module", LESSON_MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[1])
def test_each_lesson_module_has_its_words_in_both_languages(module):
    words = module.WORDS
    assert set(words) == {"en", "zh"} and words["en"], module.__name__
    assert set(words["en"]) == set(words["zh"])
    for key, english in words["en"].items():
        assert placeholders(english) == placeholders(words["zh"][key]), key


def test_lesson_words_reach_the_narration_and_never_replace_a_general_sentence():
    for lang in ("en", "zh"):
        for key, text in LESSON_WORDS[lang].items():
            assert TEMPLATES[lang][key] == text
    # The general table (templates.py before the merge) shares no id with any lesson.
    from srn_tui.narration import templates

    source = Path(templates.__file__).read_text(encoding="utf-8")
    assert not [key for key in LESSON_WORDS["en"] if f'"{key}":' in source]


def test_two_lessons_with_one_message_id_are_refused():
    a = types.ModuleType("lesson_a")
    b = types.ModuleType("lesson_b")
    a.WORDS = {"en": {"same_id": "A"}, "zh": {"same_id": "甲"}}
    b.WORDS = {"en": {"same_id": "B"}, "zh": {"same_id": "乙"}}
    with pytest.raises(ValueError, match="'same_id' is used by lesson_a and lesson_b"):
        gather_words((a, b))
