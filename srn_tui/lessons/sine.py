"""Sine: predict the next value of a sine wave (regression, identity output).

One sample does not tell whether the wave is rising or falling; the hidden layer's memory
of the previous sample does. Three baselines frame what memory adds: repeating the current value;
the best guess from the current value alone, cos(step)*x(t) (rising and falling averaged), which no
network without memory can beat; and the two-tap linear rule x(t+1) = 2cos(step)*x(t) - x(t-1),
exact for any sine of this frequency, which needs one remembered sample.
"""

from __future__ import annotations

import numpy as np

from ..engine import DataSequence, Model, Trace, TrainConfig, forward, init_model, loss_of_outputs
from .base import REPEAT_CURRENT, About, Claim, Remark, Scenario

SAMPLES_PER_PERIOD = 16
STEP = 2 * np.pi / SAMPLES_PER_PERIOD
HIDDEN = 8
MODEL_SEED = 0
DATA_SEED = 11
SEQUENCES = 8
LENGTH = 32


def sine_sequence(length: int, phase: float, step: float = STEP) -> DataSequence:
    """x(t) = sin(phase + t*step) for t = 0..length-1; the target is the next sample."""
    values = np.sin(phase + step * np.arange(length + 1))
    return DataSequence.from_lists(values[:-1], [[v] for v in values[1:]])


def alone_guess(x: float) -> float:
    """The best prediction of the next sample from the current one alone, for a uniformly random
    phase: sin(p + step) = sin(p)cos(step) + cos(p)sin(step), and cos(p) is +-sqrt(1 - x^2) with
    equal chance, so the expected next sample is cos(step)*x."""
    return float(np.cos(STEP) * x)


def two_tap(x: float, x_prev: float) -> float:
    """The exact linear recurrence of a sampled sine: sin(p + step) + sin(p - step) = 2cos(step)sin(p)."""
    return float(2 * np.cos(STEP) * x - x_prev)


# Rounding error of the two-tap rule (about 1e-16) is shown as 0 rather than as a tiny number.
ROUNDING = 12


def build_model(seed: int = MODEL_SEED) -> Model:
    return init_model(1, HIDDEN, 1, "xavier", seed, hidden_activation="tanh", output_activation="identity")


def build_sequences(count: int = SEQUENCES, length: int = LENGTH, seed: int = DATA_SEED) -> list[DataSequence]:
    # The first sequence starts at phase 0 so the step-through view begins at sin(0) = 0.
    phases = np.concatenate([[0.0], np.random.default_rng(seed).uniform(0, 2 * np.pi, size=count - 1)])
    return [sine_sequence(length, p) for p in phases]


def remarks(trace: Trace, t: int) -> list[Remark]:
    if t == 0:
        return [("sine_start", {"n": SAMPLES_PER_PERIOD})]
    rec = trace.steps[t - 1]
    if rec.target is None:
        return []
    x, target = float(rec.x[0]), float(rec.target[0])
    alone = alone_guess(x)
    values: dict[str, object] = {
        "t": t,
        "n": SAMPLES_PER_PERIOD,
        "naive": abs(target - x),
        "alone": alone,
        "alone_err": abs(target - alone),
        "err": abs(float(rec.y[0]) - target),
    }
    if t == 1:
        return [("sine_tick_first", values)]
    rule = two_tap(x, float(trace.sequence.inputs[t - 2, 0]))
    values.update(tp=t - 1, rule=rule, rule_err=round(abs(target - rule), ROUNDING))
    return [("sine_tick", values)]


def best_guess(trace: Trace, t: int) -> np.ndarray | None:
    """At t = 1 the memory holds nothing yet (h(0) is the same for every wave), so whether the wave
    rises or falls cannot be known: the best possible output is the best guess from x(1) alone."""
    rec = trace.steps[t - 1]
    if t != 1 or rec.target is None or rec.x.size != 1:
        return None
    return np.array([alone_guess(float(rec.x[0]))])


def _reset_memory_trace(model: Model, seq: DataSequence) -> list[float]:
    """The model's outputs with its memory reset to h(0) at every tick: each tick run on its own."""
    return [
        float(forward(model, DataSequence.from_lists(seq.inputs[i : i + 1])).steps[0].y[0])
        for i in range(len(seq.inputs))
    ]


def check_claim(model: Model) -> Claim:
    """On held-out waves, from tick 2 on (where the two-tap rule applies): the network's mean loss per
    tick (the engine's, half the squared error) is below a fifth of the best any memoryless predictor
    can do (cos(step)*x(t)), every baseline measured with the same loss."""
    sq: dict[str, list[float]] = {k: [] for k in ("err", "naive", "alone", "rule", "reset")}
    for seq in build_sequences(count=4, length=48, seed=77):
        reset = _reset_memory_trace(model, seq)
        for rec in forward(model, seq).steps[1:]:
            x, x_prev = float(rec.x[0]), float(seq.inputs[rec.t - 2, 0])
            guesses = (float(rec.y[0]), x, alone_guess(x), two_tap(x, x_prev), reset[rec.t - 1])
            for key, guess in zip(sq, guesses, strict=True):
                loss = loss_of_outputs(model.loss, model.output_activation, np.array([guess]), rec.target)
                sq[key].append(float(loss))
    values = {k: float(np.mean(v)) for k, v in sq.items()}
    values["rule"] = round(values["rule"], ROUNDING)
    holds = values["err"] < 0.2 * values["alone"]
    message = "claim_sine_below" if values["err"] < values["alone"] else "claim_sine_above"
    return Claim(message, {**values, "n": SAMPLES_PER_PERIOD}, holds)


SCENARIO = Scenario(
    name="sine",
    title="Sine wave: predict the next sample",
    summary="the current value alone cannot say whether the wave rises or falls; memory can",
    description=(
        f"A sine wave sampled {SAMPLES_PER_PERIOD} times per period. At each tick the network reads one sample and "
        "predicts the next: regression, with an identity output and squared error. The same value, say 0.5, "
        "comes once on the way up and once on the way down, so a network without memory could only guess; "
        "the hidden layer keeps the previous sample through the recurrent connection, which gives the "
        "direction. Baselines: repeating the current value; the best guess from the current value alone, "
        f"cos(2*pi/{SAMPLES_PER_PERIOD})*x(t), the average of rising and falling, which no network without memory "
        f"can beat; and the two-tap rule x(t+1) = 2*cos(2*pi/{SAMPLES_PER_PERIOD})*x(t) - x(t-1), exact for this "
        "wave, which needs one remembered sample. Measured on held-out waves (from tick 2) over model seeds 0-9 "
        "(benchmarks/claims_over_seeds.py), as the mean loss per sample (half the squared error): 0.0007-0.0025 "
        "for the trained network, 0.038 for repeating, 0.037 for the best guess without memory, 0 for the "
        "two-tap rule; with their memory reset to h(0) at every tick the same networks reach 0.045-0.079."
    ),
    build_model=build_model,
    build_sequences=build_sequences,
    training=TrainConfig(epochs=300, lr=0.01, optimizer="adam", batch_size=SEQUENCES),
    remarks=remarks,
    best_guess=best_guess,
    check_claim=check_claim,
    baseline=REPEAT_CURRENT,
    zh=About(
        title="正弦波：预测下一个采样",
        summary="只看当前值说不出波是在上升还是下降；记忆可以",
        description=(
            "每个周期采样 16 次的正弦波。每个时间步网络读入一个采样并预测下一个：回归，恒等输出，平方误差。"
            "同一个值（比如 0.5）在上升时出现一次，在下降时又出现一次，所以没有记忆的网络只能猜；隐藏层经循环连接"
            "保留上一个采样，由此知道方向。基准：重复当前值；只根据当前值的最好猜测 cos(2*pi/16)*x(t)（上升和下降的"
            "平均，没有记忆的网络都无法超过它）；以及两项规则 x(t+1) = 2*"
            "cos(2*pi/16)*x(t) - x(t-1)，它对这个波是精确的，"
            "需要记住一个采样。在模型种子 0-9 上用留出的波测量（从第 2 步起；benchmarks/claims_over_seeds.py），每个"
            "采样的平均损失（平方误差的一半）：训练后的网络 0.0007-0.0025，重复当前值 0.038，没有记忆的最好猜测 0.037，"
            "两项规则 0；每一步都把记忆重置为 h(0) 时，同样的网络为 0.045-0.079。"
        ),
    ),
)


# This lesson's words, keyed by message id with {named} placeholders filled from the trace's numbers
# (narration.templates joins them to the general sentences; both languages' ids and placeholders
# are tested to match). Plain text, never markup.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "sine_start": "A sine wave sampled {n} times per period; at each tick the network predicts the next sample.",
        "sine_tick_first": (
            "Baselines: repeating the current value is off by {naive}. The exact two-tap rule "
            "x(t+1) = 2*cos(2*pi/{n})*x(t) - x(t-1) cannot run yet: it needs the sample before x(1). "
            "The network is off by {err}."
        ),
        "sine_tick": (
            "Baselines: repeating the current value is off by {naive}; the best guess from x({t}) alone, "
            "cos(2*pi/{n})*x({t}) = {alone} (rising and falling averaged), is off by {alone_err}; the two-tap rule "
            "2*cos(2*pi/{n})*x({t}) - x({tp}) = {rule} is off by {rule_err}: one remembered sample makes it exact. "
            "The network is off by {err}."
        ),
        "claim_sine_below": (
            "Mean loss per held-out sample (half the squared error, from tick 2): the network {err}; repeating the "
            "current value {naive}; "
            "the best guess from x(t) alone, cos(2*pi/{n})*x(t), {alone}, which no network without memory can beat; "
            "the two-tap rule 2*cos(2*pi/{n})*x(t) - x(t-1), which remembers one sample, {rule}. Memory is what takes "
            "the network below {alone}: with its memory reset to h(0) at every tick, the same network's "
            "loss is {reset}."
        ),
        "claim_sine_above": (
            "Mean loss per held-out sample (half the squared error, from tick 2): the network {err}; repeating the "
            "current value {naive}; "
            "the best guess from x(t) alone, cos(2*pi/{n})*x(t), {alone}, which no network without memory can beat; "
            "the two-tap rule 2*cos(2*pi/{n})*x(t) - x(t-1), which remembers one sample, {rule}. The network is not "
            "below {alone} yet: its memory does not help it yet (with its memory reset to h(0) at every tick, its "
            "loss is {reset})."
        ),
    },
    "zh": {
        "sine_start": "一条正弦波，每个周期采样 {n} 次；每个时间步，网络都要预测下一个采样值。",
        "sine_tick_first": (
            "基线：只重复当前值，误差是 {naive}。精确的两项规则 x(t+1) = 2*cos(2*pi/{n})*x(t) - x(t-1) "
            "现在还用不了：它需要 x(1) 之前的那个采样值。网络的误差是 {err}。"
        ),
        "sine_tick": (
            "基线：只重复当前值，误差是 {naive}；只根据 x({t}) 的最好猜测 cos(2*pi/{n})*x({t}) = {alone}"
            "（上升和下降取平均），误差是 {alone_err}；两项规则 2*cos(2*pi/{n})*x({t}) - x({tp}) = {rule}，"
            "误差是 {rule_err}：多记住一个采样值就能做到精确。网络的误差是 {err}。"
        ),
        "claim_sine_below": (
            "在新的正弦波上（从第 2 个时间步起）每个采样的平均损失（平方误差的一半）：网络为 {err}；只重复当前值为 "
            "{naive}；"
            "只根据 x(t) 的最好猜测 cos(2*pi/{n})*x(t) 为 {alone}，没有记忆的网络都无法超过它；"
            "记住一个采样值的两项规则 2*cos(2*pi/{n})*x(t) - x(t-1) 为 {rule}。"
            "是记忆让网络低于 {alone}：如果每个时间步都把记忆重置为 h(0)，同一个网络的损失是 {reset}。"
        ),
        "claim_sine_above": (
            "在新的正弦波上（从第 2 个时间步起）每个采样的平均损失（平方误差的一半）：网络为 {err}；只重复当前值为 "
            "{naive}；"
            "只根据 x(t) 的最好猜测 cos(2*pi/{n})*x(t) 为 {alone}，没有记忆的网络都无法超过它；"
            "记住一个采样值的两项规则 2*cos(2*pi/{n})*x(t) - x(t-1) 为 {rule}。"
            "网络还没有低于 {alone}：它的记忆还没有起作用（每个时间步都把记忆重置为 h(0) 时，损失是 {reset}）。"
        ),
    },
}
