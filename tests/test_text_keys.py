"""One key table (text/keys.py) feeds the bindings, the footer, the help page, the palette and the
idle hints: every key bound on the main screen (and while a guided tour plays) is on the help page in
both languages, every key line of the help page is a key the running app binds, and the palette and
hints name bound keys."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from srn_tui.lessons import Lesson, get_scenario
from srn_tui.text.keys import KEYS, hint_key, palette_entries
from srn_tui.tours import builtin_tour
from srn_tui.ui.app import SrnApp
from srn_tui.ui.commands import LessonCommands
from srn_tui.ui.screens.help import HelpScreen, help_text
from srn_tui.ui.widgets.heatmap import Heatmap

# Textual's own keys on every screen, which the help page leaves to Textual's documentation.
TEXTUAL_OWN = {"shift+tab", "ctrl+c", "super+c", "ctrl+q"}


def row_of(key: str, action: str):
    """The table row binding `key` to `action` (Textual prefixes some actions with their namespace)."""
    # Only the owners this test reads bindings from (other screens, like the state space, bind the
    # same keys to their own actions).
    ours = [k for k in KEYS if k.owner in ("main", "app", "help", "heatmap", "textual")]
    rows = [k for k in ours if key in k.keys.split(",") and action.split(".")[-1] in (k.action, "focus_next")]
    rows = rows or [k for k in KEYS if key in k.keys.split(",") and k.owner == "textual"]
    assert len(rows) == 1, (key, action, rows)
    return rows[0]


def help_line(row, lang: str) -> tuple[str, str]:
    """(key column, text) of the help line that covers `row`: its own, or its group's."""
    head = next(k for k in KEYS if k.help_key == row.help_key and k.help is not None)
    return head.help_key_in(lang), head.help[0 if lang == "en" else 1]


def key_lines(page: str) -> list[str]:
    """The key column of every line of the page's first section (the keys)."""
    section = page.split("\n\n")[0].splitlines()[1:]
    return [first_cells(line[2:], 12).strip() for line in section if line.startswith("  ") and line[2] != " "]


def first_cells(text: str, cells: int) -> str:
    """The start of `text` that fills `cells` terminal cells (a Chinese character takes two)."""
    taken = ""
    for ch in text:
        if cell_len(taken + ch) > cells:
            break
        taken += ch
    return taken


async def bound_keys(app: SrnApp, pilot) -> dict[str, str]:
    """key -> action of every binding active on the main screen, with a weight cell focused, and on
    the help screen, read from the running app."""
    ours = (app, app.main)
    bound = {k: ab.binding.action for k, ab in app.main.active_bindings.items() if ab.node in ours}
    heatmap = app.main.weights_panel.query_one(Heatmap)
    heatmap.focus()
    await pilot.pause()
    # a weight cell's own keys in the footer (its arrows move the cell cursor, as help's Tab line says)
    for k, ab in app.main.active_bindings.items():
        if ab.node is heatmap and ab.binding.show:
            bound[k] = ab.binding.action
    await app.push_screen(HelpScreen(app.lang))
    return bound


async def tour_keys(lang: str) -> dict[str, str]:
    """key -> action of the keys bound only while a guided tour plays (a clicker's keys, Escape)."""
    tour = builtin_tour("seed")
    app = SrnApp(Lesson.from_scenario(get_scenario("seed")), lang, tour=tour)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.tour.settled()
        bound = {k: ab.binding.action for k, ab in app.main.active_bindings.items() if ab.node is app}
    return {k: a for k, a in bound.items() if a.startswith("tour_")}


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_every_bound_key_is_on_the_help_page_and_every_help_line_is_bound(lang: str) -> None:
    app = SrnApp(Lesson.from_scenario(get_scenario("seed")), lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        bound = await bound_keys(app, pilot)
        await pilot.pause()
        help_screen = app.screen
        help_bound = {k: ab.binding.action for k, ab in help_screen.active_bindings.items() if ab.node is help_screen}
    page = help_text(96, lang)
    lines = page.splitlines()
    covered: set[str] = set()
    keys = [*bound.items(), *((k, a) for k, a in help_bound.items() if not a.startswith("app.focus"))]
    tour = await tour_keys(lang)
    assert set(tour) == {"pagedown", "space", "right", "down", "pageup", "left", "up", "escape"}
    keys += tour.items()
    for key, action in keys:
        if key in TEXTUAL_OWN:
            continue
        row = row_of(key, action)
        column, text = help_line(row, lang)
        assert any(line.startswith(f"  {column} ") for line in lines), (key, column)
        if row.help is not None:  # its own line names it (or its alias) in the key column: "Right or l"
            names = {row.key_display} | {n for k in row.keys.split(",") for n in (k, k.title())}
            assert names & set(column.replace("/", " ").split()), (key, column)
        else:  # a key sharing a line is named in it: "End" in "Home / End", "-" in "+ / -", "Escape" under Tab
            assert row.mention in column or row.mention in text, (key, row.mention)
        covered.add(column)
    # and the other way: every key line of the page is a key the running app binds
    assert set(key_lines(page)) == covered


async def test_the_palette_and_the_idle_hints_name_keys_the_main_screen_binds() -> None:
    app = SrnApp(Lesson.from_scenario(get_scenario("seed")), "en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        bound = {k: ab.binding.action for k, ab in app.main.active_bindings.items()}
        provider = LessonCommands(app.screen)
        titles = {title: callback for title, callback, _ in provider.commands()}
    for row in palette_entries():
        title = row.palette[0]
        assert title.endswith(f"({row.keys})") and bound[row.keys] == row.action
        assert titles[title].__name__ == f"action_{row.action}"
    hints = [k for k in KEYS if k.hint]
    assert [hint_key(k.hint) for k in hints] == ["t", "T", "s", "u", "g"]
    assert all(bound[k.keys] == k.action for k in hints)
    # the palette lists the training commands in the order it always did, then the memory view and the projector
    assert [k.keys for k in palette_entries()] == ["t", "T", "u", "g", "s", "v", "m", "f5"]
