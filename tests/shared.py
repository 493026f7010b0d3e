"""Helpers that more than one test file uses (the fixtures are in conftest.py; plain functions live
here because pytest's conftest modules are not meant to be imported, and hypothesis tests call
these inside @given, where a function-scoped fixture cannot go)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from textual.app import App
from textual.notifications import Notification

from srn_tui.cli import main
from srn_tui.files import InputError
from srn_tui.lessons import Lesson, LessonSpec, get_scenario
from srn_tui.session import Session


def run(capture: Any, *argv: str) -> tuple[int, Any, Any]:
    """`srn-tui ARGV...` in process: the exit status and what it wrote to stdout and stderr, as
    `capture` (pytest's capsys for text, capfdbinary for bytes) caught it."""
    code = main(list(argv))
    captured = capture.readouterr()
    return code, captured.out, captured.err


def error_of(load: Any, path: Path) -> str:
    """The InputError message of `load(path)`: one line, starting with the path."""
    with pytest.raises(InputError) as info:
        load(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    return message


def app_for(name: str = "seed", lang: str = "en", startup: LessonSpec | None = None):
    """The real app on a built-in lesson (imported here, not at the top: the CLI tests use this
    module too and need not load the UI)."""
    from srn_tui.ui.app import SrnApp

    return SrnApp(Lesson.from_scenario(get_scenario(name)), lang, startup)


def seed_app(lang: str = "en", startup: LessonSpec | None = None):
    return app_for("seed", lang, startup)


def session_for(name: str = "seed") -> Session:
    return Session(Lesson.from_scenario(get_scenario(name)))


def seed_session() -> Session:
    return session_for("seed")


def random_params(
    rng: np.random.Generator, I: int, H: int, O: int, context: int | None = None, h0_range: tuple | None = None
) -> dict[str, np.ndarray]:
    """Every parameter of an I-H-O network drawn from `rng`, in this order: weights N(0, 0.8²),
    biases N(0, 0.3²), h0 N(0, 0.5²) or uniform over `h0_range`. `context` is the width fed back
    (H for Elman, O for Jordan)."""
    C = H if context is None else context
    params = {
        "W_xh": rng.normal(scale=0.8, size=(H, I)),
        "W_hh": rng.normal(scale=0.8, size=(H, C)),
        "b_h": rng.normal(scale=0.3, size=H),
        "W_hy": rng.normal(scale=0.8, size=(O, H)),
        "b_y": rng.normal(scale=0.3, size=O),
    }
    params["h0"] = rng.uniform(*h0_range, size=C) if h0_range else rng.normal(scale=0.5, size=C)
    return params


class Toasts:
    """The notifications an app was asked to show, in order, as Textual's public `App.notify`
    received them (after SrnApp's own escaping): the `toasts` fixture in conftest.py records them.
    Unlike the app's private list of toasts on screen, an expired toast stays here, so a slow
    machine cannot make a test miss one."""

    def __init__(self) -> None:
        self.shown: list[Notification] = []

    @property
    def messages(self) -> list[str]:
        return [str(n.message) for n in self.shown]

    @property
    def text(self) -> str:
        """Every message, one a line."""
        return "\n".join(self.messages)

    @property
    def last(self) -> Notification:
        return self.shown[-1]


def screen_text(app: App) -> str:
    """The whole screen, line by line, as the terminal is sent it (the text of every cell). Textual
    has no public way to read the composed screen as text: this reads its compositor."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def handout_narration(markdown: str, lang: str = "en") -> dict[int, str]:
    """The narration of each tick in a markdown handout, as narrate_tick wrote it apart from the line
    breaks and the escapes the handout added (whitespace is dropped on both sides: compare with
    `squeeze`)."""
    import re

    from srn_tui.text.handout import say

    section = markdown.split(f"## {say(lang, 'narration')}\n", 1)[1].split("\n## ", 1)[0]
    start = re.compile(r"^(时间步 )?t = (\d+)[:：]")
    notes: dict[int, str] = {}
    for paragraph in section.split("\n\n"):
        text = " ".join(line.removeprefix("\\") for line in paragraph.strip().splitlines()).replace("\\*", "*")
        m = start.match(text)
        if m:
            notes[int(m.group(2))] = squeeze(text)
    return notes


def squeeze(text: str) -> str:
    return "".join(text.split())
