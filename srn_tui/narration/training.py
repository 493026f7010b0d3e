"""Narration of training milestones (the live-training view and the commands call this)."""

from __future__ import annotations

import re

from .render import render
from .templates import EN

EVENTS = tuple(key.removeprefix("train_") for key in EN if key.startswith("train_"))

# The engine's divergence causes (training.Trainer), so that Chinese narration can re-tell them.
_CAUSES = (
    ("cause_loss", re.compile(r"the loss became (?P<what>NaN|Inf)")),
    ("cause_gradient", re.compile(r"the gradient of (?P<name>\w+) is (?P<what>NaN|Inf)")),
    ("cause_update", re.compile(r"the update made (?P<name>\w+) (?:became )?(?P<what>NaN|Inf)")),
)


def _cause(lang: str, cause: object) -> object:
    for key, pattern in _CAUSES:
        match = pattern.fullmatch(str(cause))
        if match:
            return render(lang, key, **match.groupdict())
    return cause  # an unknown cause is shown as given


def narrate_training(event: str, lang: str = "en", **numbers: object) -> str:
    """One sentence for a training event: started (epochs, optimizer, lr), epoch_done (epoch, loss,
    grad_norm), converged / stopped / finished (epoch, loss), stalled (epoch, loss, patience, best,
    best_epoch: the loss stopped improving well above its best), diverged (epoch, cause), undo (epoch)."""
    if event not in EVENTS:
        raise ValueError(f"unknown training event {event!r}; expected one of {', '.join(EVENTS)}")
    if "cause" in numbers:
        numbers["cause"] = _cause(lang, numbers["cause"])
    return render(lang, f"train_{event}", **numbers)
