"""Symbols on every tick: the decoding facts, checked against independent computation."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import pytest

from srn_tui.cli import main
from srn_tui.engine import forward
from srn_tui.lessons import SCENARIOS, Lesson, get_scenario, resolve_lesson, text_scenario
from srn_tui.lessons.symbols import BITS, symbols_for

WITH_SYMBOLS = (
    "hello",
    "letters",
    "temporal-xor",
    "temporal-xor-paper",
    "jordan",
    "echo",
    "latch",
    "words",
    "lexical",
    "reber",
)


@pytest.mark.parametrize("name", WITH_SYMBOLS)
def test_every_target_of_a_lesson_with_symbols_is_a_symbol(name: str) -> None:
    scenario = get_scenario(name)
    decoding = scenario.symbols
    assert decoding is not None
    model = scenario.model()
    assert decoding.fits(model.input_size, model.output_size)
    for seq in scenario.sequences()[:3]:
        for t in range(seq.length):
            if seq.mask[t]:
                assert decoding.target(seq.targets[t]) is not None
            # Inputs are symbols, except latch's noise after t = 1.
            if name != "latch" or t == 0:
                assert decoding.input(seq.inputs[t]) is not None


@pytest.mark.parametrize("name", ["seed", "sine"])
def test_lessons_of_plain_numbers_have_no_symbols(name: str) -> None:
    assert get_scenario(name).symbols is None
    assert symbols_for(Lesson.from_scenario(get_scenario(name)), get_scenario(name).sequences()[0]) is None


def test_softmax_symbol_is_the_argmax_with_its_probability() -> None:
    scenario = get_scenario("hello")
    model = scenario.model(seed=3)
    trace = forward(model, scenario.sequences()[0])
    for rec in trace.steps:
        ts = scenario.symbols.tick(rec, softmax=True)
        k = max(range(4), key=lambda i: rec.y[i])  # independent argmax
        assert ts.y == "helo"[k]
        assert ts.p == pytest.approx(rec.y[k])
    assert [scenario.symbols.tick(r, True).x for r in trace.steps] == list("hell")
    assert [scenario.symbols.tick(r, True).target for r in trace.steps] == list("ello")


def test_feature_outputs_read_as_the_nearest_letter_by_brute_force() -> None:
    letters = get_scenario("letters").symbols
    codes = {"b": "101001", "d": "101101", "g": "101011", "a": "010011", "i": "010101", "u": "010111"}
    rng = np.random.default_rng(11)
    for _ in range(200):
        y = rng.uniform(0, 1, 6)
        distance = {s: sum((float(c) - v) ** 2 for c, v in zip(code, y, strict=True)) for s, code in codes.items()}
        assert letters.output(y) == min(distance, key=distance.get)
    assert letters.input(np.array([1.0, 0, 1, 0, 0, 1])) == "b"
    assert letters.input(np.array([1.0, 0, 1, 0, 0, 0.5])) is None  # not a code: no symbol


def test_a_bit_output_reads_as_the_nearer_bit() -> None:
    for y in np.linspace(0, 1, 41):
        if y != 0.5:
            assert BITS.output(np.array([y])) == ("1" if y > 0.5 else "0")
    assert BITS.output(np.array([np.nan])) is None  # an overflowed output predicts nothing


def test_latch_reads_signs_and_noise_is_no_symbol() -> None:
    scenario = get_scenario("latch")
    seq = scenario.sequences()[0]
    symbols = symbols_for(Lesson.from_scenario(scenario), seq)
    assert symbols[0] == ("+1" if seq.inputs[0, 0] > 0 else "-1")
    assert all(s is None for s in symbols[1:])
    target = seq.targets[-1]
    assert scenario.symbols.target(target) == ("+1" if target[0] == 1.0 else "-1")


def test_symbols_for_gives_the_input_symbol_per_tick() -> None:
    lesson = Lesson.from_scenario(text_scenario("abc ab\n", "text:t"))
    assert symbols_for(lesson, lesson.sequence) == ["a", "b", "c", " ", "a", "b"]
    # A model file of other sizes reads no symbols.
    assert lesson.decoding(get_scenario("letters").model()) is None
    assert lesson.decoding(lesson.model) is lesson.symbols


def trace_json(capsys, *argv: str) -> dict:
    assert main(["trace", *argv, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_trace_json_names_the_symbols_of_each_tick(capsys) -> None:
    steps = trace_json(capsys, "--scenario", "hello")["steps"]
    assert "".join(s["x_symbol"] for s in steps) == "hell"
    assert "".join(s["target_symbol"] for s in steps) == "ello"
    for s in steps:  # the predicted symbol is the argmax of the y written beside it
        assert s["y_symbol"] == "helo"[int(np.argmax(s["y"]))]
    steps = trace_json(capsys, "--scenario", "temporal-xor")["steps"]
    for s in steps:
        assert s["x_symbol"] == str(int(s["x"][0]))
        assert s["y_symbol"] == ("1" if s["y"][0] > 0.5 else "0")
        assert s["target_symbol"] == str(int(s["target"][0]))


def test_trace_json_has_null_symbols_without_them(capsys, tmp_path) -> None:
    for s in trace_json(capsys, "--scenario", "seed")["steps"]:
        assert (s["x_symbol"], s["y_symbol"], s["target_symbol"]) == (None, None, None)
    # letters with a model of 6 inputs and outputs keeps its symbols; a 6-in, 3-out model does not fit it.
    model = get_scenario("letters").model()
    path = tmp_path / "m.json"
    from srn_tui.files import save_model

    save_model(model, str(path))
    steps = trace_json(capsys, "--scenario", "letters", "--model", str(path))["steps"]
    assert steps[0]["x_symbol"] in "bdg"
    assert resolve_lesson("letters", str(path)).decoding(model) is not None


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_handouts_name_the_symbols(capsys, fmt: str) -> None:
    assert main(["trace", "--scenario", "hello", "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "x_symbol" in out and "target_symbol" in out
    trace = forward(get_scenario("hello").model(), get_scenario("hello").sequences()[0])
    y = trace.steps[0].y
    assert f"{'helo'[int(np.argmax(y))]} (p {float(np.max(y)):.3f})" in out
    assert main(["trace", "--scenario", "seed", "--format", fmt]) == 0
    assert "x_symbol" not in capsys.readouterr().out


def test_every_built_in_lesson_declares_symbols_or_none() -> None:
    have = {name for name, s in SCENARIOS.items() if s.symbols is not None}
    assert have == set(WITH_SYMBOLS)


def test_trace_csv_names_the_symbols_as_json_does(capsys) -> None:
    """hello: the symbol columns follow t, and each is what the one-hot vector on its row says."""
    assert main(["trace", "--scenario", "hello", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0])[:4] == ["t", "x_symbol", "y_symbol", "target_symbol"]
    for row in rows:
        x = [float(row[f"x{i}"]) for i in range(1, 5)]
        y = [float(row[f"y{i}"]) for i in range(1, 5)]
        target = [float(row[f"target{i}"]) for i in range(1, 5)]
        assert row["x_symbol"] == "helo"[int(np.argmax(x))] and row["y_symbol"] == "helo"[int(np.argmax(y))]
        assert row["target_symbol"] == "helo"[int(np.argmax(target))]
    assert main(["trace", "--scenario", "seed", "--format", "csv"]) == 0
    assert "x_symbol" not in capsys.readouterr().out  # numbers, no symbols


def test_trace_csv_quotes_a_texts_commas_quotes_and_spaces(capsys, tmp_path) -> None:
    """A text's own characters read back through csv: the inputs spell the text, the targets its next characters."""
    text = 'a,"b c,a"b'
    path = tmp_path / "t.txt"
    path.write_text(text)
    assert main(["trace", "--text", str(path), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert "".join(r["x_symbol"] for r in rows) == text[:-1]
    assert "".join(r["target_symbol"] for r in rows) == text[1:]
    assert trace_json(capsys, "--text", str(path))["steps"][0]["y_symbol"] == rows[0]["y_symbol"]
