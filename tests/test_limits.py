"""Size limits: a small file cannot ask for unbounded work. Every reader refuses a sequence or model
beyond the limits before reading its numbers, with one line naming the file and the limit; every
built-in and text lesson fits with room to spare."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from shared import error_of

from srn_tui.cli import main
from srn_tui.engine import init_model
from srn_tui.files import MAX_FILE_BYTES, InputError, load_model, load_sequence, model_to_dict, save_model
from srn_tui.files.limits import MAX_TICK_UNITS, MAX_TICKS, MAX_UNITS, MAX_VOCABULARY, max_ticks_for
from srn_tui.lessons import SCENARIOS, get_scenario, resolve_lesson
from srn_tui.lessons.echo import echo_scenario


def csv_file(path: Path, rows: int, first: str = "1,2", header: str = "x,target") -> Path:
    """A CSV with `rows` data rows; the first is `first` (a bad cell there shows what is checked first)."""
    path.write_text(header + "\n" + first + "\n" + "1,2\n" * (rows - 1))
    return path


def test_csv_at_the_tick_limit_loads(tmp_path):
    assert load_sequence(csv_file(tmp_path / "s.csv", MAX_TICKS)).length == MAX_TICKS


def test_csv_over_the_tick_limit_is_refused_before_any_number_is_read(tmp_path):
    # Row 1 is not a number: the message is the limit, so the rows were counted before any cell was parsed.
    path = csv_file(tmp_path / "long.csv", MAX_TICKS + 1, first="abc,2")
    message = error_of(load_sequence, path)
    assert f"more than {MAX_TICKS:,} rows" in message and "limit" in message


def test_csv_trailing_blank_lines_do_not_count_as_ticks(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("x,target\n" + "1,2\n" * MAX_TICKS + "\n\n,\n")
    assert load_sequence(path).length == MAX_TICKS


def test_csv_with_too_many_columns_is_refused_at_the_header(tmp_path):
    header = ",".join(f"x{i}" for i in range(1, MAX_UNITS + 2))
    path = tmp_path / "wide.csv"
    path.write_text(header + "\n" + ",".join(["abc"] * (MAX_UNITS + 1)) + "\n")
    message = error_of(load_sequence, path)
    assert message.endswith(f"header: {MAX_UNITS + 1} inputs (I), more than the limit of {MAX_UNITS} units in a layer")


def test_csv_over_ticks_times_units_is_refused(tmp_path):
    inputs, outputs = 150, 50
    most = max_ticks_for(inputs + 1 + outputs)
    assert most < MAX_TICKS  # the product binds here, not the tick count
    header = ",".join([f"x{i}" for i in range(1, inputs + 1)] + [f"target{i}" for i in range(1, outputs + 1)])
    row = ",".join(["0"] * (inputs + outputs))
    path = tmp_path / "big.csv"
    path.write_text(header + "\n" + ("abc" + row[1:]) + "\n" + (row + "\n") * most)  # most + 1 rows
    message = error_of(load_sequence, path)
    assert f"more than {most:,} ticks of {inputs} input(s) and {outputs} target(s)" in message
    assert f"limit of {MAX_TICK_UNITS:,}" in message
    path.write_text(header + "\n" + (row + "\n") * most)
    assert load_sequence(path).length == most


def test_json_sequence_over_the_limits_is_refused(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"inputs": ["abc"] + [0] * MAX_TICKS}))
    assert error_of(load_sequence, path).endswith(
        f"inputs: {MAX_TICKS + 1:,} ticks, more than the limit of {MAX_TICKS:,} ticks in a sequence"
    )
    path.write_text(json.dumps({"inputs": [[0] * (MAX_UNITS + 1)]}))
    assert "inputs: row 1: 401 inputs (I), more than the limit" in error_of(load_sequence, path)
    path.write_text(json.dumps({"inputs": [0], "targets": [None, [0] * (MAX_UNITS + 1)]}))
    assert "targets: row 1: 401 outputs (O), more than the limit" in error_of(load_sequence, path)
    ticks = max_ticks_for(100 + 1 + 1) + 1
    path.write_text(json.dumps({"inputs": [[0] * 100] * ticks, "targets": [[0]] * ticks}))
    assert f"inputs: {ticks:,} ticks of 100 input(s) and 1 target(s)" in error_of(load_sequence, path)


def big_model_dict(inputs: int, hidden: int, outputs: int) -> dict:
    return model_to_dict(init_model(inputs, hidden, outputs, "small_uniform", 0))


@pytest.mark.parametrize(
    "sizes, key, what",
    [
        ((1, MAX_UNITS + 1, 1), "W_xh", "401 hidden units (H)"),
        ((MAX_UNITS + 1, 1, 1), "W_xh", "401 inputs (I)"),
        ((1, 1, MAX_UNITS + 1), "W_hy", "401 outputs (O)"),
    ],
)
@pytest.mark.parametrize("suffix", [".json", ".npz"])
def test_models_with_too_many_units_are_refused(tmp_path, sizes, key, what, suffix):
    d = big_model_dict(*sizes)
    path = tmp_path / f"big{suffix}"
    if suffix == ".json":
        d["b_h"][0] = "not a number"  # the sizes are checked before any number is read
        path.write_text(json.dumps(d))
    else:
        np.savez(path, **{k: np.asarray(v) for k, v in d.items()})
    message = error_of(load_model, path)
    assert message == f"{path}: {key}: {what}, more than the limit of {MAX_UNITS} units in a layer"


def test_a_model_at_the_unit_limit_loads(tmp_path):
    path = tmp_path / "m.npz"
    np.savez(path, **{k: np.asarray(v) for k, v in big_model_dict(MAX_UNITS, MAX_UNITS, MAX_UNITS).items()})
    assert load_model(path).hidden_size == MAX_UNITS


def test_model_and_sequence_that_each_fit_but_together_pass_ticks_times_units(tmp_path, capsys):
    model = tmp_path / "wide.json"
    model.write_text(json.dumps(big_model_dict(1, MAX_UNITS, 1)))
    ticks = max_ticks_for(1 + MAX_UNITS + 1) + 1
    seq = csv_file(tmp_path / "s.csv", ticks)
    code = main(["trace", "--model", str(model), "--sequence", str(seq)])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert err.startswith(f"srn-tui: {seq}: {ticks:,} ticks x 402 units (I + H + O = 1 + 400 + 1)")
    assert f"limit of {MAX_TICK_UNITS:,} ticks x units" in err
    lesson = resolve_lesson(model_path=str(model), sequence_path=str(csv_file(tmp_path / "ok.csv", ticks - 1)))
    assert lesson.sequence.length == ticks - 1


def test_echo_k_beyond_the_tick_limit_is_refused_before_building(capsys):
    k = MAX_TICKS // 3 + 1
    with pytest.raises(ValueError) as refused:
        echo_scenario(k)
    assert str(refused.value) == (
        f"echo-{k}: k = {k:,} needs sequences of {3 * k:,} ticks, "
        f"more than the limit of {MAX_TICKS:,} ticks in a sequence"
    )
    assert echo_scenario(k - 1).sequences()[0].length == 3 * (k - 1)
    # The command line names echo-K's own range (1 to 9999, inside the tick limit) in one line.
    code = main(["trace", "--scenario", f"echo-{k}"])
    err = capsys.readouterr().err
    assert code == 2
    assert err == f"srn-tui: scenario 'echo-{k}': echo-K needs K from 1 to 9999\n"


def _largest(scenario) -> tuple[int, int, int]:
    m, seqs = scenario.model(), scenario.sequences()
    units = max(m.input_size, m.hidden_size, m.output_size)
    longest = max(s.length for s in seqs)
    return longest, units, longest * (m.input_size + m.hidden_size + m.output_size)


def test_every_built_in_lesson_fits_with_room_to_spare():
    """Room: half again as many ticks and twice the units still fit. echo-9999 is the longest echo
    the scenario names allowed before the limits; a text lesson has up to MAX_VOCABULARY symbols."""
    from srn_tui.lessons.text import text_scenario

    text = "".join(chr(0x4E00 + i) for i in range(MAX_VOCABULARY)) * 2
    lessons = [*SCENARIOS.values(), get_scenario("echo-9999"), text_scenario(text)]
    for scenario in lessons:
        ticks, units, tick_units = _largest(scenario)
        assert 1.5 * ticks <= MAX_TICKS and 2 * units <= MAX_UNITS and 10 * tick_units <= MAX_TICK_UNITS, scenario.name


# The longest repr a float64 has (24 characters): the JSON of a model at the unit limits is largest
# when every number is written this long.
LONGEST_FLOAT = -2.2250738585072014e-308


@pytest.mark.parametrize("suffix", [".json", ".npz"])
def test_the_largest_model_allowed_saves_at_full_precision_and_loads_back_exactly(tmp_path, suffix):
    assert len(repr(LONGEST_FLOAT)) == 24
    model = init_model(MAX_UNITS, MAX_UNITS, MAX_UNITS, "small_uniform", 0)
    model = model.with_params({name: np.full_like(p, LONGEST_FLOAT) for name, p in model.params.items()})
    path = tmp_path / f"largest{suffix}"
    save_model(model, path)
    assert path.stat().st_size <= MAX_FILE_BYTES
    loaded = load_model(path)
    assert all(np.array_equal(loaded.params[n], model.params[n]) for n in model.params)


@pytest.mark.parametrize("suffix", [".json", ".npz"])
@pytest.mark.parametrize("sizes", [(MAX_UNITS + 1, 1, 1), (1, MAX_UNITS + 1, 1), (1, 1, MAX_UNITS + 1)])
def test_a_model_the_loader_would_refuse_is_not_saved(tmp_path, suffix, sizes):
    path = tmp_path / f"m{suffix}"
    with pytest.raises(InputError) as info:
        save_model(init_model(*sizes, "small_uniform", 0), path)
    assert str(info.value).startswith(f"{path}: not saved: 401 ")
    assert "limit of 400 units in a layer; the file could not be loaded again" in str(info.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("suffix", [".json", ".npz"])
def test_a_save_larger_than_the_loader_accepts_is_refused_before_writing(tmp_path, monkeypatch, suffix):
    # The unit limits keep every model under the file limit; this holds the guard behind them.
    from srn_tui.files import model_files, reading

    model = init_model(50, 50, 50, "small_uniform", 0)
    monkeypatch.setattr(model_files, "MAX_FILE_BYTES", 20_000)
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 20_000)
    path = tmp_path / f"m{suffix}"
    with pytest.raises(InputError) as info:
        save_model(model, path)
    assert "not saved: the file would be" in str(info.value) and "could not be loaded again" in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_train_json_and_table_for_a_run_longer_than_the_history_keeps(capsys, monkeypatch):
    from srn_tui.engine import training

    monkeypatch.setattr(training, "HISTORY_LIMIT", 16)
    assert main(["train", "--epochs", "100", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["every"] == 8
    assert [e["epoch"] for e in doc["epochs"]] == [*range(1, 100, 8), 100]
    assert main(["train", "--epochs", "100"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("trained seed for 100 epoch(s)")
    rows = [line.split() for line in out.splitlines() if line.strip()[:1].isdigit()]
    assert rows[0][0] == "1" and rows[-1][0] == "100" and len(rows) == 10


def test_the_app_session_refuses_a_model_or_sequence_that_together_pass_ticks_times_units(tmp_path):
    from srn_tui.engine import ModelError
    from srn_tui.session import Session

    ticks = max_ticks_for(1 + MAX_UNITS + 1) + 1
    session = Session(resolve_lesson(sequence_path=str(csv_file(tmp_path / "long.csv", ticks))))
    wide = init_model(1, MAX_UNITS, 1, "small_uniform", 0)
    with pytest.raises(ModelError, match=rf"^wide.json: {ticks:,} ticks x 402 units .* limit of 5,000,000"):
        session.replace_model(wide, "wide.json")
    assert session.model.hidden_size == 1 and session.sequence.length == ticks  # unchanged
    session = Session(resolve_lesson())
    session.replace_model(wide, "wide.json")
    with pytest.raises(ModelError, match=r"^long.csv: .* more than the limit"):
        session.replace_sequence(load_sequence(tmp_path / "long.csv"), "long.csv")
    assert session.sequence.length == 5
