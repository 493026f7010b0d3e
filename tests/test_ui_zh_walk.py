"""Every screen and dialog of the app in --lang zh is Chinese apart from symbols and names.

The walk drives the real app (main screen on several lessons, a character lesson among them, the
training view after an epoch, help, the narration page, settings, the file dialog, editing a weight,
the gradient check, the command palette, the state-space views, the memory view, the words lesson's chart, every step
of every built-in tour) and reads
each screen as the terminal gets it, plus every toast. A word of Latin letters passes only if it is a symbol or a name:
- a single letter (x, h, t, k, t-k), or a token with a digit or an underscore (W_xh, h0, x_3, 8.0e-09);
- a function or indexed name written as one, right before "(" or "[" (loss(5), target(3), tanh(0.5));
- a command-line option (--lang) or part of a path (benchmarks/claims_over_seeds.py);
- a word of ALLOWED below: lesson ids, the lessons' own data (the letters b, d, g spell ba, dii,
  guuu; on the words and lexical lessons, their English words), method and activation names, key
  names, authors, and the file names the walk itself made and the text it typed;
- a run of one letter (aaa, gggg: the state-space plot's labels side by side).
Anything else is English that should have been Chinese.
"""

from __future__ import annotations

import re

import pytest
from shared import app_for, screen_text

from srn_tui.lessons import PATTERNS, SCENARIOS, lexical_grammar, segmentation
from srn_tui.tours import BUILTIN, builtin_tour
from srn_tui.tours.format import open_lesson
from srn_tui.ui import file_actions
from srn_tui.ui.app import SrnApp
from srn_tui.ui.widgets.heatmap import Heatmap

WORD = re.compile(r"[A-Za-z][A-Za-z0-9_'\-]*")

# fmt: off
ALLOWED = {
    "srn-tui", *SCENARIOS, *(p.pattern for p in PATTERNS), *(n for p in PATTERNS for n in p.examples),
    *(  # noqa: SIM905 (words grouped by kind, with comments)
        # the lessons' own data: b, d, g spell ba, dii, guuu; hello
        "ba dii guuu ii uuu hell hello ello "
        # methods, activations, losses, initializers, symbols spelled in letters: names the formulas
        # and the settings use
        "BPTT SGD sgd Adam adam momentum adagrad xavier orthogonal small_uniform tanh relu sigmoid softmax "
        "identity mse XOR KL tgt lr eps ln tau dL dh dW grad max mu pi NaN Inf nan inf CSV SVG json npz csv markdown "
        # keys as the footer and the help name them
        "Right Left Home End Escape esc Esc Enter Tab Space space ctrl PgUp PgDn "
        # people, and networks named after them
        "Elman Jordan Bengio Simard Frasconi Elman's Jordan's Cleeremans Servan-Schreiber McClelland Reber "
        # the language switch names both languages; the command line's --lang zh
        "English zh"
    ).split(),
}
# fmt: on

# Lessons whose data are English words: their words are names on that lesson only.
LESSON_DATA = {
    "words": set(segmentation.LEXICON),
    "lexical": set(lexical_grammar.LEXICON) | set(lexical_grammar.CATEGORIES),
}


def english_words(text: str, extra: set[str] = frozenset()) -> set[str]:
    """The words of `text` that are neither symbols nor names."""
    found = set()
    for match in WORD.finditer(text):
        word = match.group()
        after = text[match.end() : match.end() + 1]
        before = text[max(0, match.start() - 2) : match.start()]
        if (
            all(len(part) == 1 for part in word.split("-"))
            or re.search(r"[\d_]", word)
            or after in ("(", "[")
            or before == "--"
        ):
            continue  # a symbol, a function or indexed name, a command-line option
        if after == "/" or before[-1:] in ("/", "."):
            continue  # part of a path: benchmarks/claims_over_seeds.py
        if len(set(word)) == 1:
            continue  # a run of one letter: symbols plotted side by side (the trajectory's labels)
        if word in ALLOWED or word in extra:
            continue
        if len(word) >= 3 and any(name.startswith(word) for name in extra):
            continue  # a lesson's word cut to fit a timeline cell ("sandwic")
        found.add(word)
    return found


async def shown(pilot, screens: dict[str, str], name: str, *keys: str, wait: float = 0.0) -> None:
    if keys:
        await pilot.press(*keys)
    await pilot.pause(wait)
    await pilot.pause()
    screens[name] = screen_text(pilot.app)


async def walk(lesson: str, size: tuple[int, int], everything: bool) -> dict[str, str]:
    """The screens of the app in Chinese on `lesson`: the main screen before and at tick 3 and the
    narration page (the lesson's description); with `everything`, every view and dialog too."""
    app = app_for(lesson, "zh")
    screens: dict[str, str] = {}
    async with app.run_test(size=size) as pilot:
        await shown(pilot, screens, "start")
        await shown(pilot, screens, "tick 3", "right", "right", "right")
        await shown(pilot, screens, "narration", "n")
        if not everything:
            return screens
        await shown(pilot, screens, "help", "escape", "question_mark")
        await shown(pilot, screens, "help, end", "end")
        await shown(pilot, screens, "settings", "escape", "s")
        await shown(pilot, screens, "settings, bad field", *"x", "enter")
        await shown(pilot, screens, "gradient check", "escape", "g", wait=0.5)
        await shown(pilot, screens, "epoch, animated", "escape", "t", wait=0.2)
        await shown(pilot, screens, "training view after an epoch", "x", wait=0.2)
        await shown(pilot, screens, "undo", "u")
        await shown(pilot, screens, "state space: trajectory", "p", wait=0.5)
        await shown(pilot, screens, "state space: dendrogram", "d", wait=0.5)
        await pilot.press("escape")
        await shown(pilot, screens, "memory view", "m", wait=0.3)
        await pilot.press("m")
        heatmap = next(h for h in app.main.query(Heatmap) if h.matrix_name == "W_hh")
        heatmap.focus()
        await shown(pilot, screens, "edit a weight", "enter")
        await shown(pilot, screens, "edit, bad value", *"abc", "enter")
        await pilot.press("escape")
        file_actions.ask_load_model(app)
        await shown(pilot, screens, "file dialog")
        await shown(pilot, screens, "palette", "escape", "ctrl+p", wait=0.3)
        await shown(pilot, screens, "palette, typed", *"echo-7", wait=0.3)
        await pilot.press("escape")
        await shown(pilot, screens, "continuous run", "T", wait=0.5)
        await shown(pilot, screens, "stopped", "escape", wait=0.3)
    return screens


def english_on(screens: dict[str, str], extra: set[str]) -> dict[str, set[str]]:
    return {name: words for name, text in screens.items() if (words := english_words(text, extra))}


@pytest.mark.parametrize("lesson", ["seed", "letters"])
async def test_every_screen_and_dialog_is_chinese(lesson, tmp_path, monkeypatch, toasts) -> None:
    monkeypatch.chdir(tmp_path)  # the file dialog lists this folder: names the walk made
    (tmp_path / "model.json").write_text("{}")
    screens = await walk(lesson, (100, 30), everything=True)
    names = set(WORD.findall(str(tmp_path))) | {"model", "abc"}  # the file the walk made, what it typed
    assert not english_on(screens, names)
    assert not english_words(toasts.text)
    assert len(screens) == 21 and toasts.shown  # the walk reached every screen and said something


@pytest.mark.parametrize("lesson", sorted(SCENARIOS))
@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_main_screen_is_chinese_on_every_lesson(lesson, size) -> None:
    assert not english_on(await walk(lesson, size, everything=False), LESSON_DATA.get(lesson, set()))


async def test_the_words_chart_is_chinese() -> None:
    """The words lesson's loss-per-tick chart, opened from the palette (typed in Chinese)."""
    app = app_for("words", "zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right", "right", "ctrl+p")
        await pilot.pause(0.3)
        app.screen.query_one("Input").value = "单词"  # the palette's search field (a CJK key press is not typed)
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.5)
        assert type(app.screen).__name__ == "TickErrorsScreen"
        found = english_words(screen_text(app), LESSON_DATA["words"])
        # the chart prints the lesson's letter stream, words run together: data, not English to translate
        stream = {w for w in found if len(w) >= 20 and set(w) <= set(segmentation.LETTERS_USED)}
        assert found - stream == set() and stream


@pytest.mark.parametrize("name", BUILTIN)
async def test_every_step_of_every_tour_is_chinese(name) -> None:
    tour = builtin_tour(name)
    app = SrnApp(open_lesson(tour.steps[0].lesson), "zh", tour=tour)
    async with app.run_test(size=(100, 30)) as pilot:
        for index, step in enumerate(tour.steps):
            if index:
                await pilot.press("pagedown")
            await pilot.pause()
            await app.tour.settled()
            await pilot.pause()
            assert app.tour.index == index
            assert not english_words(screen_text(app), LESSON_DATA.get(step.lesson, set())), (name, index + 1)


def test_the_allow_list_lets_no_sentence_through() -> None:
    """The check itself: English prose fails, symbols and names pass."""
    assert english_words("a_0(2) = 0.266, the sum of 27 terms; largest:") == {"the", "sum", "of", "terms", "largest"}
    assert english_words("log bar") == {"log", "bar"} and english_words("epoch 1") == {"epoch"}
    assert not english_words("loss(5) = 0.5*(0.989 - 6.000)^2 = 12.555  W_hy[0,0]  tanh BPTT seed echo-20 Escape")
