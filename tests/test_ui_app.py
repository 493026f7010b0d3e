"""Pilot tests that drive the real app on the seed lesson."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from loads import finish_loading
from shared import Toasts, app_for, seed_app

from srn_tui.engine import forward
from srn_tui.ui import file_actions
from srn_tui.ui.app import SrnApp
from srn_tui.ui.loading import sequence_request
from srn_tui.ui.screens.edit_value import EditValueScreen
from srn_tui.ui.screens.file_dialog import FileDialog
from srn_tui.ui.screens.help import HelpScreen
from srn_tui.ui.widgets.equation import EquationPanel
from srn_tui.ui.widgets.heatmap import Heatmap
from srn_tui.ui.widgets.tick_panel import TickPanel
from srn_tui.ui.widgets.timeline import Timeline


def equation_text(app: SrnApp) -> str:
    return str(app.main.query_one(EquationPanel).render())


async def test_stepping_forward_and_back_shows_the_article_numbers() -> None:
    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right")
        assert app.session.cursor == 1
        assert "h(1) = tanh(0.500) = 0.462" in equation_text(app)
        assert "+0.462" in str(app.main.query_one(TickPanel).render())
        assert app.sub_title.endswith("t = 1 / 5")
        await pilot.press("right", "l", "right", "right")
        assert "h(5) = tanh(2.597) = 0.989" in equation_text(app)
        timeline = str(app.main.query_one(Timeline).render())
        assert "[5]" in timeline and "+0.989" in timeline
        await pilot.press("left")
        assert app.session.cursor == 4
        assert "h(4) = tanh(2.092) = 0.970" in equation_text(app)
        await pilot.press("h", "home")
        assert app.session.cursor == 0
        await pilot.press("end")
        assert app.session.cursor == 5
        await pilot.press("r")
        assert (app.session.cursor, app.session.revealed) == (0, 0)
        assert "+0.462" not in str(app.main.query_one(Timeline).render())


async def test_a_step_compares_no_weights_and_an_edit_redraws_them(monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[str] = []
    real = Heatmap.is_showing
    monkeypatch.setattr(Heatmap, "is_showing", lambda self, *a: (compared.append(self.id), real(self, *a))[1])
    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert len(compared) == 5  # the first draw
        compared.clear()
        await pilot.press("l", "l", "h", "end")
        assert app.session.cursor == 5 and compared == []
        app.session.set_weight("W_hh", 0, 0, 0.75)
        app.main.sync()
        assert "heatmap-W_hh" in compared
        assert app.main.weights_panel.heatmap("W_hh").value_at(0, 0) == 0.75


async def test_unrevealed_ticks_are_drawn_empty() -> None:
    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right", "right")
        h_row = str(app.main.query_one(Timeline).render()).splitlines()[2]
        assert h_row.split()[1:] == ["+0.000", "+0.462", "+0.780", "-", "-", "-"]


async def test_clicking_a_tick_jumps_there() -> None:
    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        timeline = app.main.query_one(Timeline)
        from srn_tui.ui.widgets.timeline import COLUMN_WIDTH, LABEL_WIDTH

        await pilot.click(timeline, offset=(LABEL_WIDTH + 3 * COLUMN_WIDTH + 3 + 2, 2))
        assert app.session.cursor == 3


async def test_editing_w_hh_changes_h_as_the_engine_says() -> None:
    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right", "right", "right")
        app.main.post_message(_cell_edited(app, "W_hh", 0, 0, 0.8))
        await pilot.pause()
        expected = forward(app.session.model, app.session.sequence).steps[2].h[0]
        h2 = math.tanh(1.0 + 0.8 * math.tanh(0.5))
        assert expected == pytest.approx(math.tanh(1.5 + 0.8 * h2))
        assert f"= {expected:.3f}" in equation_text(app).splitlines()[1]
        assert app.session.cursor == 3


def _cell_edited(app: SrnApp, name: str, row: int, col: int, value: float):
    from srn_tui.ui.widgets.weights_panel import WeightsPanel

    return WeightsPanel.CellEdited(name, row, col, value)


async def test_help_opens_and_closes() -> None:
    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert app.screen is app.main


async def test_palette_opens_a_lesson(tmp_path: Path) -> None:
    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right", "right")
        await pilot.press("ctrl+p")
        await pilot.press(*"Open lesson: seed")
        await pilot.press("enter")
        await finish_loading(app, pilot)
        assert app.screen is app.main
        assert (app.session.cursor, app.session.lesson.name) == (0, "seed")


async def test_export_json_through_the_dialog(tmp_path: Path) -> None:
    app = seed_app()
    target = tmp_path / "trace.json"
    async with app.run_test(size=(100, 30)) as pilot:
        file_actions.ask_export(app, "json")
        await pilot.pause()
        assert isinstance(app.screen, FileDialog)
        app.screen.query_one("#dialog-path").value = str(target)
        await pilot.press("enter")
        await pilot.pause()
    data = json.loads(target.read_text())
    steps = data["steps"]
    assert [s["t"] for s in steps] == [1, 2, 3, 4, 5]
    assert steps[4]["h"][0] == pytest.approx(math.tanh(2.5 + 0.1 * steps[3]["h"][0]))
    assert data["loss"] == pytest.approx(0.5 * (steps[4]["y"][0] - 6) ** 2)


async def test_export_default_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = seed_app()
    async with app.run_test(size=(100, 30)):
        path = file_actions.export_trace(app.session, "csv")
    assert path == tmp_path / "srn-trace-seed.csv"
    assert path.read_text().count("\n") >= 5


async def test_a_malformed_model_file_shows_a_message_and_keeps_the_lesson(tmp_path: Path, toasts: Toasts) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"W_xh": [[1, 2], [3]]')
    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right")
        before = app.session.model.params["W_xh"].copy()
        file_actions.ask_load_model(app)
        await pilot.pause()
        app.screen.query_one("#dialog-path").value = str(bad)
        await pilot.press("enter")
        await finish_loading(app, pilot)
        messages = toasts.messages
        assert any(str(bad) in m for m in messages), messages
        assert app.session.lesson.name == "seed" and app.session.cursor == 1
        assert (app.session.model.params["W_xh"] == before).all()


async def test_loading_a_good_sequence_file(tmp_path: Path, toasts: Toasts) -> None:
    good = tmp_path / "three.csv"
    good.write_text("x,target\n1,\n1,\n1,2\n")
    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.loader.start(sequence_request(str(good)))
        await finish_loading(app, pilot)
        assert "loaded sequence " + str(good) in toasts.messages
        await pilot.press("end")
        assert app.session.length == 3
        assert app.sub_title.endswith("t = 3 / 3")


async def test_space_plays_to_the_end_and_q_exits_zero() -> None:
    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("plus", "plus", "plus", "plus", "space")
        assert app.main.playing
        await pilot.pause(1.2)
        assert app.session.cursor == 5
        assert not app.main.playing
        await pilot.press("q")
    assert app.return_code == 0


@pytest.mark.parametrize("name", ["letters", "hello"])
async def test_bigger_lessons_step_and_explain_the_selected_unit(name: str) -> None:
    app = app_for(name)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right", "right")
        app.session.select_unit(app.session.model.hidden_size - 1)
        app.main.sync()
        rec = app.session.current
        j = app.session.model.hidden_size - 1
        assert f"h_{j}(2) = tanh({rec.a[j]:.3f}) = {rec.h[j]:.3f}" in equation_text(app)


async def test_e_on_a_weight_opens_the_edit_dialog_and_the_value_reaches_the_model() -> None:
    """The heatmap only asks (EditRequested); MainScreen pushes the dialog and applies the value."""
    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        heatmap = next(h for h in app.main.query(Heatmap) if h.matrix_name == "W_hh")
        heatmap.focus()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditValueScreen)
        await pilot.press(*"0.375", "enter")
        await pilot.pause()
        assert app.screen is app.main
        assert app.session.model.params["W_hh"][0, 0] == 0.375
        assert heatmap.value_at(0, 0) == 0.375
