"""Monkey test: thousands of seeded random keys, clicks and resizes on the real app, at sizes down to
20x8; the app must never raise. Runs in a temporary directory so that palette commands that save,
export or screenshot write only there. If a random sequence quits the app (q is left out, but the
palette's "Quit" can be reached by typing), a fresh app continues with the remaining keys.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from keys import send_keys
from shared import app_for
from textual.app import App
from textual.widgets import Label

from srn_tui.ui.app import SrnApp
from srn_tui.ui.screens.main import MainScreen
from srn_tui.ui.widgets.heatmap import Heatmap

SIZES = [(20, 8), (40, 12), (80, 24), (120, 40), (100, 30)]
QUIT_KEYS = {"q", "ctrl+q", "ctrl+c"}
BURST = 16
EXTRA_KEYS = [
    "up", "down", "left", "right", "home", "end", "pageup", "pagedown",
    "tab", "shift+tab", "escape", "enter", "space", "backspace",
    "minus", "plus", "full_stop", "1", "0", "e",
]  # fmt: skip


def binding_keys() -> list[str]:
    keys = set()
    for bindings in (SrnApp.BINDINGS, MainScreen.BINDINGS, Heatmap.BINDINGS):
        for binding in bindings:
            keys.update(k.strip() for k in binding.key.split(","))
    return sorted(keys - QUIT_KEYS)


def key_pool() -> list[str]:
    letters = [c for c in "abcdefghijklmnoprstuvwxyzT" if c not in QUIT_KEYS]
    # Bindings weighted up so that stepping, playing and editing happen often.
    return binding_keys() * 4 + EXTRA_KEYS * 2 + letters + ["ctrl+p"]


async def run_monkey(lesson_name: str, seed: int, actions: int) -> int:
    """Drive fresh apps until `actions` keys/clicks/resizes were sent; the number of apps used."""
    rng = random.Random(seed)
    pool = key_pool()
    done = 0
    apps = 0
    while done < actions:
        app = app_for(lesson_name)
        apps += 1
        size = rng.choice(SIZES)
        async with app.run_test(size=size) as pilot:
            while done < actions and app.return_code is None:
                done += 1
                roll = rng.random()
                if roll < 0.02:
                    size = rng.choice(SIZES)
                    await pilot.resize_terminal(*size)
                elif roll < 0.10:
                    await pilot.click(offset=(rng.randrange(size[0]), rng.randrange(size[1])))
                else:  # a burst of keys, as a fast typist would send them; counted one by one
                    burst = [rng.choice(pool) for _ in range(rng.randint(1, BURST))]
                    # Full speed, palette included: the app guards Textual's palette races
                    # (srn_tui/ui/screens/closing.py; the xfail tests below show them upstream).
                    done += len(burst) - 1
                    send_keys(app, burst)
                    await pilot.pause()
            await pilot.pause()
        assert app._exception is None, f"{lesson_name} seed {seed}: {app._exception!r}"
        assert app.return_code in (None, 0), f"{lesson_name} seed {seed}: exit code {app.return_code}"
        assert 0 <= app.session.cursor <= app.session.length, f"{lesson_name} seed {seed}: cursor out of range"
    return apps


@pytest.mark.slow  # about 3 minutes: `pytest -m slow` runs it (.ci/run does)
@pytest.mark.parametrize(("lesson_name", "seed", "actions"), [("seed", 1, 1500), ("letters", 2, 1000)])
async def test_random_keys_clicks_and_resizes_never_raise(
    lesson_name: str, seed: int, actions: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    apps = await run_monkey(lesson_name, seed, actions)
    assert apps >= 1


class PlainApp(App):
    def compose(self):
        yield Label("nothing but the command palette")


@pytest.mark.xfail(raises=Exception, strict=True, reason="Textual 8.2.8 command palette races; not our code")
@pytest.mark.parametrize(
    "burst",
    [
        ["ctrl+p", "enter", "enter"],  # ScreenStackError: the palette pops a screen twice
    ],
)
async def test_textual_palette_races_on_key_bursts(burst: list[str]) -> None:
    """An upstream bug that srn-tui guards against (SafeCommandPalette, DismissOnce): in a plain
    Textual 8.2.8 app, these keys arriving in one burst (a double Enter) crash it. (The paging
    KeyError is guarded for every OptionList by ui/textual_fixes.py: see test_ui_races.py.)
    When Textual fixes them, these XPASS and strict mode fails the suite: then drop the guards."""
    # The race needs the keys to arrive before the palette settles; on a loaded machine one burst
    # can miss it, so up to five bursts are tried (the first crash ends the test as expected).
    for _attempt in range(5):
        app = PlainApp()
        async with app.run_test(size=(80, 24)) as pilot:
            send_keys(app, burst)
            await pilot.pause(0.3)


def test_a_plain_pytest_skips_the_slow_tests_and_ci_runs_them(pytestconfig: pytest.Config) -> None:
    """The README's `pytest` leaves the monkey tests out (pyproject's addopts); .ci/run runs that
    command and then `pytest -m slow`, so CI still runs them."""
    assert "not slow" in " ".join(pytestconfig.getini("addopts"))
    script = (Path(__file__).parent.parent / ".ci" / "run").read_text()
    lines = [line.strip() for line in script.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert lines.index('pip install ".[test]" && pytest') < lines.index("pytest -m slow")
