"""Echo: output the input from k ticks ago. Small k trains, larger k does not (measured over seeds by
benchmarks/echo_sweep.py). The lesson says only what it measures on the shown network: the held-out error
and how much of one target's gradient reaches the tick it asks for. It does not blame the vanishing
gradient, because after training that share is often large (echo-20 also asks 8 units to hold 20 bits).
"""

from __future__ import annotations

import numpy as np

from ..engine import DataSequence, Model, ModelError, Trace, TrainConfig, forward, init_model
from ..files.limits import tick_units_problem, ticks_problem
from ..text.problems import Nested
from .base import CHANCE_HALF, About, Claim, Remark, Scenario
from .reach import median_share, share_in_trace
from .symbols import BITS

DEFAULT_K = 2
HIDDEN = 8
MODEL_SEED = 0
DATA_SEED = 7
SEQUENCES = 16
LENGTH = 24
# A mean loss per target tick (half the squared error, as the engine computes it) below LEARNED
# counts as learned (always guessing 0.5 costs 0.125); a gradient share below FAINT is "little".
LEARNED = 0.025
FAINT = 0.05
# The claim's per-target share: the last TARGETS_PER_SEQUENCE targets of the first GRADIENT_SEQUENCES
# held-out sequences (bounded, as the app computes the claim when training ends).
GRADIENT_SEQUENCES = 4
TARGETS_PER_SEQUENCE = 10


def echo_sequence(k: int, length: int, seed: int) -> DataSequence:
    """Random bits; the target at tick t is the bit read at tick t - k (no target for t <= k)."""
    bits = np.random.default_rng(seed).integers(0, 2, size=length).astype(float)
    targets = [None if i < k else [bits[i - k]] for i in range(length)]
    return DataSequence.from_lists(bits, targets)


def build_model(seed: int = MODEL_SEED) -> Model:
    return init_model(1, HIDDEN, 1, "xavier", seed, hidden_activation="tanh", output_activation="sigmoid", loss="mse")


def build_sequences(k: int, count: int = SEQUENCES, length: int = LENGTH, seed: int = DATA_SEED) -> list[DataSequence]:
    return [echo_sequence(k, max(length, 3 * k), seed + i) for i in range(count)]


def echo_remarks(k: int):
    def remarks(trace: Trace, t: int) -> list[Remark]:
        if t == 0:
            return [("echo_start", {"k": k, "h": trace.model.hidden_size})]
        if t <= k:
            return [("echo_wait", {"k": k})]
        share = share_in_trace(trace, t, k)  # the trace narrated, not a second forward pass
        return [
            (
                "echo_tick",
                {"k": k, "t": t, "src": t - k, "v": float(trace.sequence.inputs[t - k - 1, 0]), "share": share},
            )
        ]

    return remarks


def held_out(k: int) -> list[DataSequence]:
    """Fresh bits the lesson never trains on (its training data starts at DATA_SEED)."""
    return build_sequences(k, count=8, seed=900)


def median_share_back(model: Model, k: int) -> float:
    """Per target: the median over held-out target ticks tau of ||dL(tau)/dh(tau-k)|| / ||dL(tau)/dh(tau)||,
    how much of one target's error BPTT carries back to the tick whose bit it asks for."""
    return median_share(model, held_out(k)[:GRADIENT_SEQUENCES], k, per_sequence=TARGETS_PER_SEQUENCE)


def echo_claim(k: int):
    def check_claim(model: Model) -> Claim:
        """The mean loss per held-out bit (learned: below LEARNED) and the median per-target share
        reaching k back. Neither number is read as the cause of a failure: the text says what was measured."""
        fresh = held_out(k)
        err = [rec.loss for seq in fresh for rec in forward(model, seq).steps if rec.loss is not None]
        error = float(np.mean(err))
        ratio = median_share_back(model, k)
        if not np.isfinite(ratio):  # every output sits exactly on its target: no gradient to share out
            message = "claim_echo_no_gradient"
        elif error < LEARNED:
            message = "claim_echo_learned"
        else:
            message = "claim_echo_failed_faint" if ratio < FAINT else "claim_echo_failed_reaches"
        m = GRADIENT_SEQUENCES * TARGETS_PER_SEQUENCE
        values = {"err": error, "ratio": ratio, "k": k, "m": m, "h": model.hidden_size}
        return Claim(message, {**values, "chance": CHANCE_HALF.mean(model, fresh)}, None)

    return check_claim


def echo_scenario(k: int = DEFAULT_K) -> Scenario:
    """The echo lesson with delay k (at least 1). Named "echo" for the default k, "echo-K" otherwise."""
    if k < 1:
        raise ModelError("echo_delay", k=k)
    length = max(LENGTH, 3 * k)  # checked before any sequence is built
    problem = ticks_problem(length) or tick_units_problem(length, 1, HIDDEN, 1)
    if problem:
        raise ModelError("echo_too_long", k=k, need=Nested(*problem))
    return Scenario(
        name="echo" if k == DEFAULT_K else f"echo-{k}",
        title=f"Echo: repeat the input from {k} tick(s) ago",
        summary=f"repeat x(t-{k}); over 16 seeds k <= 5 learns, k = 10 and 20 do not, nor with 10x the epochs",
        description=(
            f"Random bits go in; the output at tick t must be the bit read at tick t-{k}. The only place to keep "
            f"a bit for {k} tick(s) is the hidden layer, passing it on through the recurrent connection at every "
            f"tick, and to answer at every tick its {HIDDEN} units must hold the last {k} bit(s) at once. BPTT "
            "carries each target's error back along that chain; the narration and the claim quote how much of one "
            "target's gradient reaches the tick it asks for, ||dL(t)/dh(t-k)|| / ||dL(t)/dh(t)||. Measured over "
            "init seeds 0-15 with this training (benchmarks/echo_sweep.py): k = 1, 2 and 5 learn (held-out mean "
            "loss, half the squared error, at most 0.0045 per bit); k = 10 and 20 do not (0.06-0.13 and "
            "0.115-0.135; always guessing 0.5 costs 0.125), and 10 times the epochs does not help (0.105-0.155 and "
            "0.125-0.145). After training, the share reaching back is "
            "0.38-2.4 at k = 10 and 1.6e-9 to 1.2 at k = 20 (median over targets; above 0.05 for 14 of the 16 "
            "seeds): it has mostly not vanished, so these numbers do not show that a vanishing gradient is why long "
            "echoes fail. The latch lesson isolates the lag: one informative input, one target."
        ),
        zh=About(
            title=f"回声：复述 {k} 个时间步之前的输入",
            summary=f"复述 x(t-{k})；在 16 个种子上 k <= 5 学会，k = 10 和 20 学不会，用 10 倍轮数也不行",
            description=(
                f"随机比特依次输入；第 t 步的输出必须是第 t-{k} 步读到的那一位。能把一位保存 {k} 个时间步的地方只有"
                f"隐藏层，每一步经循环连接把它传下去；要在每一步都答对，它的 {HIDDEN} 个单元必须同时记住最近的 {k} 位。"
                "随时间反向传播（BPTT）沿这条链把每个目标的误差传回去；讲解和结论给出一个目标的梯度有多少到达它所问的"
                "那一步：||dL(t)/dh(t-k)|| / ||dL(t)/dh(t)||。用这套"
                "训练在初始化种子 0-15 上测量（benchmarks/echo_sweep.py）："
                "k = 1、2、5 学会了（留出数据上的平均损失，平方误差的一半，每位最多 0.0045）；k = 10 和 20 没有学会"
                "（0.06-0.13 和 0.115-0.135；总是猜 0.5 的代价是 0.1"
                "25），10 倍的轮数也没用（0.105-0.155 和 0.125-0.145）。"
                "训练后，传回去的比例在 k = 10 时为 0.38-2.4，在 k ="
                " 20 时为 1.6e-9 到 1.2（目标上的中位数；16 个种子中有 "
                "14 个高于 0.05）：它大多没有消失，所以这些数字并不能说明长回声失败是因为梯度消失。锁存（latch）一课把"
                "延迟单独拿出来：一个有信息的输入，一个目标。"
            ),
        ),
        build_model=build_model,
        build_sequences=lambda: build_sequences(k),
        training=TrainConfig(epochs=200, lr=0.02, optimizer="adam", batch_size=SEQUENCES),
        remarks=echo_remarks(k),
        check_claim=echo_claim(k),
        baseline=CHANCE_HALF,
        symbols=BITS,
    )


SCENARIO = echo_scenario()


# This lesson's words, keyed by message id with {named} placeholders filled from the trace's numbers
# (narration.templates joins them to the general sentences; both languages' ids and placeholders
# are tested to match). Plain text, never markup.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "echo_start": (
            "The target at tick t is the input x(t-{k}), so each bit must stay in the hidden layer for {k} tick(s), "
            "and to answer every tick the {h} hidden units must hold the last {k} bits at once. Unrolled in time, "
            "BPTT carries each target's error back through {k} layers that share one set of weights."
        ),
        "echo_wait": "No target yet: there is no input x(t-{k}) to echo.",
        "echo_tick": (
            "The target is x({src}) = {v}, read {k} tick(s) ago: it has had to pass {k} time(s) through the recurrent "
            "connection to get here. Carried back to h({src}), this target's gradient is {share} times its size at "
            "h({t}) (||dL({t})/dh({src})|| / ||dL({t})/dh({t})||)."
        ),
        "claim_echo_learned": (
            "Learned: mean loss {err} per held-out bit (half the squared error; always guessing 0.5: {chance}). "
            "One target's gradient, carried back to h(t-{k}) where "
            "its bit was read, is {ratio} times its size at h(t) (median over {m} held-out targets)."
        ),
        "claim_echo_failed_faint": (
            "Not learned: mean loss {err} per held-out bit (half the squared error; always guessing 0.5: "
            "{chance}). One target's gradient, carried "
            "back to h(t-{k}), is only {ratio} times its size at h(t) (median over {m} held-out targets): little error "
            "signal gets back to the bit it asks for. The {h} hidden units must also hold the last {k} bits "
            "at once; these "
            "numbers do not tell which of the two stops it."
        ),
        "claim_echo_failed_reaches": (
            "Not learned: mean loss {err} per held-out bit (half the squared error; always guessing 0.5: "
            "{chance}). One target's gradient, carried "
            "back to h(t-{k}), is {ratio} times its size at h(t) (median over {m} held-out targets): it has "
            "not vanished, "
            "so a vanishing gradient does not explain the failure here. The {h} hidden units must hold the last {k} "
            "bits at once."
        ),
        "claim_echo_no_gradient": (
            "Mean loss {err} per held-out bit (half the squared error; always guessing 0.5: {chance}); no gradient "
            "leaves the target ticks at all (every output sits "
            "exactly on 0 or 1), so there is no share to measure k = {k} ticks back."
        ),
    },
    "zh": {
        "echo_start": (
            "目标是 {k} 个时间步之前的输入 x(t-{k})，所以每一位都要在隐藏层里保存 {k} 个时间步；"
            "要在每个时间步都答对，{h} 个隐藏单元必须同时记住最近的 {k} 位。"
            "时间展开后，随时间反向传播（BPTT）要把每个目标的误差传回 {k} 层共享参数的网络。"
        ),
        "echo_wait": "还没有目标值：还没有可以复述的输入 x(t-{k})。",
        "echo_tick": (
            "目标是 {k} 个时间步之前读到的 x({src}) = {v}：它必须经过 {k} 次循环连接才能传到这里。"
            "这个目标的梯度传到 h({src}) 时，是它在 h({t}) 处大小的 {share} 倍"
            "（||dL({t})/dh({src})|| / ||dL({t})/dh({t})||）。"
        ),
        "claim_echo_learned": (
            "已经学会：在新的比特上每一位的平均损失为 {err}（平方误差的一半；总是猜 0.5：{chance}）。"
            "一个目标的梯度传到 h(t-{k})（它要复述的那一位所在的时间步）时，"
            "是它在 h(t) 处大小的 {ratio} 倍（{m} 个新目标的中位数）。"
        ),
        "claim_echo_failed_faint": (
            "没有学会：在新的比特上每一位的平均损失为 {err}（平方误差的一半；总是猜 0.5：{chance}）。"
            "一个目标的梯度传到 h(t-{k}) 时，"
            "只有它在 h(t) 处大小的 {ratio} 倍（{m} 个新目标的中位数）：传回到要复述的那一位的误差信号很少。"
            "同时，{h} 个隐藏单元必须一次记住最近的 {k} 位；这些数字分不清是哪一个原因挡住了它。"
        ),
        "claim_echo_failed_reaches": (
            "没有学会：在新的比特上每一位的平均损失为 {err}（平方误差的一半；总是猜 0.5：{chance}）。"
            "一个目标的梯度传到 h(t-{k}) 时，"
            "是它在 h(t) 处大小的 {ratio} 倍（{m} 个新目标的中位数）：梯度并没有消失，"
            "所以这里学不会不能用梯度消失来解释。{h} 个隐藏单元必须一次记住最近的 {k} 位。"
        ),
        "claim_echo_no_gradient": (
            "在新的比特上每一位的平均损失为 {err}（平方误差的一半；总是猜 0.5：{chance}）；"
            "梯度根本没有离开目标时间步（每个输出都正好是 0 或 1），"
            "所以无法测量传回 k = {k} 个时间步时的比例。"
        ),
    },
}
