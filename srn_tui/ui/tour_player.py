"""Plays a tour (srn_tui/tours) in the app: each step opens a lesson, moves the cursor, runs the
app's own actions (the one table in tours/actions.py), spotlights a panel and shows its caption
with the live numbers filled in.

Previous-step replays: going back (or anywhere but the next step) opens the tour's first lesson
afresh and runs every step up to the one wanted. Tours fix their seeds and training is
deterministic, so the replay shows exactly what the user saw. Next applies one step to the state on
screen. The steps run in an exclusive async worker: a key pressed meanwhile replaces the walk, and
training runs in the app's own thread worker, awaited here, so the screen stays live.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import TYPE_CHECKING

from textual.worker import Worker

from ..narration import narrate_claim
from ..session import prepare_lesson
from ..tours import Tour
from ..tours.actions import ACTIONS, SPOTLIGHTS
from ..tours.format import open_lesson
from ..tours.quote import Facts, evaluate, fill, parse_expr
from .tour_states import TourStates
from .widgets.tour_caption import TourCaption

if TYPE_CHECKING:
    from .app import SrnApp

SPOT = "tour-spot"
POLL = 0.02  # seconds between looks at a training run the tour waits for
PROJECTOR_EVERY = 10  # polls between redraws of a projector while the run goes (5 a second)


def run_loss(history, epoch: int) -> float | None:
    """The loss epoch `epoch` reported (the training panel's), or None before any training."""
    if epoch == 0 or not len(history) or int(history.epochs[-1]) != epoch:
        return None
    return float(history.losses[-1])


class TourPlayer:
    def __init__(self, app: SrnApp, tour: Tour) -> None:
        self.app = app
        self.tour = tour
        self.index = -1  # the step whose state is on screen; -1: none (or a walk was cut short)
        self.wanted = 0  # the step shown (or being reached)
        self.active = False
        self.busy = False  # applying steps: the app's toasts wait (they would cover the caption)
        self.kept: dict[str, float] = {}
        self.worker: Worker | None = None
        self.states = TourStates(app)  # the memory view and the state-space screen (p / d)

    @property
    def main(self):
        return self.app.main

    @property
    def session(self):
        return self.app.session

    async def begin(self) -> None:
        """Mount the caption panel and go to the first step."""
        self.active = True
        self.main.add_class("touring")  # styles/tour.tcss: a compact screen makes room for the caption
        await self.main.mount(TourCaption(id="tour-caption"), before=self.main.loading_line)
        self.go(0)

    def go(self, index: int) -> Worker:
        self.wanted = max(0, min(index, len(self.tour.steps) - 1))
        self._show_caption(working=True)
        self.worker = self.app.run_worker(self._reach(self.wanted), exclusive=True, group="tour", name="tour")
        return self.worker

    def move(self, delta: int) -> None:
        """Next (+1) or previous (-1) step; at either end nothing happens."""
        target = self.wanted + delta
        if 0 <= target < len(self.tour.steps) and target != self.wanted:
            self.go(target)

    async def settled(self) -> None:
        """Wait until the step asked for is on screen (tests, recording)."""
        while self.worker is not None and not self.worker.is_finished:
            await self.worker.wait()

    def plays_on(self, screen) -> bool:
        """The clicker keys step the tour on the main screen, a projector and a state-space screen it opened."""
        projector = getattr(screen, "plays_tours", False)
        return self.active and (screen is self.main or projector or self.states.shows(screen))

    def leave(self) -> None:
        """Escape: the tour ends, the app stays where it is."""
        if self.worker is not None:
            self.worker.cancel()
        self.active = self.busy = False
        self.main.remove_class("touring")
        self._spotlight(None)
        for caption in self.states.captions():
            caption.remove()
        for screen in self._projectors():
            screen.show_tour(None, None)  # the projector stays, itself again

    def refresh(self) -> None:
        """The caption again (after a language switch)."""
        if self.active:
            self._show_caption(working=self.busy)

    # ----- walking the steps -----
    async def _reach(self, index: int) -> None:
        self.busy = True
        start, self.index = (self.index + 1 if self.index == index - 1 else 0), -1
        try:
            if start == 0:
                self.kept = {}
            for i in range(start, index + 1):
                await self._apply(i)
            self.index = index
        finally:
            self.busy = False
        self._spotlight(self.tour.steps[index].spotlight)
        self._show_caption(working=False)

    async def _apply(self, i: int) -> None:
        step = self.tour.steps[i]
        main, s = self.main, self.session
        if step.lesson is not None:
            await self.states.reset()
            main.leave_lesson()
            s.adopt(prepare_lesson(open_lesson(step.lesson)))
            if step.seed is not None:
                s.reinitialize(None, step.seed)
            main.training.flow_follower.unpin()
            main.show_training_view(False)
            main.remove_class("weights-only")
            main.enter_lesson()
        if main.playing:
            await main.run_action("play")  # a step from a paused screen
        if step.cursor is not None:
            await main.run_action(f"step({step.cursor - s.cursor})")
        for name, arg in step.actions:
            await self._run(name, arg)
        main.sync()
        await self.states.ready()  # a state-space screen shows this step's weights and cursor
        facts = self.facts()
        for key, expr in step.keep:
            self.kept[key] = evaluate(parse_expr(expr, frozenset(self.kept)), facts)

    async def _run(self, name: str, arg: int | None) -> None:
        spec, main, s = ACTIONS[name], self.main, self.session
        if spec.state == "states":
            await self.states.run(name)
            return
        if spec.view is not None:
            shown = {
                "training": main.training_view,
                "weights": main.has_class("weights-only"),
                "memory": self.states.memory_shown(),
            }[spec.state]
            if shown != spec.view:
                await main.run_action(spec.action)
            return
        if name == "go":
            await main.run_action(f"step({arg - s.cursor})")
            return
        if name == "train":
            s.set_training(replace(s.training, epochs=arg))  # the run's budget, as `s` would set it
        for _ in range(arg if spec.argument == "count" and arg else 1):
            await main.run_action(spec.action)
        if name == "train-epoch" and main.epoch_run is not None:
            main.epoch_run.finish()  # what any key does: the epoch's frames at once
        polls = 0
        while spec.waits and (main.running or main.animating):
            await asyncio.sleep(POLL)
            polls += 1
            if polls % PROJECTOR_EVERY == 0:
                for screen in self._projectors():
                    screen.show()  # the run's progress on the projector too (the main screen draws its own)

    # ----- what the step shows -----
    def facts(self) -> Facts:
        s, lang = self.session, self.app.lang
        flow = self.main.training.flow_follower.flow(s.trace, s.cursor, s.training.truncate)
        return Facts(
            s.trace,
            s.cursor,
            s.epoch,
            flow,
            claim=lambda: narrate_claim(s.lesson, s.model, lang),
            lesson=s.lesson.name,
            kept=dict(self.kept),
            run_loss=run_loss(s.history.snapshot(), s.epoch),
            states=self.states.analysis,
        )

    def caption_text(self, lang: str | None = None) -> str:
        return fill(self.tour.steps[self.wanted].caption[lang or self.app.lang], self.facts())

    def expect_lines(self, lang: str | None = None) -> list[str]:
        """The step's `expect` lines with their numbers filled in: what must be on the screen."""
        facts = self.facts()
        return [fill(line, facts) for line in self.tour.steps[self.wanted].expect[lang or self.app.lang]]

    def _show_caption(self, working: bool) -> None:
        captions = self.states.captions()  # the main screen's, and a state-space screen's the tour opened
        if not captions:
            return
        lang = self.app.lang
        text = "" if working and self.index != self.wanted else self.caption_text(lang)
        caption = (lang, self.tour.title[lang], self.wanted, len(self.tour.steps), text, working)
        for panel in captions:
            panel.show_step(*caption)
        spotlight = self.tour.steps[self.wanted].spotlight
        for screen in self._projectors():  # the same step, its focal panel on the spotlight (a run shows live)
            screen.show_tour(caption, spotlight)

    def _projectors(self) -> list:
        """Projector screens open over the main screen (F5 or --projector): the tour shows there too."""
        return [
            screen
            for screen in self.app.screen_stack
            if screen is not self.main and getattr(screen, "plays_tours", False) and screen.is_mounted
        ]

    def _spotlight(self, name: str | None) -> None:
        for widget in self.main.query(f".{SPOT}"):
            widget.remove_class(SPOT)
        if name is not None:
            self.main.query_one(SPOTLIGHTS[name]).add_class(SPOT)
