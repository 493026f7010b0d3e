"""Every narration sentence by id and language: the general ones (text/sentences.py) and each
lesson's remarks and claims (its module's WORDS, srn_tui/lessons/, gathered by lessons/words.py)."""

from __future__ import annotations

from ..lessons.words import LESSON_WORDS
from ..text.sentences import EN as GENERAL_EN
from ..text.sentences import ZH as GENERAL_ZH

EN: dict[str, str] = {**GENERAL_EN, **LESSON_WORDS["en"]}
ZH: dict[str, str] = {**GENERAL_ZH, **LESSON_WORDS["zh"]}
TEMPLATES: dict[str, dict[str, str]] = {"en": EN, "zh": ZH}
