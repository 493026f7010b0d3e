"""Narration of training milestones (the live-training view and the commands call this)."""

from __future__ import annotations

from ..text.divergence import divergence_message
from .render import render
from .templates import EN

# "diverged" is told by text.divergence, the one owner of that sentence.
EVENTS = (*(key.removeprefix("train_") for key in EN if key.startswith("train_")), "diverged")


def narrate_training(event: str, lang: str = "en", **numbers: object) -> str:
    """One sentence for a training event: started (epochs, optimizer, lr), epoch_done (epoch, loss,
    grad_norm), converged / stopped / finished (epoch, loss), stalled (epoch, loss, patience, best,
    best_epoch: the loss stopped improving well above its best), diverged (epoch, cause: the engine's
    Cause is re-told in `lang`, other text shown as given; lr and clip, when given, name the settings
    in force in the advice), undo (epoch)."""
    if event not in EVENTS:
        raise ValueError(f"unknown training event {event!r}; expected one of {', '.join(EVENTS)}")
    if event == "diverged":
        missing = sorted({"epoch", "cause"} - set(numbers))
        if missing:
            raise ValueError(f"narration 'train_diverged': missing value for {missing[0]!r}")
        lr, clip = numbers.get("lr"), numbers.get("clip")
        return divergence_message(int(numbers["epoch"]), numbers["cause"], lang, lr, clip)  # type: ignore[arg-type]
    return render(lang, f"train_{event}", **numbers)
