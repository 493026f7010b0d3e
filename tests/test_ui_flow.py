"""The flow panel in the app: one target's gradient, the keys that move the target, truncation,
what fits at 80x24 and 100x30, and a reading computed from the shown network's numbers."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from shared import app_for

from srn_tui.engine import TrainConfig, target_flow, train
from srn_tui.lessons import get_scenario
from srn_tui.live import read_flow
from srn_tui.text.labels import flow_text
from srn_tui.ui.app import SrnApp
from srn_tui.ui.key_labels import KEYS_ZH
from srn_tui.ui.screens.main import MainScreen
from srn_tui.ui.widgets.gradient_flow import GradientFlow


def panel(app: SrnApp) -> tuple[GradientFlow, list[str], str]:
    flow = app.main.query_one(GradientFlow)
    return flow, flow.render().plain.splitlines(), flow.title_text.plain


def column(lines: list[str], label: str, t: int, first_shown: int) -> str:
    """The cell of tick t in the row starting with `label` (8-cell label, 8-cell columns)."""
    row = next(line for line in lines if line.startswith(label))
    start = 8 + 8 * (t - first_shown)
    return row[start : start + 8].strip()


@pytest.mark.parametrize(("size", "reading_row"), [((80, 24), False), ((100, 30), True)])
async def test_the_panel_shows_one_targets_flow_and_fits(size, reading_row) -> None:
    app = app_for("echo-20")
    async with app.run_test(size=size) as pilot:
        await pilot.press("v")
        await pilot.pause()
        flow, lines, title = panel(app)
        s = app.session
        expected = target_flow(s.trace, 21)  # t = 0: the first target
        reading = flow_text(read_flow(expected), "en")
        assert [line[:8].strip() for line in lines[:4]] == ["L(21)", "log bar", "h(21)", "L(>=t)"]
        # the cells are the engine's numbers for the loss at 21 alone, and the whole loss's
        assert column(lines, "L(21)", 1, 0) == f"{expected.steps[0].grad_norm:.3g}"
        assert column(lines, "h(21)", 2, 0) == f"{expected.steps[1].jacobian_norm:.3g}"
        assert column(lines, "L(>=t)", 1, 0) == f"{np.linalg.norm(s.backward.steps[0].delta_h):.3g}"
        assert reading.startswith("gradient of loss(21) ")
        if reading_row:  # 100x30: title, four rows and the reading
            assert lines[4] == reading and title.startswith("gradient of loss(21) flowing back to h(t)")
        else:  # 80x24: the reading is the title
            assert len(lines) == 4 and title.startswith(reading) and title.endswith("[ ] target")
        assert flow.region.bottom <= app.main.query_one("#train-row").region.y  # nothing overlaps
        assert app.main.weights_panel.region.height >= 5


async def test_brackets_move_and_pin_the_target_and_r_lets_it_follow_the_cursor() -> None:
    app = app_for("echo-3")  # targets at ticks 4..T
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right", "right", "right", "right", "right", "right")  # cursor 6
        await pilot.press("left_square_bracket")  # opens the training view too
        await pilot.pause()
        flow, lines, _ = panel(app)
        assert app.main.training_view and flow.picture.target == 5 and lines[0].startswith("L(5)")
        await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket")
        assert flow.picture.target == 4  # the first target: it stays there
        await pilot.press("right", "right")  # the cursor moves, the pinned target does not
        assert app.session.cursor == 8 and flow.picture.target == 4
        await pilot.press("right_square_bracket")
        assert flow.picture.target == 5
        await pilot.press("r", "right", "right", "right", "right", "right")
        await pilot.pause()
        assert flow.picture.target == 5 and app.main.training.flow_follower.pinned is None
        await pilot.press("right")
        assert flow.picture.target == 6  # following the cursor again


async def test_truncated_bptt_cuts_the_targets_bars_at_its_chunk_start() -> None:
    app = app_for("echo-3")
    async with app.run_test(size=(100, 30)) as pilot:
        app.session.set_training(replace(app.session.training, truncate=4))  # chunks 1-4, 5-8, ...
        for _ in range(7):
            await pilot.press("right")
        await pilot.press("v")
        await pilot.pause()
        flow, lines, _ = panel(app)
        assert (flow.picture.target, flow.picture.first) == (7, 5)
        first_shown = 7 - ((flow.size.width - 8) // 8) // 2
        assert column(lines, "L(7)", 4, first_shown) == "cut |"
        assert column(lines, "L(7)", 3, first_shown) == "" and column(lines, "h(7)", 4, first_shown) == ""
        assert column(lines, "L(7)", 5, first_shown) != "" and column(lines, "h(7)", 5, first_shown) != ""
        bars = next(line for line in lines if line.startswith("log bar"))
        assert bars[8 + 8 * (4 - first_shown) :][:8].strip() == ""  # no bar where the gradient stopped
        assert flow.picture.reading == flow_text(read_flow(target_flow(app.session.trace, 7, 4)), "en")


async def test_after_training_the_reading_is_the_trained_networks_per_target_flow() -> None:
    """echo-5 trained (headless, then shown): the panel reads what target_flow measures on the shown
    weights, for the target at the cursor; the whole-loss row is the sum, not the reading."""
    lesson = get_scenario("echo-5")
    result = train(lesson.model(), lesson.sequences(), TrainConfig(epochs=30, lr=0.02, optimizer="adam"))
    app = app_for("echo-5")
    async with app.run_test(size=(100, 30)) as pilot:
        app.session.show_trained(result.model.params)
        app.session.go_to(12)
        await pilot.press("v")
        await pilot.pause()
        flow, _, _ = panel(app)
        expected = read_flow(target_flow(app.session.trace, 12))
        assert flow.picture.target == 12 and flow.reading == flow_text(expected, "en")
        assert flow.verdict == expected.verdict


async def test_the_panel_in_chinese_and_the_keys_in_the_footer_tables() -> None:
    app = app_for("seed", "zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        flow, lines, title = panel(app)
        assert title.startswith("loss(5) 的梯度反向流到 h(t)") and title.endswith("[ ] 换目标")
        assert lines[4].startswith("loss(5) 的梯度在 4 个时间步内缩小为 x") and lines[4].endswith("梯度消失")
    descriptions = {b.description for b in MainScreen.BINDINGS if b.key.endswith("square_bracket")}
    assert descriptions == {"Earlier target", "Later target"} and descriptions <= KEYS_ZH.keys()


async def test_a_sequence_without_targets_says_so() -> None:
    from srn_tui.engine import DataSequence

    app = app_for("seed")
    async with app.run_test(size=(80, 24)) as pilot:
        app.session.replace_sequence(DataSequence.from_lists([1.0, 2.0], [None, None], output_size=1))
        await pilot.press("v", "right_square_bracket")
        await pilot.pause()
        flow, lines, title = panel(app)
        assert flow.picture.target is None and flow.verdict == "no targets"
        assert title == "no tick has a target: no loss to send back" and lines[0].startswith("L(tau)")
