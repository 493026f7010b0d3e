"""Projector mode (F5, the palette, or `srn-tui --projector`): few cells, large type, for a class.

The current tick's a(t), h(t) and y(t) in large digits (Textual's `Digits`), the timeline, and one
focal panel (this tick's equation with its numbers); a high-contrast theme while it shows. Readable
on a 60x20 terminal. Stepped with the keys a presentation clicker sends (PgDn/PgUp, Space, arrows).
It reads the main screen's session: the cursor it leaves is where the main screen stands.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import Digits, Static

from ...explain import explain_tick
from ...session import Session
from ...text.keys import keys_of
from ...text.numbers import equation as num
from ...text.screens import screen_label
from ..key_labels import bindings
from ..widgets.timeline import Timeline

# Black on white would glare on a projector; white and yellow on black carry across a room.
PROJECTOR_THEME = Theme(
    name="srn-projector",
    primary="#ffffff",
    secondary="#ffff00",
    accent="#ffff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#000000",
    warning="#ffff00",
    error="#ff5555",
    success="#55ff55",
    dark=True,
)
CELLS = ("a", "h", "y")  # the three numbers shown large: the sum, the hidden state, the output


def unit_name(name: str, j: int, size: int, t: int) -> str:
    """`h(3)` for a one-unit layer, `h_2(3)` otherwise (0-based, as the weights panel counts)."""
    return f"{name}({t})" if size == 1 else f"{name}_{j}({t})"


def big_numbers(session: Session) -> dict[str, tuple[str, str]]:
    """(label, value) of a(t), h(t) and y(t) at the cursor for the focus unit (output 0); '-' at t = 0."""
    rec, model, j = session.current, session.model, session.focus_unit
    t = session.cursor
    if rec is None:
        return {name: (f"{name}({t})", "-") for name in CELLS}
    return {
        "a": (unit_name("a", j, model.hidden_size, t), num(float(rec.a[j]))),
        "h": (unit_name("h", j, model.hidden_size, t), num(float(rec.h[j]))),
        "y": (unit_name("y", 0, model.output_size, t), num(float(rec.y[0]))),
    }


class ProjectorScreen(Screen):
    CSS_PATH = Path(__file__).parent.parent / "styles" / "projector.tcss"
    BINDINGS = bindings(keys_of("projector"))  # the key table (text/keys.py)

    def __init__(self, session: Session, lang: str = "en") -> None:
        super().__init__()
        self.session, self.lang = session, lang
        self._theme_before: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="pj-heading", markup=False)
        yield Timeline(self.session, id="pj-timeline")
        with Horizontal(id="pj-digits"):
            for name in CELLS:
                with Vertical(classes="pj-cell"):
                    yield Static(id=f"pj-label-{name}", classes="pj-label", markup=False)
                    yield Digits("-", id=f"pj-{name}")
        yield Static(id="pj-focal", markup=False)
        yield Static(screen_label(self.lang, "projector_keys"), id="pj-keys", markup=False)

    def on_mount(self) -> None:
        self.app.register_theme(PROJECTOR_THEME)
        self._theme_before = self.app.theme
        self.app.theme = PROJECTOR_THEME.name
        timeline = self.query_one(Timeline)
        timeline.lang = self.lang
        self.query_one("#pj-focal").border_title = screen_label(self.lang, "projector_focal")
        self.show()

    def on_unmount(self) -> None:
        if self._theme_before is not None:
            self.app.theme = self._theme_before

    def show(self) -> None:
        """Every part from the session (stepping changes only the cursor: cheap)."""
        s = self.session
        heading = f"{screen_label(self.lang, 'projector_title')}   {s.lesson.name}   t = {s.cursor} / {s.length}"
        self.query_one("#pj-heading", Static).update(Text(heading))
        self.query_one(Timeline).show(s)
        for name, (text, value) in big_numbers(s).items():
            self.query_one(f"#pj-label-{name}", Static).update(Text(text))
            self.query_one(f"#pj-{name}", Digits).update(value)
        if s.current is None:
            focal = screen_label(self.lang, "projector_no_tick")
        else:
            focal = "\n".join(explain_tick(s.model, s.current, s.focus_unit, self.lang))
        self.query_one("#pj-focal", Static).update(Text(focal))

    # ----- keys (a clicker sends PgDn/PgUp, or Space/arrows) -----
    def action_step(self, delta: int) -> None:
        self.session.go_to(self.session.cursor + delta)
        self.show()

    def action_go_start(self) -> None:
        self.session.go_start()
        self.show()

    def action_go_end(self) -> None:
        self.session.go_end()
        self.show()

    def action_close(self) -> None:
        self.dismiss(None)
