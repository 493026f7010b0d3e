"""The s dialog: optimizer, learning rate, epochs, clipping, truncation, which parameters train, and
re-initialisation. Compact one-line widgets so it fits 80x24; every field is validated and a bad
one gives a one-line message naming it, leaving the dialog open."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from ...engine import INITIALIZERS, OPTIMIZERS, PARAM_NAMES, TrainConfig
from ...number_parse import NumberProblem, parse_number
from ...printable import printable
from ...session import Session
from ...text.dialogs import FieldError, say
from .closing import DismissOnce


class MarkedCheckbox(Checkbox):
    """A checkbox whose mark shows its state (X on, blank off), not only its colour: trained vs
    frozen must read the same on a monochrome projector or to a colour-blind student."""

    @property
    def BUTTON_INNER(self) -> str:  # noqa: N802 - Textual reads this class attribute at each render
        return "X" if self.value else " "


@dataclass(frozen=True)
class SettingsResult:
    config: TrainConfig
    stop_on_plateau: bool
    # (initializer, seed) when "Re-initialise" was pressed; initializer None = the lesson's own draw
    reinit: tuple[str | None, int] | None = None


LESSON_OWN = "lesson"  # the Select's value for the lesson's own initializer (not an engine name)


def drawn_text(drawn_with: tuple[str | None, int | None], lang: str = "en") -> str:
    """Where the starting weights came from, as the dialog says it (training moves on from them)."""
    initializer, seed = drawn_with
    if seed is None:
        return say(lang, "drawn_given")
    how = say(lang, "drawn_lesson") if initializer is None else initializer
    return say(lang, "drawn_seed", how=how, seed=seed)


def parse_seed(text: str) -> int:
    """A seed from the field: a whole number, 0 or more (NumPy's generators refuse negative seeds)."""
    try:
        seed = int(parse_number(text, whole=True))
    except NumberProblem:
        seed = -1
    if seed < 0:
        raise FieldError("seed_bad", text=text.strip())
    return seed


def parse_positive(name: str, text: str, integer: bool = False, blank_means_off: bool = False) -> float | None:
    """A positive number from a field; None for a blank optional field. ValueError names the field."""
    text = text.strip()
    try:
        value = parse_number(text, whole=integer)
    except NumberProblem as exc:
        if exc.kind == "empty":
            if blank_means_off:
                return None
            raise FieldError("field_empty", field=name) from None
        if integer or exc.kind == "not_a_number":
            raise FieldError("field_not_whole" if integer else "field_not_number", field=name, text=text) from None
        value = 0.0  # NaN, Inf, 1e999: refused below as a negative number is
    if value <= 0:
        raise FieldError("field_not_positive", field=name, text=text)
    return value


def build_config(
    base: TrainConfig, optimizer: str, lr: str, epochs: str, clip: str, truncate: str, trained: set[str]
) -> TrainConfig:
    """The settings as a TrainConfig; ValueError with a one-line message for the first bad field."""
    k = parse_positive("truncate k", truncate, integer=True, blank_means_off=True)
    try:
        return TrainConfig(
            epochs=int(parse_positive("epochs", epochs, integer=True) or 0),
            lr=float(parse_positive("learning rate", lr) or 0),
            optimizer=optimizer,
            clip=parse_positive("clip", clip, blank_means_off=True),
            truncate=None if k is None else int(k),
            freeze=frozenset(n for n in PARAM_NAMES if n != "h0" and n not in trained),
            train_h0="h0" in trained,
            batch_size=base.batch_size,
        )
    except FieldError:
        raise
    except ValueError as exc:  # the engine's own checks (optimizer name, lr)
        raise ValueError(str(exc).splitlines()[0]) from None


def number_text(value: float | int | None) -> str:
    return "" if value is None else f"{value:g}"


class TrainingSettingsScreen(DismissOnce, ModalScreen[SettingsResult | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, session: Session, stop_on_plateau: bool, lang: str = "en") -> None:
        super().__init__()
        self.session = session
        self.stop_on_plateau = stop_on_plateau
        self.lang = lang

    def compose(self) -> ComposeResult:
        c = self.session.training
        words = lambda key: say(self.lang, key)  # noqa: E731
        with Vertical(id="settings"):
            yield Static(words("settings_title"), id="settings-title")
            with Horizontal(classes="settings-row"):
                yield Label(words("optimizer"))
                yield Select(
                    [(o, o) for o in OPTIMIZERS], value=c.optimizer, allow_blank=False, compact=True, id="optimizer"
                )
                yield Label(words("lr"))
                yield Input(number_text(c.lr), compact=True, id="lr")
            with Horizontal(classes="settings-row"):
                yield Label(words("epochs"))
                yield Input(str(c.epochs), compact=True, id="epochs")
                yield MarkedCheckbox(words("plateau"), self.stop_on_plateau, compact=True, id="plateau")
            with Horizontal(classes="settings-row"):
                yield Label(words("clip"))
                yield Input(number_text(c.clip), compact=True, id="clip")
                yield Label(words("truncate"))
                yield Input(number_text(c.truncate), compact=True, id="truncate")
            with Horizontal(classes="settings-row"):
                yield Label(words("train"))
                for name in PARAM_NAMES:
                    yield MarkedCheckbox(name, name in c.trainable, compact=True, id=f"train-{name}")
            # The lesson's own initializer (and ranges) first, where the lesson has one: a seed then
            # re-draws the weights the lesson starts from, as `srn-tui train --seed` does.
            own = self.session.lesson.default_seed is not None
            choices = ([(words("lesson_own"), LESSON_OWN)] if own else []) + [(i, i) for i in INITIALIZERS]
            initializer, seed = self.session.drawn_with
            chosen = initializer or (LESSON_OWN if own else "xavier")
            with Horizontal(classes="settings-row", id="reinit-row"):
                yield Label(words("reinit"))
                yield Select(choices, value=chosen, allow_blank=False, compact=True, id="initializer")
                yield Label(words("seed"))
                yield Input(str(0 if seed is None else seed), compact=True, id="seed")
            yield Static(drawn_text(self.session.drawn_with, self.lang), id="settings-drawn")
            # What was typed (or pasted) is echoed here: never markup ("[/]" would raise), escaped, cut.
            yield Static("", id="settings-error", markup=False)
            with Horizontal(classes="settings-row", id="settings-buttons"):
                yield Button(words("apply"), variant="primary", compact=True, id="apply")
                yield Button(words("apply_reinit"), compact=True, id="reinit")
                yield Button(words("defaults"), compact=True, id="defaults")
                yield Button(words("cancel"), compact=True, id="cancel")

    def on_mount(self) -> None:
        self.query_one("#lr", Input).focus()

    def result(self, reinit: bool) -> SettingsResult:
        value = lambda i: self.query_one(f"#{i}", Input).value  # noqa: E731
        trained = {n for n in PARAM_NAMES if self.query_one(f"#train-{n}", Checkbox).value}
        optimizer = str(self.query_one("#optimizer", Select).value)
        config = build_config(
            self.session.training, optimizer, value("lr"), value("epochs"), value("clip"), value("truncate"), trained
        )
        init = None
        if reinit:
            chosen = str(self.query_one("#initializer", Select).value)
            init = (None if chosen == LESSON_OWN else chosen, parse_seed(value("seed")))
        return SettingsResult(config, self.query_one("#plateau", Checkbox).value, init)

    @on(Button.Pressed, "#apply, #reinit")
    @on(Input.Submitted)
    def apply(self, event: Button.Pressed | Input.Submitted) -> None:
        reinit = isinstance(event, Button.Pressed) and event.button.id == "reinit"
        try:
            result = self.result(reinit)
        except ValueError as exc:
            text = exc.words(self.lang) if isinstance(exc, FieldError) else str(exc)
            self.query_one("#settings-error", Static).update(printable(text, 120))
            return
        self.dismiss(result)

    @on(Button.Pressed, "#defaults")
    def defaults(self) -> None:
        c = self.session.lesson.training
        self.query_one("#optimizer", Select).value = c.optimizer
        for field, value in (("lr", c.lr), ("epochs", c.epochs), ("clip", c.clip), ("truncate", c.truncate)):
            self.query_one(f"#{field}", Input).value = number_text(value)
        for name in PARAM_NAMES:
            self.query_one(f"#train-{name}", Checkbox).value = name in c.trainable
        self.query_one("#settings-error", Static).update("")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
