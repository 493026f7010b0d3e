"""How a continuous training run ended, in English and Chinese, from the facts live/ reports
(`ProgressReport`: why it stopped, how many epochs ran, the plateau's patience and the best loss)."""

from __future__ import annotations

from typing import Protocol

from . import numbers
from .divergence import divergence_message
from .lang import check_lang

ENDED: dict[str, dict[str, str]] = {
    "en": {
        "budget": "trained {ran} epochs",
        "user": "stopped by request after {ran} epochs",
        "plateau": (
            "loss stopped falling: in {patience} epochs no loss fell more than {margin} below the best so far"
            " (best {best} at epoch {best_epoch})"
        ),
    },
    "zh": {
        "budget": "训练了 {ran} 轮",
        "user": "按要求停止，已训练 {ran} 轮",
        "plateau": (
            "损失不再下降：连续 {patience} 轮，损失都没有比当时最好的值再低 {margin} 以上"
            "（最好 {best}，在第 {best_epoch} 轮）"
        ),
    },
}


# The lesson's claim measured after a run, in the training panel: the verdict first (in words, not
# only in colour), then what was measured (narration.claim_sentence); on the n page under its heading.
VERDICT: dict[str, dict[str, str]] = {
    "en": {
        "holds": "The lesson's claim holds: ",
        "fails": "The lesson's claim does not hold here (s: another seed to compare): ",
        "measured": "Measured on the trained weights: ",
        "heading": "After training, epoch {epoch}:",
    },
    "zh": {
        "holds": "本课的结论成立：",
        "fails": "对这组权重，本课的结论不成立（按 s 换一个种子来比较）：",
        "measured": "在训练后的权重上测得：",
        "heading": "训练之后，第 {epoch} 轮：",
    },
}


def verdict_head(holds: bool | None, lang: str = "en") -> str:
    """The words that open the claim's paragraph: holds, does not hold, or (no yes/no claim) measured."""
    return VERDICT[check_lang(lang)]["measured" if holds is None else "holds" if holds else "fails"]


def claim_heading(epoch: int, lang: str = "en") -> str:
    return VERDICT[check_lang(lang)]["heading"].format(epoch=epoch)


class RunEnd(Protocol):
    """The facts of a finished run that its sentence needs (live.ProgressReport is one)."""

    reason: object  # live.StopReason (a str enum: "budget", "user", "plateau", "diverged") or None
    epochs_this_run: int
    best_loss: float
    best_epoch: int
    patience: int | None
    plateau_margin: float | None
    divergence: object  # engine.training.Divergence or None
    advice: tuple[float, float | None] | None


def run_end_text(report: RunEnd, lang: str = "en") -> str:
    """How the run ended in `lang`; "" while it is still running."""
    lang = check_lang(lang)
    if report.reason is None:
        return ""
    reason = str(getattr(report.reason, "value", report.reason))
    if reason == "diverged":
        fact = report.divergence
        lr, clip = report.advice if report.advice is not None else (None, None)
        return divergence_message(fact.epoch, fact.cause, lang, lr, clip)  # type: ignore[attr-defined]
    values = {
        "ran": report.epochs_this_run,
        "patience": report.patience,
        "margin": numbers.short(report.plateau_margin) if report.plateau_margin is not None else "",
        "best": numbers.short(report.best_loss),
        "best_epoch": report.best_epoch,
    }
    return ENDED[lang][reason].format(**values)
