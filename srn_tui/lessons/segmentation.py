"""The lesson `words` (Elman 1990): sentences run together letter by letter, no spaces; predict the
next letter. (The module is not words.py: that one gathers every lesson's words.)

Each letter is a fixed random 5-bit vector (5-20-5, as in the paper). Inside a word the letters
that follow are fixed by the ones read so far; which word comes next is much less certain. After
training, the error per letter rises at the first letter of a word and falls within it: the error
alone marks where the words begin, though no boundary was ever shown.

The lexicon and the sentences are a reconstruction: the paper gives its example stream ("many
years ago a boy and girl lived by the sea they played happily"), not its generator; these
sentences use the words of that example. 200 sentences make 4,958 letters (the paper's: 200
sentences, 1,270 words, 4,963 letters).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..engine import DataSequence, Model, Trace, TrainConfig, forward, init_model
from .base import AVERAGE_TARGET, About, Claim, Remark, Scenario
from .symbols import Decoding, Vocabulary

SUBJECTS = ("a boy", "a girl", "the boy", "the girl", "a boy and girl", "they")
PREDICATES = ("lived by the sea", "played happily", "played by the sea", "lived happily")
OPENING = "many years ago"
LEXICON = tuple(sorted({w for phrase in (*SUBJECTS, *PREDICATES, OPENING) for w in phrase.split()}))
LETTERS_USED = "".join(sorted(set("".join(LEXICON))))
CODE_SEED = 3  # the letters' 5-bit codes: distinct, nonzero, drawn once and fixed
HIDDEN = 20
MODEL_SEED = 0
DATA_SEED = 7
HELD_OUT_SEED = 1000
SENTENCES = 200
SEQUENCES = 40
LENGTH = 120  # 40 x 120 = 4,800 of the training stream's 4,958 letters
HELD_OUT_SENTENCES = 100
# The claim: the mean loss at word-initial letters at least this many times the mean within words.
ONSET_RATIO = 2.0


def _letter_codes() -> Vocabulary:
    codes = np.random.default_rng(CODE_SEED).choice(np.arange(1, 32), size=len(LETTERS_USED), replace=False)
    bits = {c: "".join(str((int(k) >> b) & 1) for b in range(5)) for c, k in zip(LETTERS_USED, codes, strict=True)}
    return Vocabulary.features(bits)


LETTERS = _letter_codes()


def sentences(count: int, seed: int) -> list[list[str]]:
    """`count` sentences as word lists: half open with "many years ago", then a subject and a predicate."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(count):
        opening = [OPENING] if rng.random() < 0.5 else []
        phrases = [*opening, SUBJECTS[rng.integers(len(SUBJECTS))], PREDICATES[rng.integers(len(PREDICATES))]]
        out.append(" ".join(phrases).split())
    return out


@dataclass(frozen=True)
class Stream:
    """The letters run together, and which of them begin a word."""

    text: str
    onset: np.ndarray  # (len(text),) bool

    @classmethod
    def of(cls, words: list[str]) -> Stream:
        onset = np.zeros(sum(len(w) for w in words), dtype=bool)
        onset[np.cumsum([0] + [len(w) for w in words[:-1]])] = True
        return cls("".join(words), onset)


def stream(count: int = SENTENCES, seed: int = DATA_SEED) -> Stream:
    return Stream.of([w for s in sentences(count, seed) for w in s])


def next_letter_sequence(text: str) -> DataSequence:
    codes = LETTERS.encode(text)
    return DataSequence.from_lists(codes[:-1], codes[1:])


def build_model(seed: int = MODEL_SEED) -> Model:
    return init_model(5, HIDDEN, 5, "xavier", seed, hidden_activation="tanh", output_activation="sigmoid", loss="mse")


def piece_starts(onset: np.ndarray, count: int = SEQUENCES, length: int = LENGTH) -> list[int]:
    """Where the pieces start: the first word onset at or after every `length` letters. A piece that
    began inside a word could not be split back into words ("a|boy" or "se|a|boy"?)."""
    onsets = np.flatnonzero(onset)
    return [int(onsets[np.searchsorted(onsets, i * length)]) for i in range(count)]


def build_sequences(count: int = SEQUENCES, length: int = LENGTH, seed: int = DATA_SEED) -> list[DataSequence]:
    """The training stream cut into `count` pieces of `length` ticks (equal, so they batch), each
    starting at a word (a few letters between pieces are left out or shared)."""
    text = stream(seed=seed)
    return [next_letter_sequence(text.text[s : s + length + 1]) for s in piece_starts(text.onset, count, length)]


def word_onsets(text: str) -> list[bool] | None:
    """Which letters of `text` begin a word, found by splitting it into words of the lexicon (the last
    may be cut by the end of the text). Only when no split from the first letter exists is the first
    word taken as cut (its first letters missing); None when no split exists at all."""
    n = len(text)
    longest = max(len(w) for w in LEXICON)
    for start in range(min(longest, n)):  # letters before `start` end a cut word
        if start and not any(w.endswith(text[:start]) for w in LEXICON):
            continue
        # ends[i]: text[start:i] splits into whole words (the last may be cut by the end of the text).
        back: dict[int, int] = {start: start}
        for i in range(start, n):
            if i not in back:
                continue
            for w in LEXICON:
                if text.startswith(w, i) or (w.startswith(text[i:]) and i + len(w) > n):
                    back.setdefault(min(i + len(w), n), i)
        if n in back:
            onset = [False] * n
            i = n
            while i > start:
                i = back[i]
                onset[i] = True
            return onset
    return None


@dataclass(frozen=True)
class TickError:
    """One tick of the per-tick error series: the loss (half the squared error) at the letter
    predicted, and whether that letter begins a word."""

    t: int
    letter: str | None
    loss: float
    onset: bool


def tick_errors(trace: Trace) -> list[TickError] | None:
    """The error at every tick with the word boundaries marked (for a chart); None when the trace's
    letters are not the lesson's (another sequence, or inputs that are not letter codes)."""
    letters = [LETTERS.exact(rec.x) for rec in trace.steps]
    last = LETTERS.exact(trace.steps[-1].target) if trace.steps and trace.steps[-1].target is not None else None
    if any(c is None for c in letters) or last is None:
        return None
    onsets = word_onsets("".join(letters) + last)  # type: ignore[arg-type]
    if onsets is None:
        return None
    decoded = [LETTERS.exact(rec.target) if rec.target is not None else None for rec in trace.steps]
    pairs = zip(trace.steps, decoded, strict=True)
    return [TickError(rec.t, c, float(rec.loss or 0.0), onsets[rec.t]) for rec, c in pairs]


def onset_means(errors: list[TickError]) -> tuple[float, float]:
    """(mean loss where the next letter begins a word, mean loss within words)."""
    onset = [e.loss for e in errors if e.onset]
    inside = [e.loss for e in errors if not e.onset]
    return float(np.mean(onset)) if onset else float("nan"), float(np.mean(inside)) if inside else float("nan")


def remarks(trace: Trace, t: int) -> list[Remark]:
    """At a tick: whether the next letter begins a word, and the mean errors of the shown sequence."""
    if t == 0:
        return [("words_start", {"n": len(LEXICON)})]
    errors = tick_errors(trace)
    if errors is None:
        return []
    here = errors[t - 1]
    onset, inside = onset_means(errors)
    values: dict[str, object] = {"next": here.letter or "?", "err": here.loss, "onset": onset, "inside": inside}
    return [("words_onset" if here.onset else "words_inside", values)]


def check_claim(model: Model) -> Claim:
    """On a held-out stream: the mean loss at word-initial letters at least ONSET_RATIO times the mean
    loss at letters inside words."""
    held = stream(HELD_OUT_SENTENCES, HELD_OUT_SEED)
    trace = forward(model, next_letter_sequence(held.text))
    losses = np.array([rec.loss for rec in trace.steps], dtype=float)
    targets_onset = held.onset[1:]  # tick t predicts letter t (from 0): the target's own flag
    onset, inside = float(losses[targets_onset].mean()), float(losses[~targets_onset].mean())
    values = {"onset": onset, "inside": inside, "ratio": onset / inside, "letters": len(held.text)}
    return Claim("claim_words", values, onset >= ONSET_RATIO * inside)


SCENARIO = Scenario(
    name="words",
    title="Words (Elman 1990): where do words begin?",
    summary="letters run together without spaces; the error rises at each word's first letter and falls within it",
    description=(
        "Elman's word-segmentation task. Sentences from a small lexicon (many, years, ago, a, the, boy, girl, "
        "and, they, lived, played, by, sea, happily: the words of the paper's example; the sentences are our "
        "reconstruction) are run together letter by letter with no spaces and no boundaries marked: 200 "
        "sentences, 4,958 letters (the paper's: 4,963). Each letter is a fixed random 5-bit vector. A 5-20-5 "
        "network (tanh hidden, sigmoid output, squared error) reads one letter per tick and predicts the next, "
        "trained on the stream cut into 40 pieces of 120 letters, each starting at a word (full BPTT within a "
        "piece; Elman sent the error back one tick only). Once a word has begun, its next letters are mostly "
        "fixed by the ones read; which word comes next is far less sure, so the error rises at the first letter "
        "of each word and falls inside it: the error finds the words. Measured on a held-out stream of 100 "
        "sentences over model seeds 0-9 (benchmarks/claims_over_seeds.py), as the mean loss per letter (half the "
        "squared error summed over the 5 bits): 0.358-0.458 where the next letter begins a word, 0.029-0.137 "
        "inside words; at word onsets 3.3 to 13 times as much (median 6.7)."
    ),
    build_model=build_model,
    build_sequences=build_sequences,
    training=TrainConfig(epochs=200, lr=0.01, optimizer="adam", batch_size=SEQUENCES),
    symbols=Decoding(LETTERS, LETTERS),
    remarks=remarks,
    check_claim=check_claim,
    baseline=AVERAGE_TARGET,
    zh=About(
        title="单词（Elman 1990）：单词从哪里开始？",
        summary="字母连在一起，没有空格；误差在每个单词的第一个字母处升高，在单词内部下降",
        description=(
            "Elman 的分词任务。用一个小词表（many, years, ago, a, the, boy, girl, and, they, lived, played, by, sea, "
            "happily：论文例子里的单词；句子是我们重构的）造句，逐个字母连在一起，没有空格，也不标出边界：200 个句子，"
            "4,958 个字母（论文里是 4,963 个）。每个字母是一个固定的随机 5 位向量。一个 5-20-5 网络（tanh 隐藏层，"
            "sigmoid 输出，平方误差）每个时间步读入一个字母并预测下一个；训练时把字母流切成 40 段，每段 120 个字母，"
            "每段从一个单词开头（段内完整的 BPTT；Elman 的误差只回传一步）。一个单词开始后，它后面的字母大多由已经"
            "读到的字母决定；接下来是哪个单词则远不确定，所以误差在每个单词的第一个字母处升高，在单词内部下降："
            "误差找到了单词。在模型种子 0-9 上用 100 个句子的留出字母流测量（benchmarks/claims_over_seeds.py），"
            "每个字母的平均损失（5 位上平方误差的一半之和）：下一个字母是词首时 0.358-0.458，单词内部 0.029-0.137；"
            "词首处是内部的 3.3 到 13 倍（中位数 6.7）。"
        ),
    ),
)


# The lesson's words: remarks, the claim, and the chart's lines (ui/screens/tick_errors.py).
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "words_start": (
            "Sentences from a lexicon of {n} words run together letter by letter, with no spaces: the network reads "
            "one letter (a 5-bit code) per tick and predicts the next. Nothing marks where a word begins."
        ),
        "words_onset": (
            'The next letter, "{next}", begins a new word. Loss here: {err}. On this sequence the mean loss is '
            "{onset} where the next letter begins a word and {inside} where it is inside one."
        ),
        "words_inside": (
            'The next letter, "{next}", is inside a word. Loss here: {err}. On this sequence the mean loss is '
            "{onset} where the next letter begins a word and {inside} where it is inside one."
        ),
        "claim_words": (
            "Mean loss per held-out letter (half the squared error over the 5 bits, {letters} letters): {onset} "
            "where the next letter begins a word, {inside} inside words, {ratio} times as much at word onsets."
        ),
        "words_chart_head": (
            "Loss per tick (half the squared error) over the {n} ticks of the shown sequence; under each bar the "
            "letter it predicts, ^ where that letter begins a word. Mean loss {onset} where the next letter begins a "
            "word, {inside} inside words."
        ),
        "words_chart_none": (
            "This chart is for the words lesson's sequences: these letters do not split into its words."
        ),
        "words_chart_overflow": "The losses overflowed (Inf or NaN): there is nothing to chart.",
    },
    "zh": {
        "words_start": (
            "由 {n} 个单词组成的句子被逐个字母连在一起，没有空格：网络每个时间步读入一个字母（5 位编码），"
            "预测下一个字母。没有任何标记告诉它单词从哪里开始。"
        ),
        "words_onset": (
            "下一个字母“{next}”是一个新单词的开头。这里的损失：{err}。在这条序列上，下一个字母是单词开头时平均损失为 "
            "{onset}，在单词内部时为 {inside}。"
        ),
        "words_inside": (
            "下一个字母“{next}”在单词内部。这里的损失：{err}。在这条序列上，下一个字母是单词开头时平均损失为 "
            "{onset}，在单词内部时为 {inside}。"
        ),
        "claim_words": (
            "在新的文本上（{letters} 个字母），每个字母的平均损失（5 位平方误差之和的一半）："
            "下一个字母是单词开头时为 {onset}，在单词内部时为 {inside}，单词开头处是内部的 {ratio} 倍。"
        ),
        "words_chart_head": (
            "所示序列 {n} 个时间步上每一步的损失（平方误差的一半）；每根柱下面是它预测的字母，^ "
            "表示该字母是单词开头。下一个字母是单词开头时平均损失为 {onset}，在单词内部时为 {inside}。"
        ),
        "words_chart_none": "这张图只适用于 words 课程自己的序列：这些字母无法拆分成它的单词。",
        "words_chart_overflow": "损失溢出了（Inf 或 NaN）：没有可以画的数值。",
    },
}
