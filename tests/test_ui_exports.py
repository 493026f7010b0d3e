"""Exports from the app go where the user sees and chooses: every save dialog shows its folder and
starts from a full path in it, a bare name lands in that folder, and the toast names the full path.
The screenshot asks too (it used to save silently into the current directory)."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from shared import Toasts, seed_app

from srn_tui.ui import file_actions
from srn_tui.ui.screens.file_dialog import FileDialog
from srn_tui.ui.training_files import ask_export_loss


def folder_line(app) -> str:
    return str(app.screen.query_one("#dialog-folder").render())


async def test_the_screenshot_asks_where_and_says_the_full_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, toasts: Toasts
) -> None:
    monkeypatch.chdir(tmp_path)
    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right", "right")
        app.action_take_screenshot()
        await pilot.pause()
        assert isinstance(app.screen, FileDialog) and list(tmp_path.iterdir()) == []  # nothing saved yet
        assert f"folder: {tmp_path.resolve()}" in folder_line(app)
        offered = Path(app.screen.query_one("#dialog-path").value)
        assert offered.parent == tmp_path.resolve() and offered.suffix == ".svg"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.main
    assert offered.is_file() and f"screenshot saved to {offered}" in toasts.messages
    svg = html.unescape(offered.read_text()).replace("\xa0", " ")
    assert "<svg" in svg and "unrolled" in svg  # the main screen's words
    assert "Save a screenshot" not in svg and "folder:" not in svg  # the picture is the screen, not the dialog


async def test_a_bare_name_goes_to_the_folder_shown_and_another_folder_can_be_chosen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, toasts: Toasts
) -> None:
    work, elsewhere = tmp_path / "work", tmp_path / "handouts"
    work.mkdir()
    elsewhere.mkdir()
    monkeypatch.chdir(work)
    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        file_actions.ask_export(app, "json")
        await pilot.pause()
        assert f"folder: {work.resolve()}" in folder_line(app)
        assert app.screen.query_one("#dialog-path").value == str(work.resolve() / "srn-trace-seed.json")
        app.screen.query_one("#dialog-path").value = "mine.json"
        await pilot.press("enter")
        await pilot.pause()
        file_actions.ask_save_model(app)
        await pilot.pause()
        assert app.screen.query_one("#dialog-path").value == str(work.resolve() / "seed-model.json")
        app.screen.query_one("#dialog-path").value = str(elsewhere / "model.json")
        await pilot.press("enter")
        await pilot.pause()
    saved = work.resolve() / "mine.json"
    assert json.loads(saved.read_text())["steps"][0]["t"] == 1
    assert f"exported the trace to {saved}" in toasts.messages
    assert json.loads((elsewhere / "model.json").read_text())["W_hy"] == [[1.0]]
    assert f"saved model to {elsewhere / 'model.json'}" in toasts.messages


async def test_the_loss_history_dialog_and_the_chinese_folder_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = seed_app("zh")
    async with app.run_test(size=(100, 30)) as pilot:
        ask_export_loss(app, app.main.loss_history)
        await pilot.pause()
        assert f"文件夹：{tmp_path.resolve()}（" in folder_line(app)
        assert Path(app.screen.query_one("#dialog-path").value).parent == tmp_path.resolve()
        await pilot.press("escape")


async def test_the_palette_has_one_screenshot_command_and_it_asks() -> None:
    """Textual's own "Screenshot" system command saves without asking: the app leaves it out."""
    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles and "Quit" in titles  # only Textual's screenshot is left out
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Take screenshot")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FileDialog)
        await pilot.press("escape")
