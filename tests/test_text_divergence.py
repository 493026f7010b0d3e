"""A divergence is a fact from the engine (kind, value, parameter, epoch) and one sentence in the
words layer, in English and Chinese: the CLI, the live report and the narration all tell it there."""

from __future__ import annotations

import dataclasses
import pickle
import re
import string

import pytest

from srn_tui.cli import main
from srn_tui.engine import DataSequence, Model, TrainConfig, train
from srn_tui.lessons import get_scenario
from srn_tui.live import ContinuousTrainer
from srn_tui.narration import narrate_training
from srn_tui.text.divergence import ADVICE, CAUSES, MESSAGE, Cause, cause_text, divergence_message, retold


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_the_words_exist_in_both_languages_with_the_same_placeholders() -> None:
    for table in (CAUSES, ADVICE):
        assert table["en"].keys() == table["zh"].keys()
        for key in table["en"]:
            assert fields(table["en"][key]) == fields(table["zh"][key]), key
    assert fields(MESSAGE["en"]) == fields(MESSAGE["zh"])


def identity_net(w_hh: float, w_hy: float) -> Model:
    params = {"W_xh": [[1.0]], "W_hh": [[w_hh]], "b_h": [0.0], "W_hy": [[w_hy]], "b_y": [0.0]}
    return Model(params, "identity", "identity")


def test_the_engine_reports_what_stopped_being_finite_as_a_fact() -> None:
    # h(2) = 1e200 and y(2) = 1e-200 * 1e200 = 1: the loss 0.5*(1 + 1e150)^2 = 5e299 is finite, but
    # dL/dW_hy = (y - target) * h(2) = 1e150 * 1e200 is not.
    seq = DataSequence.from_lists([1.0, 1.0], [None, [-1e150]])
    div = train(identity_net(1e200, 1e-200), [seq], TrainConfig(epochs=5)).divergence
    assert div is not None and (div.epoch, div.kind, div.value, div.parameter) == (1, "gradient", "Inf", "W_hy")
    # h(3) = 1e400 overflows: the loss is the first thing to go.
    seq = DataSequence.from_lists([1.0, 1.0, 1.0], [None, None, [1.0]])
    div = train(identity_net(1e200, 1.0), [seq], TrainConfig(epochs=5)).divergence
    assert div is not None and (div.kind, div.value, div.parameter) == ("loss", "Inf", None)
    lesson = get_scenario("seed")
    config = dataclasses.replace(lesson.training, lr=1e308)
    div = train(lesson.model(), lesson.sequences(), config).divergence
    assert div is not None and (div.kind, div.value, div.parameter) == ("update", "Inf", "W_hy")


@pytest.mark.parametrize(
    ("kind", "parameter", "en", "zh"),
    [
        ("loss", None, "the loss became NaN", "损失变成了 NaN"),
        ("gradient", "W_hh", "the gradient of W_hh is NaN", "W_hh 的梯度是 NaN"),
        ("update", "b_y", "the update made b_y NaN", "这次更新让 b_y 变成了 NaN"),
    ],
)
def test_a_cause_is_retold_from_its_fact_not_parsed(kind, parameter, en, zh) -> None:
    cause = Cause(kind, "NaN", parameter)
    assert cause == en and isinstance(cause, str)
    assert retold(cause, "zh") == zh and retold(cause, "en") == en
    assert pickle.loads(pickle.dumps(cause)).parameter == parameter  # a report may cross a process
    # the same English in a plain string is not parsed: it is shown as given
    assert retold(en, "zh") == en
    assert cause_text(cause, "zh") == zh


def test_one_sentence_with_the_settings_in_force() -> None:
    cause = Cause("loss", "Inf")
    assert divergence_message(3, cause, "en", 0.5, None) == (
        "training diverged at epoch 3: the loss became Inf; kept the last finite weights; "
        "try a lower learning rate (now 0.5) or turn on gradient clipping"
    )
    zh = divergence_message(3, cause, "zh", 0.5, 2.0)
    assert zh == (
        "第 3 轮训练发散（损失变成了 Inf）；权重保留在最后一组有限值。"
        "请降低学习率（现在为 0.5）或减小梯度裁剪阈值（现在为 2）。"
    )
    assert not re.search(r"[,;:()]", zh)  # full-width punctuation only
    # the narration's "diverged" event is the same sentence
    assert narrate_training("diverged", "zh", epoch=3, cause=cause, lr=0.5, clip=2.0) == zh


def test_the_live_report_and_the_cli_tell_the_same_sentence(capsys) -> None:
    lesson = get_scenario("seed")
    config = dataclasses.replace(lesson.training, lr=1e6)
    final = ContinuousTrainer(lesson.model(), lesson.sequences(), config).run(epochs=1000)
    div = final.divergence
    assert div is not None and div.epoch == final.epoch and final.cause == div.cause
    assert final.message == divergence_message(div.epoch, div.cause, "en", 1e6, None)
    assert main(["train", "--scenario", "seed", "--lr", "1e6", "--epochs", "1000"]) == 3
    err = capsys.readouterr().err
    assert err == f"srn-tui: {final.message}\n"  # the same weights, the same epoch, the same words
