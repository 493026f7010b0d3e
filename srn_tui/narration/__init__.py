"""Narration: a sentence per tick and per training milestone, in English or Chinese.

Generated from templates (narration.templates) filled with the trace's actual numbers.
Plain text, never markup; no UI imports.
"""

from ..text.lang import LANGUAGES, detect_lang
from .claim import claim_fact, claim_sentence, measure_claim, narrate_claim, told_claim
from .render import fmt_number
from .templates import TEMPLATES
from .tick import narrate_tick
from .training import EVENTS, narrate_training

__all__ = [
    "EVENTS",
    "LANGUAGES",
    "TEMPLATES",
    "claim_fact",
    "claim_sentence",
    "detect_lang",
    "fmt_number",
    "measure_claim",
    "narrate_claim",
    "narrate_tick",
    "narrate_training",
    "told_claim",
]
