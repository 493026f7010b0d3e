"""The Chinese words added for the dialogs, toasts, palette, run endings, handouts and lessons: the
same ids and placeholders as the English, the same numbers in a lesson's description, full-width
punctuation inside Chinese sentences, and English left as it was."""

from __future__ import annotations

import re

import numpy as np
import pytest
from shared import run

from srn_tui.lessons import PATTERNS, SCENARIOS
from srn_tui.lessons.text import text_scenario
from srn_tui.live import ContinuousTrainer, PlateauRule
from srn_tui.text import dialogs, labels, messages, problem_words, runs
from srn_tui.text.lang import placeholders

TABLES = {
    "dialogs": dialogs.WORDS,
    "messages": messages.MESSAGES,
    "runs": runs.ENDED,
    "labels": labels.LABELS,
    "problems": problem_words.WORDS,
}
CJK = "[\u3400-\u9fff]"
NUMBER = re.compile(r"\d+(?:[.,]\d+)*(?:e-?\d+)?")


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_message_has_both_languages_with_the_same_placeholders(name) -> None:
    table = TABLES[name]
    assert table["en"].keys() == table["zh"].keys()
    for key, english in table["en"].items():
        assert placeholders(english) == placeholders(table["zh"][key]), (name, key)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_no_ascii_colon_semicolon_comma_or_bracket_touches_a_chinese_character(name) -> None:
    for key, text in TABLES[name]["zh"].items():
        assert not re.search(rf"{CJK}\s?[:;,(]|[:;,]{CJK}", text), (name, key, text)


def numbers_in(text: str) -> list[str]:
    return sorted(n.replace(",", "") for n in NUMBER.findall(text))


def abouts():
    for scenario in SCENARIOS.values():
        yield scenario.name, scenario
    for pattern in PATTERNS:
        for name in pattern.examples:
            yield name, pattern.find(name)


@pytest.mark.parametrize(("name", "scenario"), list(abouts()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_lesson_says_what_it_is_in_chinese_with_the_english_numbers(name, scenario) -> None:
    """A translated description quotes the same measured figures as the English one: a number lost
    or changed in translation fails here."""
    en, zh = scenario.about("en"), scenario.about("zh")
    assert zh is scenario.zh and re.search(CJK, zh.title) and re.search(CJK, zh.description)
    assert numbers_in(zh.description) == numbers_in(en.description), name
    assert numbers_in(zh.title) == numbers_in(en.title), name


def test_a_text_lesson_and_the_families_say_it_in_chinese_too() -> None:
    lesson = text_scenario("the quick brown fox jumps over the lazy dog " * 3)
    zh = lesson.about("zh")
    assert "132 个字符" in zh.description and numbers_in(zh.description) == numbers_in(lesson.about().description)
    assert {p.summary_in("zh") for p in PATTERNS} != {p.summary for p in PATTERNS}


def test_a_run_ending_is_a_fact_told_in_both_languages() -> None:
    """The plateau's sentence from the report's facts; the English is what it was (test_live_continuous)."""
    from srn_tui.lessons import get_scenario

    s = get_scenario("seed")
    trainer = ContinuousTrainer(s.model(), s.sequences(), s.training, plateau=PlateauRule(patience=3))
    report = trainer.run(epochs=5000)
    assert report.reason.value == "plateau" and report.patience == 3
    margin = max(1e-6 * report.best_loss, 1e-12)  # PlateauRule's defaults, computed apart
    assert report.plateau_margin == margin
    assert report.message == (
        f"loss stopped falling: in 3 epochs no loss fell more than {margin:.4g} below the best so far"
        f" (best {report.best_loss:.4g} at epoch {report.best_epoch})"
    )
    zh = report.words("zh")
    assert zh.startswith(f"损失不再下降：连续 3 轮，损失都没有比当时最好的值再低 {margin:.4g} 以上")
    assert f"第 {report.best_epoch} 轮" in zh
    stopped = ContinuousTrainer(s.model(), s.sequences(), s.training).run(epochs=7)
    assert (stopped.message, stopped.words("zh")) == ("trained 7 epochs", "训练了 7 轮")
    assert np.isfinite(report.best_loss)


def test_the_markdown_handout_is_titled_with_the_lesson_in_its_language(capsys) -> None:
    code, zh, _ = run(capsys, "trace", "--format", "markdown", "--lang", "zh")
    assert code == 0 and zh.startswith("# seed：文章里的例子：1, 2, 3, 4, 5 -> 6\n")
    _, en, _ = run(capsys, "trace", "--format", "markdown")
    assert en.startswith("# seed: The article's example: 1, 2, 3, 4, 5 -> 6\n")
