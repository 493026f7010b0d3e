"""Narration of a lesson's claim, measured on a (trained) model."""

from __future__ import annotations

from ..engine import Model
from ..lessons import find_scenario
from .lang import check_lang
from .render import render


def measure_claim(lesson_name: str, model: Model, lang: str = "en") -> tuple[bool | None, str] | None:
    """The claim of a built-in lesson measured on `model`: whether it holds (None where the lesson
    makes no single yes/no claim) and the sentence saying so; None for lessons without a claim (and
    for a lesson running the user's own files, whose claim was not made about them)."""
    check_lang(lang)
    scenario = find_scenario(lesson_name)
    if scenario is None or scenario.check_claim is None:
        return None
    claim = scenario.check_claim(model)
    text = render(lang, claim.message, **claim.values)
    if claim.holds is None:
        return None, text
    verdict = render(lang, "claim_holds" if claim.holds else "claim_fails")
    return claim.holds, f"{text} {verdict}" if lang == "en" else text + verdict


def narrate_claim(lesson_name: str, model: Model, lang: str = "en") -> str | None:
    """The sentence of measure_claim (what the app shows after training), or None."""
    measured = measure_claim(lesson_name, model, lang)
    return None if measured is None else measured[1]
