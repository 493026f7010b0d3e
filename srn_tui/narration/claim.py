"""Narration of a lesson's claim, measured on a (trained) model."""

from __future__ import annotations

from ..engine import Model
from ..lessons import Claim, Lesson, find_scenario
from ..text.lang import check_lang
from .render import render


def claim_fact(lesson: Lesson | str, model: Model) -> Claim | None:
    """The claim of `lesson` (the Lesson that runs, or a built-in lesson's name) measured on `model`;
    None for lessons without a claim (and for a lesson running the user's own files, whose claim was
    not made about them). Measured once, told in any language by claim_sentence and measure_claim."""
    if not isinstance(lesson, str) and not lesson.as_made:
        return None  # the user's files: the lesson's claim was not made about them
    scenario = find_scenario(lesson) if isinstance(lesson, str) else lesson.scenario
    if scenario is None or scenario.check_claim is None:
        return None
    return scenario.check_claim(model)


def claim_sentence(claim: Claim, lang: str = "en") -> str:
    """What was measured, in `lang`, without the verdict (the training panel puts that first)."""
    return render(check_lang(lang), claim.message, **claim.values)


def told_claim(claim: Claim, lang: str = "en") -> str:
    """The measured sentence followed by the verdict, as `train` prints it and tours quote it."""
    text = claim_sentence(claim, lang)
    if claim.holds is None:
        return text
    verdict = render(lang, "claim_holds" if claim.holds else "claim_fails")
    return f"{text} {verdict}" if lang == "en" else text + verdict


def measure_claim(lesson: Lesson | str, model: Model, lang: str = "en") -> tuple[bool | None, str] | None:
    """The claim of `lesson` measured on `model`: whether it holds (None where the lesson makes no
    single yes/no claim) and the sentence saying so; None for lessons without a claim (see claim_fact)."""
    check_lang(lang)
    claim = claim_fact(lesson, model)
    return None if claim is None else (claim.holds, told_claim(claim, lang))


def narrate_claim(lesson: Lesson | str, model: Model, lang: str = "en") -> str | None:
    """The sentence of measure_claim (what the app shows after training), or None."""
    measured = measure_claim(lesson, model, lang)
    return None if measured is None else measured[1]
