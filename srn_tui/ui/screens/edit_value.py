"""A small modal asking for a new value of one weight; dismisses with the float or None (cancelled)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ...number_parse import NumberProblem, parse_number
from ...text.dialogs import FieldError, say
from ..widgets.heatmap import Heatmap
from .closing import DismissOnce


def parse_finite_float(text: str) -> float:
    """The number in `text` (srn_tui.number_parse's grammar); ValueError with a one-line,
    user-facing message otherwise."""
    try:
        return float(parse_number(text))
    except NumberProblem as exc:
        if exc.kind == "empty":
            raise FieldError("edit_empty") from None
        if exc.kind == "not_a_number":
            raise FieldError("edit_not_number", text=exc.text) from None
        raise FieldError("edit_not_finite", text=exc.text) from None


class EditValueScreen(DismissOnce, ModalScreen[float | None]):
    """ "New value for W_hh[0,0] (now 0.100000)": Enter accepts a finite float, Escape cancels."""

    DEFAULT_CSS = """
    EditValueScreen {
        align: center middle;
    }
    EditValueScreen > #edit-dialog {
        width: 56;
        max-width: 100%;
        height: auto;
        border: round $accent;
        background: $panel;
        padding: 0 1;
    }
    EditValueScreen #edit-error {
        color: $error;
        height: auto;
    }
    EditValueScreen #edit-keys {
        color: $text-muted;
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, target: str, current: float, lang: str = "en") -> None:
        super().__init__()
        self.target = target
        self.current = current
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="edit-dialog"):
            # markup=False: names come from the model, never parsed as markup.
            text = say(self.lang, "edit_label", target=self.target, value=f"{self.current:.6f}")
            yield Static(text, id="edit-label", markup=False)
            yield Input(placeholder=f"{self.current:.6g}", id="edit-input")
            yield Static("", id="edit-error", markup=False)
            yield Static(say(self.lang, "edit_keys"), id="edit-keys", markup=False)

    def on_mount(self) -> None:
        self.query_one("#edit-input", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#edit-error", Static).update("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            value = parse_finite_float(event.value)
        except FieldError as exc:
            self.query_one("#edit-error", Static).update(exc.words(self.lang))
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class EditsCells:
    """Mixed into a screen (or app) holding heatmaps: Enter on a cell opens EditValueScreen, and a
    value typed there comes back from the heatmap as CellEdited (nothing when cancelled)."""

    def on_heatmap_edit_requested(self, event: Heatmap.EditRequested) -> None:
        event.stop()
        heatmap, row, col = event.heatmap, event.row, event.col

        def edited(value: float | None) -> None:
            if value is not None:
                heatmap.post_edited(row, col, value)

        lang = getattr(self, "lang", "en")  # the screen's language (a bare test app has none)
        heatmap.app.push_screen(EditValueScreen(event.label, event.value, lang), edited)
