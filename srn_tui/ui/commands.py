"""The command palette (ctrl+p): lessons (built-in or a text file), narration language, model and
sequence files, export, training, screenshot.

Theme switching is Textual's own system command, so it is not repeated here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..lessons import PATTERNS, SCENARIOS, find_scenario
from ..text.keys import palette_entries
from . import file_actions, training_files
from .screens.tick_errors import TickErrorsScreen

TEXT_LESSON_TITLE = "Open a plain text file as a character-level lesson"


class LessonCommands(Provider):
    """Every command the app adds to the palette, built from the app's current state."""

    def commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = self.app
        items: list[tuple[str, Callable[[], object], str]] = [
            (f"Open lesson: {s.name}", partial(app.open_lesson, s.name), s.summary) for s in SCENARIOS.values()
        ]
        # A few of the lessons made from their name (echo-K, latch-T); any other K or T can be typed.
        items += [
            (f"Open lesson: {name}", partial(app.open_lesson, name), f"{p.pattern}: {p.summary}")
            for p in PATTERNS
            for name in p.examples
        ]
        items += [
            (
                "Open a text file as a character-level lesson",
                # any file name: texts have many
                partial(file_actions.ask_path, app, TEXT_LESSON_TITLE, (), app.open_text_lesson),
                "one-hot characters, softmax output, predict the next character",
            ),
            (
                "Switch narration language (English / 中文)",
                app.action_switch_lang,
                f"now {'中文' if app.lang == 'zh' else 'English'}: the narration and training messages",
            ),
            ("Load model file", partial(file_actions.ask_load_model, app), "a model .json or .npz"),
            ("Load sequence file", partial(file_actions.ask_load_sequence, app), "a sequence .csv or .json"),
            ("Save model", partial(file_actions.ask_save_model, app), "write the current weights to a file"),
        ]
        items += [
            (
                f"Export trace as {fmt}",
                partial(file_actions.ask_export, app, fmt),
                "forward pass and BPTT of every tick",
            )
            for fmt in ("markdown", "csv", "json")
        ]
        main = app.main
        # the training keys' entries, from the key table
        items += [(k.palette[0], getattr(main, f"action_{k.action}"), k.palette[1]) for k in palette_entries()]
        items += [
            (
                "State space: trajectory of the hidden states (p)",
                partial(main.action_state_space, "trajectory"),
                "h(t) of every tick on its two principal components; the current sequence's path",
            ),
            (
                "State space: dendrogram of the mean hidden state per label (d)",
                partial(main.action_state_space, "dendrogram"),
                "hierarchical clustering, average linkage (Elman 1990, Figure 7)",
            ),
            (
                "Export loss history as CSV",
                partial(training_files.ask_export_loss, app, app.main.loss_history),
                "epoch, loss, gradient norm of every epoch kept",
            ),
        ]
        items.append(
            (
                "Words: loss per tick with word onsets",
                lambda: app.push_screen(TickErrorsScreen(app.session, app.lang)),
                "the words lesson: the error rises where a word begins (Elman 1990, Figure 6)",
            )
        )
        items.append(("Take screenshot", app.action_take_screenshot, "save the screen as an SVG file"))
        return items

    async def discover(self) -> Hits:
        for name, callback, help_text in self.commands():
            yield DiscoveryHit(name, callback, help=help_text)

    def typed_lesson(self, query: str) -> tuple[str, Callable[[], object], str] | None:
        """The lesson a typed name such as "latch-55" or "open lesson: echo-7" makes, when it is one."""
        name = query.strip().lower().removeprefix("open lesson:").strip()
        if not any(p.regex.fullmatch(name) for p in PATTERNS):
            return None
        scenario = find_scenario(name)
        if scenario is None:
            return None
        return f"Open lesson: {scenario.name}", partial(self.app.open_lesson, scenario.name), scenario.summary

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        typed = self.typed_lesson(query)
        if typed is not None:
            name, callback, help_text = typed
            yield Hit(1.0, matcher.highlight(name), callback, help=help_text)
        for name, callback, help_text in self.commands():
            if typed is not None and name == typed[0]:
                continue  # already offered first
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
