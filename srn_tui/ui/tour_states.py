"""A tour's hidden-state steps: the memory view (m) on the main screen, and the state-space screen
(p trajectory, d dendrogram) the tour opens with the app's own actions and closes again.

The state-space screen is a screen of its own, so while a tour shows it the caption gets a panel
there too (the same TourCaption, above the footer) and the clicker keys keep stepping the tour.
A caption that quotes the hidden states (`{pc[1]}`, `{nearest}`, tours/states.py) reads the
analysis this screen shows; with the screen closed the same analysis is computed here (the same
function and inputs as the screen's worker), once per weights version.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual.widgets import Footer

from ..analysis import Analysis, NonFiniteState, analyze, state_labeler, symbol_decoder
from .screens.state_space import StateSpaceScreen
from .widgets.tour_caption import TourCaption

if TYPE_CHECKING:
    from .app import SrnApp

STATE_VIEWS = {"trajectory": "trajectory", "dendrogram": "dendrogram"}  # tour action -> the screen's view
POLL = 0.02  # seconds between looks at the screen's analysis worker


class TourStates:
    """The state-space screen a tour opened (None when closed) and the analysis captions quote."""

    def __init__(self, app: SrnApp) -> None:
        self.app = app
        self.screen: StateSpaceScreen | None = None
        self._cached: tuple[tuple[int, int], Analysis | None] | None = None

    # ----- actions -----
    def memory_shown(self) -> bool:
        return self.app.main.memory_view.has_class("memory-view")

    async def run(self, name: str) -> None:
        """`trajectory`, `dendrogram` (open the screen, or switch its view) or `leave-states`."""
        if name == "leave-states":
            await self.close()
            return
        view = STATE_VIEWS[name]
        if self.screen is None:
            await self.app.main.run_action(f"state_space('{view}')")  # what p / d do
            while not isinstance(self.app.screen, StateSpaceScreen) or not self.app.screen.query(Footer):
                await asyncio.sleep(POLL)  # pushed: mounted at the next idle
            screen = self.screen = self.app.screen
            await screen.mount(TourCaption(id="tour-caption"), before=screen.query_one(Footer))
        else:
            await self.screen.run_action(f"view('{view}')")
        await self.ready()

    async def ready(self) -> None:
        """Wait until the screen shows the analysis of the weights as they are now (its worker)."""
        screen = self.screen
        while screen is not None and screen.is_attached and not screen.up_to_date:
            await asyncio.sleep(POLL)
        if screen is not None:
            screen.redraw()  # the cursor as the step left it

    async def close(self) -> None:
        """Back to the main screen (what Escape does there); the caption goes with the screen. Any
        state-space screen on top goes: one pushed by a walk that a key press cut short included."""
        self.screen = None
        while isinstance(self.app.screen, StateSpaceScreen):
            screen = self.app.screen
            screen.workers.cancel_group(screen, "analysis")
            await screen.dismiss(None)

    async def reset(self) -> None:
        """Before a step opens a lesson: the state-space screen closed and the memory view off."""
        await self.close()
        if self.memory_shown():
            await self.app.main.run_action("toggle_memory")

    # ----- what the tour shows -----
    def captions(self) -> list[TourCaption]:
        hosts = [self.app.main] + ([self.screen] if self.screen is not None and self.screen.is_attached else [])
        return [caption for host in hosts for caption in host.query(TourCaption)]

    def shows(self, screen) -> bool:
        return screen is self.screen and screen is not None

    def analysis(self) -> Analysis | None:
        """The hidden states of the network shown: the screen's own result when it is up to date,
        else computed here (cached per lesson and weights version)."""
        s = self.app.session
        if self.screen is not None and self.screen.up_to_date:
            return self.screen.result
        key = (id(s.lesson), s.model_version)
        if self._cached is None or self._cached[0] != key:
            try:
                result = analyze(
                    s.model, s.training_sequences, symbol_decoder(s.lesson), state_labels=state_labeler(s.lesson)
                )
            except NonFiniteState:  # overflowing weights: nothing to quote (the caption shows {nearest?})
                result = None
            self._cached = (key, result)
        return self._cached[1]
