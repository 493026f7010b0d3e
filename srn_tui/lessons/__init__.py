"""The lessons: each module owns one lesson's data, model, training, claim and words (EN and ZH).

`Lesson` (lesson.py) is what the app and the commands run: a built-in lesson (a `Scenario`),
optionally with the user's own model and/or sequence files in place of its parts. The catalog
(catalog.py) finds the built-in lessons by name. How to add a lesson: docs/ARCHITECTURE.md.
"""

from .base import Baseline, Claim, Remark, Scenario
from .catalog import DEFAULT_SCENARIO, PATTERNS, SCENARIOS, Pattern, find_scenario, get_scenario
from .echo import echo_scenario
from .latch import latch_scenario
from .lesson import Lesson, LessonSpec, resolve_lesson, text_lesson
from .text import text_scenario

__all__ = [
    "DEFAULT_SCENARIO",
    "PATTERNS",
    "SCENARIOS",
    "Baseline",
    "Claim",
    "Lesson",
    "LessonSpec",
    "Pattern",
    "Remark",
    "Scenario",
    "echo_scenario",
    "find_scenario",
    "get_scenario",
    "latch_scenario",
    "resolve_lesson",
    "text_lesson",
    "text_scenario",
]
