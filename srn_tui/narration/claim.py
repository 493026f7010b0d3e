"""Narration of a lesson's claim, measured on a (trained) model."""

from __future__ import annotations

from ..engine import Model
from ..scenarios import find_scenario
from .lang import check_lang
from .render import render


def narrate_claim(lesson_name: str, model: Model, lang: str = "en") -> str | None:
    """The measured claim of a built-in lesson, e.g. after training; None for lessons without one
    (and for a lesson running the user's own files, whose claim was not made about them)."""
    check_lang(lang)
    scenario = find_scenario(lesson_name)
    if scenario is None or scenario.check_claim is None:
        return None
    claim = scenario.check_claim(model)
    text = render(lang, claim.message, **claim.values)
    if claim.holds is None:
        return text
    verdict = render(lang, "claim_holds" if claim.holds else "claim_fails")
    return f"{text} {verdict}" if lang == "en" else text + verdict
