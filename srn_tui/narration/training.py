"""Narration of training milestones (the live-training view and the commands call this)."""

from __future__ import annotations

from .render import render
from .templates import EN

EVENTS = tuple(key.removeprefix("train_") for key in EN if key.startswith("train_"))


def narrate_training(event: str, lang: str = "en", **numbers: object) -> str:
    """One sentence for a training event: started (epochs, optimizer, lr), epoch_done (epoch, loss,
    grad_norm), converged / stopped / finished (epoch, loss), diverged (epoch, cause), undo (epoch)."""
    if event not in EVENTS:
        raise ValueError(f"unknown training event {event!r}; expected one of {', '.join(EVENTS)}")
    return render(lang, f"train_{event}", **numbers)
