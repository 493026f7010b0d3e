"""A problem with a file is a fact (a kind, its values, where), worded by text/problems.py in the
user's language: the loaders, the lessons and the command line raise facts; the CLI words them with
--lang, the app with its own language. English stays the line it always was (str() of the error)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bad_files import GOOD_MODEL, MODELS, SEQUENCES, problems
from hostile import HOSTILE, is_one_printable_line
from loads import finish_loading
from shared import app_for
from test_ui_zh_walk import english_words

from srn_tui.cli import main
from srn_tui.engine.errors import Problem
from srn_tui.files import InputError, load_model, load_sequence
from srn_tui.lessons import LessonSpec, resolve_lesson
from srn_tui.text.problem_words import EN, ZH
from srn_tui.text.problems import error_words, tick_ranges
from srn_tui.ui.loading import model_request

CJK = re.compile("[\u3400-\u9fff]")
# Names a bad file brings with it: its keys, columns and values, quoted back; JSON's own words;
# the messages of Python's json and csv modules, shown as they are (they come from the library).
FILE_NAMES = {
    *("inputs", "targets", "extra", "rows", "one", "cosh", "sideways", "hidden", "output", "loss", "feedback"),
    *("abc", "inf", "target", "null", "true", "JSON", "NumPy", "unpickle", "zip", "MB"),
    *("Expecting", "delimiter", "unexpected", "end", "of", "data"),
}
CLI_NAMES = {"tour", "trace", "TTY", "stdin", "stdout", "NAME", "FILE", "DIR"}


def chinese_line(text: str, extra: set[str] = frozenset()) -> None:
    """One line, with Chinese in it and no English word but symbols and names (text the file or the
    command line gave is quoted back: 'abc')."""
    assert "\n" not in text and CJK.search(text), text
    assert not english_words(re.sub(r"'[^']*'", "''", text), FILE_NAMES | CLI_NAMES | extra), text


def test_every_bad_file_is_worded_in_chinese_and_in_english_as_str(tmp_path: Path) -> None:
    found = problems(tmp_path)
    assert len(found) == len(MODELS) + len(SEQUENCES)
    kinds = set()
    for exc in found:
        assert isinstance(exc, InputError), exc
        assert exc.words("en") == str(exc)
        zh = exc.words("zh")
        assert zh.startswith(f"{tmp_path}/") and zh != str(exc)
        chinese_line(zh.removeprefix(str(tmp_path)))
        kinds.add(exc.kind)
    assert len(kinds) >= 50  # the corpus reaches most kinds (54 of them), not one kind many times


def test_english_is_the_line_the_loaders_always_wrote(tmp_path: Path) -> None:
    """A few lines written out whole (the rest are asserted by tests/test_files*.py and test_limits.py)."""
    csv = tmp_path / "moved.csv"
    csv.write_text("\n\nx\n1\nabc\n")
    with pytest.raises(InputError) as info:
        load_sequence(csv)
    assert str(info.value) == f"{csv}: row 2, column x: 'abc' is not a number (line 5 of the file)"
    assert info.value.words("zh") == f"{csv}：第 2 行 x 列：'abc' 不是数（文件第 5 行）"
    model = tmp_path / "m.json"
    model.write_text(json.dumps({**GOOD_MODEL, "W_hh": [[True, 0.0], [0.0, 0.1]]}))
    with pytest.raises(InputError) as info:
        load_model(model)
    assert str(info.value) == f"{model}: W_hh: row 1, column 1: expected a number, found boolean true"
    assert info.value.words("zh") == f"{model}：W_hh：第 1 行第 1 列：应为一个数，实际是布尔值 true"


def test_where_the_problem_is_is_kept_as_a_fact(tmp_path: Path) -> None:
    csv = tmp_path / "cells.csv"
    csv.write_text("x1,x2,target\n1,2,3\n4,oops,6\n")
    with pytest.raises(InputError) as info:
        load_sequence(csv)
    problem = info.value
    assert (problem.kind, problem.source, problem.where) == (
        "cell_not_a_number",
        str(csv),
        (("row", 2), ("column", "x2")),
    )
    assert problem.values == {"cell": "'oops'"}


@pytest.mark.parametrize(("raw", "shown"), HOSTILE[:6])
def test_a_hostile_path_is_escaped_in_both_languages(tmp_path: Path, raw: str, shown: str) -> None:
    problem = InputError.at(raw, "file_not_found")
    for lang in ("en", "zh"):
        text = problem.words(lang)
        assert text.startswith(shown) and is_one_printable_line(text)


def _models_meeting_sequences(tmp_path: Path) -> list[Exception]:
    """Problems only a model and a sequence (or a lesson) together have."""
    narrow = tmp_path / "narrow.json"
    narrow.write_text(json.dumps({**GOOD_MODEL, "W_xh": [[0.5, 0.1], [0.2, 0.3]]}))
    one = tmp_path / "one.csv"
    one.write_text("x,target\n1,\n2,1.5\n")
    sigmoid = tmp_path / "sigmoid.json"
    sigmoid.write_text(
        json.dumps({**GOOD_MODEL, "output_activation": "sigmoid", "loss": "cross_entropy", "W_xh": [[0.5], [0.2]]})
    )
    short = tmp_path / "short.txt"
    short.write_text("a")
    found = []
    for args in (
        (None, narrow, one),
        ("seed", narrow, None),
        (None, sigmoid, one),
        ("seed", sigmoid, None),
        ("sine", sigmoid, None),
        ("nope", None, None),
        ("echo-0", None, None),
        ("seed", None, one, short),
        (None, None, None, short),
    ):
        with pytest.raises(Problem) as info:
            resolve_lesson(*(None if a is None else str(a) for a in args))
        found.append(info.value)
    return found


def test_models_and_lessons_that_do_not_fit_are_worded_in_chinese(tmp_path: Path) -> None:
    found = _models_meeting_sequences(tmp_path)
    for exc in found:
        assert isinstance(exc, Problem), exc
        chinese_line(exc.words("zh").replace(str(tmp_path), ""), {"seed", "sine", "nope"})
    said = [exc.words("zh").replace(f"{tmp_path}/", "") for exc in found]
    assert said[0] == "one.csv：有 1 个输入列，但模型需要 2 个（模型 narrow.json）"
    assert said[1] == "seed 课的内置序列：有 1 个输入列，但模型需要 2 个（模型 narrow.json）"
    assert said[2].startswith("one.csv：第 2 行 target 列：1.5 不在 [0, 1] 之内；sigmoid.json 的 sigmoid 输出")
    assert said[3].endswith("，但 seed 课在时间步 5 的值是 6")


def test_tick_ranges_in_both_languages() -> None:
    ticks = (1, 2, 3, 5, 7, 8, 10, 12, 14)
    assert tick_ranges(ticks) == "1..3, 5, 7..8, 10 and 2 more"
    assert tick_ranges(ticks, lang="zh") == "1..3、5、7..8、10，以及另外 2 段"
    assert tick_ranges((4,), lang="zh") == "4"


def test_an_error_that_is_not_a_fact_says_itself() -> None:
    assert error_words("zh", OSError("disk on fire")) == "disk on fire"
    assert error_words("zh", RuntimeError()) == "RuntimeError"


def test_every_template_has_both_languages_with_the_same_placeholders() -> None:
    from srn_tui.text.lang import placeholders

    assert EN.keys() == ZH.keys()
    for key, english in EN.items():
        assert placeholders(english) == placeholders(ZH[key]), key


# ----- the command line: --lang words the refusal; English unchanged -----
@pytest.mark.parametrize(
    ("argv", "english"),
    [
        (["trace", "--model", "MISSING"], "MISSING: file not found"),
        (["trace", "--scenario", "echo-0"], "scenario 'echo-0': echo-K needs K from 1 to 9999"),
        (["tour"], "tour: give a tour's NAME or --file FILE (srn-tui tour --list shows the built-in ones)"),
        (["trace", "--flow-target", "99"], "--flow-target 99: out of range, the sequence has ticks 1..5"),
        (["trace", "--flow-target", "2"], "--flow-target 2: tick 2 has no target; ticks with a target: 5"),
        (
            ["train", "--seed", "1"],
            "--seed: the seed lesson starts from fixed weights: a seed has nothing to re-draw; ",
        ),
    ],
)
def test_the_cli_words_its_refusals_with_lang(tmp_path: Path, capsys, argv: list[str], english: str) -> None:
    argv = [str(tmp_path / "m.json") if a == "MISSING" else a for a in argv]
    english = english.replace("MISSING", str(tmp_path / "m.json"))
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"srn-tui: {english}") and err.count("\n") == 1
    assert main([*argv, "--lang", "en"]) == 2
    assert capsys.readouterr().err == err
    assert main([*argv, "--lang", "zh"]) == 2
    zh = capsys.readouterr().err
    assert zh.startswith("srn-tui: ") and zh.count("\n") == 1
    chinese_line(zh.removeprefix("srn-tui: ").rstrip("\n").replace(str(tmp_path), ""), {"echo", "seed"})


def test_argparse_usage_errors_stay_english(capsys) -> None:
    assert main(["trace", "--lang", "zh", "--format", "pdf"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("srn-tui: argument --format: invalid choice: 'pdf'") and "(see srn-tui trace --help)" in err


def test_serve_says_what_it_needs_in_its_language(monkeypatch) -> None:
    import io
    import sys

    from srn_tui.serve import ServeOptions, run_server

    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # import fails as if not installed
    err = io.StringIO()
    options = ServeOptions("127.0.0.1", 8000, "zh", None, None, None, None)
    assert run_server(options, err) == 2
    assert err.getvalue() == 'srn-tui: srn-tui serve 需要 web 扩展：pip install "srn-tui[web]"\n'


# ----- the app: a bad file loaded in Chinese is said in Chinese -----
async def test_a_bad_model_loaded_in_chinese_is_said_in_chinese(tmp_path: Path, toasts) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**GOOD_MODEL, "W_hh": [[0.1, 0.0], [0.0]]}))
    app = app_for("seed", "zh")
    async with app.run_test(size=(100, 30)) as pilot:
        app.loader.start(model_request(str(bad)))
        await finish_loading(app, pilot)
        last = toasts.last
        assert last.severity == "error"
        assert last.message == f"{bad}：W_hh：第 2 行有 1 个值，应与第 1 行一样有 2 个"
        chinese_line(last.title + " " + last.message.replace(str(tmp_path), ""), {"bad"})


async def test_a_bad_file_on_the_command_line_is_said_in_chinese_when_the_app_starts(tmp_path: Path, toasts) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("x,target\n1,2\noops,3\n")
    app = app_for("seed", "zh", LessonSpec(sequence_path=str(bad)))
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_loading(app, pilot)
        last = toasts.last
        assert last.message == f"{bad}：第 2 行 x 列：'oops' 不是数"
        assert app.session.lesson.name == "seed"


async def test_a_model_saved_where_it_cannot_be_is_said_in_chinese(tmp_path: Path, toasts) -> None:
    from srn_tui.ui.file_actions import run_guarded, save_model_file

    app = app_for("seed", "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        target = tmp_path / "no-such-folder" / "m.json"
        assert not run_guarded(app, save_model_file, str(target), "saved")
        await pilot.pause()
        assert toasts.last.message == f"{target}：无法写入（没有这个文件或文件夹）"
