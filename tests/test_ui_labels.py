"""The panels' own words in English and Chinese: every label exists in both languages with the same
placeholders, Chinese lines fit the training panel, and a language switch re-labels the screen."""

from __future__ import annotations

import string

import pytest
from rich.cells import cell_len
from shared import seed_app

from srn_tui.explain import explain_tick
from srn_tui.lessons import get_scenario
from srn_tui.live import FlowReading
from srn_tui.text.labels import EN, FLOW, ZH, flow_text, label
from srn_tui.ui.widgets.gradient_flow import GradientFlow
from srn_tui.ui.widgets.loss_curve import LossCurve
from srn_tui.ui.widgets.tick_panel import TickPanel
from srn_tui.ui.widgets.timeline import Timeline
from srn_tui.ui.widgets.training_status import TrainingStatus


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_label_exists_in_both_languages_with_the_same_placeholders() -> None:
    assert EN.keys() == ZH.keys()
    for key in EN:
        assert fields(EN[key]) == fields(ZH[key]), key
    with pytest.raises(ValueError, match="missing value for 'epoch'"):
        label("zh", "epochs_so_far")


@pytest.mark.parametrize(
    ("reading", "en", "zh"),
    [
        (FlowReading(59, 1, 0.0012, "vanishing"), "gradient of loss(59) shrinks x0.0012 over 58 ticks: vanishing",
         "loss(59) 的梯度在 58 个时间步内缩小为 x0.0012：梯度消失"),
        (FlowReading(5, 4, 1.0, "stable"), "gradient of loss(5) changes x1 over 1 tick: stable (within x0.5-x2)",
         "loss(5) 的梯度在 1 个时间步内变化 x1：稳定（在 x0.5-x2 之内）"),
        (FlowReading(9, 1, 300.0, "exploding"), "gradient of loss(9) grows x300 over 8 ticks: exploding",
         "loss(9) 的梯度在 8 个时间步内增长 x300：梯度爆炸"),
        (FlowReading(3, 1, None, "none"),
         "no gradient from loss(3): the output sends nothing back (error 0, or saturated)",
         "loss(3) 没有梯度：输出没有传回任何东西（误差为 0 或已饱和）"),
        (FlowReading(4, 4, None, "single tick"), "gradient of loss(4) stops at t = 4: no earlier tick to flow back to",
         "loss(4) 的梯度停在 t = 4：前面没有可以回传的时间步"),
        (FlowReading(7, 1, None, "not finite"), "gradient of loss(7) is not finite (NaN or Inf): training diverged",
         "loss(7) 的梯度不是有限值（NaN 或 Inf）：训练发散了"),
        (FlowReading(0, 0, None, "no targets"), "no tick has a target: no loss to send back",
         "没有任何时间步有目标：没有损失可以回传"),
    ],
)  # fmt: skip
def test_the_flow_reading_in_both_languages_keeps_the_numbers(reading, en, zh) -> None:
    assert flow_text(reading, "en") == en and flow_text(reading, "zh") == zh
    assert FLOW["en"].keys() == FLOW["zh"].keys()
    assert {"vanishing", "shrinking", "growing"} <= FLOW["en"].keys()


def test_before_the_first_tick_the_equation_panel_speaks_chinese_too() -> None:
    model = get_scenario("seed").model()
    zh = explain_tick(model, None, lang="zh")
    en = explain_tick(model, None)
    assert zh[0] == "t = 0：还没有计算。" and "记忆从 h(0) = [0.000] 开始" in zh[1]
    assert en[0] == "t = 0: nothing computed yet."
    assert zh[2:] != en[2:] and zh[3:] == en[3:]  # the formulas are the same, aligned the same
    assert cell_len(zh[2].split("a(t)")[0]) == cell_len(en[2].split("a(t)")[0])


async def test_the_training_view_in_chinese_and_a_switch_back_to_english() -> None:
    app = seed_app("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.main
        assert str(screen.query_one("#tick").border_title) == "当前时间步"
        assert str(screen.query_one(Timeline).border_title).startswith("按时间展开")
        assert "还没有计算" in str(screen.query_one(TickPanel).render())
        await pilot.press("right", "right", "right", "right", "right", "v")
        status = screen.query_one(TrainingStatus)
        text = status.render().plain  # type: ignore[union-attr]
        assert "动画演示一轮" in text and "已训练轮数：0" in text
        # every line of the idle panel fits the panel at 80x24 (two cells per Chinese character)
        assert all(cell_len(line) <= status.content_size.width for line in text.splitlines())
        assert "梯度消失" in screen.query_one(GradientFlow).reading
        assert str(screen.query_one(LossCurve).border_title) == "每轮损失：还没有"
        assert "共用" in str(screen.query_one(Timeline).render())
        app.set_lang("en")  # as the palette's "Switch narration language" does
        await pilot.pause()
        assert str(screen.query_one("#tick").border_title) == "this tick"
        assert "one animated epoch" in status.render().plain  # type: ignore[union-attr]
        assert "vanishing" in screen.query_one(GradientFlow).reading
        assert str(screen.query_one(LossCurve).border_title) == "loss per epoch: none yet"
        assert "same W_xh" in str(screen.query_one(Timeline).render())
        assert str(screen.weights_panel.query_one("#weights-legend").note) == "weights: one shared scale"


async def test_a_run_in_chinese_reports_in_chinese() -> None:
    app = seed_app("zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("T")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = app.main.query_one(TrainingStatus).render().plain  # type: ignore[union-attr]
        # at 100x30 the lesson's claim (Chinese too) takes the place of the speed line under the run's end
        assert text.startswith("第 ") and "已收敛" in text and "最好" in text and "本课的结论成立" in text
        assert "当前损失" in str(app.main.query_one(LossCurve).border_title)
