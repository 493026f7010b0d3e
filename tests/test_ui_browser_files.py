"""In a browser (`srn-tui serve`) the app's files go to the visitor as downloads: the trace export,
the saved model, the loss history and the screenshot are delivered through Textual's
deliver_text / deliver_binary (never written on the serving machine), and loading the serving
machine's files is refused with one line."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from shared import seed_app
from textual.app import App

from srn_tui.files import model_from_dict
from srn_tui.live import history_csv
from srn_tui.text.messages import message
from srn_tui.ui import file_actions, training_files


@pytest.fixture
def in_browser(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[tuple[str, bytes]]:
    """The app believes it runs under textual-serve; what it delivers is recorded, and the working
    directory is an empty folder, so a file written there instead would be seen."""
    delivered: list[tuple[str, bytes]] = []

    def record(self: App, path_or_file, *, save_filename: str | None = None, **_kw) -> str:
        data = path_or_file.read()
        delivered.append((save_filename or "", data.encode() if isinstance(data, str) else data))
        return "key"

    monkeypatch.setattr(App, "is_web", property(lambda self: True))
    monkeypatch.setattr(App, "deliver_text", record)
    monkeypatch.setattr(App, "deliver_binary", record)
    monkeypatch.chdir(tmp_path)
    return delivered


async def test_exports_saves_and_screenshots_are_downloads_not_files(in_browser, toasts, tmp_path: Path) -> None:
    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right", "right")
        file_actions.ask_export(app, "markdown")
        file_actions.ask_save_model(app)
        training_files.ask_export_loss(app, app.main.loss_history)
        app.action_take_screenshot()
        await pilot.pause()
        names = [name for name, _ in in_browser]
        assert names[:3] == ["srn-trace-seed.md", "seed-model.json", "srn-loss-seed.csv"]
        assert names[3].startswith("srn-tui-") and names[3].endswith(".svg")
        trace, model, loss, shot = (data for _, data in in_browser)
        assert trace.decode() == app.session.export_trace("markdown", "en")
        saved = model_from_dict(json.loads(model))
        for name, value in app.session.model.params.items():
            np.testing.assert_array_equal(saved.params[name], value)
        assert loss.decode() == history_csv(app.main.loss_history())
        assert shot.startswith(b"<svg")
        assert list(tmp_path.iterdir()) == []  # nothing written on the serving machine
        assert "sent srn-trace-seed.md to the browser's downloads" in toasts.messages


async def test_loading_the_serving_machines_files_is_refused(in_browser, toasts) -> None:
    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        file_actions.ask_load_model(app)
        file_actions.ask_load_sequence(app)
        await pilot.pause()
        assert app.screen is screen  # no file dialog over the serving machine's folders
        assert toasts.messages[-2:] == [message("en", "no_server_files")] * 2
