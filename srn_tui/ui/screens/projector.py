"""Projector mode (F5, the palette, or `srn-tui --projector`): few cells, large type, for a class.

The current tick's a(t), h(t) and y(t) in large digits (Textual's `Digits`), the timeline, and one
focal panel (this tick's equation with its numbers); a high-contrast theme while it shows. Readable
on a 60x20 terminal. Stepped with the keys a presentation clicker sends (PgDn/PgUp, Space, arrows).
It reads the main screen's session: the cursor it leaves is where the main screen stands.

A guided tour plays here too (`srn-tui tour NAME --projector`, or F5 during a tour): the tour still
runs its steps on the main screen underneath (ui/tour_player.py), and tells this screen what to show
(`show_tour`): its caption in a compact panel of its own, and the focal panel following the step's
spotlight (the equation, the weights, the training status or the gradient flow). The heading moves
into the timeline's border and the keys line goes, so the caption fits at 60x20.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import Digits, Static

from ...explain import TOP_TERMS, explain_tick
from ...live.flow_target import FlowFollower
from ...session import Session
from ...text.keys import keys_of
from ...text.labels import label
from ...text.numbers import equation as num
from ...text.screens import screen_label
from ..key_labels import bindings
from ..widgets.gradient_flow import GradientFlow, flow_picture
from ..widgets.loss_curve import LossCurve
from ..widgets.timeline import Timeline
from ..widgets.tour_caption import TourCaption
from ..widgets.training_view import TrainingView
from ..widgets.weights_text import weights_text

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
CURVE_ROWS = 28  # from this screen height the training panel has room for the loss curve too
WEIGHTS = ("weights", "W_xh", "W_hh", "b_h", "W_hy", "b_y", "h0")
# A tour step's spotlight (tours/actions.py SPOTLIGHTS) -> the one focal panel the projector shows.
FOCAL = {
    **{name: "equation" for name in ("timeline", "tick", "equation", "narration")},
    **{name: "weights" for name in WEIGHTS},
    "loss": "training",
    "status": "training",
    "flow": "flow",
}


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
    plays_tours = True  # the app's tour keys reach a tour from here (SrnApp.check_action)

    def __init__(self, session: Session, lang: str = "en", training: TrainingView | None = None) -> None:
        """`training`: the main screen's training view, whose status text and flow target the
        focal panel shows when a tour's step spotlights them (one owner for each)."""
        super().__init__()
        self.session, self.lang = session, lang
        self.training = training
        self.focal = "equation"
        self.spotlight: str | None = None
        self._theme_before: str | None = None
        self._fitted = 0  # the focal panel's height its text was written for

    def compose(self) -> ComposeResult:
        yield Static(id="pj-heading", markup=False)
        yield Timeline(self.session, id="pj-timeline")
        with Horizontal(id="pj-digits"):
            for name in CELLS:
                with Vertical(classes="pj-cell"):
                    yield Static(id=f"pj-label-{name}", classes="pj-label", markup=False)
                    yield Digits("-", id=f"pj-{name}")
        yield Static(id="pj-focal", markup=False)
        yield LossCurve(id="pj-loss")
        yield GradientFlow(wrap_reading=True, id="pj-flow")
        yield TourCaption(compact=True, id="pj-caption")
        yield Static(screen_label(self.lang, "projector_keys"), id="pj-keys", markup=False)

    def on_mount(self) -> None:
        self.app.register_theme(PROJECTOR_THEME)
        self._theme_before = self.app.theme
        self.app.theme = PROJECTOR_THEME.name
        timeline = self.query_one(Timeline)
        timeline.lang = self.lang
        self.show()
        if getattr(self.app, "tour", None) is not None:
            self.call_later(self.app.tour.refresh)  # F5 during a tour: its caption and spotlight come here

    def on_unmount(self) -> None:
        if self._theme_before is not None:
            self.app.theme = self._theme_before

    @property
    def touring(self) -> bool:
        return self.has_class("touring")

    def show_tour(self, caption: tuple | None, spotlight: str | None) -> None:
        """A tour's step (from ui/tour_player.py): `caption`, the arguments of TourCaption.show_step
        (None: the tour ended, the projector is itself again), and the panel the step spotlights."""
        self.set_class(caption is not None, "touring")
        if caption is not None:
            self.query_one("#pj-caption", TourCaption).show_step(*caption)
            if caption[0] != self.lang:  # the language was switched (the palette): the panels follow
                self.lang = self.query_one(Timeline).lang = caption[0]
                self.query_one("#pj-keys", Static).update(screen_label(self.lang, "projector_keys"))
        self.spotlight = spotlight if caption is not None else None
        self.focal = FOCAL.get(self.spotlight or "", "equation")
        spotted = "pj-timeline" if self.spotlight == "timeline" else ("pj-flow" if self.focal == "flow" else "pj-focal")
        for widget in self.query("#pj-timeline, #pj-focal, #pj-flow"):
            widget.set_class(self.spotlight is not None and widget.id == spotted, "tour-spot")
        self.show()

    def show(self) -> None:
        """Every part from the session (stepping changes only the cursor: cheap)."""
        s = self.session
        trained = label(self.lang, "header_epoch", epoch=s.epoch) if s.epoch else ""  # as the main header says
        heading = (
            f"{screen_label(self.lang, 'projector_title')}   {s.lesson.name}{trained}   t = {s.cursor} / {s.length}"
        )
        self.query_one("#pj-heading", Static).update(Text(heading))
        timeline = self.query_one(Timeline)
        timeline.border_title = Text(heading) if self.touring else None  # the heading line gives way to the caption
        timeline.show(s)
        for name, (text, value) in big_numbers(s).items():
            self.query_one(f"#pj-label-{name}", Static).update(Text(text))
            self.query_one(f"#pj-{name}", Digits).update(value)
        flow = self.query_one("#pj-flow", GradientFlow)
        flow.display = self.focal == "flow"
        if self.focal == "flow":
            flow.show(self._flow_picture())
        focal = self.query_one("#pj-focal", Static)
        focal.display = self.focal != "flow"
        focal.border_title = self._focal_title()
        self._show_loss_curve()
        self._fitted = focal.content_size.height
        focal.update(self._focal_text(self._fitted))
        self.call_after_refresh(self._refit)  # a caption of another height moved the panel's bottom

    def on_resize(self) -> None:
        self._show_loss_curve()
        self.call_after_refresh(self._refit)

    def _show_loss_curve(self) -> None:
        """Under the training status, the main screen's loss curve, when the screen has the rows for
        both (at 60x20 the status alone fills the panel)."""
        curve = self.query_one("#pj-loss", LossCurve)
        shown = self._focal_kind() == "training" and self.training is not None and self.size.height >= CURVE_ROWS
        curve.display = shown
        self.query_one("#pj-focal").set_class(shown, "above-curve")
        if shown:
            source = self.training.loss
            curve.lang = self.lang
            curve.set_scale(source.scale)
            curve.show(source.epochs, source.losses)

    def _refit(self) -> None:
        """The equation again if the focal panel's height changed since it was written for it."""
        focal = next(iter(self.query("#pj-focal").results(Static)), None)
        if focal is None:  # the screen was closed (F5, Escape) before this refresh came
            return
        if focal.display and focal.content_size.height != self._fitted:
            self._fitted = focal.content_size.height
            focal.update(self._focal_text(self._fitted))

    def _focal_kind(self) -> str:
        """What the focal panel shows: the step's choice; in a tour at t = 0 (nothing computed yet)
        the weights every tick will share instead of an empty equation."""
        if self.focal == "equation" and self.touring and self.session.current is None:
            return "weights"
        return self.focal

    def _focal_title(self) -> str:
        if self._focal_kind() == "weights":
            return label(self.lang, "title_weights")
        if self.focal == "training":
            return label(self.lang, "title_training")
        return screen_label(self.lang, "projector_focal")

    def _focal_text(self, height: int) -> Text:
        """The focal panel's text for `height` lines (0: not laid out yet)."""
        s = self.session
        if self._focal_kind() == "weights":
            first = self.spotlight if self.spotlight in s.model.params else None
            return weights_text(s.model.params, s.training.trainable, first, self.lang)
        if self.focal == "training" and self.training is not None:
            status = self.training.status.content  # the main screen's status panel: what training did
            return status.copy() if isinstance(status, Text) else Text(str(status))
        if s.current is None:
            return Text(screen_label(self.lang, "projector_no_tick"))
        return Text("\n".join(self._equation(height)))

    def _equation(self, height: int) -> list[str]:
        """This tick's equation; a big layer's sum with as many of its largest terms as leave the
        h(t), y(t) and loss lines on the panel (at least one term)."""
        s = self.session
        for top in range(TOP_TERMS, 0, -1):
            lines = explain_tick(s.model, s.current, s.focus_unit, self.lang, top)
            if not height or len(lines) <= height:
                break
        return lines

    def _flow_picture(self):
        """The gradient flow of the target the main screen's flow panel follows, at this cursor."""
        s = self.session
        follower = self.training.flow_follower if self.training is not None else FlowFollower()
        flow = follower.flow(s.trace, s.cursor, s.training.truncate)
        # no keys in its title: the projector does not bind [ ] (a tour moves the target itself)
        return replace(flow_picture(flow, s.length, s.cursor, s.flow_norms, self.lang), keys="")

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
