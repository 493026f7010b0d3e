"""A divergence in words: the engine's fact (what stopped being finite, in which epoch) told in
English or Chinese, with advice. The one owner of these sentences: the command line, the app's
toast and narration, the live report and the animated epoch's refused update all read them here.

The engine reports the fact (engine.training.Divergence: kind, value, parameter, epoch). Its
English cause travels as a `Cause`, a str that keeps the fact, so another language re-tells it
from the fact, never by parsing the English.
"""

from __future__ import annotations

from typing import Protocol

from . import numbers
from .lang import check_lang

# kind -> what stopped being finite; {value} is NaN or Inf, {parameter} a parameter's name
CAUSES: dict[str, dict[str, str]] = {
    "en": {
        "loss": "the loss became {value}",
        "gradient": "the gradient of {parameter} is {value}",
        "update": "the update made {parameter} {value}",
    },
    "zh": {
        "loss": "损失变成了 {value}",
        "gradient": "{parameter} 的梯度是 {value}",
        "update": "这次更新让 {parameter} 变成了 {value}",
    },
}
MESSAGE = {
    "en": "training diverged at epoch {epoch}: {cause}; kept the last finite weights; {advice}",
    "zh": "第 {epoch} 轮训练发散（{cause}）；权重保留在最后一组有限值。{advice}",
}
# The advice: the learning rate in force and the clipping, when the caller knows them.
ADVICE = {
    "en": {
        "plain": "try a lower learning rate or gradient clipping",
        "no_clip": "try a lower learning rate (now {lr}) or turn on gradient clipping",
        "clip": "try a lower learning rate (now {lr}) or a smaller gradient clip (now {clip})",
    },
    "zh": {
        "plain": "请降低学习率或使用梯度裁剪。",
        "no_clip": "请降低学习率（现在为 {lr}）或打开梯度裁剪。",
        "clip": "请降低学习率（现在为 {lr}）或减小梯度裁剪阈值（现在为 {clip}）。",
    },
}


class Nonfinite(Protocol):
    """What stopped being finite (engine.training.Diverged and Divergence have these)."""

    kind: str  # "loss" | "gradient" | "update"
    value: str  # "NaN" | "Inf"
    parameter: str | None


class Cause(str):
    """The cause in English words that keeps its fact (kind, value, parameter)."""

    kind: str
    value: str
    parameter: str | None

    def __new__(cls, kind: str, value: str, parameter: str | None = None) -> Cause:
        self = super().__new__(cls, CAUSES["en"][kind].format(value=value, parameter=parameter))
        self.kind, self.value, self.parameter = kind, value, parameter
        return self

    def __reduce__(self) -> tuple[type[Cause], tuple[str, str, str | None]]:
        return Cause, (self.kind, self.value, self.parameter)


def cause_text(fact: Nonfinite, lang: str = "en") -> str:
    """What stopped being finite, in `lang` ("the loss became Inf")."""
    if lang == "en":
        return Cause(fact.kind, fact.value, fact.parameter)
    return CAUSES[check_lang(lang)][fact.kind].format(value=fact.value, parameter=fact.parameter)


def retold(cause: object, lang: str) -> object:
    """A cause in `lang`: a Cause is told from its fact; anything else is shown as given."""
    return cause_text(cause, lang) if isinstance(cause, Cause) else cause


def divergence_message(
    epoch: int, cause: object, lang: str = "en", lr: float | None = None, clip: float | None = None
) -> str:
    """The one sentence for a divergence: when, why (a Cause is re-told in `lang`), that the last
    finite weights are kept, and what to try. With `lr` the advice names the learning rate and the
    clipping in force (`clip`, None: off); without it, the general advice."""
    lang = check_lang(lang)
    advice = ADVICE[lang]
    if lr is None:
        tip = advice["plain"]
    elif clip is None:
        tip = advice["no_clip"].format(lr=numbers.short(lr))
    else:
        tip = advice["clip"].format(lr=numbers.short(lr), clip=numbers.short(clip))
    return MESSAGE[lang].format(epoch=epoch, cause=retold(cause, lang), advice=tip)
