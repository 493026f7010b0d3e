"""The one table from a tour's words to the app's own actions, and the panels a tour can spotlight.

A tour names what to do (`step`, `train 400`); the app does it with the action its key runs
(`step(1)` is what Right does), so a tour stays true when keys change. Headless: only names here;
ui/tour_player.py runs them on the main screen.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TourAction:
    action: str  # the main screen's action (the one its key binding runs)
    key: str  # the key a user presses for it, for the README and the help
    argument: str | None = None  # "count": repeat N times; "epochs": train N epochs; "tick": go to tick N
    view: bool | None = None  # a view action: the state wanted (its key toggles, so only if needed)
    state: str = ""  # which view: "training" (v), "weights" (w), "memory" (m); "states": the p / d screen
    waits: bool = False  # training: the tour waits until the run ends before the caption


ACTIONS: dict[str, TourAction] = {
    "step": TourAction("step(1)", "Right", argument="count"),
    "back": TourAction("step(-1)", "Left", argument="count"),
    "go": TourAction("step", "Right/Left", argument="tick"),  # step(t - cursor): to tick N
    "start": TourAction("go_start", "Home"),
    "end": TourAction("go_end", "End"),
    "reset": TourAction("reset", "r"),
    "play": TourAction("play", "Space"),
    "train-epoch": TourAction("train_epoch", "t", waits=True),
    "train": TourAction("train", "T", argument="epochs", waits=True),
    "undo": TourAction("undo_training", "u"),
    "training-view": TourAction("toggle_training_view", "v", view=True, state="training"),
    "steps-view": TourAction("toggle_training_view", "v", view=False, state="training"),
    "weights-only": TourAction("toggle_weights", "w", view=True, state="weights"),
    "all-panels": TourAction("toggle_weights", "w", view=False, state="weights"),
    "earlier-target": TourAction("flow_target(-1)", "[", argument="count"),
    "later-target": TourAction("flow_target(1)", "]", argument="count"),
    "memory-view": TourAction("toggle_memory", "m", view=True, state="memory"),
    "memory-off": TourAction("toggle_memory", "m", view=False, state="memory"),
    # The state-space screen (ui/tour_states.py): opened as p / d do, waited on until its analysis
    # of the weights shown is drawn; leave-states closes it as Escape does there.
    "trajectory": TourAction("state_space('trajectory')", "p", state="states"),
    "dendrogram": TourAction("state_space('dendrogram')", "d", state="states"),
    "leave-states": TourAction("close", "Escape", state="states"),
}

# Stable names of the panels (the main screen's widget ids; heatmaps are `heatmap-<name>`).
SPOTLIGHTS: dict[str, str] = {
    "timeline": "#timeline",
    "tick": "#tick",
    "equation": "#explain",  # the bordered panel around the equation (its title names it)
    "narration": "#narration",
    "weights": "#weights",
    "flow": "#flow",
    "loss": "#loss",
    "status": "#train-status",
    "memory": "#memory",
    **{name: f"#heatmap-{name}" for name in ("W_xh", "W_hh", "b_h", "W_hy", "b_y", "h0")},
}
