"""Seeds that do what they say: a lesson's seed re-draws its own starting weights (Scenario.model,
`srn-tui train --seed`), and `train` ends with the lesson's claim check."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from shared import run, seed_session, session_for

from srn_tui.engine import PARAM_NAMES, Model, init_model, reinitialize, train
from srn_tui.lessons import (
    SCENARIOS,
    Lesson,
    echo,
    echo_scenario,
    get_scenario,
    hello,
    jordan,
    latch,
    letters,
    lexical,
    reber,
    resolve_lesson,
    segmentation,
    sine,
    text_scenario,
)
from srn_tui.lessons import temporal_xor as txor
from srn_tui.narration import narrate_claim

# Each seeded lesson's own builder, called as its module defines it: what `model(seed=S)` must equal.
MODULE_BUILDERS = {
    "temporal-xor": txor.build_model,
    "temporal-xor-paper": txor.build_paper_model,
    "letters": letters.build_model,
    "sine": sine.build_model,
    "hello": hello.build_model,
    "echo": echo.build_model,
    "jordan": jordan.build_model,
    "latch": latch.build_model,
    "words": segmentation.build_model,
    "lexical": lexical.build_model,
    "reber": reber.build_model,
}
MODULE_DEFAULT_SEEDS = {
    "temporal-xor": txor.MODEL_SEED,
    "temporal-xor-paper": txor.PAPER_SEED,
    "letters": letters.MODEL_SEED,
    "sine": sine.MODEL_SEED,
    "hello": hello.MODEL_SEED,
    "echo": echo.MODEL_SEED,
    "jordan": jordan.MODEL_SEED,
    "latch": latch.MODEL_SEED,
    "words": segmentation.MODEL_SEED,
    "lexical": lexical.MODEL_SEED,
    "reber": reber.MODEL_SEED,
}


def same(a: Model, b: Model) -> bool:
    return all(np.array_equal(a.params[n], b.params[n]) for n in PARAM_NAMES) and (
        a.hidden_activation,
        a.output_activation,
        a.loss,
        a.feedback,
    ) == (b.hidden_activation, b.output_activation, b.loss, b.feedback)


def load(path: Path) -> dict[str, np.ndarray]:
    with np.load(path, allow_pickle=False) as saved:
        return {n: saved[n] for n in PARAM_NAMES}


# ----- Scenario.model(seed) -----
def test_every_built_in_lesson_but_seed_is_seeded():
    assert set(MODULE_BUILDERS) == set(SCENARIOS) - {"seed"}


@pytest.mark.parametrize("name", sorted(MODULE_BUILDERS))
def test_a_seed_redraws_the_lessons_own_weights_as_its_module_does(name):
    scenario = get_scenario(name)
    assert scenario.default_seed == MODULE_DEFAULT_SEEDS[name]
    assert same(scenario.model(), scenario.model(seed=scenario.default_seed))
    for seed in (3, 11):
        assert same(scenario.model(seed=seed), MODULE_BUILDERS[name](seed=seed))
        assert same(scenario.model(seed=seed), scenario.model(seed=seed))
    a, b = scenario.model(seed=3), scenario.model(seed=11)
    assert not np.array_equal(a.params["W_hh"], b.params["W_hh"])
    assert not np.array_equal(a.params["W_xh"], b.params["W_xh"])
    # the lesson's own ranges and fixed parts stay: h0 is the lesson's, not a fresh draw
    np.testing.assert_array_equal(a.params["h0"], scenario.model().params["h0"])


def test_the_paper_lesson_keeps_its_own_range_and_context_for_any_seed():
    for seed in range(6):
        p = get_scenario("temporal-xor-paper").model(seed=seed).params
        for name in ("W_xh", "W_hh", "W_hy"):
            assert np.all(np.abs(p[name]) <= 0.5), (seed, name)
        np.testing.assert_array_equal(p["h0"], [0.5, 0.5])


@pytest.mark.parametrize("seed", [0, 1, 2, 7])
def test_the_paper_lessons_three_matrices_are_independent_draws(seed):
    p = get_scenario("temporal-xor-paper").model(seed=seed).params
    w_xh, w_hh, w_hy = p["W_xh"].ravel(), p["W_hh"], p["W_hy"].ravel()
    # a generator restarted per matrix made W_xh = W_hh[0] = W_hy (all started with the same draws)
    assert not np.allclose(w_xh, w_hy)
    assert not np.allclose(w_xh, w_hh[0]) and not np.allclose(w_hy, w_hh[0])
    assert len(set(np.concatenate([w_xh, w_hh.ravel(), w_hy]).tolist())) == 8
    rng = np.random.default_rng(seed)  # one generator, W_xh then W_hh then W_hy, as the lesson says
    np.testing.assert_array_equal(p["W_xh"], rng.uniform(-0.5, 0.5, (2, 1)))
    np.testing.assert_array_equal(p["W_hh"], rng.uniform(-0.5, 0.5, (2, 2)))
    np.testing.assert_array_equal(p["W_hy"], rng.uniform(-0.5, 0.5, (1, 2)))


def test_echo_k_latch_t_and_text_lessons_are_seeded_too():
    assert same(echo_scenario(7).model(seed=4), echo.build_model(seed=4))
    assert same(get_scenario("latch-40").model(seed=4), latch.build_model(seed=4))
    lesson = text_scenario("abcabd")
    assert lesson.default_seed == 0
    drawn = lesson.model(seed=4)
    assert same(drawn, init_model(4, 32, 4, "xavier", 4, output_activation="softmax"))
    assert not same(drawn, lesson.model())


def test_the_seed_lesson_refuses_a_seed_in_one_line():
    scenario = get_scenario("seed")
    assert scenario.default_seed is None
    with pytest.raises(ValueError, match="fixed weights") as exc:
        scenario.model(seed=3)
    assert "\n" not in str(exc.value)


def test_a_lesson_forgets_its_origin_once_a_file_gives_the_model():
    lesson = Lesson.from_scenario(get_scenario("sine"))
    assert lesson.default_seed == 0 and same(lesson.seeded_model(2), sine.build_model(seed=2))
    mine = lesson.with_model(init_model(1, 3, 1), "mine.json")
    assert mine.default_seed is None
    with pytest.raises(ValueError, match="file"):
        mine.seeded_model(2)


# ----- srn-tui train --seed -----
def train_saved(capsys, tmp_path: Path, name: str, *argv: str) -> tuple[dict[str, np.ndarray], float]:
    """Train (as the command line does), returning the saved weights and the last epoch's loss."""
    path = tmp_path / name
    code, out, err = run(capsys, "train", *argv, "--format", "json", "--save", str(path))
    assert code == 0, err
    epochs = json.loads(out)["epochs"]
    return load(path), (epochs[-1]["loss"] if epochs else float("nan"))


def test_train_seed_draws_the_lessons_own_start_and_two_seeds_train_differently(capsys, tmp_path):
    lesson = ("--scenario", "temporal-xor")
    start3, _ = train_saved(capsys, tmp_path, "s3.npz", *lesson, "--epochs", "0", "--seed", "3")
    start8, _ = train_saved(capsys, tmp_path, "s8.npz", *lesson, "--epochs", "0", "--seed", "8")
    for name in PARAM_NAMES:
        np.testing.assert_array_equal(start3[name], txor.build_model(seed=3).params[name])
        np.testing.assert_array_equal(start8[name], txor.build_model(seed=8).params[name])
    assert not np.array_equal(start3["W_hh"], start8["W_hh"])

    short = ("--epochs", "15")
    end3, loss3 = train_saved(capsys, tmp_path, "t3.npz", *lesson, *short, "--seed", "3")
    again3, again_loss3 = train_saved(capsys, tmp_path, "u3.npz", *lesson, *short, "--seed", "3")
    end8, loss8 = train_saved(capsys, tmp_path, "t8.npz", *lesson, *short, "--seed", "8")
    default, default_loss = train_saved(capsys, tmp_path, "d.npz", *lesson, *short)
    end0, loss0 = train_saved(capsys, tmp_path, "t0.npz", *lesson, *short, "--seed", "0")
    assert loss3 == again_loss3 and all(np.array_equal(end3[n], again3[n]) for n in PARAM_NAMES)
    assert loss3 != loss8 and loss3 != default_loss
    assert loss0 == default_loss  # 0 is the lesson's own seed
    assert all(np.array_equal(end0[n], default[n]) for n in PARAM_NAMES)


def test_train_seed_with_an_own_sequence_still_draws_the_lessons_model(capsys, tmp_path):
    sequence = tmp_path / "bits.csv"
    sequence.write_text("x,target\n1,0\n0,1\n1,1\n")
    argv = ("--scenario", "jordan", "--sequence", str(sequence), "--epochs", "0", "--seed", "5")
    start, _ = train_saved(capsys, tmp_path, "j.npz", *argv)
    for name in PARAM_NAMES:
        np.testing.assert_array_equal(start[name], jordan.build_model(seed=5).params[name])


def test_train_init_with_seed_keeps_drawing_from_the_engine_initializer(capsys, tmp_path):
    base = resolve_lesson("sine").model
    start, _ = train_saved(capsys, tmp_path, "o.npz", "--scenario", "sine", "--epochs", "0", "--init", "orthogonal")
    expected = reinitialize(base, "orthogonal", 0)
    assert all(np.array_equal(start[n], expected.params[n]) for n in PARAM_NAMES)
    start, _ = train_saved(capsys, tmp_path, "x.npz", "--epochs", "0", "--init", "xavier", "--seed", "9")
    expected = reinitialize(resolve_lesson("seed").model, "xavier", 9)
    assert all(np.array_equal(start[n], expected.params[n]) for n in PARAM_NAMES)


def test_train_seed_on_the_seed_lesson_says_it_has_nothing_to_redraw(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "train", "--seed", "3", "--save", "never.json")
    assert code == 2 and out == ""
    assert "fixed weights" in err and "--init" in err and len(err.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_train_seed_with_a_model_file_says_the_file_gives_the_weights(capsys, tmp_path):
    model_file = tmp_path / "mine.json"
    model_file.write_text(
        json.dumps(
            {"hidden_activation": "tanh", "output_activation": "identity"}
            | {"W_xh": [[0.3]], "W_hh": [[0.2]], "b_h": [0.0], "W_hy": [[1.0]], "b_y": [0.0]}
        )
    )
    code, _, err = run(capsys, "train", "--scenario", "sine", "--model", str(model_file), "--seed", "3")
    assert code == 2 and str(model_file) in err and "--init" in err and len(err.strip().splitlines()) == 1
    # with --init the seed has an initializer to feed
    start, _ = train_saved(
        capsys, tmp_path, "m.npz", "--model", str(model_file), "--epochs", "0", "--init", "xavier", "--seed", "3"
    )
    np.testing.assert_array_equal(start["W_hh"], init_model(1, 1, 1, "xavier", 3).params["W_hh"])


# ----- the claim at the end of `train` -----
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_train_ends_with_the_claim_measured_on_the_trained_weights(capsys, lang):
    scenario = get_scenario("hello")
    trained = train(scenario.model(seed=4), scenario.sequences(), scenario.training).model
    expected = narrate_claim("hello", trained, lang)  # the sentence the app toasts
    assert expected and ("结论成立" if lang == "zh" else "claim holds") in expected
    code, table, _ = run(capsys, "train", "--scenario", "hello", "--seed", "4", "--lang", lang)
    assert code == 0 and table.rstrip("\n").splitlines()[-1] == expected
    code, out, _ = run(capsys, "train", "--scenario", "hello", "--seed", "4", "--lang", lang, "--format", "json")
    assert json.loads(out)["claim"] == {"holds": scenario.check_claim(trained).holds, "text": expected}


def test_train_json_claim_fails_when_the_claim_does_not_hold(capsys):
    code, out, _ = run(capsys, "train", "--epochs", "2", "--format", "json", "--lang", "en")
    claim = json.loads(out)["claim"]
    assert code == 0 and claim["holds"] is False and "does not hold" in claim["text"]
    code, table, _ = run(capsys, "train", "--epochs", "2", "--lang", "en")
    assert table.rstrip("\n").splitlines()[-1] == claim["text"]


def test_train_json_claim_is_null_where_no_claim_was_made(capsys, tmp_path):
    sequence = tmp_path / "s.csv"
    sequence.write_text("x,target\n1,\n2,3\n")
    text = tmp_path / "t.txt"
    text.write_text("abcabc")
    for argv in (
        ["--sequence", str(sequence)],
        ["--scenario", "sine", "--sequence", str(sequence)],
        ["--text", str(text)],
    ):
        code, out, err = run(capsys, "train", *argv, "--epochs", "1", "--format", "json")
        assert code == 0, err
        assert json.loads(out)["claim"] is None, argv
        code, table, _ = run(capsys, "train", *argv, "--epochs", "1")
        lines = table.rstrip("\n").splitlines()  # the parameters end it: h0, and only its wrapped values after it
        h0 = max(i for i, line in enumerate(lines) if line.startswith("  h0 "))
        assert all(line.startswith("    ") for line in lines[h0 + 1 :]), argv


def test_train_json_claim_of_a_lesson_without_a_yes_no_verdict_is_null_holds(capsys):
    code, out, _ = run(capsys, "train", "--scenario", "echo", "--epochs", "3", "--format", "json")
    claim = json.loads(out)["claim"]
    assert code == 0 and claim["holds"] is None and claim["text"]


# ----- the session's re-initialise (what the app's settings dialog calls) -----
def test_session_reinitialize_draws_the_lessons_own_weights_or_refuses_where_they_are_fixed():

    session = session_for("letters")
    assert session.drawn_with == (None, letters.MODEL_SEED)
    session.reinitialize(None, 6)
    assert same(session.model, letters.build_model(seed=6)) and session.drawn_with == (None, 6)
    session.undo_training()
    assert same(session.model, letters.build_model()) and session.drawn_with == (None, letters.MODEL_SEED)

    fixed = seed_session()
    before = fixed.model
    with pytest.raises(ValueError, match="fixed weights"):
        fixed.reinitialize(None, 6)
    assert fixed.model is before and fixed.undo_levels == 0 and fixed.drawn_with == (None, None)


def test_a_diverged_run_reports_no_claim_and_no_numpy_warnings(capsys):
    code, out, err = run(capsys, "train", "--lr", "1e6", "--epochs", "200", "--freeze", "", "--format", "json")
    assert code == 3 and json.loads(out)["claim"] is None
    assert len(err.strip().splitlines()) == 1 and "diverged" in err
