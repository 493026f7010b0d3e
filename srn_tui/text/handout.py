"""The words of the markdown handout (`trace --format markdown`, the app's markdown export), in
English and Chinese: its title, headings, the loss summary, the summaries of vectors and matrices too
large to print, and how long prose lines are wrapped.

Symbols, field names and formulas (W_xh, h_prev, dL(5)/dh(t)) stay ASCII in both languages. Chinese
sentences use full-width punctuation.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.cells import cell_len

from . import numbers
from .lang import check_lang

if TYPE_CHECKING:
    from ..loss_scale import LossScale

WORDS: dict[str, dict[str, str]] = {
    "en": {
        # the title: what the handout shows
        "title_lesson": "{lesson}: {title}",
        "title_model_on_lesson": "Model {model} on the sequence of the lesson {lesson}",
        "title_lesson_on_sequence": "The model of the lesson {lesson} on the sequence {sequence}",
        "title_files": "Model {model} on the sequence {sequence}",
        "from_lesson": "Built on the lesson {lesson} ({title}); {parts}.",
        "part_model": "your model file replaces its model",
        "part_sequence": "your sequence file replaces its sequences",
        "part_both": "your files replace its model and sequences",
        # headings
        "parameters": "Parameters",
        "forward": "Forward pass",
        "narration": "What happens at each tick",
        "tick": "t = {t}",
        "gradients": "Gradients (BPTT)",
        "flow": "Gradient flow from one target",
        "unit": "unit",
        "param_col": "parameter",
        "value_col": "value",
        "grad_col": "gradient",
        # what is printed in full, and what is summarised
        "bound": "Vectors of up to {values} values and matrices of up to {rows} x {cols} are printed in full "
        "(units counted from 0); larger ones are summarised. Every value: `--format csv` or `--format json`.",
        "vector_summary": "{n} values, too many to print: norm {norm}; largest |value|: {top}",
        "matrix_summary": "{rows} x {cols}, too large to print: norm {norm}, from {low} to {high}",
        # the loss summary
        "total": "Total loss: {loss}, summed over {n} target tick{s}",
        "mean": "; mean {mean} per target tick",
        "bits": " = {bits} bits per {unit}",
        "bits_unit_char": "character",
        "bits_unit_tick": "tick",
        "baseline": "Baseline, {name}: {base}; mean {mean} per target tick",
        "baseline_bits": " = {bits} bits",
        "chance_half": "chance (always 0.5)",
        "chance_uniform": "chance (every symbol equally likely)",
        "repeat": "repeating the current value",
        "average": "always the average target",
        # the gradient flow section
        "flow_heading": "gradient flow from the loss at t = {tau} alone, back to t = {first}",
        "flow_intro": "The gradient flow from the loss at t = {tau} alone, back to t = {first}: grad_norm is the "
        "length of dL({tau})/dh(t), jacobian_norm the spectral norm (largest singular value) of dh({tau})/dh(t), "
        "how much of a change in h(t) survives to h({tau}).",
        "flow_none": "No tick has a target, so no loss flows back.",
        "flow_cut": "(dh({tau})/dh(t) computed for t = {since}..{tau} only, '-' before: each tick further back "
        "costs another H x H matrix product, too many for this trace)",
    },
    "zh": {
        "title_lesson": "{lesson}：{title}",
        "title_model_on_lesson": "模型 {model}，序列来自课程 {lesson}",
        "title_lesson_on_sequence": "课程 {lesson} 的模型，序列 {sequence}",
        "title_files": "模型 {model}，序列 {sequence}",
        "from_lesson": "以课程 {lesson}（{title}）为基础；{parts}。",
        "part_model": "你的模型文件替换了它的模型",
        "part_sequence": "你的序列文件替换了它的序列",
        "part_both": "你的文件替换了它的模型和序列",
        "parameters": "参数",
        "forward": "前向传播",
        "narration": "每个时间步发生了什么",
        "tick": "时间步 t = {t}",
        "gradients": "梯度（随时间反向传播）",
        "flow": "一个目标的梯度流",
        "unit": "单元",
        "param_col": "参数",
        "value_col": "值",
        "grad_col": "梯度",
        "bound": "不超过 {values} 个值的向量和不超过 {rows} x {cols} 的矩阵完整列出（单元从 0 开始编号）；"
        "更大的只给出摘要。全部数值：`--format csv` 或 `--format json`。",
        "vector_summary": "{n} 个值，太多，不逐一列出：范数 {norm}；绝对值最大的：{top}",
        "matrix_summary": "{rows} x {cols}，太大，不逐一列出：范数 {norm}，从 {low} 到 {high}",
        "total": "总损失：{loss}，对 {n} 个有目标的时间步求和{s}",
        "mean": "；每个有目标的时间步平均 {mean}",
        "bits": " = 每个{unit} {bits} 比特",
        "bits_unit_char": "字符",
        "bits_unit_tick": "时间步",
        "baseline": "基线（{name}）：{base}；每个有目标的时间步平均 {mean}",
        "baseline_bits": " = {bits} 比特",
        "chance_half": "随机猜测，总是 0.5",
        "chance_uniform": "随机猜测，每个符号等可能",
        "repeat": "重复当前的值",
        "average": "总是猜目标的平均值",
        "flow_heading": "从 t = {tau} 这一步的损失单独出发、回到 t = {first} 的梯度流",
        "flow_intro": "从 t = {tau} 这一步的损失单独出发、回到 t = {first} 的梯度流：grad_norm 是 dL({tau})/dh(t) "
        "的长度，jacobian_norm 是 dh({tau})/dh(t) 的谱范数（最大奇异值），即 h(t) 的变化有多少能传到 h({tau})。",
        "flow_none": "没有任何时间步有目标，所以没有损失反向传回。",
        "flow_cut": "（dh({tau})/dh(t) 只对 t = {since}..{tau} 计算，之前记为 '-'：每往前一步就要再乘一个 H x H "
        "矩阵，对这个 trace 来说太多了）",
    },
}


def say(lang: str, key: str, **values: object) -> str:
    return WORDS[check_lang(lang)][key].format(**values)


def loss_summary(loss: float, scale: LossScale, bold: str = "", lang: str = "en") -> list[str]:
    """The total loss, the number of target ticks it sums, the mean per target tick (and bits), and
    the lesson's baseline on the same ticks, one line each. `bold` wraps the numbers (markdown's "**")."""

    def b(v: float) -> str:
        return f"{bold}{numbers.table(v)}{bold}"

    n = scale.targets
    plural = "" if lang == "zh" or n == 1 else "s"
    line = say(lang, "total", loss=b(loss), n=n, s=plural)
    if n:
        line += say(lang, "mean", mean=b(scale.mean(loss)))
    if n and scale.bits:
        unit = say(lang, "bits_unit_char" if scale.characters else "bits_unit_tick")
        line += say(lang, "bits", bits=numbers.table(scale.in_bits(loss)), unit=unit)
    lines = [line]
    if scale.baseline is not None and scale.baseline_kind is not None:
        base = say(
            lang,
            "baseline",
            name=say(lang, scale.baseline_kind),
            base=numbers.table(scale.baseline),
            mean=numbers.table(scale.mean(scale.baseline)),
        )
        if scale.bits:
            base += say(lang, "baseline_bits", bits=numbers.table(scale.in_bits(scale.baseline)))
        lines.append(base)
    return lines


def width(text: str) -> int:
    """Terminal cells: a Chinese character takes two."""
    return cell_len(text)


# Where a Chinese sentence may break in a handout (written as escapes: ，。；：、）).
BREAK_AFTER = "\uff0c\u3002\uff1b\uff1a\u3001\uff09"


def wrap(text: str, cells: int = 100) -> list[str]:
    """`text` in lines of at most `cells` terminal cells (a longer word stays whole), broken at spaces
    and after Chinese punctuation. Markdown joins the lines again into one paragraph, a line break
    becoming a space: so unlike narration.wrap (a panel's lines), never between two Chinese characters."""
    pieces: list[str] = []
    word = ""
    for c in text:
        word += c
        if c in BREAK_AFTER and word == c and pieces:  # never start a line with punctuation: "），"
            pieces[-1] += word
            word = ""
        elif c == " " or c in BREAK_AFTER:
            pieces.append(word)
            word = ""
    if word:
        pieces.append(word)
    lines, line = [], ""
    for piece in pieces:
        if line and width(line + piece.rstrip()) > cells:
            lines.append(line.rstrip())
            line = ""
        line += piece
    if line.strip():
        lines.append(line.rstrip())
    # A line that would open a list, a heading, a quote or a table is escaped: it stays paragraph text.
    return [_paragraph_text(ln) for ln in lines]


BLOCK_START = re.compile(r"^([-+*#>|]|\d+[.)])(\s|$)")


def _paragraph_text(line: str) -> str:
    m = BLOCK_START.match(line)
    if m is None:
        return line
    mark = m.group(1)
    if mark[0].isdigit():  # "3. " : the escape goes before the dot
        return f"{mark[:-1]}\\{line[len(mark) - 1 :]}"
    return "\\" + line
