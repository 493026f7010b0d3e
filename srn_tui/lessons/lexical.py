"""Elman (1990), lexical classes: predict the next word of two- and three-word sentences run together.

The next word is seldom certain, so the loss against the actual next word stays high; what the
network can learn is the probability of every next word, and it does: its outputs come close to the
exact probabilities the grammar gives (lexical_grammar.next_word_probs), closer than the best guess
from the current word alone. And the mean hidden state of each word, clustered (average linkage,
Euclidean), splits nouns from verbs at the root, and animates from inanimates within the nouns,
though no word's category was ever given: Elman's Figure 7.

29-150-29 (the paper's 150 hidden units; its two unused input bits are left out), error back one
tick only as in the paper (truncate = 1). Smaller networks predict as well or better but their tree
does not split nouns from verbs at the root (benchmarks/lexical_sizes.py, seeds 0-2: 30 and 70 units
never, 110 always): with little room the hidden state holds little more than the prediction, and
after an inanimate noun (mostly an object) the prediction is the same as after a verb, a noun.
150 stays because it is the paper's size and the size the app's speed targets are set for.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..engine import DataSequence, Model, Trace, TrainConfig, forward, init_model
from .base import CHANCE_UNIFORM, About, Claim, Remark, Scenario
from .lexical_grammar import ANIMATES, INANIMATES, INDEX, LEXICON, NOUNS, VERBS, next_word_probs, word_stream
from .symbols import Decoding, Vocabulary

VOCAB = Vocabulary.one_hot(LEXICON)
HIDDEN = 150
MODEL_SEED = 0
DATA_SEED = 1
HELD_OUT_SEED = 1000
SEQUENCES = 200
LENGTH = 100  # 200 x 100 = 20,000 words of training (the paper: 27,354)
HELD_OUT = (20, 200)  # sequences, words each
# The claim: the outputs at most this fraction of the current-word guess's distance from the exact probabilities.
CLOSER = 0.5


def word_sequence(words: list[str]) -> DataSequence:
    codes = VOCAB.encode(words)
    return DataSequence.from_lists(codes[:-1], codes[1:])


def streams(count: int, length: int, seed: int) -> list[list[str]]:
    """`count` streams of `length` + 1 words, each starting at a sentence's first word."""
    rng = np.random.default_rng(seed)
    return [word_stream(length + 1, rng) for _ in range(count)]


def build_model(seed: int = MODEL_SEED, hidden: int = HIDDEN) -> Model:
    return init_model(VOCAB.width, hidden, VOCAB.width, "xavier", seed, output_activation="softmax")


def build_sequences(count: int = SEQUENCES, length: int = LENGTH, seed: int = DATA_SEED) -> list[DataSequence]:
    return [word_sequence(words) for words in streams(count, length, seed)]


def words_of(trace: Trace) -> list[str] | None:
    """The words a trace reads and the last one it predicts; None when they are not the lesson's words."""
    if not trace.steps or trace.steps[-1].target is None:
        return None
    words = [VOCAB.exact(rec.x) for rec in trace.steps] + [VOCAB.exact(trace.steps[-1].target)]
    return None if any(w is None for w in words) else words  # type: ignore[return-value]


def kl(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """KL(p || q) in nats, row by row (terms where p = 0 count 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(p > 0, p * np.log(p / q), 0.0).sum(axis=-1)


def bigram(sequences: list[DataSequence]) -> np.ndarray:
    """P(next word | current word) counted in `sequences`: the best guess from the current word alone."""
    counts = np.full((len(LEXICON), len(LEXICON)), 1e-3)  # a word never seen after another keeps a tiny share
    for seq in sequences:
        np.add.at(counts, (seq.inputs.argmax(axis=1), seq.targets.argmax(axis=1)), 1.0)
    return counts / counts.sum(axis=1, keepdims=True)


@dataclass(frozen=True)
class Tree:
    """How the root of the dendrogram of mean hidden states splits, and the noun branch below it."""

    nouns_verbs: bool  # the root's two branches are exactly the nouns and the verbs
    animates: bool  # and the noun branch's two are exactly the animates and the inanimates
    sizes: tuple[int, int]  # words under the root's two branches


def mean_hidden_states(model: Model, traces: list[Trace]) -> np.ndarray:
    """(29, H): the mean h(t) over every tick whose input is each word."""
    sums, counts = np.zeros((len(LEXICON), model.hidden_size)), np.zeros(len(LEXICON))
    for trace in traces:
        for rec in trace.steps:
            i = int(np.argmax(rec.x))
            sums[i] += rec.h
            counts[i] += 1
    return sums / np.maximum(counts, 1)[:, None]


def tree_of(means: np.ndarray) -> Tree:
    from scipy.cluster.hierarchy import linkage, to_tree  # only the claim needs SciPy

    root = to_tree(linkage(means, method="average", metric="euclidean"))

    def words(node) -> frozenset[str]:
        return frozenset(LEXICON[i] for i in node.pre_order())

    left, right = words(root.left), words(root.right)
    nouns_verbs = {left, right} == {NOUNS, VERBS}
    noun_node = root.left if left == NOUNS else root.right
    animates = nouns_verbs and {words(noun_node.left), words(noun_node.right)} == {ANIMATES, INANIMATES}
    return Tree(nouns_verbs, animates, (len(left), len(right)))


def measure(model: Model) -> dict[str, object]:
    """On held-out streams: the loss against the actual next word, the distance of the outputs from
    the exact next-word probabilities, and the dendrogram's root."""
    held = streams(*HELD_OUT, seed=HELD_OUT_SEED)
    guess = bigram(build_sequences())
    traces, ce, floor, dist, dist_word, dist_uniform = [], [], [], [], [], []
    for words in held:
        trace = forward(model, word_sequence(words))
        traces.append(trace)
        p = next_word_probs(words)[:-1]
        y = np.array([rec.y for rec in trace.steps])
        actual = np.array([INDEX[w] for w in words[1:]])
        rows = np.arange(len(actual))
        ce += list(-np.log(y[rows, actual]))
        floor += list(-np.log(p[rows, actual]))
        dist += list(kl(p, y))
        dist_word += list(kl(p, guess[[INDEX[w] for w in words[:-1]]]))
        dist_uniform += list(kl(p, np.full(len(LEXICON), 1 / len(LEXICON))))
    tree = tree_of(mean_hidden_states(model, traces))
    return {
        "ce": float(np.mean(ce)),
        "floor": float(np.mean(floor)),
        "chance": float(np.log(len(LEXICON))),
        "kl": float(np.mean(dist)),
        "kl_word": float(np.mean(dist_word)),
        "kl_uniform": float(np.mean(dist_uniform)),
        "tree": tree,
    }


def check_claim(model: Model) -> Claim:
    """Outputs at most CLOSER times the current-word guess's distance from the exact probabilities,
    and the dendrogram splits nouns from verbs at its root and animates from inanimates below."""
    m = measure(model)
    tree: Tree = m.pop("tree")  # type: ignore[assignment]
    close = m["kl"] <= CLOSER * m["kl_word"]  # type: ignore[operator]
    if tree.animates:
        message = "claim_lexical_tree"
    elif tree.nouns_verbs:
        message = "claim_lexical_root_only"
    else:
        message = "claim_lexical_no_tree"
        m.update(n1=tree.sizes[0], n2=tree.sizes[1])
    return Claim(message, m, bool(close and tree.animates))


def best_guess(trace: Trace, t: int) -> np.ndarray | None:
    """The grammar's exact probabilities of the next word after tick t (what a perfect predictor
    gives); None where the words are not the grammar's."""
    words = words_of(trace)
    if words is None:
        return None
    p = next_word_probs(words)[t - 1]
    return p if np.all(np.isfinite(p)) else None


def remarks(trace: Trace, t: int) -> list[Remark]:
    """The word read; the grammar's exact probability of the next word against the network's output."""
    if t == 0:
        return [("lexical_start", {"n": len(LEXICON)})]
    words = words_of(trace)
    if words is None:
        return []
    p = next_word_probs(words)[t - 1]
    if not np.all(np.isfinite(p)):  # words the grammar cannot produce in this order (not the lesson's stream)
        return []
    y = trace.steps[t - 1].y
    best, actual = int(np.argmax(p)), INDEX[words[t]]
    values: dict[str, object] = {
        "word": words[t - 1],
        "best": LEXICON[best],
        "p_best": float(p[best]),
        "y_best": float(y[best]),
        "next": words[t],
        "p_next": float(p[actual]),
        "y_next": float(y[actual]),
        "possible": int(np.count_nonzero(p > 0)),
        "kl": float(kl(p, y)),
    }
    return [("lexical_tick", values)]


SCENARIO = Scenario(
    name="lexical",
    title="Lexical classes (Elman 1990): nouns and verbs from word order alone",
    summary="two- and three-word sentences run together; the hidden states sort the words into nouns and verbs",
    description=(
        "Elman's lexical-class simulation. 29 words in 12 categories (man, woman, boy, girl; cat, mouse, dog; "
        "book, rock, car; dragon, monster, lion; glass, plate; cookie, bread, sandwich; think, sleep, exist; see,"
        " chase, like; move, break; smell, see; break, smash; eat) fill 16 sentence templates (his Tables 3 and "
        "4, e.g. NOUN-HUM VERB-EAT NOUN-FOOD, NOUN-AGRESS VERB-DESTROY NOUN-FRAG, NOUN-INANIM VERB-AGPAT). The "
        "sentences run together with no marker between them; each word is a one-hot vector. A 29-150-29 network "
        "(softmax output, cross-entropy) reads one word per tick and predicts the next; as in the paper the error"
        " goes back one tick only (truncate 1), over 20,000 words (200 streams of 100). The next word is seldom "
        "certain, so the loss against the actual next word stays high; the grammar gives the exact probability of"
        " every next word, and the outputs come close to it. Clustering each word's mean hidden state (average "
        "linkage) splits nouns from verbs at the root and animates from inanimates below: no category was ever "
        "given. Networks of 30 or 70 hidden units predict as well or better but do not split the nouns from the "
        "verbs (benchmarks/lexical_sizes.py: 30 and 70 units never, 110 always, seeds 0-2). Measured on held-out "
        "streams (20 of 200 words) over model seeds 0-9 (benchmarks/claims_over_seeds.py): the loss against the "
        "actual next word 2.051-2.070 nats per word (the exact probabilities would pay 1.950, guessing uniformly "
        "3.367); the outputs' distance from the exact probabilities 0.099-0.116 (KL, nats), against 0.345 for the"
        " best guess from the current word alone (counted in the training data) and 1.415 for uniform; nouns and "
        "verbs apart at the root, animates and inanimates apart among the nouns: 10 of 10 seeds."
    ),
    build_model=build_model,
    build_sequences=build_sequences,
    training=TrainConfig(epochs=10, lr=0.003, optimizer="adam", truncate=1, batch_size=SEQUENCES),
    symbols=Decoding(VOCAB, VOCAB),
    best_guess=best_guess,
    remarks=remarks,
    check_claim=check_claim,
    baseline=CHANCE_UNIFORM,
    zh=About(
        title="词类（Elman 1990）：只凭词序分出名词和动词",
        summary="两个词和三个词的句子连在一起；隐藏状态把单词分成名词和动词",
        description=(
            "Elman 的词类模拟。12 个类别中的 29 个单词（man, woman, boy, girl; cat, mouse, dog; book, rock, car; "
            "dragon, monster, lion; glass, plate; cookie, bread, sandwich; think, sleep, exist; see, chase, like; "
            "move, break; smell, see; break, smash; eat）填进 16 个句子模板（他的表 3 和表 4，例如 NOUN-HUM VERB-EAT "
            "NOUN-FOOD、NOUN-AGRESS VERB-DESTROY NOUN-FRAG、NOUN-INANIM VERB-AGPAT）。句子之间没有标记，连在一起；"
            "每个单词是一个独热向量。一个 29-150-29 网络（softmax 输出，交叉熵）每个时间步读入一个单词并预测下一个；"
            "和论文一样，误差只回传一步（截断 1），共 20,000 个单词（200 条、每条 100 个）。下一个单词很少是确定的，"
            "所以相对实际下一个单词的损失一直很高；文法给出每个下一个单词的精确概率，输出接近它。对每个单词的平均"
            "隐藏状态做聚类（平均连接），根部把名词和动词分开，下面再把有生命的和无生命的分开：从来没有给过任何类别。"
            "30 或 70 个隐藏单元的网络预测得一样好甚至更好，却分不开名词和动词（benchmarks/lexical_sizes.py：30 和 "
            "70 个单元从来分不开，110 个总能分开，种子 0-2）。在模型种子 0-9 上用留出的单词流（200 个单词中的 20 个）"
            "测量（benchmarks/claims_over_seeds.py）：相对实际下一个单词的损失为每个单词 2.051-2.070 奈特（精确概率"
            "的代价是 1.950，均匀猜测是 3.367）；输出与精确概率的距离为 0.099-0.116（KL，奈特），只根据当前单词的"
            "最好猜测（在训练数据上计数得出）为 0.345，均匀猜测为 1.415；名词和动词在根部分开、名词中有生命和无生命"
            "的分开：10 个种子中 10 个。"
        ),
    ),
)


# The lesson's words: remarks and the claim.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "lexical_start": (
            "Two- and three-word sentences of {n} words run together, one one-hot word per tick: the network "
            "predicts the next word. The grammar gives the exact probability of every next word; no network can do "
            "better."
        ),
        "lexical_tick": (
            'Read "{word}". Of {possible} possible next words the grammar gives "{best}" the most, {p_best} (the '
            'network: {y_best}); the word that comes, "{next}", has {p_next} (the network: {y_next}). Distance of '
            "the outputs from the grammar's probabilities here: {kl} (KL, nats)."
        ),
        "claim_lexical_tree": (
            "On held-out sentences the loss against the actual next word stays high, {ce} nats per word (the exact "
            "probabilities would pay {floor}; guessing uniformly {chance}), while the outputs are {kl} (KL, nats) "
            "from the exact next-word probabilities, against {kl_word} for the best guess from the current word "
            "alone and {kl_uniform} for uniform. The mean hidden states cluster (average linkage) with nouns and "
            "verbs apart at the root and, among the nouns, animates apart from inanimates."
        ),
        "claim_lexical_root_only": (
            "On held-out sentences the loss against the actual next word stays high, {ce} nats per word (the exact "
            "probabilities would pay {floor}; guessing uniformly {chance}), while the outputs are {kl} (KL, nats) "
            "from the exact next-word probabilities, against {kl_word} for the best guess from the current word "
            "alone and {kl_uniform} for uniform. The mean hidden states cluster (average linkage) with nouns and "
            "verbs apart at the root, but the nouns do not split into animates and inanimates."
        ),
        "claim_lexical_no_tree": (
            "On held-out sentences the loss against the actual next word stays high, {ce} nats per word (the exact "
            "probabilities would pay {floor}; guessing uniformly {chance}), while the outputs are {kl} (KL, nats) "
            "from the exact next-word probabilities, against {kl_word} for the best guess from the current word "
            "alone and {kl_uniform} for uniform. The root of the mean hidden states' tree (average linkage) does not "
            "split nouns from verbs: it splits {n1} words from {n2}."
        ),
    },
    "zh": {
        "lexical_start": (
            "由 {n} 个单词组成的两词句和三词句连成一串，每个时间步读入一个独热编码的单词：网络预测下一个单词。"
            "文法给出每个下一个单词的确切概率；任何网络都不可能做得更好。"
        ),
        "lexical_tick": (
            "读入“{word}”。在 {possible} 个可能的下一个单词中，文法给“{best}”的概率最高，为 {p_best}（网络："
            "{y_best}）；实际出现的“{next}”概率为 {p_next}（网络：{y_next}）。此处输出与文法概率的距离：{kl}（KL，"
            "奈特）。"
        ),
        "claim_lexical_tree": (
            "在新的句子上，相对实际下一个单词的损失仍然很高，每个单词 {ce} 奈特（用确切概率也要 {floor}；均匀猜测为 "
            "{chance}），而输出与确切的下一个单词概率只差 {kl}（KL，奈特）；只看当前单词的最好猜测差 {kl_word}，"
            "均匀猜测差 {kl_uniform}。各单词的平均隐藏层状态聚类（平均连接）后，根节点把名词和动词分开，"
            "名词之中又把有生命的和无生命的分开。"
        ),
        "claim_lexical_root_only": (
            "在新的句子上，相对实际下一个单词的损失仍然很高，每个单词 {ce} 奈特（用确切概率也要 {floor}；均匀猜测为 "
            "{chance}），而输出与确切的下一个单词概率只差 {kl}（KL，奈特）；只看当前单词的最好猜测差 {kl_word}，"
            "均匀猜测差 {kl_uniform}。各单词的平均隐藏层状态聚类（平均连接）后，根节点把名词和动词分开，"
            "但名词没有分成有生命的和无生命的两组。"
        ),
        "claim_lexical_no_tree": (
            "在新的句子上，相对实际下一个单词的损失仍然很高，每个单词 {ce} 奈特（用确切概率也要 {floor}；均匀猜测为 "
            "{chance}），而输出与确切的下一个单词概率只差 {kl}（KL，奈特）；只看当前单词的最好猜测差 {kl_word}，"
            "均匀猜测差 {kl_uniform}。各单词平均隐藏层状态的聚类树（平均连接）的根节点没有把名词和动词分开：它把 "
            "{n1} 个单词和 {n2} 个单词分开。"
        ),
    },
}
