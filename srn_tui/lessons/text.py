"""A plain text as a character-level lesson: one-hot vocabulary from the text, softmax output,
the next character as target (the generalisation of `hello`, for `--text FILE`)."""

from __future__ import annotations

from ..engine import DataSequence, Model, ModelError, Trace, TrainConfig, init_model
from ..files.limits import MAX_VOCABULARY
from .base import CHANCE_UNIFORM, About, Remark, Scenario
from .symbols import Decoding, Vocabulary

CHUNK = 32  # ticks per training sequence: BPTT runs over one chunk at a time
HIDDEN = 32
MODEL_SEED = 0


def visible(ch: str) -> str:
    """A character as narration shows it: escapes for whitespace and control characters."""
    return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(ch, ch if ch.isprintable() else f"\\u{ord(ch):04x}")


def text_chunks(text: str, chunk: int = CHUNK) -> list[str]:
    """Overlapping pieces of chunk + 1 characters (the last one's final character is the next
    piece's first), so that every character except the first is a target exactly once."""
    return [text[i : i + chunk + 1] for i in range(0, len(text) - 1, chunk)]


def text_scenario(text: str, name: str = "text", hidden: int = HIDDEN, epochs: int = 100) -> Scenario:
    """The lesson for `text`. ValueError (one line) when the text is too short or has too many
    distinct characters for a one-hot vocabulary."""
    if len(text) < 2:
        raise ModelError("text_too_short", at=(("text", None),), count=len(text))
    symbols = tuple(sorted(set(text)))
    if len(symbols) > MAX_VOCABULARY:
        raise ModelError("too_many_characters", at=(("text", None),), count=len(symbols), limit=MAX_VOCABULARY)
    raw = Vocabulary.one_hot(symbols)
    vocab = Vocabulary(tuple(visible(s) for s in symbols), raw.codes)  # as narration names them

    def build_model(seed: int = MODEL_SEED) -> Model:
        return init_model(raw.width, hidden, raw.width, "xavier", seed, output_activation="softmax")

    def build_sequences() -> list[DataSequence]:
        sequences = []
        for piece in text_chunks(text):
            codes = raw.encode(piece)
            sequences.append(DataSequence.from_lists(codes[:-1], codes[1:]))
        return sequences

    def remarks(trace: Trace, t: int) -> list[Remark]:
        return [("text_start", {"n": len(symbols), "length": len(text)})] if t == 0 else []

    preview = "".join(visible(c) for c in text[:40])
    return Scenario(
        name=name,
        title=f"Your text: next-character prediction ({len(symbols)} characters)",
        summary=f"one-hot characters, softmax output; learns which character follows: {preview}",
        description=(
            f"A character-level lesson built from your text ({len(text)} characters, {len(symbols)} distinct). "
            "Each character is a one-hot vector; at every tick the network reads one character and gives a "
            "probability for each character to come next (softmax output, cross-entropy loss). Training runs "
            f"BPTT over pieces of {CHUNK} characters."
        ),
        zh=About(
            title=f"你的文本：预测下一个字符（{len(symbols)} 个字符）",
            summary=f"独热编码的字符，softmax 输出；学习哪个字符接在后面：{preview}",
            description=(
                f"用你的文本构建的字符级课程（{len(text)} 个字符，其中"
                f" {len(symbols)} 个不同）。每个字符是一个独热向量；"
                "每个时间步网络读入一个字符，给出每个字符接下来出现的概率（softmax 输出，交叉熵损失）。训练时在每段 "
                f"{CHUNK} 个字符上做随时间反向传播（BPTT）。"
            ),
        ),
        build_model=build_model,
        build_sequences=build_sequences,
        training=TrainConfig(epochs=epochs, lr=0.01, optimizer="adam", clip=5.0, batch_size=64),
        symbols=Decoding(vocab, vocab),
        remarks=remarks,
        baseline=CHANCE_UNIFORM,
        characters=True,
    )


# This lesson's words, keyed by message id with {named} placeholders filled from the trace's numbers
# (narration.templates joins them to the general sentences; both languages' ids and placeholders
# are tested to match). Plain text, never markup.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "text_start": "Your text has {length} characters, {n} of them distinct; each is a one-hot vector.",
    },
    "zh": {
        "text_start": "你的文本共有 {length} 个字符，其中 {n} 个互不相同；每个字符是一个独热（one-hot）向量。",
    },
}
