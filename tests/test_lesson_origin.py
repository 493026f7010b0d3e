"""A Lesson carries its scenario and a structured record of the user's files: nothing finds a
lesson again from its shown name, and no lesson goes into a global registry."""

from __future__ import annotations

import pytest

from srn_tui.engine import DataSequence, TrainConfig, forward, init_model
from srn_tui.files import save_model
from srn_tui.lessons import Lesson, find_scenario, get_scenario, resolve_lesson
from srn_tui.narration import measure_claim, narrate_tick


def test_files_replace_parts_and_the_scenario_with_its_hooks_stays() -> None:
    letters = Lesson.from_scenario(get_scenario("letters"))
    own = letters.sequence
    seq = DataSequence(own.inputs[:4].copy(), own.targets[:4].copy(), own.mask[:4].copy())
    mine = letters.with_sequence(seq, "my.csv").with_model(letters.model.copy(), "m\x1b.json")
    assert mine.scenario is letters.scenario and mine.scenario.remarks is not None
    assert mine.name == "letters + my.csv + m\\x1b.json"  # shown (escaped), in the order loaded
    assert mine.files == (("sequence", "my.csv"), ("model", "m\\x1b.json"))
    assert mine.title == letters.title and mine.training == letters.training
    assert mine.baseline is None and not mine.characters and letters.baseline is not None
    assert mine.data_name == "my.csv" and letters.data_name == "letters"
    assert letters.default_seed is not None and mine.default_seed is None
    with pytest.raises(ValueError, match="comes from a file"):
        mine.seeded_model(1)


def test_own_files_without_a_lesson_are_named_and_narrated_as_the_users(tmp_path) -> None:
    path = tmp_path / "m.json"
    save_model(get_scenario("seed").model(), path)
    lesson = resolve_lesson(model_path=str(path))
    assert lesson.files_only and lesson.name == "m.json" and lesson.training == TrainConfig()
    trace = forward(lesson.model, lesson.sequence)
    assert "worked example" not in narrate_tick(lesson, trace, 0, "en")
    assert "worked example" in narrate_tick(Lesson.from_scenario(get_scenario("seed")), trace, 0, "en")
    assert measure_claim(lesson, lesson.model) is None


def test_two_text_lessons_of_one_name_each_narrate_their_own_characters(tmp_path) -> None:
    """With a registry keyed by name the second file's lesson replaced the first one's, and the
    first was narrated with the second's characters."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "notes.txt").write_text("abcabc")
    (tmp_path / "b" / "notes.txt").write_text("xyzxyz")
    first = resolve_lesson(text_path=str(tmp_path / "a" / "notes.txt"))
    second = resolve_lesson(text_path=str(tmp_path / "b" / "notes.txt"))
    assert first.name == second.name == "text:notes.txt" and find_scenario(first.name) is None
    trace = forward(first.model, first.sequence)
    assert 'x(1) is "a"' in narrate_tick(first, trace, 1, "en")
    assert 'x(1) is "x"' in narrate_tick(second, forward(second.model, second.sequence), 1, "en")


def test_a_shown_name_with_a_plus_in_it_changes_no_lesson() -> None:
    """A file named like another lesson ("hello + x.csv") is only shown: the lesson is the object's."""
    seed = Lesson.from_scenario(get_scenario("seed"))
    mine = seed.with_model(init_model(1, 1, 1, seed=3), "hello + x.json")
    assert mine.name == "seed + hello + x.json" and mine.scenario is seed.scenario
    text = narrate_tick(mine, forward(mine.model, mine.sequence), 0, "en")
    assert "worked example" in text and "one-hot" not in text
