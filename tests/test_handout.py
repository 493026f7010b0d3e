"""The markdown handout (`srn-tui trace --format markdown`): full vectors and matrices read back from
its tables against the model and the trace, the summary beyond the stated bound, lines a text
editor shows, titles that say what is shown, Chinese headings, and markdown that parses as meant."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from markdown_it import MarkdownIt
from rich.cells import cell_len
from shared import run, squeeze

from srn_tui.engine import bptt, forward
from srn_tui.lessons import Lesson, get_scenario
from srn_tui.narration import narrate_tick
from srn_tui.report_markdown import MATRIX_FULL, TABLE_CELLS, VECTOR_FULL
from srn_tui.text.handout import WORDS
from srn_tui.text.lang import placeholders

CJK = "\u4e00-\u9fff"


def handout(capsys, *argv: str, lang: str = "en") -> str:
    code, out, err = run(capsys, "trace", "--format", "markdown", "--lang", lang, *argv)
    assert code == 0, err
    return out


def read_table(lines: list[str], start: int, corner: str) -> tuple[np.ndarray, int]:
    """The matrix in the tables that begin at `lines[start]` with `corner` in their first header
    cell, its column blocks joined; and the index after them."""
    blocks: list[np.ndarray] = []
    i = start
    while i < len(lines) and lines[i].startswith(f"| {corner} |"):
        header = [c.strip() for c in lines[i].strip("|").split("|")]
        rows = []
        i += 2
        while i < len(lines) and lines[i].startswith("| "):
            rows.append([float(c) for c in lines[i].strip("|").split("|")[1:]])
            i += 1
        block = np.array(rows)
        if corner != "unit":  # a matrix's column blocks are numbered on from each other
            assert [int(c) for c in header[1:]] == list(range(sum(b.shape[1] for b in blocks), int(header[-1]) + 1))
        blocks.append(block)
        if corner == "unit":  # one table a layer
            break
        if i + 1 < len(lines) and lines[i] == "" and lines[i + 1].startswith(f"| {corner} |"):
            i += 1
    return np.hstack(blocks), i


def matrix_in(md: str, name: str, section: str = "Parameters") -> np.ndarray:
    lines = md.split(f"## {section}\n", 1)[1].splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(f"**{name}** ("))
    return read_table(lines, at + 2, name)[0]


def lesson(name: str) -> Lesson:
    return Lesson.from_scenario(get_scenario(name))


@pytest.mark.parametrize("name", ["hello", "letters"])
def test_every_weight_is_printed_in_full_to_three_decimals(capsys, name: str) -> None:
    md = handout(capsys, "--scenario", name)
    les = lesson(name)
    trace = forward(les.model, les.sequence)
    grads = bptt(trace).grads
    for param in ("W_xh", "W_hh", "W_hy"):
        shown = matrix_in(md, param)
        assert shown.shape == les.model.params[param].shape
        np.testing.assert_allclose(shown, les.model.params[param], atol=5e-4 + 1e-12)
        np.testing.assert_allclose(matrix_in(md, param, "Gradients (BPTT)"), grads[param], atol=5e-4, rtol=0.05)
    if name == "letters":  # 20 columns do not fit 120 cells: W_hh comes in blocks of columns
        assert md.count("| W_hh | 0 |") == 2 and re.search(r"^\| W_hh \| 1\d \|", md, re.MULTILINE)


@pytest.mark.parametrize("name", ["hello", "letters"])
def test_each_tick_shows_the_hidden_and_output_layers_unit_by_unit(capsys, name: str) -> None:
    md = handout(capsys, "--scenario", name)
    les = lesson(name)
    trace = forward(les.model, les.sequence)
    back = bptt(trace)
    lines = md.splitlines()
    for rec, step in zip(trace.steps, back.steps, strict=True):
        at = lines.index(f"### t = {rec.t}")
        hidden_at = next(i for i in range(at, len(lines)) if lines[i].startswith("| unit | h_prev |"))
        hidden, after = read_table(lines, hidden_at, "unit")
        expected = np.column_stack([rec.h_prev, rec.a, rec.h, step.delta_h, step.delta_a])
        np.testing.assert_allclose(hidden, expected, atol=5e-4, rtol=0.05)
        output, _ = read_table(lines, after + 1, "unit")
        np.testing.assert_allclose(output, np.column_stack([rec.o, rec.y, rec.target]), atol=5e-4)
        x_line = next(line for line in lines[at:hidden_at] if line.startswith(f"**x({rec.t})** = ["))
        assert [float(v) for v in x_line.split("[")[1].rstrip("]").split()] == list(rec.x)


def test_beyond_the_bound_a_stated_summary_computed_from_the_numbers(capsys, tmp_path) -> None:
    rng = np.random.default_rng(3)
    hidden = VECTOR_FULL + 8  # 40 units: vectors and W_hh past the bound
    params = {
        "W_xh": rng.normal(0, 0.3, (hidden, 2)),
        "W_hh": rng.normal(0, 0.2, (hidden, hidden)),
        "b_h": np.zeros(hidden),
        "W_hy": rng.normal(0, 0.3, (1, hidden)),
        "b_y": [0.1],
    }
    path = tmp_path / "wide.json"
    doc = {k: np.asarray(v).tolist() for k, v in params.items()}
    path.write_text(json.dumps({"hidden_activation": "tanh", "output_activation": "identity", **doc}))
    seq = tmp_path / "two.csv"
    seq.write_text("x1,x2,target\n1,0,\n0,1,0.5\n")
    md = handout(capsys, "--model", str(path), "--sequence", str(seq))
    assert f"matrices of up to {MATRIX_FULL} x {MATRIX_FULL} are printed in full" in " ".join(md.split())
    w = params["W_hh"]
    norm, low, high = np.linalg.norm(w), w.min(), w.max()
    assert f"**W_hh**: {hidden} x {hidden}, too large to print: norm {norm:.3f}, from {low:.3f} to {high:.3f}" in md
    assert "| W_xh | 0 | 1 |" not in md and f"**W_xh**: {hidden} x 2, too large to print" in md
    h1 = np.tanh(params["W_xh"][:, 0])
    top = np.argsort(-np.abs(h1))[:3]
    listed = ", ".join(f"#{i} = {h1[i]:.3f}" for i in top)
    assert f"**h**: {hidden} values, too many to print: norm {np.linalg.norm(h1):.3f}; largest |value|: {listed}" in md
    assert "**b_h**: 40 values, too many to print: norm 0.000; largest |value|: 0" in md


def text_file(tmp_path):
    path = tmp_path / "story.txt"
    words = ["the", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog", "while", "seven", "zebras"]
    path.write_text(" ".join(words[(i * 7) % len(words)] for i in range(60)))
    return path


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("argv", [["--scenario", "hello"], ["--scenario", "letters"], ["--text", "TEXT"]])
def test_no_line_is_wider_than_a_table_line(capsys, tmp_path, argv: list[str], lang: str) -> None:
    """The old handout put a tick in one table row: 984 characters a line on hello, 1,381 on letters."""
    argv = [str(text_file(tmp_path)) if a == "TEXT" else a for a in argv]
    md = handout(capsys, *argv, lang=lang)
    widest = max(md.splitlines(), key=cell_len)
    assert cell_len(widest) <= TABLE_CELLS, widest
    assert len(md.splitlines()) > 100  # it is the whole handout, not a cut one


def test_the_markdown_parses_as_tables_paragraphs_and_headings(capsys) -> None:
    """Wrapped narration stays paragraph text (a line starting '- ' or '3. ' would open a list),
    every table parses as one, and '*' in W_xh*x(1) is no emphasis."""
    md = handout(capsys, "--scenario", "hello")
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    kinds = [t.type for t in tokens]
    assert "bullet_list_open" not in kinds and "ordered_list_open" not in kinds and "em_open" not in kinds
    rules = [line for line in md.splitlines() if line.startswith("|---|")]
    assert kinds.count("table_open") == len(rules) > 10
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h3"]
    assert headings == ["t = 1", "t = 2", "t = 3", "t = 4"]
    paragraphs = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "paragraph_open"]
    les = lesson("hello")
    trace = forward(les.model, les.sequence)
    for t in range(1, 5):  # each narration is one paragraph, as narrate_tick wrote it
        assert squeeze(narrate_tick(les, trace, t, "en")) in {squeeze(p.replace("\\*", "*")) for p in paragraphs}


def test_titles_say_what_the_handout_shows(capsys, tmp_path) -> None:
    model, seq = tmp_path / "mine.json", tmp_path / "mine.csv"
    model.write_text(
        json.dumps(
            {"hidden_activation": "tanh", "output_activation": "identity", "W_xh": [[0.4]], "W_hh": [[0.2]]}
            | {"b_h": [0.0], "W_hy": [[2.0]], "b_y": [0.0]}
        )
    )
    seq.write_text("x,target\n1,\n2,3\n")
    article = get_scenario("seed").title
    cases = {
        ("--model", str(model)): "# Model mine.json on the sequence of the lesson seed",
        ("--sequence", str(seq)): "# The model of the lesson seed on the sequence mine.csv",
        ("--model", str(model), "--sequence", str(seq)): "# Model mine.json on the sequence mine.csv",
    }
    for argv, title in cases.items():  # your files without a lesson: the lesson's title is nowhere
        md = handout(capsys, *argv)
        assert md.splitlines()[0] == title and article not in md, argv
    # With the lesson named, the handout says which lesson it was built on and what the files replaced.
    md = handout(capsys, "--scenario", "seed", "--model", str(model))
    assert md.splitlines()[0] == "# Model mine.json on the sequence of the lesson seed"
    assert f"Built on the lesson seed ({article}); your model file replaces its model." in " ".join(md.split())
    md = handout(capsys, "--model", str(model), "--sequence", str(seq), lang="zh")
    assert md.splitlines()[0] == "# 模型 mine.json，序列 mine.csv"
    # The lesson as made keeps its own title, and the table format follows the same rule.
    assert handout(capsys).splitlines()[0] == f"# seed: {article}"
    code, out, _ = run(capsys, "trace", "--model", str(model), "--sequence", str(seq))
    assert code == 0 and out.splitlines()[0] == "Model mine.json on the sequence mine.csv"


def test_a_chinese_handout_has_chinese_headings_and_sentences(capsys) -> None:
    md = handout(capsys, "--scenario", "hello", lang="zh")
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings == [
        "## 参数", "## 前向传播", "## 每个时间步发生了什么", "## 梯度（随时间反向传播）", "## 一个目标的梯度流",
    ]  # fmt: skip
    assert md.count("### 时间步 t = ") == 4 and "| 单元 | h_prev |" in md
    assert "总损失：**7.029**，对 4 个有目标的时间步求和；每个有目标的时间步平均 **1.757** = 每个字符 2.535 比特" in md
    english = {"Parameters", "Forward pass", "Total loss", "Baseline", "Gradient flow", "Vectors of up to"}
    assert not [word for word in english if word in md]


def test_the_words_exist_in_both_languages_with_full_width_punctuation_in_chinese() -> None:
    assert WORDS["en"].keys() == WORDS["zh"].keys()
    for key, en in WORDS["en"].items():
        assert placeholders(en) == placeholders(WORDS["zh"][key]), key
        zh = re.sub(r"`[^`]*`|\{[^}]*\}", "", WORDS["zh"][key])  # code and placeholders are no Chinese
        assert not re.search(rf"[{CJK}][,;:()]|[,;:(][{CJK}]", zh), (key, zh)


@pytest.mark.parametrize("name", ["seed", "hello"])
def test_symbols_get_columns_after_t_and_a_pipe_symbol_stays_one_cell(name: str) -> None:
    """Both layouts (one row per tick: seed; a section per tick: hello) name each tick's symbols."""
    import io

    from srn_tui.engine.stream import StoredTrace
    from srn_tui.loss_scale import loss_scale
    from srn_tui.report_markdown import write_markdown

    les = lesson(name)
    trace = forward(les.model, les.sequence)
    buf = io.StringIO()
    source = StoredTrace(trace, bptt(trace))
    cells = lambda rec: ["|", f"s{rec.t}", " "]  # noqa: E731 -- a text may hold '|' and ' '

    write_markdown(buf, source, "t", None, loss_scale(les.model, [les.sequence]), None, symbols=cells)
    md = buf.getvalue()
    forward_part = md.split("## Forward pass\n\n", 1)[1].split("\n\n", 1)[0]
    assert forward_part.splitlines()[0].startswith("| t | x_symbol | y_symbol | target_symbol |")
    tokens = MarkdownIt("commonmark").enable("table").parse(forward_part)
    rows = [i for i, t in enumerate(tokens) if t.type == "tr_open"][1:]  # below the header
    assert len(rows) == len(trace)
    for t, at in enumerate(rows, start=1):
        row = [tokens[i + 1].content for i in range(at, len(tokens)) if tokens[i].type == "td_open"][:4]
        assert row == [str(t), "|", f"s{t}", "' '"]


def test_the_hello_handout_names_each_ticks_symbols(capsys) -> None:
    """x, the predicted character with its probability, and the target, beside the loss: computed
    here from the trace (the one-hot code of h, e, l, o; the prediction is the largest y)."""
    md = handout(capsys, "--scenario", "hello")
    les = lesson("hello")
    trace = forward(les.model, les.sequence)
    vocabulary = "helo"
    rows = md.split("## Forward pass\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert rows[0] == "| t | x_symbol | y_symbol | target_symbol | loss |"
    for rec, row in zip(trace.steps, rows[2:], strict=True):
        k = int(np.argmax(rec.y))
        x, target = vocabulary[int(np.argmax(rec.x))], vocabulary[int(np.argmax(rec.target))]
        assert row == f"| {rec.t} | {x} | {vocabulary[k]} (p {rec.y[k]:.3f}) | {target} | {rec.loss:.3f} |"
    assert "".join(r.split(" | ")[1] for r in rows[2:]) == "hell"
