"""Every built-in lesson through the command line: `trace` in each format and language, `train`."""

from __future__ import annotations

import itertools
import math
import re

import pytest
from rich.cells import cell_len
from shared import handout_narration, run, squeeze

from srn_tui.engine import forward
from srn_tui.lessons import SCENARIOS, Lesson, get_scenario
from srn_tui.narration import narrate_tick
from srn_tui.report_markdown import ROW_CELLS
from srn_tui.report_table import ROW_CELLS as TABLE_ROW_CELLS
from srn_tui.text.handout import say

CJK = re.compile(r"[\u4e00-\u9fff]")


def ticks(name: str) -> int:
    return Lesson.from_scenario(get_scenario(name)).sequence.length


def markdown_rows(out: str, lang: str = "en") -> list[list[str]]:
    """The cells of the forward-pass table's tick rows (first cell a tick number)."""
    section = out.split(f"## {say(lang, 'forward')}", 1)[1].split(f"## {say(lang, 'narration')}", 1)[0]
    rows = [re.split(r"(?<!\\)\|", line.strip())[1:-1] for line in section.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in row] for row in rows if row[0].strip().isdigit()]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", SCENARIOS)
def test_trace_table_has_a_row_per_tick(capsys, name: str, lang: str) -> None:
    code, out, err = run(capsys, "trace", "--scenario", name, "--lang", lang)
    assert code == 0, err
    assert out.startswith(f"{name}: {get_scenario(name).title}")
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.lstrip().startswith("t |"))
    numbers = [int(line.split("|")[0]) for line in itertools.takewhile(bool, lines[header + 2 :])]
    assert numbers == list(range(1, ticks(name) + 1))  # then a section per tick where a row cannot hold one
    assert max(map(cell_len, lines)) <= TABLE_ROW_CELLS


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", SCENARIOS)
def test_trace_markdown_narrates_every_tick_in_the_chosen_language(capsys, name: str, lang: str) -> None:
    code, out, err = run(capsys, "trace", "--scenario", name, "--format", "markdown", "--lang", lang)
    assert code == 0, err
    rows = markdown_rows(out, lang)
    assert [int(row[0]) for row in rows] == list(range(1, ticks(name) + 1))
    assert max(map(cell_len, out.splitlines())) <= ROW_CELLS  # a handout's lines fit a page
    lesson = Lesson.from_scenario(get_scenario(name))
    trace = forward(lesson.model, lesson.sequence)
    notes = handout_narration(out, lang)
    assert sorted(notes) == list(range(1, ticks(name) + 1))
    for t, narration in notes.items():
        assert narration == squeeze(narrate_tick(name, trace, t, lang)), (name, t)
        if lang == "zh":
            assert narration.startswith(f"时间步t={t}\uff1a") and "隐藏层" in narration, (name, t)
        else:
            assert not CJK.search(narration) and narration.startswith(f"t={t}:"), (name, t)


@pytest.mark.parametrize("name", SCENARIOS)
def test_trace_csv_rows_match_the_header(capsys, name: str) -> None:
    """Found for jordan: h_prev holds the fed-back output (O values), not H."""
    code, out, err = run(capsys, "trace", "--scenario", name, "--format", "csv")
    assert code == 0, err
    lines = out.splitlines()
    widths = {len(line.split(",")) for line in lines}
    assert len(lines) == ticks(name) + 1 and len(widths) == 1, (name, widths)


@pytest.mark.parametrize("name", SCENARIOS)
def test_train_two_epochs(capsys, name: str) -> None:
    code, out, err = run(capsys, "train", "--scenario", name, "--epochs", "2")
    assert code == 0, err
    assert out.startswith(f"trained {name} for 2 epoch(s): {get_scenario(name).training.optimizer}")
    losses = [float(m.group(1)) for m in re.finditer(r"^\s+[12]\s+(\S+)\s+\S+\s+\S+$", out, re.MULTILINE)]
    assert len(losses) == 2 and all(math.isfinite(v) and v >= 0 for v in losses)
    assert "trained parameters:" in out


def test_the_chinese_handout_renders_for_the_jordan_lesson(capsys) -> None:
    code, out, _ = run(capsys, "trace", "--scenario", "jordan", "--format", "markdown", "--lang", "zh")
    assert code == 0
    assert "W_hh y(t-1)" in out.splitlines()[3]  # the formulas' code block
    notes = handout_narration(out, "zh")
    assert notes and all("上一步的输出" in note for note in notes.values())
