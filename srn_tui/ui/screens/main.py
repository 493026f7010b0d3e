"""The step-through screen: timeline on top, this tick + equation side by side, weights, narration.

The screen owns the layout and the stepping keys; the session does the math; widgets redraw
in place from it. Below 100x30 a compact class drops borders so everything still fits 80x24.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer

from ...explain import TOP_TERMS, explain_tick
from ...narration import narrate_training
from ...session import Session
from ...text.keys import keys_of
from ...text.labels import label
from ...text.messages import message as words
from ...text.screens import screen_label
from ..key_labels import bindings
from ..widgets.equation import EquationPanel
from ..widgets.header import StepHeader
from ..widgets.heatmap import Heatmap
from ..widgets.loading_line import LoadingLine
from ..widgets.memory import MemoryView
from ..widgets.narration import NarrationLine
from ..widgets.tick_panel import TickPanel
from ..widgets.timeline import Timeline
from ..widgets.training_view import TrainingView
from ..widgets.weights_panel import WeightsPanel, lesson_weight
from .edit_value import EditsCells
from .training import TrainsLive

PLAY_DELAYS = (2.0, 1.2, 0.8, 0.5, 0.3, 0.15)  # seconds per tick, slow to fast
COMPACT_BELOW = (100, 30)
ROOMY_FROM = (160, 50)
ROOMY_TERMS = 16


def hidden_unit_of(name: str, row: int, col: int) -> int | None:
    """The hidden unit a weight cell belongs to: its row in W_xh/W_hh/b_h, its column in W_hy."""
    if name in ("W_xh", "W_hh"):
        return row
    if name == "b_h":
        return col if row == 0 else row
    if name == "W_hy":
        return col
    return None


# (selector, label key) of the panels titled in the current language; the timeline's depends on its size
PANEL_TITLES = (
    ("#tick", "title_tick"),
    ("#explain", "title_equation"),
    ("#narration", "title_narration"),
    ("#weights", "title_weights"),
)
# The widgets the memory view (m) changes (styles/main.tcss: `.memory-view`).
MEMORY_VIEW = ("#memory", "#middle", "#weights")


class MainScreen(TrainsLive, EditsCells, Screen):
    BINDINGS = bindings(keys_of("main"))  # the key table: footer, help, palette and hints

    def __init__(self, session: Session, lang: str = "en") -> None:
        super().__init__()
        self.session = session
        self.lang = lang
        self.speed = 2
        self._timer: Timer | None = None
        self._shown_version = -1
        self.narration_text = ""
        self._said: tuple[str, dict[str, object]] | None = None
        self.training = TrainingView(session, lang, id="training")  # its runs: screens/training.py
        self.init_training()

    def compose(self) -> ComposeResult:
        yield StepHeader()
        with Vertical(id="body"):
            yield Timeline(self.session, id="timeline")
            yield self.training
            with Horizontal(id="middle"):
                yield TickPanel(self.session, id="tick")
                with Vertical(id="explain"):
                    yield EquationPanel("", id="equation")
                    yield NarrationLine(self.lang, id="narration")
            yield WeightsPanel(id="weights")
            yield MemoryView(id="memory")
        yield LoadingLine(id="loading")
        yield Footer()

    def on_mount(self) -> None:
        self.apply_lang()
        self.sync()
        self.refresh_training()

    def apply_lang(self) -> None:
        """The panels' titles and labels in the current language (the narration has its own)."""
        for selector, key in PANEL_TITLES:
            self.query_one(selector).border_title = label(self.lang, key)
        self.show_equation_line()  # the timeline's title and subtitle
        self.training.set_lang(self.lang)
        if self.memory_view.lang != self.lang:
            self.memory_view.lang = self.lang
            self.memory_view.apply_lang()
        self.weights_panel.set_lang(self.lang)
        for widget in (self.query_one(Timeline), self.query_one(TickPanel), self.query_one(EquationPanel)):
            if widget.lang != self.lang:
                widget.lang = self.lang
                widget.show(self.session)

    def on_resize(self) -> None:
        width, height = self.size
        compact = width < COMPACT_BELOW[0] or height < COMPACT_BELOW[1]
        self.set_class(compact, "compact")
        self.apply_lang()
        roomy = width >= ROOMY_FROM[0] and height >= ROOMY_FROM[1]
        self.set_class(roomy, "roomy")
        equation = self.query_one(EquationPanel)
        top = ROOMY_TERMS if roomy else TOP_TERMS  # the spare room writes out more of a big sum
        if equation.top != top:
            equation.top = top
            equation.show(self.session)

    # ----- redraw -----
    def sync(self) -> None:
        """Redraw every panel from the session (cheap when nothing changed) and tell listeners."""
        s = self.session
        if s.version == self._shown_version:
            return
        self._shown_version = s.version
        self.query_one(Timeline).show(s)
        self.query_one(TickPanel).show(s)
        self.query_one(EquationPanel).show(s)
        focus = lesson_weight(s.training.freeze)  # kept in view: W_hh, or the weight trained (W_hy on seed)
        self.weights_panel.show(s.model, s.selected_unit, s.model_version, focus)  # a step leaves the weights alone
        self.query_one(NarrationLine).show(s)
        self.memory_view.show(s)
        if self.training_view:  # the flow costs H^3 per tick (150 units: ~0.3 s); show_training_view catches up
            self.training.show_flow()
        self.show_header()
        self.show_equation_line()
        if s.at_end:
            self.stop_playing()

    def show_header(self) -> None:
        s = self.session
        trained = (
            label(self.lang, "header_epoch_running" if self.running else "header_epoch", epoch=s.epoch)
            if s.epoch
            else ""
        )
        playing = f"   > {screen_label(self.lang, 'playing', delay=PLAY_DELAYS[self.speed])}" if self.playing else ""
        count, index = len(s.lesson.sequences), s.sequence_index
        seq = label(self.lang, "header_seq", index=index + 1, count=count) if count > 1 and index is not None else ""
        header = self.query_one(StepHeader)
        parts = [s.lesson.name, seq, trained, f"   t = {s.cursor} / {s.length}", playing]
        # Playing must show that it plays: where the line is too narrow (80 cells, a long lesson name,
        # several sequences, trained) the sequence and then the epoch give way while it plays.
        room = header.title_room()
        for part in (seq, trained) if playing and room else ():
            if cell_len("".join(parts)) <= room:
                break
            parts.remove(part)
        header.show_sub_title("".join(parts))

    def show_equation_line(self) -> None:
        """The timeline's title; in the training view (no equation panel) this tick's h(t) equation too,
        on its bottom border, or when compact (no bottom border) in its title."""
        timeline = self.query_one(Timeline)
        compact = self.has_class("compact")  # compact crops the timeline's last line: its note goes in the title
        title = label(self.lang, "title_timeline_compact" if compact else "title_timeline")
        line = None
        if timeline.has_class("training-view"):
            s = self.session
            lines = explain_tick(s.model, s.current, s.focus_unit, self.lang)
            line = next((text.strip() for text in lines if text.lstrip().startswith("h")), None)
            if compact and line is not None:
                title, line = line, None
        if timeline.border_title != title:
            timeline.border_title = title
        if timeline.border_subtitle != line:
            timeline.border_subtitle = line

    # ----- keys -----
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While a weight heatmap has focus its arrows move the cell: stepping (and its footer entry,
        which would say the arrows step) waits until Escape or Tab leaves it."""
        return not (action == "step" and isinstance(self.focused, Heatmap))

    def action_step(self, delta: int) -> None:
        self.session.go_to(self.session.cursor + delta)
        self.sync()

    def action_go_start(self) -> None:
        self.session.go_start()
        self.sync()

    def action_go_end(self) -> None:
        self.session.go_end()
        self.sync()

    def action_reset(self) -> None:
        self.stop_playing()
        self.training.flow_follower.unpin()  # the flow follows the cursor again
        self.session.reset()
        self.sync()

    def action_play(self) -> None:
        if self._timer is not None:
            self.stop_playing()
            return
        if self.session.at_end:
            self.session.go_start()
            self.sync()
        self._timer = self.set_interval(PLAY_DELAYS[self.speed], self._advance)
        self.show_header()  # the header says it plays, and how fast, for as long as it does

    def action_speed(self, delta: int) -> None:
        self.speed = max(0, min(len(PLAY_DELAYS) - 1, self.speed + delta))
        if self._timer is not None:
            self._timer.stop()
            self._timer = self.set_interval(PLAY_DELAYS[self.speed], self._advance)
            self.show_header()
        else:
            self.notify(words(self.lang, "speed", delay=PLAY_DELAYS[self.speed]), timeout=1.5)

    def action_sequence(self, delta: int) -> None:
        """o / O: step through the lesson's next or previous sequence (training is left as it is)."""
        index = self.session.sequence_index
        if len(self.session.lesson.sequences) < 2 or index is None:
            return
        self.stop_playing()
        self.session.show_sequence(index + delta)
        self.sync()

    def action_toggle_weights(self) -> None:
        self.toggle_class("weights-only")

    @property
    def memory_view(self) -> MemoryView:
        return self.query_one("#memory", MemoryView)

    def action_toggle_memory(self) -> None:
        """The memory view in place of this tick, the equation and the weights (classes on the widgets
        concerned, as the training view: a class on the screen would restyle every node)."""
        on = not self.memory_view.has_class("memory-view")
        for selector in MEMORY_VIEW:
            self.query_one(selector).set_class(on, "memory-view")
        if on:
            self.memory_view.lang = self.lang
            self.memory_view.show(self.session)

    def action_escape(self) -> None:
        """Cancel a load, else stop a training run if one is on, else back to stepping (focus the timeline)."""
        if self.app.loader.cancel():
            return
        if self.running:
            self.stop_training()
        else:
            self.query_one(Timeline).focus()

    def frame_delay(self) -> float:
        """Seconds per frame of an animated epoch: twice the play speed."""
        return PLAY_DELAYS[self.speed] / 2

    def action_state_space(self, view: str) -> None:
        """The hidden states' trajectory (p) or dendrogram (d) on a screen of their own."""
        from .state_space import StateSpaceScreen

        self.stop_playing()
        self.app.push_screen(StateSpaceScreen(self.session, self.lang, view), lambda _: self.sync())

    def action_projector(self) -> None:
        """Projector mode: large digits for a class, on the same session (F5, the palette, --projector)."""
        from .projector import ProjectorScreen

        self.stop_playing()
        self.app.push_screen(ProjectorScreen(self.session, self.lang, self.training), lambda _: self.sync())

    # ----- another lesson, model or sequence (ui/loading.py) -----
    @property
    def loading_line(self) -> LoadingLine:
        return self.query_one("#loading", LoadingLine)

    def leave_lesson(self) -> None:
        """Before the session takes another lesson: stop playing, and stop and forget any training run."""
        self.stop_playing()
        self.drop_training()

    def enter_lesson(self) -> None:
        """After: every panel and the training view from the new lesson (no old run's words left)."""
        self.narrate("")
        self.sync()
        self.refresh_training()

    @property
    def weights_panel(self) -> WeightsPanel:
        return self.query_one("#weights", WeightsPanel)

    def narrate(self, text: str) -> None:
        self.narration_text = text
        self._said = None

    def say(self, event: str, **numbers: object) -> str:
        """A training message in the current language, remembered so that a language switch re-tells it."""
        self.narration_text = narrate_training(event, self.lang, **numbers)
        self._said = (event, numbers)
        return self.narration_text

    def set_lang(self, lang: str) -> None:
        """Narrate in `lang` from now on, and re-tell this tick and the last training message in it."""
        self.lang = lang
        if self._said is not None:
            self.say(self._said[0], **self._said[1])
        narration = self.query_one(NarrationLine)
        narration.lang = lang
        narration.show(self.session)
        self.apply_lang()
        self.refresh_training()

    def action_focus_timeline(self) -> None:
        self.query_one(Timeline).focus()

    @property
    def playing(self) -> bool:
        return self._timer is not None

    def _advance(self) -> None:
        if not self.session.step_forward():
            self.stop_playing()
        self.sync()

    def stop_playing(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
            self.show_header()

    # ----- messages from the widgets -----
    @on(Timeline.TickClicked)
    def _jump(self, message: Timeline.TickClicked) -> None:
        self.session.go_to(message.t)
        self.sync()

    def on_weights_panel_cell_edited(self, message) -> None:  # WeightsPanel.CellEdited
        if self.running or self.animating:  # a run's weights would overwrite the edit: it ends here
            self.drop_training()
            self.refresh_training()
        try:
            self.session.set_weight(message.name, message.row, message.col, message.value)
        except ValueError as exc:
            self.notify(str(exc), severity="error", markup=False)
        self.sync()

    def on_weights_panel_cell_selected(self, message) -> None:  # WeightsPanel.CellSelected
        unit = hidden_unit_of(message.name, message.row, message.col)
        if unit is not None and unit < self.session.model.hidden_size:
            self.session.select_unit(unit)
            self.sync()
