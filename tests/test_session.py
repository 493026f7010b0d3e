"""Session: stepping, revealing, editing and replacing parts, without any UI."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from shared import seed_session, session_for

from srn_tui.engine import DataSequence, Model, bptt, forward
from srn_tui.lessons import Lesson, get_scenario
from srn_tui.session import StaleBasis, prepare_model, prepare_sequence


def test_starts_before_the_first_tick_with_nothing_revealed() -> None:
    s = seed_session()
    assert (s.cursor, s.revealed, s.length) == (0, 0, 5)
    assert s.current is None
    assert not s.is_revealed(1)


def test_stepping_reveals_ticks_and_back_restores_exact_state() -> None:
    s = seed_session()
    seen = []
    for _ in range(5):
        assert s.step_forward()
        seen.append(float(s.current.h[0]))
    assert [round(v, 3) for v in seen] == [0.462, 0.780, 0.918, 0.970, 0.989]
    assert not s.step_forward()  # stops at T
    assert s.step_back()
    assert s.cursor == 4 and s.revealed == 5
    assert float(s.current.h[0]) == seen[3]
    # hand-worked: h(4) = tanh(0.5*4 + 0.1*h(3))
    assert s.current.h[0] == pytest.approx(math.tanh(2.0 + 0.1 * seen[2]), abs=1e-15)


def test_version_bumps_only_on_change() -> None:
    s = seed_session()
    v = s.version
    assert not s.step_back()
    assert s.version == v
    s.step_forward()
    assert s.version == v + 1


def test_a_step_bumps_the_cursor_version_and_an_edit_the_model_version() -> None:
    s = seed_session()
    cursor, model = s.cursor_version, s.model_version
    s.step_forward()
    s.select_unit(0)
    s.reset()
    assert (s.cursor_version, s.model_version) == (cursor + 3, model)
    s.set_weight("W_hh", 0, 0, 0.5)
    s.set_training(s.training)  # the BPTT shown is recomputed
    assert (s.cursor_version, s.model_version) == (cursor + 3, model + 2)
    assert s.version == s.cursor_version + s.model_version


def test_go_to_clamps_and_reset_hides_everything() -> None:
    s = seed_session()
    s.go_to(99)
    assert (s.cursor, s.revealed) == (5, 5)
    s.go_start()
    assert (s.cursor, s.revealed) == (0, 5)
    s.go_end()
    assert s.at_end
    s.reset()
    assert (s.cursor, s.revealed) == (0, 0)


def test_set_weight_recomputes_as_the_engine_does_and_keeps_the_view() -> None:
    s = seed_session()
    s.go_to(3)
    s.go_to(2)
    s.set_weight("W_hh", 0, 0, 0.9)
    assert (s.cursor, s.revealed) == (2, 3)
    expected = forward(s.model, s.sequence)
    np.testing.assert_array_equal(s.record(2).h, expected.steps[1].h)
    h1 = math.tanh(0.5)
    assert s.record(2).h[0] == pytest.approx(math.tanh(1.0 + 0.9 * h1), abs=1e-15)
    np.testing.assert_allclose(s.backward.grads["W_hh"], bptt(expected).grads["W_hh"])


def test_set_weight_on_a_vector_and_bad_values_leave_the_session_unchanged() -> None:
    s = seed_session()
    s.set_weight("b_h", 0, 0, 0.25)
    assert s.model.params["b_h"][0] == 0.25
    before = s.version
    for args in [("W_hh", 0, 0, float("nan")), ("W_zz", 0, 0, 1.0), ("W_hh", 1, 0, 1.0)]:
        with pytest.raises(ValueError):
            s.set_weight(*args)
    assert s.version == before
    assert s.model.params["W_hh"][0, 0] == 0.1


def test_replace_sequence_checks_fit_and_keeps_state_on_failure() -> None:
    s = seed_session()
    s.go_to(3)
    wrong = DataSequence.from_lists([[1, 2], [3, 4]])
    with pytest.raises(ValueError):
        s.replace_sequence(wrong)
    assert (s.cursor, s.length) == (3, 5)
    s.replace_sequence(DataSequence.from_lists([2, 2]), "two.csv")
    assert (s.cursor, s.length) == (0, 2)
    assert s.lesson.name == "seed + two.csv"
    assert s.record(1).a[0] == pytest.approx(1.0)


def test_replace_model_checks_fit() -> None:
    s = seed_session()
    two_inputs = Model({"W_xh": [[1, 1]], "W_hh": [[0]], "b_h": [0], "W_hy": [[1]], "b_y": [0]})
    with pytest.raises(ValueError):
        s.replace_model(two_inputs)
    assert s.model.input_size == 1
    relu = Model({"W_xh": [[2]], "W_hh": [[0]], "b_h": [0], "W_hy": [[1]], "b_y": [0]}, hidden_activation="relu")
    s.replace_model(relu, "relu.json")
    assert s.record(3).h[0] == 6.0


def test_load_lesson_starts_over() -> None:
    s = seed_session()
    s.go_to(4)
    s.select_unit(0)
    s.load_lesson(Lesson.from_scenario(get_scenario("seed")))
    assert (s.cursor, s.revealed, s.selected_unit) == (0, 0, None)


def test_select_unit_range() -> None:
    s = seed_session()
    with pytest.raises(ValueError):
        s.select_unit(1)
    s.select_unit(0)
    assert s.focus_unit == 0


def test_export_json_matches_the_trace() -> None:
    pytest.importorskip("srn_tui.report")
    s = seed_session()
    data = json.loads(s.export_trace("json"))
    assert [round(step["h"][0], 3) for step in data["steps"]] == [0.462, 0.78, 0.918, 0.97, 0.989]


def test_markdown_export_is_the_command_line_handout_in_the_apps_language(capsys):
    from srn_tui.cli import main

    for lang, word in (("en", "tanh"), ("zh", "隐藏层")):
        s = seed_session()
        exported = s.export_trace("markdown", lang)
        assert main(["trace", "--format", "markdown", "--lang", lang]) == 0
        assert exported == capsys.readouterr().out
        assert exported.startswith("# seed: " if lang == "en" else "# seed\uff1a") and word in exported


def test_prepare_builds_without_touching_the_session_and_adopt_installs_it() -> None:
    s = seed_session()
    s.go_to(2)
    version = s.version
    prepared = prepare_sequence(s.basis(), DataSequence.from_lists([1, 1, 1], [None, None, 2]), "three.csv")
    assert (s.version, s.length, s.lesson.name) == (version, 5, "seed")  # nothing changed yet
    s.adopt(prepared)
    assert (s.length, s.cursor, s.lesson.name) == (3, 0, "seed + three.csv")
    expected = forward(s.model, s.sequence)
    assert [r.h[0] for r in s.trace.steps] == [r.h[0] for r in expected.steps]
    np.testing.assert_array_equal(s.flow_norms, [np.linalg.norm(b.delta_h) for b in bptt(expected).steps])


def test_a_replacement_built_on_parts_the_session_no_longer_shows_is_refused() -> None:
    s = seed_session()
    prepared = prepare_model(s.basis(), s.model.with_params({**s.model.params, "W_hy": np.array([[3.0]])}), "m.json")
    s.set_weight("W_xh", 0, 0, 0.25)  # the session moved on while the model was loading
    with pytest.raises(StaleBasis):
        s.adopt(prepared)
    assert s.lesson.name == "seed" and s.model.params["W_xh"][0, 0] == 0.25
    s.adopt(prepare_model(s.basis(), prepared.model, "m.json"))  # built again on what is shown: fine
    assert s.lesson.name == "seed + m.json" and s.model.params["W_hy"][0, 0] == 3.0


def test_a_new_model_starts_training_afresh_so_undo_cannot_bring_back_another_shape() -> None:
    s = session_for("letters")
    s.begin_training()
    s.record_epoch(1, 2.0, 0.5)
    same = s.model.with_params({**s.model.params})  # same shapes: a file of the same net
    s.go_to(3)
    s.replace_model(same, "same.json")
    assert (s.epoch, len(s.history), s.undo_levels, s.cursor) == (0, 0, 0, 3)  # the cursor stays
    assert s.undo_training() is None


def test_flow_norms_are_computed_once_per_trace() -> None:
    s = seed_session()
    first = s.flow_norms
    s.go_to(3)
    assert s.flow_norms is first and not first.flags.writeable
    s.set_weight("W_hh", 0, 0, 0.5)
    np.testing.assert_array_equal(s.flow_norms, [np.linalg.norm(b.delta_h) for b in s.backward.steps])
    assert s.flow_norms is not first
