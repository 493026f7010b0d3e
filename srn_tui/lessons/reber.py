"""Cleeremans, Servan-Schreiber & McClelland (1989): an SRN with 3 hidden units learns the Reber grammar.

Strings start with B and end with E; in between, the grammar's graph (nodes 1-6) is walked, each
node offering two letters with equal chance. The network reads one letter per tick and predicts the
next. It cannot know which of the two legal letters comes, so the best it can do is give both about
0.5; a string is accepted when every actual next letter gets an output above 0.3 (the paper's test).
Trained on grammatical strings only, it accepts held-out grammatical strings and rejects random ones,
and its 3 hidden units come to stand for the grammar's nodes (the same letter read at different
nodes gives different states): `tick_nodes` gives each tick's node so a projection can be coloured by it.
"""

from __future__ import annotations

import numpy as np

from ..engine import DataSequence, Model, Trace, TrainConfig, forward, init_model
from .base import CHANCE_UNIFORM, About, Claim, Remark, Scenario
from .symbols import Decoding, Vocabulary

LETTERS = Vocabulary.one_hot("BTSXVPE")
# node -> the letters it offers and the node each leads to (node 0 is before B; E leads out, to END).
END = 7
GRAPH: dict[int, tuple[tuple[str, int], ...]] = {
    0: (("B", 1),),
    1: (("T", 2), ("P", 3)),
    2: (("S", 2), ("X", 4)),
    3: (("T", 3), ("V", 5)),
    4: (("X", 3), ("S", 6)),
    5: (("P", 4), ("V", 6)),
    6: (("E", END),),
}
HIDDEN = 3
MODEL_SEED = 0
DATA_SEED = 1
HELD_OUT_SEED = 1000
STRINGS = 500
HELD_OUT = 1000
THRESHOLD = 0.3  # the paper's: an actual next letter must get more than this
# The claim: at least this share of held-out grammatical strings accepted and of random strings rejected,
# and of held-out hidden states nearest their own node's mean state.
ACCEPTED, REJECTED, BY_NODE = 0.95, 0.95, 0.9


def reber_string(rng: np.random.Generator) -> str:
    node, out = 0, ""
    while node != END:
        letter, node = GRAPH[node][rng.integers(len(GRAPH[node]))]
        out += letter
    return out


def nodes_of(text: str) -> list[int] | None:
    """The node the grammar is at after each letter of `text`; None when a letter is not allowed there."""
    node, out = 0, []
    for letter in text:
        moves = dict(GRAPH.get(node, ()))
        if letter not in moves:
            return None
        node = moves[letter]
        out.append(node)
    return out


def grammatical(text: str) -> bool:
    nodes = nodes_of(text)
    return nodes is not None and nodes[-1] == END


def random_string(length: int, rng: np.random.Generator) -> str:
    """B, `length` - 2 letters drawn uniformly from T, S, X, V, P, then E."""
    return "B" + "".join(rng.choice(list("TSXVP"), size=length - 2)) + "E"


def string_sequence(text: str) -> DataSequence:
    codes = LETTERS.encode(text)
    return DataSequence.from_lists(codes[:-1], codes[1:])


def build_model(seed: int = MODEL_SEED) -> Model:
    return init_model(LETTERS.width, HIDDEN, LETTERS.width, "xavier", seed, output_activation="softmax")


def training_strings(count: int = STRINGS, seed: int = DATA_SEED) -> list[str]:
    """`count` strings; the first of at least 10 letters leads (the one the app steps through), the rest
    are sorted by length so that strings of one length train as one batch."""
    strings = [reber_string(np.random.default_rng(seed * 100_003 + i)) for i in range(count)]
    shown = next((s for s in strings if len(s) >= 10), strings[0])
    strings.remove(shown)
    return [shown, *sorted(strings, key=len)]


def build_sequences() -> list[DataSequence]:
    return [string_sequence(s) for s in training_strings()]


def held_out(seed: int = HELD_OUT_SEED) -> tuple[list[str], list[str]]:
    """HELD_OUT fresh grammatical strings, and as many random strings of the same lengths that the
    grammar does not allow (a random string that happens to be grammatical is drawn again)."""
    rng = np.random.default_rng(seed)
    good = [reber_string(rng) for _ in range(HELD_OUT)]
    bad = []
    for text in good:
        candidate = random_string(len(text), rng)
        while grammatical(candidate):
            candidate = random_string(len(text), rng)
        bad.append(candidate)
    return good, bad


def accepted(trace: Trace) -> bool:
    """Every actual next letter got an output above THRESHOLD."""
    return all(float(rec.y @ rec.target) > THRESHOLD for rec in trace.steps if rec.target is not None)


def tick_nodes(trace: Trace) -> list[int] | None:
    """The grammar node after each tick's input (to colour the hidden states by); None when the
    trace's letters are not a beginning of a grammatical string."""
    letters = [LETTERS.exact(rec.x) for rec in trace.steps]
    if any(c is None for c in letters):
        return None
    return nodes_of("".join(letters))  # type: ignore[arg-type]


def node_labels(trace: Trace) -> list[str] | None:
    """Each tick's hidden state labelled by the grammar node it stands at ("1".."6", "end"), so the
    state space is coloured and clustered by node; None off the grammar."""
    nodes = tick_nodes(trace)
    return None if nodes is None else ["end" if n == END else str(n) for n in nodes]


def node_separation(traces: list[Trace]) -> float:
    """The share of ticks whose h(t) is nearer its own node's mean state than any other node's."""
    states, nodes = [], []
    for trace in traces:
        labels = tick_nodes(trace)
        if labels is None:
            continue
        states += [rec.h for rec in trace.steps]
        nodes += labels
    h, n = np.array(states), np.array(nodes)
    kinds = np.unique(n)
    means = np.array([h[n == k].mean(axis=0) for k in kinds])
    nearest = kinds[np.argmin(((h[:, None, :] - means[None]) ** 2).sum(axis=2), axis=1)]
    return float(np.mean(nearest == n))


def best_guess(trace: Trace, t: int) -> np.ndarray | None:
    """The grammar's own chances of the next letter after tick t: its node's legal letters, equally
    likely (what a perfect predictor gives); None off the grammar."""
    nodes = tick_nodes(trace)
    if nodes is None or nodes[t - 1] == END:
        return None
    best = np.zeros(len(LETTERS.symbols))
    for letter, _ in GRAPH[nodes[t - 1]]:
        best[LETTERS.symbols.index(letter)] = 1.0 / len(GRAPH[nodes[t - 1]])
    return best


def check_claim(model: Model) -> Claim:
    """Held-out grammatical strings accepted, random strings rejected, hidden states grouped by node."""
    good, bad = held_out()
    good_traces = [forward(model, string_sequence(s)) for s in good]
    accept = float(np.mean([accepted(t) for t in good_traces]))
    reject = 1.0 - float(np.mean([accepted(forward(model, string_sequence(s))) for s in bad]))
    by_node = node_separation(good_traces)
    values = {"accept": accept, "reject": reject, "by_node": by_node, "n": HELD_OUT, "threshold": THRESHOLD}
    return Claim("claim_reber", values, accept >= ACCEPTED and reject >= REJECTED and by_node >= BY_NODE)


def remarks(trace: Trace, t: int) -> list[Remark]:
    """The node the grammar is at, the letters it allows next and the network's outputs for them."""
    if t == 0:
        return [("reber_start", {"h": HIDDEN, "threshold": THRESHOLD})]
    nodes = tick_nodes(trace)
    if nodes is None or nodes[t - 1] == END:
        return []
    node = nodes[t - 1]
    y = trace.steps[t - 1].y
    legal = [letter for letter, _ in GRAPH[node]]
    outs = [float(y[LETTERS.symbols.index(c)]) for c in legal]
    if len(legal) == 1:
        return [("reber_one", {"node": node, "a": legal[0], "ya": outs[0], "threshold": THRESHOLD})]
    values = {"node": node, "a": legal[0], "b": legal[1], "ya": outs[0], "yb": outs[1], "threshold": THRESHOLD}
    return [("reber_two", values)]


SCENARIO = Scenario(
    name="reber",
    title="Reber grammar (Cleeremans et al. 1989): 3 hidden units learn a grammar",
    summary="strings of a finite-state grammar; 3 hidden units predict the legal next letters and stand for the nodes",
    description=(
        "The Reber grammar: every string starts with B; node 1 offers T or P, node 2 S or X, node 3 T or V, "
        "node 4 X or S, node 5 P or V, each with equal chance, until node 6 ends the string with E (T leads "
        "from 1 to 2, P from 1 to 3, S loops on 2, X from 2 to 4, T loops on 3, V from 3 to 5, X from 4 to 3, "
        "S from 4 to 6, P from 5 to 4, V from 5 to 6). Cleeremans, Servan-Schreiber and McClelland (1989) "
        "trained an SRN with 3 hidden units to predict the next letter; here 7-3-7 with a softmax output and "
        "cross-entropy (theirs: sigmoid outputs, squared error), full BPTT over each string, 500 strings. Which "
        "of the two legal letters comes is random, so at best both get about 0.5; a string is accepted when "
        "every actual next letter gets more than 0.3. The same letter read at different nodes (T at 1 and at 3, "
        "S at 2 and at 4) must leave different hidden states, and they do: the states group by node. Measured "
        "over model seeds 0-9 (benchmarks/claims_over_seeds.py) on 1,000 held-out strings and 1,000 random "
        "strings of the same lengths that the grammar does not allow: every seed accepts all 1,000 grammatical "
        "strings and rejects all 1,000 random ones; 0.93-1.00 of the held-out hidden states (median 1.00) are "
        "nearest the mean state of their own node (untrained: about 0.5)."
    ),
    build_model=build_model,
    build_sequences=build_sequences,
    training=TrainConfig(epochs=100, lr=0.03, optimizer="adam", batch_size=100),
    symbols=Decoding(LETTERS, LETTERS),
    best_guess=best_guess,
    state_labels=node_labels,
    remarks=remarks,
    check_claim=check_claim,
    baseline=CHANCE_UNIFORM,
    zh=About(
        title="Reber 文法（Cleeremans 等 1989）：3 个隐藏单元学会一个文法",
        summary="有限状态文法的字符串；3 个隐藏单元预测合法的下一个字母，并代表文法的节点",
        description=(
            "Reber 文法：每个字符串以 B 开头；节点 1 给出 T 或 P，节"
            "点 2 给出 S 或 X，节点 3 给出 T 或 V，节点 4 给出 X "
            "或 S，节点 5 给出 P 或 V，各占一半机会，直到节点 6 以 E 结束字符串（T 从 1 到 2，P 从 1 到 3，S 在 2 上"
            "循环，X 从 2 到 4，T 在 3 上循环，V 从 3 到 5，X 从 4 到 3，S 从 4 到 6，P 从 5 到 4，V 从 5 到 6）。"
            "Cleeremans、Servan-Schreiber 和 McClelland（1989）训练了一个有 3 个隐藏单元的简单循环网络来预测下一个"
            "字母；这里是 7-3-7，softmax 输出和交叉熵（他们的是 sigmoid 输出和平方误差），在每个字符串上做完整的 "
            "BPTT，500 个字符串。两个合法字母中来哪一个是随机的，所以最好也只能各给大约 0.5；每个实际的下一个字母"
            "都得到大于 0.3 的概率时，这个字符串就被接受。同一个字母在不同节点读到（T 在 1 和 3，S 在 2 和 4），必须"
            "留下不同的隐藏状态，事实也是如此：状态按节点聚在一起。在模型种子 0-9 "
            "上测量（benchmarks/claims_over_seeds.py），"
            "用 1,000 个留出的字符串和 1,000 个文法不允许的、长度相同的随机字符串：每个种子都接受全部 1,000 个合乎"
            "文法的字符串，拒绝全部 1,000 个随机字符串；留出数据中 0.93-1.00 的隐藏状态（中位数 1.00）离它自己节点"
            "的平均状态最近（未训练时：大约 0.5）。"
        ),
    ),
)


# The lesson's words: remarks and the claim.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "reber_start": (
            "Strings of the Reber grammar: B, a walk through the grammar's nodes, E. The network ({h} hidden units) "
            "reads one letter per tick and predicts the next; a string is accepted when every actual next letter "
            "gets more than {threshold}."
        ),
        "reber_two": (
            'The grammar is at node {node}: the next letter is "{a}" or "{b}", equally likely, so the best output '
            "gives each 0.5. The network gives {ya} and {yb} (to pass, more than {threshold})."
        ),
        "reber_one": (
            'The grammar is at node {node}: the next letter can only be "{a}". The network gives it {ya} (to pass, '
            "more than {threshold})."
        ),
        "claim_reber": (
            "Of {n} held-out grammatical strings a share of {accept} is accepted (every actual next letter above "
            "{threshold}); of {n} random strings of the same lengths that the grammar does not allow, {reject} are "
            "rejected. A share of {by_node} of the held-out hidden states is nearest the mean state of its own "
            "grammar node."
        ),
    },
    "zh": {
        "reber_start": (
            "Reber 文法的字符串：B，在文法的节点间走一遍，然后 E。网络（{h} 个隐藏单元）每个时间步读入一个字母，"
            "预测下一个；如果每个实际出现的下一个字母的输出都大于 {threshold}，这个字符串就被接受。"
        ),
        "reber_two": (
            "文法处在节点 {node}：下一个字母是“{a}”或“{b}”，机会相等，所以最好的输出是各给 0.5。网络给出 {ya} 和 "
            "{yb}（要通过，须大于 {threshold}）。"
        ),
        "reber_one": "文法处在节点 {node}：下一个字母只能是“{a}”。网络给它 {ya}（要通过，须大于 {threshold}）。",
        "claim_reber": (
            "在 {n} 个新的合乎文法的字符串中，被接受的比例为 {accept}（每个实际的下一个字母都高于 {threshold}）；在 "
            "{n} 个长度相同、文法不允许的随机字符串中，被拒绝的比例为 {reject}。新字符串的隐藏层状态中，有 {by_node} "
            "的比例离它所在文法节点的平均状态最近。"
        ),
    },
}
