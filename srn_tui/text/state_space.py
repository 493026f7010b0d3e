"""The words of the state-space views (`srn-tui analyze` and the app's trajectory and dendrogram), in
English and Chinese: one small table, to fold into the text layer when there is one.

Symbols and formulas (h(t), PC1, H) stay ASCII in both languages; numbers come in already formatted.
"""

from __future__ import annotations

import string
from typing import TYPE_CHECKING

from .lang import check_lang

if TYPE_CHECKING:
    from .analysis import Analysis

EN: dict[str, str] = {
    "title_trajectory": "state space: h(t) projected on its two principal components",
    "title_dendrogram": "clusters: the mean h(t) per label (Euclidean distance, average linkage)",
    "states": "h(t) at {ticks} ticks of {sequences} sequences, H = {hidden}; labels: {labels}",
    "states_one": "h(t) at {ticks} ticks of one sequence, H = {hidden}; labels: {labels}",
    "labels_symbols": "input symbols",
    "labels_values": "input values rounded to one decimal",
    "labels_own": "the lesson's own for each tick (reber: the grammar node)",
    "explained": "PC1 explains {pc1} of the variance, PC2 {pc2}",
    "explained_one": "H = 1: one hidden unit, so no second component; PC1 explains {pc1} (PC2 is 0)",
    "explained_none": "the hidden states do not vary: no principal component (every point at 0, 0)",
    "axis_x": "PC1 from {low} to {high}",
    "axis_y": "PC2 from {low} to {high}",
    "axes": "{x}; {y}",
    "markers": "markers: {pairs}",
    "distance": "distance",
    "one_label": "one label ({label}): nothing to cluster",
    "too_many": "{count} distinct labels: at most {most} are clustered",
    "current": "t = {t}: {label}, at ({x}, {y})",
    "no_tick": "t = 0: no hidden state yet; step with the arrow keys",
    "computing": "computing the hidden states over the lesson's data ...",
    "not_finite": "a hidden state is not finite (sequence {seq}, t = {t}): nothing to project",
    "stale": "(recomputing: the weights changed)",
}

ZH: dict[str, str] = {
    "title_trajectory": "状态空间：h(t) 在前两个主成分上的投影",
    "title_dendrogram": "聚类：每个标签的平均 h(t)（欧氏距离，平均连接）",
    "states": "{sequences} 个序列共 {ticks} 个时刻的 h(t)，H = {hidden}；标签：{labels}",
    "states_one": "一个序列共 {ticks} 个时刻的 h(t)，H = {hidden}；标签：{labels}",
    "labels_symbols": "输入符号",
    "labels_values": "输入值（保留一位小数）",
    "labels_own": "本课为每个时间步给出的标签（reber：文法节点）",
    "explained": "PC1 解释了 {pc1} 的方差，PC2 解释了 {pc2}",
    "explained_one": "H = 1：只有一个隐藏单元，没有第二主成分；PC1 解释了 {pc1}（PC2 记为 0）",
    "explained_none": "隐藏状态没有变化：没有主成分（所有点都在 0, 0）",
    "axis_x": "PC1 从 {low} 到 {high}",
    "axis_y": "PC2 从 {low} 到 {high}",
    "axes": "{x}；{y}",
    "markers": "标记：{pairs}",
    "distance": "距离",
    "one_label": "只有一个标签（{label}）：无从聚类",
    "too_many": "共 {count} 个不同的标签：最多只聚类 {most} 个",
    "current": "t = {t}：{label}，位于 ({x}, {y})",
    "no_tick": "t = 0：还没有隐藏状态；用方向键单步前进",
    "computing": "正在计算本课数据上的隐藏状态……",
    "not_finite": "有隐藏状态不是有限值（序列 {seq}，t = {t}）：无法投影",
    "stale": "（重新计算中：权重已改变）",
}

WORDS = {"en": EN, "zh": ZH}


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def word(lang: str, key: str, **values: object) -> str:
    """The phrase `key` in `lang`, its placeholders filled (a missing one is a KeyError)."""
    return WORDS[check_lang(lang)][key].format(**values)


def percent(share: float) -> str:
    return f"{100 * share:.1f}%"


def explained_line(result: Analysis, lang: str) -> str:
    pc1, pc2 = (percent(v) for v in result.projection.explained)
    components = result.projection.components
    if components == 0:
        return word(lang, "explained_none")
    if result.hidden_size == 1:
        return word(lang, "explained_one", pc1=pc1)
    return word(lang, "explained", pc1=pc1, pc2=pc2)


def states_line(result: Analysis, lang: str) -> str:
    s = result.states
    kind = "labels_own" if s.own else "labels_symbols" if result.symbols else "labels_values"
    labels = word(lang, kind)
    n_seq = int(s.seq.max()) + 1 if len(s) else 0
    key = "states_one" if n_seq == 1 else "states"
    return word(lang, key, ticks=len(s), sequences=n_seq, hidden=result.hidden_size, labels=labels)


def axes_line(x0: float, x1: float, y0: float, y1: float, lang: str) -> str:
    """The ranges the scatter shows, e.g. "PC1 from -1.61 to 1.81; PC2 from -1.07 to 1.21"."""
    x = word(lang, "axis_x", low=f"{x0:.3g}", high=f"{x1:.3g}")
    return word(lang, "axes", x=x, y=word(lang, "axis_y", low=f"{y0:.3g}", high=f"{y1:.3g}"))
