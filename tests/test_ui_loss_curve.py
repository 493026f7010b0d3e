"""The loss curve's baseline row and the loss per target tick in the training view, on the widget
and in the app after training a lesson (EN and ZH)."""

from __future__ import annotations

import numpy as np
from rich.cells import cell_len
from shared import app_for
from textual.app import App, ComposeResult

from srn_tui.live.continuous import ProgressReport
from srn_tui.live.loss_history import HistorySnapshot
from srn_tui.loss_scale import LossScale
from srn_tui.ui.widgets.loss_curve import AXIS_WIDTH, LossCurve, label_start, level_row
from srn_tui.ui.widgets.training_status import loss_line


class CurveApp(App):
    def compose(self) -> ComposeResult:
        yield LossCurve(id="loss")


CHANCE = LossScale(targets=100, baseline=12.5, baseline_kind="chance_half")


async def test_the_baseline_is_a_named_dashed_row_at_its_level() -> None:
    app = CurveApp()
    async with app.run_test(size=(60, 8)) as pilot:
        curve = app.query_one(LossCurve)
        curve.set_scale(CHANCE)
        curve.show(np.arange(1, 41), np.geomspace(14.0, 1.0, 40))
        await pilot.pause()
        rows = curve.render().plain.splitlines()
        line = [r for r in rows if "chance" in r]
        assert len(line) == 1 and "-" in line[0] and "12.5 (0.125/tick)" in line[0]
        # 12.5 sits near the top of a 1..14 log scale: in the first row here
        assert rows.index(line[0]) == level_row(12.5, 1.0, 14.0, len(rows)) == 0
        assert curve.border_title.startswith("loss now 1 (0.01/tick)")
        curve.lang = "zh"
        await pilot.pause()
        assert any("随机猜测" in r for r in curve.render().plain.splitlines())
        assert "每步 0.01" in curve.border_title


async def test_a_baseline_far_below_the_losses_widens_the_scale_and_no_baseline_draws_none() -> None:
    app = CurveApp()
    async with app.run_test(size=(60, 8)) as pilot:
        curve = app.query_one(LossCurve)
        curve.set_scale(LossScale(targets=10, baseline=0.01, baseline_kind="repeat"))
        curve.show(np.arange(1, 11), np.linspace(5.0, 2.0, 10))
        await pilot.pause()
        rows = curve.render().plain.splitlines()
        # the lowest level, the bottom row; dashes run on past the 10 epochs drawn so far
        assert rows[-1].startswith(" repeat x ██████████---") and rows[-1].endswith(" 0.01 (0.001/tick) ")
        curve.show(np.arange(1, 101), np.linspace(5.0, 2.0, 100))
        await pilot.pause()
        # every column has a bar filling that row: the value goes over the oldest epochs
        assert curve.render().plain.splitlines()[-1].startswith(" repeat x  0.01 (0.001/tick) ███")
        curve.set_scale(LossScale(targets=10))
        await pilot.pause()
        assert all("-" not in r[AXIS_WIDTH + 1 :] for r in curve.render().plain.splitlines())


def test_level_rows_and_label_places():
    assert level_row(100.0, 1.0, 100.0, 4) == 0 and level_row(1.0, 1.0, 100.0, 4) == 3
    assert level_row(10.0, 1.0, 100.0, 4) in (1, 2)
    assert label_start([False, True, True, True, False, True, True], 3) == 1
    assert label_start([True, True, False, True, True, True, True], 3) == 4  # rightmost fit
    assert label_start([True, False, True], 2) is None


def _report(loss: float, best: float, best_epoch: int) -> ProgressReport:
    empty = HistorySnapshot(np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0))
    return ProgressReport(300, 300, loss, best, best_epoch, 0.1, {}, empty, 100.0)


def test_the_status_loss_line_keeps_the_mean_and_drops_the_best_when_narrow():
    report = _report(0.4093, 0.4093, 300)
    scale = LossScale(targets=256)
    assert loss_line(report, scale, "en") == "loss 0.4093 (0.0016/tick)   best 0.4093 @ 300"
    assert loss_line(report, scale, "en", 42) == "loss 0.4093 (0.0016/tick)  best 0.4093"
    assert loss_line(report, scale, "en", 30) == "loss 0.4093 (0.0016/tick)"
    zh = loss_line(report, LossScale(targets=4, bits=True, characters=True), "zh", 42)
    assert cell_len(zh) <= 42 and "每字符" in zh and "比特" in zh
    assert loss_line(report, None, "en") == "loss 0.4093   best 0.4093 @ 300"


async def test_training_a_lesson_shows_the_mean_and_its_baseline() -> None:
    app = app_for("hello", "en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("v", "t")
        await pilot.press("x")
        for _ in range(50):
            await pilot.pause(0.05)
            if app.main.loss_history().epochs.size:
                break
        await pilot.pause(0.2)
        curve = app.main.query_one("#loss", LossCurve)
        assert "bits/char" in curve.border_title
        rows = curve.render().plain.splitlines()
        assert any("chance" in r and "(2 bits/char)" in r for r in rows)
