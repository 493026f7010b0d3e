"""The latch (Bengio, Simard & Frasconi 1994): remember one sign through T - 1 ticks of noise.

x(1) is +1 or -1, every later input is noise, and the only target, at the last tick T, is the sign
of x(1). One informative input and one target isolate the lag: the loss at T is the only loss, so
||dL/dh(1)|| / ||dL/dh(T)|| is the share of that one target's gradient that reaches the input it needs.
"""

from __future__ import annotations

import numpy as np

from ..engine import DataSequence, Model, Trace, TrainConfig, forward, init_model
from .base import About, Claim, Remark, Scenario
from .reach import share_in_trace, share_reaching_back
from .symbols import Decoding, Vocabulary

DEFAULT_T = 20
HIDDEN = 4
NOISE = 0.2  # standard deviation of the inputs after t = 1
MODEL_SEED = 0
DATA_SEED = 11
SEQUENCES = 32
HELD_OUT_SEED = 5000
HELD_OUT = 100
GRADIENTS = 10  # the claim's share is the median over this many held-out sequences
MAX_T = 1000  # the claim runs HELD_OUT sequences of T ticks when training ends: keep that under a second
# Held-out accuracy at or above LEARNED counts as learned (chance is 0.5; measured runs are bimodal,
# near 1.0 or near 0.5). A gradient share below FAINT is "almost nothing" in the claim's words.
LEARNED = 0.9
FAINT = 0.01
EPOCHS = 300
LR = 0.05

# Measured by benchmarks/latch_sweep.py (init seeds 0..19 per length, the lesson's training).
SWEEP = "T = 5, 10 and 20: 20/20; T = 40: 16/20; T = 80: 10/20; T = 100: 8/20"
SWEEP_SHORT = "learned by 20/20 seeds at T <= 20, 10/20 at 80, 8/20 at 100"

# x(1) = +1 or -1 is the sign to keep (the noise after it is no symbol); the target is 1 for +1, 0 for -1.
SIGNS = Decoding(Vocabulary.values({"+1": 1.0, "-1": -1.0}), Vocabulary.values({"+1": 1.0, "-1": 0.0}))


def latch_sequence(length: int, sign: float, seed: int, noise: float = NOISE) -> DataSequence:
    """x(1) = sign, then length - 1 noise inputs; the only target, at t = length, is 1 for +1 and 0 for -1."""
    rest = np.random.default_rng(seed).normal(0.0, noise, size=length - 1)
    inputs = np.concatenate([[sign], rest])
    targets = [None] * (length - 1) + [[1.0 if sign > 0 else 0.0]]
    return DataSequence.from_lists(inputs, targets)


def build_sequences(length: int, count: int = SEQUENCES, seed: int = DATA_SEED) -> list[DataSequence]:
    """`count` sequences, signs alternating +1, -1 (so the two answers are equally common)."""
    return [latch_sequence(length, 1.0 if i % 2 == 0 else -1.0, seed * 100_003 + i) for i in range(count)]


def build_model(seed: int = MODEL_SEED) -> Model:
    return init_model(1, HIDDEN, 1, "xavier", seed, hidden_activation="tanh", output_activation="sigmoid", loss="mse")


def training(epochs: int = EPOCHS) -> TrainConfig:
    return TrainConfig(epochs=epochs, lr=LR, optimizer="adam", batch_size=SEQUENCES)


def answer_right(model: Model, seq: DataSequence) -> bool:
    """Whether y(T) is on the target's side of 0.5."""
    y = float(forward(model, seq).steps[-1].y[0])
    return (y > 0.5) == (seq.targets[-1, 0] > 0.5)


def held_out(length: int, count: int = HELD_OUT) -> list[DataSequence]:
    return build_sequences(length, count, HELD_OUT_SEED)


def share_at_first_tick(model: Model, seq: DataSequence) -> float:
    """||dL(T)/dh(1)|| / ||dL(T)/dh(T)||: the loss at T is the sequence's only loss."""
    return share_reaching_back(model, seq, seq.length, seq.length - 1)


def measure(model: Model, length: int, count: int = HELD_OUT, gradients: int = GRADIENTS) -> tuple[int, float]:
    """(right answers on `count` fresh sequences, median share reaching t = 1 over the first `gradients`)."""
    sequences = held_out(length, count)
    right = int(sum(answer_right(model, s) for s in sequences))
    shares = [share_at_first_tick(model, s) for s in sequences[:gradients]]
    finite = [s for s in shares if np.isfinite(s)]
    return right, float(np.median(finite)) if finite else float("nan")


def latch_claim(length: int):
    def check_claim(model: Model) -> Claim:
        """Held-out accuracy (learned: at least LEARNED) and the median share of dL(T)/dh reaching t = 1."""
        right, ratio = measure(model, length)
        learned = right >= LEARNED * HELD_OUT
        if not np.isfinite(ratio):  # the outputs sit exactly on 0 or 1: no gradient leaves t = T to share out
            message = "claim_latch_no_gradient"
        else:
            message = f"claim_latch_{'learned' if learned else 'failed'}_{'faint' if ratio < FAINT else 'reaches'}"
        return Claim(message, {"right": right, "n": HELD_OUT, "T": length, "ratio": ratio, "m": GRADIENTS}, None)

    return check_claim


def latch_remarks(length: int):
    def remarks(trace: Trace, t: int) -> list[Remark]:
        seq = trace.sequence
        if seq.length != length or not seq.mask[-1]:
            return []  # not the lesson's own sequence shape
        sign = float(seq.inputs[0, 0])
        target = float(seq.targets[-1, 0])
        if t == 0:
            return [("latch_start", {"T": length, "noise": NOISE, "n": length - 1})]
        if t == 1:
            return [("latch_first", {"x": sign, "T": length, "target": target})]
        if t < length:
            return [("latch_noise", {"t": t, "x": float(seq.inputs[t - 1, 0])})]
        share = share_in_trace(trace, length, length - 1)  # the trace narrated, not a second forward pass
        values = {"T": length, "target": target, "x1": sign, "lag": length - 1, "share": share}
        return [("latch_end", values)]

    return remarks


def latch_scenario(length: int = DEFAULT_T) -> Scenario:
    """The latch with T ticks (at least 2). Named "latch" for the default T, "latch-T" otherwise."""
    if not 2 <= length <= MAX_T:
        raise ValueError(f"latch length T must be 2 to {MAX_T}, found {length}")
    return Scenario(
        name="latch" if length == DEFAULT_T else f"latch-{length}",
        title=f"Latch (Bengio et al. 1994): keep the sign of x(1) for {length} ticks",
        summary=(f"the sign of x(1) through {length - 1} noisy ticks to one target at t = {length}; {SWEEP_SHORT}"),
        description=(
            f"The latch task of Bengio, Simard & Frasconi (1994). The first input is +1 or -1; the next {length - 1} "
            f"are noise (normal, standard deviation {NOISE}); the only target, at t = {length}, is 1 for +1 and 0 "
            "for -1. Nothing but the lag makes it hard: the hidden layer must keep the sign through every noisy tick, "
            "and the loss at the last tick is the only loss, so dL/dh(1) is all the error signal that gets back to "
            f"the one input that decides the answer. {HIDDEN} tanh hidden units, sigmoid output, squared error, "
            f"{SEQUENCES} sequences, {EPOCHS} Adam epochs (learning rate {LR}). Measured over init seeds 0-19 "
            f"(benchmarks/latch_sweep.py), networks that learned (at least {LEARNED * HELD_OUT:.0f} of {HELD_OUT} "
            f"fresh sequences right): {SWEEP}; with 4 times the epochs, 18/20, 12/20 and 13/20 at T = 40, 80 and "
            "100. Before training, the share of the last tick's gradient that reaches h(1), ||dL(T)/dh(1)|| / "
            "||dL(T)/dh(T)||, shrinks with T (median over seeds 0.4 at T = 5, 4e-3 at T = 40, 4e-8 at T = 100). "
            "After training, every network that failed passes at most 6e-3 of it back to h(1); many that learned "
            "pass little back too (median 3e-40 at T = 100): once the sign is held firmly, a small change in h(1) "
            "barely reaches t = T. Try latch-80 or latch-100: after training, the claim gives that network's own "
            "numbers."
        ),
        zh=About(
            title=f"锁存（Bengio 等 1994）：把 x(1) 的符号保持 {length} 个时间步",
            summary=(
                f"x(1) 的符号穿过 {length - 1} 个带噪声的时间步，到达 t = {length} 的唯一目标；"
                "T <= 20 时 20/20 个种子学会，T = 80 时 10/20，T = 100 时 8/20"
            ),
            description=(
                "Bengio、Simard 和 Frasconi（1994）的锁存任务。第一"
                f"个输入是 +1 或 -1；之后 {length - 1} 个是噪声（正态分布，"
                f"标准差 {NOISE}）；唯一的目标在 t = {length}，+"
                "1 对应 1，-1 对应 0。难点只在延迟：隐藏层必须让符号穿过每一个"
                "带噪声的时间步，而最后一步的损失是唯一的损失，所以 dL"
                "/dh(1) 就是传回到决定答案的那个输入的全部误差信号。"
                f"{HIDDEN} 个 tanh 隐藏单元，sigmoid 输出，平方误差"
                f"，{SEQUENCES} 个序列，{EPOCHS} 轮 Adam（学习率 {LR}）。"
                f"在初始化种子 0-19 上测量（benchmarks/latch_sweep.py），学会的网络（{HELD_OUT} 个新序列中至少答对 "
                f"{LEARNED * HELD_OUT:.0f} 个）：T = 5、10、20：20/20；T = 40：16/20；T = 80：10/20；T = 100：8/20；"
                "用 4 倍轮数时，T = 40、80、100 分别为 18/20、12/20、13/20。训练前，最后一步的梯度到达 h(1) 的比例 "
                "||dL(T)/dh(1)|| / ||dL(T)/dh(T)|| 随 T 缩小（种子上的中位数：T = 5 时 0.4，T = 40 时 4e-3，T = 100 时 "
                "4e-8）。训练后，每个失败的网络传回 h(1) 的最多 6e-3；很多学会的网络传回的也很少（T = 100 时中位数 "
                "3e-40）：符号一旦被牢牢保持，h(1) 的小变化几乎到不了 t ="
                " T。试试 latch-80 或 latch-100：训练后，结论会给出"
                "那个网络自己的数字。"
            ),
        ),
        build_model=build_model,
        build_sequences=lambda: build_sequences(length),
        training=training(),
        remarks=latch_remarks(length),
        check_claim=latch_claim(length),
        symbols=SIGNS,
    )


SCENARIO = latch_scenario()


# This lesson's words, keyed by message id with {named} placeholders filled from the trace's numbers
# (narration.templates joins them to the general sentences; both languages' ids and placeholders
# are tested to match). Plain text, never markup.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "latch_start": (
            "The latch task (Bengio, Simard & Frasconi 1994): x(1) is +1 or -1, the {n} inputs after it are noise "
            "(normal, standard deviation {noise}), and the only target, at t = {T}, is the sign of x(1): 1 for +1, "
            "0 for -1. The hidden layer must keep that sign through every noisy tick, and the loss at t = {T} is the "
            "only loss: all the error signal that reaches x(1) comes back from there."
        ),
        "latch_first": "x(1) = {x} is the one input that decides the answer: the target at t = {T} is {target}.",
        "latch_noise": (
            "x({t}) = {x} is noise and says nothing about the target: what counts is that h({t}) still carries "
            "the sign read at t = 1."
        ),
        "latch_end": (
            "The target {target} stands for the sign of x(1) = {x1} (1 for +1, 0 for -1), read {lag} ticks ago. "
            "Carried back to h(1), the gradient of the loss here is {share} times its size at h({T}) "
            "(||dL({T})/dh(1)|| / ||dL({T})/dh({T})||)."
        ),
        "claim_latch_no_gradient": (
            "The sign at t = {T} is right on {right} of {n} fresh sequences; no gradient leaves t = {T} at all (the "
            "output sits exactly on 0 or 1), so there is no share to measure at h(1)."
        ),
        "claim_latch_learned_reaches": (
            "Learned: the sign at t = {T} is right on {right} of {n} fresh sequences. The gradient of the loss at "
            "t = {T}, carried back to h(1), is {ratio} times its size at h({T}) (median over {m} fresh sequences)."
        ),
        "claim_latch_learned_faint": (
            "Learned: the sign at t = {T} is right on {right} of {n} fresh sequences. Yet the gradient of the loss at "
            "t = {T}, carried back to h(1), is only {ratio} times its size at h({T}) (median over {m} fresh "
            "sequences): "
            "a small change in h(1) now barely "
            "moves the answer. Bengio, Simard & Frasconi (1994) showed that holding a bit robustly against noise "
            "makes this gradient vanish."
        ),
        "claim_latch_failed_faint": (
            "Not learned: the sign at t = {T} is right on only {right} of {n} fresh sequences (guessing "
            "gets about half). "
            "The gradient of the loss at t = {T}, carried back to h(1), is only {ratio} times its size at h({T}) "
            "(median over {m} fresh sequences): almost no error signal gets back to x(1), the one input that "
            "decides the answer."
        ),
        "claim_latch_failed_reaches": (
            "Not learned: the sign at t = {T} is right on only {right} of {n} fresh sequences (guessing "
            "gets about half). "
            "The gradient of the loss at t = {T}, carried back to h(1), is {ratio} times its size at h({T}) (median "
            "over {m} fresh sequences): the error signal does get back to x(1), and still the network has not "
            "learned to keep it."
        ),
    },
    "zh": {
        "latch_start": (
            "锁存任务（Bengio、Simard 和 Frasconi，1994）：x(1) 是 +1 或 -1，之后的 {n} 个输入都是噪声"
            "（正态分布，标准差 {noise}）；唯一的目标在 t = {T}，是 x(1) 的符号：+1 对应 1，-1 对应 0。"
            "隐藏层必须带着这个符号穿过每一个有噪声的时间步；t = {T} 的损失是唯一的损失，"
            "传回 x(1) 的误差信号全部来自那里。"
        ),
        "latch_first": "x(1) = {x} 是决定答案的唯一输入：t = {T} 的目标是 {target}。",
        "latch_noise": "x({t}) = {x} 是噪声，与目标无关：要紧的是 h({t}) 仍然带着 t = 1 时读到的符号。",
        "latch_end": (
            "目标 {target} 代表 {lag} 个时间步之前读到的 x(1) = {x1} 的符号（+1 记作 1，-1 记作 0）。"
            "这里的损失的梯度传到 h(1) 时，"
            "是它在 h({T}) 处大小的 {share} 倍（||dL({T})/dh(1)|| / ||dL({T})/dh({T})||）。"
        ),
        "claim_latch_no_gradient": (
            "在 {n} 个新序列中，t = {T} 时的符号答对了 {right} 个；梯度根本没有离开 t = {T}（输出正好是 0 或 1），"
            "所以无法测量传到 h(1) 时的比例。"
        ),
        "claim_latch_learned_reaches": (
            "已经学会：在 {n} 个新序列中，t = {T} 时的符号答对了 {right} 个。t = {T} 的损失的梯度传到 h(1) 时，"
            "是它在 h({T}) 处大小的 {ratio} 倍（{m} 个新序列的中位数）。"
        ),
        "claim_latch_learned_faint": (
            "已经学会：在 {n} 个新序列中，t = {T} 时的符号答对了 {right} 个。但 t = {T} 的损失的梯度传到 h(1) 时，"
            "只有它在 h({T}) 处大小的 {ratio} 倍（{m} 个新序列的中位数）：现在 h(1) 的小变化几乎不影响答案。"
            "Bengio、Simard 和 Frasconi（1994）证明了：能抵抗噪声、稳稳记住一位的网络，这个梯度必然消失。"
        ),
        "claim_latch_failed_faint": (
            "没有学会：在 {n} 个新序列中，t = {T} 时的符号只答对了 {right} 个（随机猜测为一半）。t = {T} 的损失的梯度"
            "传到 h(1) 时，只有它在 h({T}) 处大小的 {ratio} 倍（{m} 个新序列的中位数）："
            "几乎没有误差信号能传回决定答案的唯一输入 x(1)。"
        ),
        "claim_latch_failed_reaches": (
            "没有学会：在 {n} 个新序列中，t = {T} 时的符号只答对了 {right} 个（随机猜测为一半）。t = {T} 的损失的梯度"
            "传到 h(1) 时，是它在 h({T}) 处大小的 {ratio} 倍（{m} 个新序列的中位数）："
            "误差信号确实传回了 x(1)，网络却仍然没有学会记住它。"
        ),
    },
}
