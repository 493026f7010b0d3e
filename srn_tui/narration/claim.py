"""Narration of a lesson's claim, measured on a (trained) model."""

from __future__ import annotations

from ..engine import Model
from ..lessons import Lesson, find_scenario
from ..text.lang import check_lang
from .render import render


def measure_claim(lesson: Lesson | str, model: Model, lang: str = "en") -> tuple[bool | None, str] | None:
    """The claim of `lesson` (the Lesson that runs, or a built-in lesson's name) measured on `model`:
    whether it holds (None where the lesson makes no single yes/no claim) and the sentence saying so;
    None for lessons without a claim (and for a lesson running the user's own files, whose claim was
    not made about them)."""
    check_lang(lang)
    if not isinstance(lesson, str) and not lesson.as_made:
        return None  # the user's files: the lesson's claim was not made about them
    scenario = find_scenario(lesson) if isinstance(lesson, str) else lesson.scenario
    if scenario is None or scenario.check_claim is None:
        return None
    claim = scenario.check_claim(model)
    text = render(lang, claim.message, **claim.values)
    if claim.holds is None:
        return None, text
    verdict = render(lang, "claim_holds" if claim.holds else "claim_fails")
    return claim.holds, f"{text} {verdict}" if lang == "en" else text + verdict


def narrate_claim(lesson: Lesson | str, model: Model, lang: str = "en") -> str | None:
    """The sentence of measure_claim (what the app shows after training), or None."""
    measured = measure_claim(lesson, model, lang)
    return None if measured is None else measured[1]
