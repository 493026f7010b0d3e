"""Pilot tests: lessons from the palette (built-in and a text file), the narration language switch,
and the Jordan lesson's labels."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from loads import finish_loading
from rich.cells import cell_len
from shared import Toasts, app_for

from srn_tui.lessons import SCENARIOS, get_scenario
from srn_tui.narration import narrate_claim
from srn_tui.text.screens import screen_label
from srn_tui.ui.app import SrnApp
from srn_tui.ui.commands import LessonCommands
from srn_tui.ui.screens.file_dialog import FileDialog
from srn_tui.ui.widgets.narration import NarrationLine
from srn_tui.ui.widgets.tick_panel import TickPanel
from srn_tui.ui.widgets.timeline import Timeline
from srn_tui.ui.widgets.training_status import TrainingStatus

CJK = re.compile(r"[\u4e00-\u9fff]")


def narration(app: SrnApp) -> str:
    """The narration as narrated (the widget draws it wrapped to its width; cut by its height, the
    part drawn ends with the cue to read on)."""
    widget = app.main.query_one(NarrationLine)
    drawn = str(widget.render()).split("\n")
    assert all(cell_len(line) <= widget.size.width for line in drawn)
    shown, full = re.sub(r"\s", "", "".join(drawn)), re.sub(r"\s", "", widget.text)
    cue = re.sub(r"\s", "", screen_label(widget.lang, "narration_more"))
    if shown != full:
        assert shown.endswith(cue) and len(drawn) == widget.size.height
        assert full.startswith(shown.removesuffix(cue))
    return widget.text


async def palette(pilot, command: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.press(*command)
    await pilot.press("enter")
    await finish_loading(pilot.app, pilot)


async def train_to_the_end(pilot, app: SrnApp) -> None:
    """T, then wait (up to 30 s) until the run ends on its own."""
    await pilot.press("T")
    for _ in range(600):
        await pilot.pause(0.05)
        if app.main.continuous is None and app.session.epoch:
            break


async def switch_language(pilot) -> None:
    # the entry's title in either language names both: "Switch narration language (English / 中文)"
    await palette(pilot, "English")


async def test_switching_language_changes_the_narration_and_back() -> None:
    app = app_for("seed")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right", "right")
        english = narration(app)
        assert english.startswith("t = 2: the input is x(2) = 2.000.") and not CJK.search(english)
        await switch_language(pilot)
        assert app.screen is app.main and app.lang == app.main.lang == "zh"
        chinese = narration(app)
        assert chinese.startswith("时间步 t = 2\uff1a") and "隐藏层" in chinese
        await pilot.press("right")  # stepping keeps the language
        assert narration(app).startswith("时间步 t = 3\uff1a")
        await switch_language(pilot)
        assert app.lang == "en" and narration(app).startswith("t = 3: the input is x(3) = 3.000.")


async def test_training_messages_follow_the_language_and_are_retold_on_a_switch(toasts: Toasts) -> None:
    app = app_for("seed", "zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("t")  # one animated epoch; any key finishes it
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert app.session.epoch == 1
        assert app.main.narration_text.startswith("第 1 轮\uff1a损失")
        await pilot.press("u")
        await pilot.pause()
        assert app.main.narration_text == "已撤销\uff1a权重回到第 0 轮时的状态。"
        assert "已撤销\uff1a权重回到第 0 轮时的状态。" in toasts.messages
        await switch_language(pilot)
        assert app.main.narration_text == "Undone: the weights are back to where they were at epoch 0."


@pytest.mark.parametrize("name", SCENARIOS)
async def test_the_palette_opens_every_built_in_lesson(name: str) -> None:
    app = app_for("seed" if name != "seed" else "hello")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right")
        await palette(pilot, f"Open lesson: {name}")
        assert app.screen is app.main
        assert (app.session.cursor, app.session.lesson.name) == (0, name)
        await pilot.press("right")
        assert narration(app).startswith("t = 1:")


async def test_a_text_file_opens_as_a_character_lesson(tmp_path: Path) -> None:
    text = tmp_path / "poem.txt"
    text.write_text("abcab abcab\n", encoding="utf-8")
    app = app_for("seed")
    async with app.run_test(size=(100, 30)) as pilot:
        await palette(pilot, "Open a text file as a character-level lesson")
        assert isinstance(app.screen, FileDialog)
        app.screen.query_one("#dialog-path").value = str(text)
        await pilot.press("enter")
        await finish_loading(app, pilot)
        assert app.screen is app.main
        lesson = app.session.lesson
        assert lesson.name == "text:poem.txt"
        assert lesson.model.input_size == lesson.model.output_size == 5  # a b c, space, newline
        assert app.session.length == len("abcab abcab\n") - 1
        await pilot.press("right")
        assert narration(app).startswith('t = 1: the input x(1) is "a".')


@pytest.mark.parametrize(
    ("content", "problem"),
    [(None, "not found|No such file|does not exist"), ("a", "at least 2 characters"), ("[b]oom", None)],
)
async def test_a_bad_text_file_is_one_plain_line_and_the_lesson_stays(
    tmp_path: Path, content: str | None, problem: str | None, toasts: Toasts
) -> None:
    path = tmp_path / "bad[red].txt"  # markup-like name: shown as it is
    if content is not None:
        path.write_text(content, encoding="utf-8")
    app = app_for("seed")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right")
        app.open_text_lesson(str(path))
        await finish_loading(app, pilot)
        if problem is None:  # a fine text whose content looks like markup is a lesson, not markup
            assert app.session.lesson.name == "text:bad[red].txt"
            return
        assert (app.session.lesson.name, app.session.cursor) == ("seed", 1)
        last = toasts.last
        assert "\n" not in last.message and str(path) in last.message and re.search(problem, last.message)
        assert last.markup is False


async def test_jordan_lesson_labels_the_fed_back_output() -> None:
    app = app_for("jordan")
    async with app.run_test(size=(80, 24)) as pilot:  # the smallest screen, where Chinese must still fit
        assert "y(0)" in str(app.main.query_one(TickPanel).render())
        assert "the output y(t-1) feeds h(t) through W_hh" in str(app.main.query_one(Timeline).render())
        await pilot.press("right", "right")
        tick = str(app.main.query_one(TickPanel).render())
        assert re.search(r"^y\(1\) ", tick, re.MULTILINE) and not re.search(r"^h\(1\) ", tick, re.MULTILINE)
        assert "W_hh*y(1)" in narration(app) and "the previous output" in narration(app)
        await switch_language(pilot)
        assert "W_hh*y(1)" in narration(app) and "上一步的输出" in narration(app)
        assert str(app.main.weights_panel.heatmap("W_hh").border_title) == "W_hh (H x O)"


async def test_a_finished_run_tells_the_lessons_measured_claim_in_the_chosen_language(toasts: Toasts) -> None:
    app = app_for("jordan", "zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await train_to_the_end(pilot, app)
        assert app.session.epoch == 300
        expected = get_scenario("jordan").check_claim(app.session.model)
        # the training panel tells it, the verdict first, for as long as these weights stay (no toast)
        status = "".join(app.main.query_one(TrainingStatus).render().plain.split())
        assert not any("在新的比特流上" in m for m in toasts.messages)
        verdict = "本课的结论成立：" if expected.holds else "对这组权重，本课的结论不成立"
        assert verdict in status and "在新的比特流上每一位的平均损失" in status
        assert f"异或位为{expected.values['pred']:.3f}" in status


@pytest.mark.parametrize("typed", ["Open lesson: echo-20", "Open lesson: latch-80", "latch-55", "echo-7"])
async def test_the_palette_opens_lessons_made_from_their_name(typed: str) -> None:
    app = app_for("seed")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right")
        await palette(pilot, typed)
        name = typed.removeprefix("Open lesson: ")
        assert app.screen is app.main
        assert (app.session.cursor, app.session.lesson.name) == (0, name)
        assert app.session.lesson.title == get_scenario(name).title


async def test_the_palette_lists_examples_of_each_pattern() -> None:
    app = app_for("seed")
    async with app.run_test(size=(100, 30)):
        provider = LessonCommands(app.screen)
        names = [name for name, _, _ in provider.commands()]
        assert {"Open lesson: echo-20", "Open lesson: latch-80", "Open lesson: latch-100"} <= set(names)
        assert provider.typed_lesson("latch-1") is None and provider.typed_lesson("seed") is None
        assert provider.typed_lesson("LATCH-33")[0] == "Open lesson: latch-33"


async def test_a_finished_latch_run_tells_its_claim(toasts: Toasts) -> None:
    app = app_for("latch-10")
    async with app.run_test(size=(100, 30)) as pilot:
        await train_to_the_end(pilot, app)
        assert app.session.epoch == 300
        claim = get_scenario("latch-10").check_claim(app.session.model)
        assert claim is not None and narrate_claim("latch-10", app.session.model, "en") not in toasts.messages
        status = " ".join(app.main.query_one(TrainingStatus).render().plain.split())
        # latch makes no yes/no claim: the measured words open the paragraph, with the count of right answers
        assert "Measured on the trained weights: " in status
        assert f"{claim.values['right']} of {claim.values['n']} fresh sequences" in status
