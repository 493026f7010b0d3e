"""The command palette (ctrl+p): lessons (built-in or a text file), narration language, model and
sequence files, export, training, screenshot; in the app's language (text/messages.py).

Theme switching is Textual's own system command, so it is not repeated here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..lessons import PATTERNS, SCENARIOS, find_scenario
from ..text.dialogs import say as dialog_words
from ..text.keys import palette_entries
from ..text.messages import message
from . import file_actions, training_files
from .screens.tick_errors import TickErrorsScreen


class LessonCommands(Provider):
    """Every command the app adds to the palette, built from the app's current state, in its language."""

    def commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = self.app
        lang = app.lang
        say = partial(message, lang)
        items: list[tuple[str, Callable[[], object], str]] = [
            (say("open_lesson", name=s.name), partial(app.open_lesson, s.name), s.about(lang).summary)
            for s in SCENARIOS.values()
        ]
        # A few of the lessons made from their name (echo-K, latch-T); any other K or T can be typed.
        items += [
            (say("open_lesson", name=name), partial(app.open_lesson, name), f"{p.pattern}: {p.summary_in(lang)}")
            for p in PATTERNS
            for name in p.examples
        ]
        items += [
            (
                say("open_text"),
                # any file name: texts have many
                partial(file_actions.ask_path, app, dialog_words(lang, "open_text"), (), app.open_text_lesson),
                say("open_text_help"),
            ),
            (say("switch_lang"), app.action_switch_lang, say("switch_lang_help", now=say(f"lang_now_{lang}"))),
            (say("load_model"), partial(file_actions.ask_load_model, app), say("load_model_help")),
            (say("load_sequence"), partial(file_actions.ask_load_sequence, app), say("load_sequence_help")),
            (say("save_model"), partial(file_actions.ask_save_model, app), say("save_model_help")),
        ]
        items += [
            (say("export_trace", fmt=fmt), partial(file_actions.ask_export, app, fmt), say("export_trace_help"))
            for fmt in ("markdown", "csv", "json")
        ]
        main = app.main
        # the training keys' entries, from the key table
        for k in palette_entries():
            title, help_text = k.palette_in(lang)
            items.append((title, getattr(main, f"action_{k.action}"), help_text))
        items += [
            (
                say("state_trajectory"),
                partial(main.action_state_space, "trajectory"),
                say("state_trajectory_help"),
            ),
            (
                say("state_dendrogram"),
                partial(main.action_state_space, "dendrogram"),
                say("state_dendrogram_help"),
            ),
            (
                say("export_loss"),
                partial(training_files.ask_export_loss, app, app.main.loss_history),
                say("export_loss_help"),
            ),
        ]
        items.append(
            (
                say("tick_errors"),
                lambda: app.push_screen(TickErrorsScreen(app.session, app.lang)),
                say("tick_errors_help"),
            )
        )
        items.append((say("screenshot"), app.action_take_screenshot, say("screenshot_help")))
        return items

    async def discover(self) -> Hits:
        for name, callback, help_text in self.commands():
            yield DiscoveryHit(name, callback, help=help_text)

    def typed_lesson(self, query: str) -> tuple[str, Callable[[], object], str] | None:
        """The lesson a typed name such as "latch-55" or "open lesson: echo-7" makes, when it is one."""
        name = query.strip().lower().removeprefix("open lesson:").removeprefix("打开课程：").strip()
        if not any(p.regex.fullmatch(name) for p in PATTERNS):
            return None
        scenario = find_scenario(name)
        if scenario is None:
            return None
        lang = self.app.lang
        title = message(lang, "open_lesson", name=scenario.name)
        return title, partial(self.app.open_lesson, scenario.name), scenario.about(lang).summary

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
