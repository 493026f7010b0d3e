"""Narration: both languages complete for every tick of every lesson, with the trace's own numbers."""

from __future__ import annotations

import re
from functools import cache

import numpy as np
import pytest
from rich.markup import render as render_markup

from srn_tui.engine import DataSequence, Trace, forward, train
from srn_tui.lessons import SCENARIOS, Lesson, get_scenario, text_scenario
from srn_tui.narration import EVENTS, TEMPLATES, detect_lang, narrate_claim, narrate_tick, narrate_training
from srn_tui.narration.render import fmt_number, placeholders

LESSONS = [*SCENARIOS, "echo-20", "latch-30"]
LEFTOVER = re.compile(r"[{}]")


@cache
def initial_trace(name: str) -> Trace:
    scenario = get_scenario(name)
    return forward(scenario.model(), scenario.sequences()[0])


def test_both_languages_have_the_same_messages_and_placeholders() -> None:
    assert set(TEMPLATES["en"]) == set(TEMPLATES["zh"])
    for key, english in TEMPLATES["en"].items():
        assert placeholders(english) == placeholders(TEMPLATES["zh"][key]), key


def test_templates_are_plain_text() -> None:
    for lang, table in TEMPLATES.items():
        for key, text in table.items():
            assert "[/" not in text and "[bold" not in text, (lang, key)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", LESSONS)
def test_every_tick_of_every_lesson_is_narrated(name: str, lang: str) -> None:
    trace = initial_trace(name)
    for t in range(len(trace) + 1):
        text = narrate_tick(name, trace, t, lang)
        assert text.strip(), (name, t)
        assert not LEFTOVER.search(text), (name, t, text)
        assert render_markup(text).plain == text, (name, t)  # nothing Rich would take for markup
        if t == 0:
            continue
        rec = trace.steps[t - 1]
        # The tick's own numbers: h for one hidden unit, otherwise the norm of h(t).
        h = rec.h[0] if rec.h.size == 1 else np.linalg.norm(rec.h)
        assert f"{h:.3f}" in text, (name, t)
        if trace.model.output_activation == "softmax":
            assert f"{rec.y.max():.3f}" in text
        elif rec.y.size == 1:
            assert f"{rec.y[0]:.3f}" in text
        if lang == "zh":
            for term in ("时间步", "隐藏层", "循环连接"):
                assert term in text, (name, t, term)


@pytest.mark.parametrize("name", LESSONS)
def test_chinese_opening_uses_the_articles_terms(name: str) -> None:
    text = narrate_tick(name, initial_trace(name), 0, "zh")
    for term in ("隐藏层", "时间展开", "共享参数", "时间步"):
        assert term in text, term


def test_echo_opening_states_the_task_not_an_unmeasured_cause() -> None:
    """The opening says what the task asks (k bits held at once); the per-tick remarks give the measured share."""
    for lang, hold in (("en", "hold the last 20 bits at once"), ("zh", "同时记住最近的 20 位")):
        text = narrate_tick("echo-20", initial_trace("echo-20"), 0, lang)
        assert hold in text
        assert "vanish" not in text and "梯度消失" not in text


def test_seed_narration_carries_the_articles_numbers() -> None:
    trace = initial_trace("seed")
    for t, h in enumerate([0.462, 0.780, 0.918, 0.970, 0.989], start=1):
        for lang in ("en", "zh"):
            assert f"= {h:.3f}" in narrate_tick("seed", trace, t, lang)
    last = narrate_tick("seed", trace, 5, "en")
    assert "2.597" in last and "6.067" in last and "far from the target 6.000" in last
    assert "0.500 from the input" in narrate_tick("seed", trace, 1, "en")
    assert "nothing is carried over" in narrate_tick("seed", trace, 1, "en")
    assert "input term dominates" in narrate_tick("seed", trace, 2, "en")


def test_seed_narration_after_training_says_the_scale_is_learned() -> None:
    scenario = get_scenario("seed")
    model = train(scenario.model(), scenario.sequences(), scenario.training).model
    text = narrate_tick("seed", forward(model, scenario.sequences()[0]), 5, "zh")
    assert "已经学会了缩放" in text and "W_hy = 6.067" in text and "接近目标值 6.000" in text


def test_symbols_are_named_for_letters_and_characters() -> None:
    text = narrate_tick("hello", initial_trace("hello"), 1, "en")
    assert 'x(1) is "h"' in text and 'the target is "e"' in text
    assert re.search(r'x\(1\) is "[bdg]"', narrate_tick("letters", initial_trace("letters"), 1, "en"))


def test_trained_lessons_narrate_right_predictions() -> None:
    hello = get_scenario("hello")
    model = train(hello.model(), hello.sequences(), hello.training).model
    trace = forward(model, hello.sequences()[0])
    assert 'predicts "o"' in narrate_tick("hello", trace, 4, "en") and ": right." in narrate_tick(
        "hello", trace, 4, "en"
    )
    assert "预测正确" in narrate_tick("hello", trace, 4, "zh")
    letters = get_scenario("letters")
    model = train(letters.model(), letters.sequences(), letters.training).model
    trace = forward(model, letters.sequences()[0])
    vowel_ticks = [r.t for r in trace.steps if r.target is not None and r.target[1] == 1]
    right = [t for t in vowel_ticks if "the target (largest bit error" in narrate_tick("letters", trace, t, "en")]
    assert len(right) == len(vowel_ticks)


def test_a_lesson_with_the_users_files_keeps_remarks_only_on_the_lessons_own_data() -> None:
    trace = initial_trace("hello")
    hello = Lesson.from_scenario(get_scenario("hello"))
    # The user's model on the lesson's own sequence: symbols and remarks both stay.
    text = narrate_tick(hello.with_model(trace.model, "mine.json"), trace, 3, "en")
    assert 'x(3) is "l"' in text and 'which "l"' in text
    # The user's own sequence (here the lesson's, reversed): symbols stay, remarks about the lesson's data go.
    own = trace.sequence
    reversed_seq = DataSequence(own.inputs[::-1].copy(), own.targets[::-1].copy(), own.mask[::-1].copy())
    other = forward(trace.model, reversed_seq)
    text = narrate_tick(hello.with_sequence(reversed_seq, "mine.csv"), other, 2, "en")
    assert 'x(2) is "l"' in text and 'which "l"' not in text
    generic = narrate_tick("my-own-model.json", initial_trace("seed"), 1, "en")
    assert "0.462" in generic


def test_bad_arguments_are_refused() -> None:
    trace = initial_trace("seed")
    with pytest.raises(ValueError, match="outside 0..5"):
        narrate_tick("seed", trace, 6)
    with pytest.raises(ValueError, match="language"):
        narrate_tick("seed", trace, 1, "fr")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_training_milestones(lang: str) -> None:
    numbers = {"epoch": 12, "epochs": 400, "loss": 0.123456, "grad_norm": 2.0, "lr": 0.1, "optimizer": "adam"}
    numbers.update(cause="the loss became NaN", patience=50, best=0.0123, best_epoch=7)
    for event in EVENTS:
        text = narrate_training(event, lang, **numbers)
        assert text and not LEFTOVER.search(text)
        assert "12" in text or "400" in text
    assert "0.123" in narrate_training("epoch_done", lang, epoch=3, loss=0.123456, grad_norm=2)
    assert "2.000" in narrate_training("epoch_done", lang, epoch=3, loss=0.123456, grad_norm=2.0)
    assert {"started", "epoch_done", "converged", "diverged", "stopped", "undo"} <= set(EVENTS)
    with pytest.raises(ValueError, match="loss"):
        narrate_training("converged", lang, epoch=3)
    stalled = narrate_training("stalled", lang, epoch=51, loss=285.5, patience=50, best=148.9, best_epoch=1)
    assert all(n in stalled for n in ("51", "285.5", "50", "148.9"))
    with pytest.raises(ValueError, match="unknown training event"):
        narrate_training("exploded", lang)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_TW"}, "zh"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({}, "en"),
        ({"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, "en"),
        ({"LANG": "en_GB", "LC_MESSAGES": "zh_CN"}, "zh"),
        ({"LANG": "zh_CN", "LC_ALL": "", "LC_MESSAGES": ""}, "zh"),
        ({"LC_ALL": "zh_HK.UTF-8", "LANG": "en_US"}, "zh"),
    ],
)
def test_detect_lang(environ: dict[str, str], expected: str) -> None:
    assert detect_lang(environ) == expected


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_claims_are_narrated_with_their_numbers(lang: str) -> None:
    seed = get_scenario("seed")
    text = narrate_claim("seed", seed.model(), lang)
    assert text is not None and "1.000" in text and "6.067" in text and not LEFTOVER.search(text)
    assert ("does not hold" in text) if lang == "en" else ("不成立" in text)
    echo = get_scenario("echo-20")
    text = narrate_claim("echo-20", echo.model(), lang)
    claim = echo.check_claim(echo.model())
    # The untrained echo-20 network: a share below 0.0005 would be shown in scientific notation, never as 0.000.
    assert text is not None and fmt_number(claim.values["ratio"]) in text and "0.000 " not in text
    assert ("train longer" not in text) and ("继续训练" not in text)
    assert narrate_claim(Lesson.from_scenario(seed).with_model(seed.model(), "mine.json"), seed.model(), lang) is None


def test_a_text_lesson_is_narrated_with_its_characters() -> None:
    lesson = Lesson.from_scenario(text_scenario("to be\nor not", name="text:narrated"))
    trace = forward(lesson.model, lesson.sequence)
    assert 'x(6) is "\\n"' in narrate_tick(lesson, trace, 6, "en")
    assert "12 个字符" in narrate_tick(lesson, trace, 0, "zh")


def test_divergence_causes_from_the_engine_are_retold_in_chinese() -> None:
    from srn_tui.engine import TrainConfig
    from srn_tui.engine import train as run

    scenario = get_scenario("sine")
    result = run(scenario.model(), scenario.sequences(), TrainConfig(epochs=50, lr=1e6, optimizer="sgd"))
    assert result.divergence is not None
    cause = result.divergence.cause
    english = narrate_training("diverged", "en", epoch=result.divergence.epoch, cause=cause)
    chinese = narrate_training("diverged", "zh", epoch=result.divergence.epoch, cause=cause)
    assert cause in english
    assert ("NaN" in chinese or "Inf" in chinese) and "the " not in chinese, chinese
    assert "something odd" in narrate_training("diverged", "zh", epoch=1, cause="something odd")


def test_narration_does_not_load_textual() -> None:
    import subprocess
    import sys

    code = "import sys, srn_tui.narration; print(any(m.split('.')[0] == 'textual' for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "False", result.stderr[-500:]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_jordan_ticks_say_the_previous_output_is_carried_over(lang: str) -> None:
    """In a Jordan net the recurrent term is W_hh*y(t-1); the narration must not call it h(t-1)."""
    trace = initial_trace("jordan")
    assert trace.model.is_jordan
    previous_output = "the previous output" if lang == "en" else "上一步的输出"
    for t in range(1, len(trace) + 1):
        text = narrate_tick("jordan", trace, t, lang)
        assert f"W_hh*y({t - 1})" in text and previous_output in text, (t, text)
        assert f"W_hh*h({t - 1})" not in text
        # The number carried over is W_hh @ y(t-1), the fed-back output (y(t-1) itself for t > 1).
        rec = trace.steps[t - 1]
        if t > 1:
            assert np.array_equal(rec.h_prev, trace.steps[t - 2].y)
        assert f"{np.linalg.norm(trace.model.params['W_hh'] @ rec.h_prev):.3f}" in text
    assert "y(0)" in narrate_tick("jordan", trace, 0, lang)
    # The same tick of an Elman net still says h(t-1).
    elman = narrate_tick("temporal-xor", initial_trace("temporal-xor"), 2, lang)
    assert "W_hh*h(1)" in elman and previous_output not in elman


@pytest.mark.parametrize("width", [24, 37, 50, 78])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_narration_wraps_to_the_panel_width_in_cells(lang: str, width: int) -> None:
    """Chinese characters are two cells wide; lines may break between any two of them, never
    before closing punctuation or after an opening bracket, and nothing is lost."""
    from rich.cells import cell_len

    from srn_tui.narration.wrap import wrap_cells

    closing, opening = "\u3002\uff0c\u3001\uff1b\uff1a\uff09\u201d,;:)", "\uff08\u201c("
    for name in ("letters", "jordan", "hello"):
        trace = initial_trace(name)
        for t in range(4):
            text = narrate_tick(name, trace, t, lang)
            lines = wrap_cells(text, width)
            assert all(cell_len(line) <= width for line in lines), (name, t)
            assert re.sub(r"\s", "", "".join(lines)) == re.sub(r"\s", "", text)
            assert not any(line[0] in closing or line[-1] in opening for line in lines), lines
            if lang == "zh":  # no half-empty lines: each full line leaves less room than the next token
                for line, after in zip(lines, lines[1:], strict=False):
                    assert cell_len(line) + 2 > width - 12, (line, after)


def test_wrapping_cuts_a_word_wider_than_the_panel_and_keeps_spaces_between_words() -> None:
    from srn_tui.narration.wrap import wrap_cells

    assert wrap_cells("W_hh*y(1234567890) is wide", 8) == ["W_hh*y(1", "23456789", "0) is", "wide"]
    assert wrap_cells("时间步 t = 2:输入", 10) == ["时间步 t =", "2:输入"]


@pytest.mark.parametrize("width", range(20, 81, 3))
def test_a_full_width_opening_bracket_never_ends_a_line(width: int) -> None:
    """Full-width brackets lie inside the CJK range; one standing alone ended a line ("0.097（")."""
    from srn_tui.narration.wrap import wrap_cells

    text = (
        "时间步 t = 5：输入 x(5) = 5.000。a(5) = 来自输入的 2.500（W_xh*x(5)）+ 循环连接从记忆带来的 0.097（W_hh*h(4)）"
        "+ 来自偏置的 0.000（b_h）= 2.597。在各项大小之和中约占 96%（平方误差的一半）。"
    )
    lines = wrap_cells(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert not [line for line in lines if line.endswith(("（", "("))], lines
    assert not [line for line in lines if line.startswith(("）", "，", "。"))], lines
