"""The words lesson's loss-per-tick chart (ui/screens/tick_errors.py): bars, letters and onset marks line up."""

from __future__ import annotations

from srn_tui.lessons import Lesson, get_scenario
from srn_tui.lessons.segmentation import TickError
from srn_tui.session import Session
from srn_tui.ui.screens.tick_errors import LEFT, ROWS, chart_page, error_chart


def test_bars_letters_and_onset_marks_share_columns():
    errors = [TickError(1, "a", 1.0, True), TickError(2, "b", 0.0, True), TickError(3, "o", 0.5, False)]
    lines = error_chart(errors, width=LEFT + 20)
    bars, axis, letters, marks = lines[:ROWS], lines[ROWS], lines[ROWS + 1], lines[ROWS + 2]
    assert [row[LEFT:] for row in bars] == ["#  ", "#  ", "# #", "# #", "# #"]  # 1.0 full, 0 none, 0.5 half (rounded)
    assert bars[0].startswith("    1.000 |") and axis.startswith("     t = 1+---")
    assert letters[LEFT:] == "abo" and marks[LEFT:] == "^^ "
    assert all(line.isascii() for line in lines)


def test_long_sequences_wrap_into_blocks_starting_at_their_tick():
    errors = [TickError(t, "a", float(t % 3), t % 4 == 1) for t in range(1, 31)]
    lines = error_chart(errors, width=LEFT + 10)
    axes = [line for line in lines if "+-" in line]
    assert [a.split("+")[0].strip() for a in axes] == ["t = 1", "t = 11", "t = 21"]


def test_the_page_for_the_words_lesson_and_for_another_lesson():
    page = chart_page(Session(Lesson.from_scenario(get_scenario("words"))), "en", 80).plain
    assert "Mean loss" in " ".join(page.split()) and "^" in page
    zh = chart_page(Session(Lesson.from_scenario(get_scenario("words"))), "zh", 80).plain
    assert "平均损失" in "".join(zh.split())
    other = chart_page(Session(Lesson.from_scenario(get_scenario("letters"))), "en", 80).plain
    assert other.startswith("This chart is for the words lesson")
