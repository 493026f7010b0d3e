"""hello: character-level next-character prediction (one-hot, softmax, cross-entropy).

After "h", "e", "l" the network must predict "l" once and then "o" after the same input
"l": only the hidden state can tell the two l's apart.
"""

from __future__ import annotations

from ..engine import DataSequence, Model, Trace, TrainConfig, forward, init_model
from .base import CHANCE_UNIFORM, About, Claim, Remark, Scenario
from .symbols import Decoding, Vocabulary

WORD = "hello"
CHARS = Vocabulary.one_hot("helo")
HIDDEN = 8
MODEL_SEED = 0


def next_char_sequence(text: str, vocab: Vocabulary = CHARS) -> DataSequence:
    codes = vocab.encode(text)
    return DataSequence.from_lists(codes[:-1], codes[1:])


def build_model(seed: int = MODEL_SEED) -> Model:
    return init_model(CHARS.width, HIDDEN, CHARS.width, "xavier", seed, output_activation="softmax")


def build_sequences() -> list[DataSequence]:
    return [next_char_sequence(WORD)]


def remarks(trace: Trace, t: int) -> list[Remark]:
    if t == 0:
        return [("hello_start", {"word": WORD})]
    if CHARS.exact(trace.steps[t - 1].x) == "l":
        # What carries the memory over: h(t-1), or the fed-back output y(t-1) in a Jordan model.
        return [("hello_l", {"tp": t - 1, "c": "y" if trace.model.is_jordan else "h"})]
    return []


def check_claim(model: Model) -> Claim:
    """The argmax predictions spell "ello"."""
    spelled = "".join(CHARS.nearest(rec.y) or "?" for rec in forward(model, build_sequences()[0]).steps)
    return Claim("claim_hello", {"spelled": spelled}, spelled == WORD[1:])


SCENARIO = Scenario(
    name="hello",
    title='"hello": predict the next character',
    summary='one-hot characters and a softmax output; trained predictions spell "ello"',
    description=(
        "The classic character-level example. The vocabulary is h, e, l, o, each a one-hot vector; the "
        'network reads "hell" one character per tick and at each tick gives a probability for every '
        'character to come next (softmax output, cross-entropy loss). The targets are "ello". The hard part '
        'is the two l\'s: the same input "l" must be followed once by "l" and once by "o", and only the '
        "hidden state, carried over by the recurrent connection, knows which l it is reading."
    ),
    build_model=build_model,
    build_sequences=build_sequences,
    training=TrainConfig(epochs=100, lr=0.05, optimizer="adam"),
    symbols=Decoding(CHARS, CHARS),
    remarks=remarks,
    check_claim=check_claim,
    baseline=CHANCE_UNIFORM,
    characters=True,
    zh=About(
        title="“hello”：预测下一个字符",
        summary="独热编码的字符和 softmax 输出；训练后的预测拼出“ello”",
        description=(
            "经典的字符级例子。词表是 h, e, l, o，每个字符是一个独热向量；网络每个时间步读入“hell”中的一个字符，"
            "并在每一步给出每个字符接下来出现的概率（softmax 输出，交叉熵损失）。目标是“ello”。难点在两个 l："
            "同一个输入“l”后面一次跟着“l”，一次跟着“o”，只有经循环连接带过来的隐藏状态知道它正在读的是哪个 l。"
        ),
    ),
)


# This lesson's words, keyed by message id with {named} placeholders filled from the trace's numbers
# (narration.templates joins them to the general sentences; both languages' ids and placeholders
# are tested to match). Plain text, never markup.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "hello_start": (
            'The characters of "{word}" are one-hot vectors; at each tick the softmax output gives every character '
            "a probability of coming next."
        ),
        "hello_l": (
            '"l" is followed once by "l" and once by "o": only the memory {c}({tp}), carried over by the recurrent '
            'connection, tells the network which "l" this is.'
        ),
        "claim_hello": 'The argmax predictions spell "{spelled}".',
    },
    "zh": {
        "hello_start": (
            "“{word}”的每个字符是一个独热（one-hot）向量；每个时间步，softmax 输出给出每个字符成为下一个字符的概率。"
        ),
        "hello_l": "“l”后面一次跟着“l”，一次跟着“o”：只有循环连接带来的记忆 {c}({tp}) 能告诉网络现在读的是哪一个“l”。",
        "claim_hello": "按最大概率取出的预测拼成“{spelled}”。",
    },
}
