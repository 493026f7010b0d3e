"""The source article's worked example: x = 1..5 through one tanh unit, then learn to say 6."""

from __future__ import annotations

import numpy as np

from ..engine import DataSequence, Model, Trace, TrainConfig, forward
from .base import About, Claim, Remark, Scenario


def build_model() -> Model:
    """The article's own numbers, not a random draw: no `seed` keyword, so the lesson refuses a seed
    (Scenario.model); an engine initializer (--init NAME --seed S) draws random weights instead."""
    return Model(
        {"W_xh": [[0.5]], "W_hh": [[0.1]], "b_h": [0.0], "W_hy": [[1.0]], "b_y": [0.0], "h0": [0.0]},
        hidden_activation="tanh",
        output_activation="identity",
    )


def build_sequences() -> list[DataSequence]:
    # The only target is 6, the next number, at the last tick.
    return [DataSequence.from_lists([1, 2, 3, 4, 5], [None, None, None, None, [6.0]])]


def remarks(trace: Trace, t: int) -> list[Remark]:
    """The article's points: tanh saturating as h approaches 1, and the output layer's scale at t = 5."""
    p = trace.model.params
    if p["W_hh"].shape != (1, 1) or p["W_hy"].shape != (1, 1):
        return []  # someone else's model in the seed lesson: the remarks are about one unit
    if t == 0:
        return [("seed_start", {"w_xh": p["W_xh"][0, 0], "w_hh": p["W_hh"][0, 0]})]
    rec = trace.steps[t - 1]
    out: list[Remark] = []
    dh = float(rec.h[0] - rec.h_prev[0])
    if t >= 3 and 0 < dh < float(trace.steps[t - 2].h[0] - trace.steps[t - 2].h_prev[0]):
        out.append(("seed_saturating", {"dh": dh}))
    if rec.target is not None and rec.h[0] != 0:
        target, h, y = float(rec.target[0]), float(rec.h[0]), float(rec.y[0])
        values = {"t": t, "y": y, "target": target, "h": h, "w_ideal": target / h, "w_hy": p["W_hy"][0, 0]}
        out.append(("seed_scale_learned" if abs(y - target) < 0.05 * abs(target) else "seed_scale_needed", values))
    return out


def check_claim(model: Model) -> Claim:
    """The output weight should reach the article's scale 6 / h(5) = 6.067."""
    h5 = float(forward(model, build_sequences()[0]).steps[-1].h[0]) if model.hidden_size == 1 else float("nan")
    w_hy, w_ideal = float(model.params["W_hy"].ravel()[0]), 6.0 / h5
    return Claim("claim_seed", {"w_hy": w_hy, "w_ideal": w_ideal}, bool(np.isclose(w_hy, w_ideal, atol=0.01)))


SCENARIO = Scenario(
    name="seed",
    title="The article's example: 1, 2, 3, 4, 5 -> 6",
    summary="one tanh unit reads 1..5; memory lives in h(t-1); the output layer learns to say 6",
    description=(
        "The worked example from the source article. One input, one hidden unit (tanh), one output. "
        "W_xh = 0.5, W_hh = 0.1, b_h = 0, h(0) = 0. Each tick mixes the new input with what the hidden "
        "state remembers from the tick before, giving h = 0.462, 0.780, 0.918, 0.970, 0.989. "
        "Only the last tick has a target (6, the next number): training the output weight alone "
        "teaches the network to scale h(5) = 0.989 up to 6, so W_hy approaches 6 / 0.989 = 6.067."
    ),
    build_model=build_model,
    build_sequences=build_sequences,
    training=TrainConfig(epochs=400, lr=0.1, optimizer="sgd", freeze=frozenset({"W_xh", "W_hh", "b_h", "b_y"})),
    remarks=remarks,
    check_claim=check_claim,
    zh=About(
        title="文章里的例子：1, 2, 3, 4, 5 -> 6",
        summary="一个 tanh 单元依次读入 1..5；记忆在 h(t-1) 里；输出层学会说出 6",
        description=(
            "源文章里的计算示例。一个输入，一个隐藏单元（tanh），一个输出。W_xh = 0.5，W_hh = 0.1，b_h = 0，"
            "h(0) = 0。每个时间步把新的输入和隐藏状态从上一步记住的东西混合起来，得到 h = 0.462, 0.780, 0.918, "
            "0.970, 0.989。只有最后一步有目标（6，下一个数）：只训练输出权重，网络就学会把 h(5) = 0.989 放大到 6，"
            "所以 W_hy 趋向 6 / 0.989 = 6.067。"
        ),
    ),
)


# This lesson's words, keyed by message id with {named} placeholders filled from the trace's numbers
# (narration.templates joins them to the general sentences; both languages' ids and placeholders
# are tested to match). Plain text, never markup.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "seed_start": (
            "The article's worked example: one tanh unit with W_xh = {w_xh} and W_hh = {w_hh} reads 1, 2, 3, 4, 5; "
            "the next number, 6, is the target at t = 5."
        ),
        "seed_saturating": (
            "h grew by only {dh} this tick: tanh saturates near 1, so each larger input changes the memory less."
        ),
        "seed_scale_needed": (
            "To say {target}, the output layer must scale h({t}) = {h} up: W_hy = {target} / {h} = {w_ideal} "
            "would do it (with b_y = 0), but now W_hy = {w_hy}, so y({t}) = {y}."
        ),
        "seed_scale_learned": (
            "The output layer has learned the scale: W_hy = {w_hy} turns h({t}) = {h} into {y}; "
            "{w_ideal} would hit {target} exactly."
        ),
        "claim_seed": "W_hy = {w_hy}; the article's scale is 6 / h(5) = {w_ideal}.",
    },
    "zh": {
        "seed_start": (
            "这是原文的示例：一个 tanh 隐藏单元，W_xh = {w_xh}，W_hh = {w_hh}，依次读入 1, 2, 3, 4, 5；"
            "t = 5 时的目标是下一个数 6。"
        ),
        "seed_saturating": "这一步 h 只增加了 {dh}：tanh 在 1 附近趋于饱和，输入越大，记忆的变化反而越小。",
        "seed_scale_needed": (
            "要输出 {target}，输出层必须把 h({t}) = {h} 放大：W_hy = {target} / {h} = {w_ideal} 就能做到"
            "（b_y = 0 时）；但现在 W_hy = {w_hy}，所以 y({t}) = {y}。"
        ),
        "seed_scale_learned": (
            "输出层已经学会了缩放：W_hy = {w_hy} 把 h({t}) = {h} 映射为 {y}；W_hy = {w_ideal} 时正好等于 {target}。"
        ),
        "claim_seed": "W_hy = {w_hy}；原文的缩放因子是 6 / h(5) = {w_ideal}。",
    },
}
