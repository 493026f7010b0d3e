"""The app never draws outside text raw: hostile file names in the file dialog's tree, the header
and toasts are shown escaped, and never parsed as markup."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import HOSTILE, NAMES, is_one_printable_line
from loads import finish_loading
from shared import Toasts, screen_text, seed_app

from srn_tui.lessons import text_lesson
from srn_tui.printable import printable
from srn_tui.ui import file_actions
from srn_tui.ui.app import SrnApp
from srn_tui.ui.loading import model_request
from srn_tui.ui.screens.file_dialog import FileDialog, FilteredTree

SHOWN = dict(HOSTILE)
MARKUP_NAMES = ["[b]bold.json", "[red on blue]x.json", "[@click=app.quit]q.json", "[link=https:x]y.json"]


def assert_no_raw_control(text: str) -> None:
    assert all(is_one_printable_line(line) for line in text.split("\n"))


async def wait_for_tree(pilot, tree: FilteredTree, count: int) -> None:
    for _ in range(100):
        if len(tree.root.children) >= count:
            return
        await pilot.pause(0.05)
    raise AssertionError(f"the tree shows {len(tree.root.children)} entries, expected {count}")


async def test_the_file_dialog_tree_shows_hostile_names_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    for name in NAMES + MARKUP_NAMES:
        (tmp_path / name).write_text("{}")
    app = seed_app()
    async with app.run_test(size=(160, 50)) as pilot:
        file_actions.ask_load_model(app)
        await pilot.pause()
        assert isinstance(app.screen, FileDialog)
        tree = app.screen.query_one(FilteredTree)
        await wait_for_tree(pilot, tree, len(NAMES) + len(MARKUP_NAMES))
        labels = sorted(str(node.label) for node in tree.root.children)
        assert labels == sorted([SHOWN[n] for n in NAMES] + MARKUP_NAMES)  # markup shown as typed
        text = screen_text(app)
    assert_no_raw_control(text)
    for name in ("x\\x1b]0;pwned\\x07.json", "c\\x1b]52;c;cHduZWQ=\\x07.json", "y\\x1b[2J.json", "[b]bold.json"):
        assert name in text


async def test_choosing_a_hostile_name_in_the_tree_loads_that_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # The label is escaped, the path behind it is not: the file chosen is the file opened.
    monkeypatch.chdir(tmp_path)
    name = "x\x1b]0;pwned\x07\n.json"
    (tmp_path / name).write_text(
        '{"hidden_activation": "tanh", "output_activation": "identity", "W_xh": [[0.25]], "W_hh": [[0.1]],'
        ' "b_h": [0.0], "W_hy": [[1.0]], "b_y": [0.0]}'
    )
    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        file_actions.ask_load_model(app)
        await pilot.pause()
        tree = app.screen.query_one(FilteredTree)
        await wait_for_tree(pilot, tree, 1)
        tree.focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen is app.main
        assert app.session.model.params["W_xh"][0, 0] == 0.25
        assert app.session.lesson.name == "seed + x\\x1b]0;pwned\\x07\\n.json"
        assert "seed + x\\x1b]0;pwned\\x07\\n.json" in app.sub_title
        text = screen_text(app)
    assert_no_raw_control(text)
    assert "x\\x1b]0;pwned\\x07\\n.json" in text  # in the header and the toast


async def test_the_header_shows_a_hostile_text_lesson_name_escaped(tmp_path: Path):
    path = tmp_path / "y\x1b[2J\u202e.txt"
    path.write_text("hello hello hello")
    app = SrnApp(text_lesson(str(path)))
    async with app.run_test(size=(100, 30)):
        assert app.sub_title.startswith("text:y\\x1b[2J\\u202e.txt")
        text = screen_text(app)
    assert_no_raw_control(text)
    assert "text:y\\x1b[2J\\u202e.txt" in text


@pytest.mark.parametrize("name", NAMES[:6] + MARKUP_NAMES, ids=range(len(NAMES[:6] + MARKUP_NAMES)))
async def test_a_toast_about_a_bad_file_shows_its_name_escaped(tmp_path: Path, name: str, toasts: Toasts):
    path = tmp_path / name
    path.write_text('{"W_xh": [[1, 2], [3]]')
    app = seed_app()
    async with app.run_test(size=(120, 30)) as pilot:
        app.loader.start(model_request(str(path)))  # as the palette's "Load model file" does
        await finish_loading(app, pilot)
        (toast,) = toasts.shown
        text = screen_text(app)
    assert app.session.lesson.name == "seed"  # the bad file changed nothing
    assert SHOWN.get(name, name) in toast.message and is_one_printable_line(toast.message)
    assert is_one_printable_line(toast.title)
    assert_no_raw_control(text)


async def test_every_toast_is_escaped_and_never_markup(toasts: Toasts):
    # Whoever calls notify (the app, a screen, a widget), with or without markup=True.
    app = seed_app()
    async with app.run_test(size=(120, 30)) as pilot:
        app.main.notify("saved \x1b]0;pwned\x07 [b]x[/b]", title="t\x1b[2J")
        app.notify("two\nlines \u202e", markup=True)
        await pilot.pause()
        shown = [(n.title, n.message, n.markup) for n in toasts.shown]
        text = screen_text(app)
    assert shown == [
        ("t\\x1b[2J", "saved \\x1b]0;pwned\\x07 [b]x[/b]", False),
        ("", "two\\nlines \\u202e", False),
    ]
    assert_no_raw_control(text)


@pytest.mark.parametrize("typed", ["[/]", "[b]x", "\x1b]0;pwned\x07", "9" * 5000], ids=["close", "open", "osc", "long"])
async def test_a_typed_or_pasted_setting_is_echoed_as_typed_never_as_markup(typed: str):
    from srn_tui.ui.screens.training_settings import TrainingSettingsScreen

    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        screen = app.screen
        assert isinstance(screen, TrainingSettingsScreen)
        screen.query_one("#epochs").value = typed
        screen.query_one("#apply").press()
        await pilot.pause()
        assert app.screen is screen  # refused, and the app still runs
        error = str(screen.query_one("#settings-error").render())
    # (Textual's Input itself shows a pasted control character raw: that is the input box, not us.)
    assert error.startswith("epochs: ") and len(error) <= 120 and is_one_printable_line(error)
    assert printable(typed)[:3] in error
