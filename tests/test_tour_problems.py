"""A bad tour file is a fact (tours/format.py's TourError is a Problem), worded in the user's
language by text/problems.py: `srn-tui --lang zh tour --file bad.toml` says it in Chinese, one line,
exit 2; English stays the line tours/format.py always wrote (tests/test_tours.py asserts those).
The `serve` command's announcement and `tours --lang`'s help follow along."""

from __future__ import annotations

import io
import sys
import types
from pathlib import Path

import pytest
from test_problem_words import chinese_line
from test_tours import REFUSALS, STEP, TITLE, parse, seed_facts

from srn_tui.cli import main
from srn_tui.engine.errors import Problem
from srn_tui.text.problem_words import EN, ZH
from srn_tui.text.tour_problem_words import TOUR_EN, TOUR_ZH
from srn_tui.tours import BUILTIN, TourError, builtin_tour, load_tour_file
from srn_tui.tours.actions import ACTIONS, SPOTLIGHTS
from srn_tui.tours.format import STEP_FIELDS
from srn_tui.tours.quote import (
    COUNT_NAMES,
    FUNCTIONS,
    STATE_NAMES,
    TEXT_NAMES,
    TICK_NAMES,
    QuoteError,
    check_text,
    evaluate,
    parse_expr,
)

# What a tour file names and the words of TOML itself, quoted back in both languages: its fields,
# action and panel names, lesson names, and the TOML parser's own message (the library's English).
TOUR_NAMES = {
    *STEP_FIELDS,
    *TICK_NAMES,
    *COUNT_NAMES,
    *TEXT_NAMES,
    *FUNCTIONS,
    "stop",
    *STATE_NAMES,
    "dist",
    *ACTIONS,
    *SPOTLIGHTS,
    *("title", "step", "en", "zh", "captoin", "colour", "TOML", "UTF", "KB", "True", "keep", "run"),
    *("Invalid", "value", "at", "line", "column", "Cannot", "overwrite", "a"),
}


def refused(text: str) -> TourError:
    with pytest.raises(TourError) as info:
        parse(text)
    return info.value


@pytest.mark.parametrize(("text", "where"), REFUSALS, ids=[where for _, where in REFUSALS])
def test_every_refusal_is_a_fact_worded_in_both_languages(text: str, where: str) -> None:
    error = refused(text)
    assert isinstance(error, Problem) and isinstance(error, ValueError)  # the CLI's except still catches it
    assert error.words("en") == str(error)
    zh = error.words("zh")
    assert zh != str(error) and zh.startswith("mine.toml：")
    if "step " in where:  # the step is said as the tour's own "第 N 步", its field by its name
        number = where.split(",")[0].removeprefix("step ")
        assert zh.startswith(f"mine.toml：第 {number} 步的 ")
    chinese_line(zh.removeprefix("mine.toml"), TOUR_NAMES)


def test_where_and_what_are_kept_as_facts() -> None:
    error = refused(TITLE + STEP + 'actions = ["go 9"]\n')
    assert error.kind == "action_range" and error.source == "mine.toml"
    assert error.where == (("step", 1), ("key", "actions[1]"))
    assert error.values == {"action": "go", "arg": 9, "low": 0, "high": 5}
    assert error.words("zh") == "mine.toml：第 1 步的 actions[1]：go 9：应在 0 到 5 之间"


def test_a_lesson_the_step_cannot_open_is_said_in_the_same_language() -> None:
    # the lesson's own problem (a Problem of the lessons) is worded inside the tour's line, in zh too
    error = refused(TITLE + STEP.replace('"seed"', '"nope"'))
    assert str(error).startswith("mine.toml: step 1, lesson: unknown scenario 'nope'; choose from seed, ")
    assert error.words("zh").startswith("mine.toml：第 1 步的 lesson：未知的课 'nope'；可选：seed、")
    seeded = refused(TITLE + STEP + "seed = 3\n").words("zh")
    assert seeded == "mine.toml：第 1 步的 seed：seed 课从固定的权重开始：种子没有可以重新抽取的权重"


# Every placeholder problem a tour file can hold (tours/quote.py's QuoteError), read headless
BAD_PLACEHOLDERS = [
    "{h[x]}",
    "{1a}",
    "{h[1] x}",
    "{h[1][2][3]}",
    "{t[1]}",
    "{mean(loss[1:2:3:4])}",
    "{mean(loss[1:5:0])}",
    "{ratio(ratio(ratio(ratio(ratio(1, 1), 1), 1), 1), 1)}",
    "{mean(W_hh[1:2])}",
    "{sqrt(1)}",
    "{hh}",
    "a { b",
    "{loss[1:2]}",
    "a } b",
    "{h[1]}" * 25,
    "{pc}",
]
# ... and those met resolving a placeholder against the network shown (fill() shows {h[9]?} for them)
UNRESOLVED = ["h[9]", "run_loss", "W_hh[5]", "ratio(lesson, 1)", "mean(target[1:4])", "tau", "target[3]"]
UNRESOLVED += ["grad[2]", "h[tau]", "h[1,2]", "dist(h[1], lesson)", "pc[1]"]
# ... and those of the hidden states' analysis (tours/states.py), given one without a dendrogram
UNRESOLVED_STATES = ["pc[3]", "merged[1]"]


def test_placeholder_problems_are_facts_worded_in_both_languages() -> None:
    kinds = set()
    for text in BAD_PLACEHOLDERS:
        with pytest.raises(QuoteError) as info:
            check_text(text)
        kinds.add(info.value.kind)
    facts = seed_facts(cursor=0)
    facts.flow = None
    for piece in UNRESOLVED:
        with pytest.raises(QuoteError) as info:
            evaluate(parse_expr(piece), facts)
        kinds.add(info.value.kind)
        assert info.value.words("en") == str(info.value)
        chinese_line(info.value.words("zh"), TOUR_NAMES)
    facts.states = lambda: types.SimpleNamespace(clusters=None)
    for piece in UNRESOLVED_STATES:
        with pytest.raises(QuoteError) as info:
            evaluate(parse_expr(piece), facts)
        kinds.add(info.value.kind)
        chinese_line(info.value.words("zh"), TOUR_NAMES)
    assert str(info.value) == "merged[1]: the dendrogram has 0 merges (1..0, -1 the last)"
    # one kind each, not one kind many times
    assert len(kinds) == len(BAD_PLACEHOLDERS) + len(UNRESOLVED) + len(UNRESOLVED_STATES)
    for text in BAD_PLACEHOLDERS:
        with pytest.raises(QuoteError) as info:
            check_text(text)
        assert info.value.words("en") == str(info.value)
        chinese_line(info.value.words("zh"), TOUR_NAMES)


def test_file_refusals_in_chinese(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    big.write_text("#" * 70_000)
    binary = tmp_path / "bin.toml"
    binary.write_bytes(b"\xff\xfe\x00")
    expected = {
        big: f"{big}：有 70,000 字节，超过了导览文件 64 KB 的上限",
        binary: f"{binary}：不是 UTF-8 文本",
        tmp_path: f"{tmp_path}：这是一个文件夹，不是导览文件",
        tmp_path / "missing.toml": f"{tmp_path}/missing.toml：无法读取（没有这个文件或文件夹）",
    }
    for path, zh in expected.items():
        with pytest.raises(TourError) as info:
            load_tour_file(path)
        assert info.value.words("zh") == zh


def test_a_hostile_tour_name_is_escaped_in_both_languages() -> None:
    with pytest.raises(TourError) as info:
        builtin_tour("no\x1b[2Jpe")
    assert str(info.value) == (f"unknown tour 'no\\\\x1b[2Jpe'; choose from {', '.join(BUILTIN)} (or --file FILE)")
    zh = f"没有导览 'no\\\\x1b[2Jpe'；可选：{'、'.join(BUILTIN)}（或用 --file FILE）"
    assert info.value.words("zh") == zh


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_cli_words_a_bad_tour_file_with_lang(tmp_path: Path, capsys, lang: str) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(TITLE + STEP + 'spotlight = "stage"\n', encoding="utf-8")
    assert main(["--lang", lang, "tour", "--file", str(bad)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    english = f"{bad}: step 1, spotlight: unknown panel 'stage'; choose from timeline, tick, equation,"
    if lang == "en":
        assert err.startswith(f"srn-tui: {english}")
    else:
        assert err.startswith(f"srn-tui: {bad}：第 1 步的 spotlight：未知的面板 'stage'；可选：timeline、tick、")
        chinese_line(err.removeprefix(f"srn-tui: {bad}").strip(), TOUR_NAMES)
    # `tour NAME --lang zh` words an unknown built-in tour too
    assert main(["tour", "nope", "--lang", lang]) == 2
    unknown = capsys.readouterr().err
    assert unknown.startswith("srn-tui: unknown tour 'nope'" if lang == "en" else "srn-tui: 没有导览 'nope'；")


def test_tour_words_are_in_the_problem_table_in_both_languages() -> None:
    # the parity of every template is tested in test_problem_words.py over EN/ZH, which hold these
    assert TOUR_EN.keys() == TOUR_ZH.keys()
    assert TOUR_EN.items() <= EN.items() and TOUR_ZH.items() <= ZH.items()


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "srn-tui: serving the app at http://127.0.0.1:{port} (one app per browser tab; Ctrl+C stops)\n"),
        ("zh", "srn-tui: 正在 http://127.0.0.1:{port} 提供应用（每个浏览器标签页一个应用；Ctrl+C 停止）\n"),
    ],
)
def test_serve_announces_itself_in_its_language(monkeypatch, lang: str, line: str) -> None:
    import socket
    import types

    from srn_tui.serve import ServeOptions, run_server

    served = []

    class Server:  # textual-serve's Server, which would block in serve()
        def __init__(self, command: str, host: str, port: int, title: str) -> None:
            served.append(command)

        def serve(self) -> None:
            served.append("served")

    monkeypatch.setitem(sys.modules, "textual_serve.server", types.SimpleNamespace(Server=Server))
    with socket.socket() as probe:  # a port free right now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    err = io.StringIO()
    assert run_server(ServeOptions("127.0.0.1", port, lang, None, None, None, None), err) == 0
    assert err.getvalue() == line.format(port=port) and served[-1] == "served"


def test_tours_help_says_lang_is_for_the_listed_titles(capsys) -> None:
    assert main(["tours", "--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--lang {en,zh} language of the listed titles (default: from LANG)" in help_text
