"""The narration's general sentences: one dict per language, keyed by message id, with {named}
placeholders (each lesson's own sentences join them in narration/templates.py).

Both languages must have the same ids and the same placeholders (tested). Values arrive
already formatted (numbers as text.numbers.sentence writes them). Plain text only: never Rich markup.
"""

from __future__ import annotations

EN: dict[str, str] = {
    # Before the first tick.
    "start": (
        "Before the first tick (t = 0): the hidden layer's memory starts at h(0) = {h0}. The sequence has {T} ticks; "
        "unrolled in time, the network is {T} layers deep and every layer shares the same weights."
    ),
    # What comes in.
    "input_value": "t = {t}: the input is x({t}) = {x}.",
    "input_symbol": 't = {t}: the input x({t}) is "{symbol}".',
    # What a(t) is made of: the input term, the recurrent (memory) term and the bias (narration.mix).
    "mix_scalar": (
        "a({t}) = {inp} from the input (W_xh*x({t})) + {rec} carried over from memory (W_hh*h({tp})) "
        "+ {bias} from the bias (b_h) = {a}."
    ),
    "mix_vector": (
        "a({t}) adds three terms: the input term W_xh*x({t}) (size {inp}), the recurrent term W_hh*h({tp}) "
        "(size {rec}) and the bias b_h (size {bias}); sizes are vector norms."
    ),
    # Jordan networks feed back the previous output y(t-1) instead of h(t-1).
    "start_jordan": (
        "Before the first tick (t = 0): this is a Jordan network. What it carries from tick to tick is its own "
        "previous output y(t-1), not the hidden state h(t-1); it starts at y(0) = {h0}. The sequence has {T} ticks; "
        "unrolled in time, the network is {T} layers deep and every layer shares the same weights."
    ),
    "mix_scalar_jordan": (
        "a({t}) = {inp} from the input (W_xh*x({t})) + {rec} fed back from the previous output (W_hh*y({tp})) "
        "+ {bias} from the bias (b_h) = {a}. A Jordan network carries over y({tp}), the previous output, not h({tp})."
    ),
    "mix_vector_jordan": (
        "a({t}) adds three terms: the input term W_xh*x({t}) (size {inp}), the term fed back from the previous "
        "output, W_hh*y({tp}) (size {rec}), and the bias b_h (size {bias}); sizes are vector norms. "
        "A Jordan network carries over y({tp}), not h({tp})."
    ),
    "zero_input_scalar": (
        "x({t}) = 0, so the input term is zero. That is still information, not silence: reading a 1 would "
        "have added W_xh*1 = {push} to a({t})."
    ),
    "zero_input_vector": (
        "x({t}) = 0, so the input term is zero. That is still information, not silence: reading a 1 would "
        "have added W_xh*1, a vector of size {push}, to a({t})."
    ),
    "zero_inputs": (
        "Every input is 0 at this tick, so the input term is zero; that is still information: any other "
        "input would have added W_xh*x({t}) to a({t})."
    ),
    "zero_memory": "h({tp}) is zero, so nothing is carried over yet.",
    "zero_memory_jordan": "y({tp}) is zero, so nothing is fed back yet.",
    "term_input": "the input term",
    "term_memory": "the memory term",
    "term_memory_jordan": "the fed-back output term",
    "term_bias": "the bias",
    "share_item": "{name} about {pct}",
    "list_sep": ", ",
    "from_nothing": "All three terms are zero, so a({t}) = 0.",
    "from_one": "a({t}) comes from {name} alone.",
    "dom_term": "{name} dominates a({t}): about {pct} of the terms' total size ({rest}).",
    "dom_no_term": "No term dominates; shares of the terms' total size: {shares}.",
    "hidden_scalar": "The hidden layer applies {f}: h({t}) = {f}({a}) = {h}.",
    "hidden_vector": "The hidden layer applies {f}: h({t}) has {n} units, norm {norm}.",
    # What comes out, for numeric outputs.
    "out_scalar_none": "The output is y({t}) = {y}; this tick has no target.",
    "out_scalar_close": "The output y({t}) = {y} is close to the target {target} (error {err}).",
    "out_scalar_off": "The output y({t}) = {y} is still some way from the target {target} (error {err}).",
    "out_scalar_far": "The output y({t}) = {y} is far from the target {target} (error {err}).",
    "out_vector_none": "The output y({t}) has {n} values; this tick has no target.",
    "out_vector_close": "The output y({t}) is close to its target (largest error {err}).",
    "out_vector_off": "The output y({t}) is still some way from its target (largest error {err}).",
    "out_vector_far": "The output y({t}) is far from its target (largest error {err}).",
    # What comes out where the target cannot be predicted (a random bit, a random consonant): the best
    # possible output is the target's expected value given the past; "best" when within 0.1 of it.
    "out_scalar_guess_best": (
        "The output y({t}) = {y}; the target {target} cannot be predicted from anything read so far (error {err}). "
        "The best possible output here is {best}, and y({t}) is within {gap} of it: as good as any network can do."
    ),
    "out_scalar_guess_off": (
        "The output y({t}) = {y}; the target {target} cannot be predicted from anything read so far (error {err}). "
        "The best possible output here is {best}; y({t}) is {gap} away from it."
    ),
    "out_vector_guess_best": (
        "The target of y({t}) cannot be predicted from anything read so far (largest error {err}). The best possible "
        "output here is {best}, and y({t}) is within {gap} of it on every value: as good as any network can do."
    ),
    "out_vector_guess_off": (
        "The target of y({t}) cannot be predicted from anything read so far (largest error {err}). The best possible "
        "output here is {best}; y({t}) is {gap} away from it on its farthest value."
    ),
    # What comes out, for outputs that stand for symbols.
    "predict_prob_none": 'The network predicts "{symbol}" next (probability {p}); this tick has no target.',
    "predict_prob_right": 'The network predicts "{symbol}" (probability {p}) and the target is "{target}": right.',
    "predict_prob_wrong": (
        'The network predicts "{symbol}" (probability {p}) but the target is "{target}", '
        "which gets probability {p_target}: wrong."
    ),
    "predict_prob_best": (
        'The symbol that came is "{target}": the network gave it probability {p_target} (its top pick: '
        '"{symbol}", {p}). More than one symbol can come here, so no network can be sure: the best it can '
        'give "{target}" is {p_best}, the data\'s own chance.'
    ),
    "predict_near_none": 'The output y({t}) is nearest to the features of "{symbol}"; this tick has no target.',
    "predict_near_right": (
        'The output y({t}) is nearest to the features of "{symbol}", the target (largest bit error {err}).'
    ),
    "predict_near_wrong": (
        'The output y({t}) is nearest to the features of "{symbol}", but the target is "{target}" '
        "(largest bit error {err})."
    ),
    "predict_near_guess_best": (
        'The output y({t}) is nearest to the features of "{symbol}"; the target "{target}" cannot be predicted from '
        "anything read so far (largest bit error {err}). The best possible output here is the average {best}, and "
        "y({t}) is within {gap} of it on every feature: as good as any network can do."
    ),
    "predict_near_guess_off": (
        'The output y({t}) is nearest to the features of "{symbol}"; the target "{target}" cannot be predicted from '
        "anything read so far (largest bit error {err}). The best possible output here is the average {best}; "
        "y({t}) is {gap} away from it on its farthest feature."
    ),
    "claim_holds": "The lesson's claim holds.",
    # No advice to train longer: that is measured to help only for some lessons and seeds.
    "claim_fails": "The lesson's claim does not hold for this model; re-initialise with another seed (s) to compare.",
    # Training milestones.
    "train_started": "Training for {epochs} epochs with {optimizer}, learning rate {lr}.",
    "train_epoch_done": "Epoch {epoch}: loss {loss}, gradient norm {grad_norm}.",
    "train_converged": "Converged at epoch {epoch}: the loss is down to {loss}.",
    "train_stalled": (
        "Stopped at epoch {epoch}: the loss has not improved for {patience} epochs; it is {loss}, "
        "the best was {best} at epoch {best_epoch}. Try a lower learning rate or re-initialise."
    ),
    "train_stopped": "Training stopped at epoch {epoch}; the loss is {loss}.",
    "train_finished": "Training finished after {epoch} epochs; the loss is {loss}.",
    "train_undo": "Undone: the weights are back to where they were at epoch {epoch}.",
}

ZH: dict[str, str] = {
    "start": (
        "第一个时间步之前（t = 0）：隐藏层的记忆从 h(0) = {h0} 开始。这个序列有 {T} 个时间步；"
        "时间展开后，网络相当于 {T} 层深，而且每一层共享参数，用的是同一组权重。"
    ),
    "input_value": "时间步 t = {t}：输入 x({t}) = {x}。",
    "input_symbol": "时间步 t = {t}：输入 x({t}) 是“{symbol}”。",
    "mix_scalar": (
        "a({t}) = 来自输入的 {inp}（W_xh*x({t})）+ 循环连接从记忆带来的 {rec}（W_hh*h({tp})）"
        "+ 来自偏置的 {bias}（b_h）= {a}。"
    ),
    "mix_vector": (
        "a({t}) 是三项之和：输入项 W_xh*x({t})（大小 {inp}）、循环连接带来的 W_hh*h({tp})（大小 {rec}）"
        "和偏置 b_h（大小 {bias}）；大小指向量的范数。"
    ),
    "start_jordan": (
        "第一个时间步之前（t = 0）：这是一个 Jordan 网络。"
        "它从一个时间步带到下一个时间步的，是它自己上一步的输出 y(t-1)，"
        "而不是隐藏层状态 h(t-1)；它从 y(0) = {h0} 开始。这个序列有 {T} 个时间步；时间展开后，网络相当于 {T} 层深，"
        "每一层共享参数。"
    ),
    "mix_scalar_jordan": (
        "a({t}) = 来自输入的 {inp}（W_xh*x({t})）+ 循环连接从上一步输出反馈回来的 {rec}（W_hh*y({tp})）"
        "+ 来自偏置的 {bias}（b_h）= {a}。"
        "Jordan 网络传递的是上一步的输出 y({tp})，而不是 h({tp})。"
    ),
    "mix_vector_jordan": (
        "a({t}) 是三项之和：输入项 W_xh*x({t})（大小 {inp}）、循环连接从上一步输出反馈回来的 W_hh*y({tp})"
        "（大小 {rec}）和偏置 b_h（大小 {bias}）；大小指向量的范数。"
        "Jordan 网络传递的是上一步的输出 y({tp})，而不是 h({tp})。"
    ),
    "zero_input_scalar": (
        "x({t}) = 0，所以输入项为零。但这仍然是信息，而不是没有输入：如果读到的是 1，a({t}) 会多出 W_xh*1 = {push}。"
    ),
    "zero_input_vector": (
        "x({t}) = 0，所以输入项为零。但这仍然是信息，而不是没有输入：如果读到的是 1，a({t}) 会多出 W_xh*1，"
        "一个大小为 {push} 的向量。"
    ),
    "zero_inputs": "这个时间步的输入全为 0，所以输入项为零；这仍然是信息：换成别的输入，a({t}) 会多出 W_xh*x({t})。",
    "zero_memory": "h({tp}) 为零，还没有记忆可以传递。",
    "zero_memory_jordan": "y({tp}) 为零，还没有输出可以反馈。",
    "term_input": "输入项",
    "term_memory": "记忆项",
    "term_memory_jordan": "反馈的输出项",
    "term_bias": "偏置",
    "share_item": "{name}约占 {pct}",
    "list_sep": "，",
    "from_nothing": "三项都为零，所以 a({t}) = 0。",
    "from_one": "a({t}) 完全来自{name}。",
    "dom_term": "{name}在 a({t}) 中占主导：在各项大小之和中约占 {pct}（{rest}）。",
    "dom_no_term": "没有哪一项占主导；各项在大小之和中的份额：{shares}。",
    "hidden_scalar": "隐藏层经过 {f} 激活：h({t}) = {f}({a}) = {h}。",
    "hidden_vector": "隐藏层经过 {f} 激活：h({t}) 共 {n} 个单元，范数为 {norm}。",
    "out_scalar_none": "输出 y({t}) = {y}；这个时间步没有目标值。",
    "out_scalar_close": "输出 y({t}) = {y}，已经接近目标值 {target}（误差 {err}）。",
    "out_scalar_off": "输出 y({t}) = {y}，离目标值 {target} 还有一段距离（误差 {err}）。",
    "out_scalar_far": "输出 y({t}) = {y}，离目标值 {target} 还很远（误差 {err}）。",
    "out_vector_none": "输出 y({t}) 有 {n} 个分量；这个时间步没有目标值。",
    "out_vector_close": "输出 y({t}) 已经接近目标（最大误差 {err}）。",
    "out_vector_off": "输出 y({t}) 离目标还有一段距离（最大误差 {err}）。",
    "out_vector_far": "输出 y({t}) 离目标还很远（最大误差 {err}）。",
    "out_scalar_guess_best": (
        "输出 y({t}) = {y}；目标值 {target} 无法从已读到的任何内容预测（误差 {err}）。"
        "这里最好的输出是 {best}，y({t}) 与它相差不到 {gap}：任何网络都只能做到这样。"
    ),
    "out_scalar_guess_off": (
        "输出 y({t}) = {y}；目标值 {target} 无法从已读到的任何内容预测（误差 {err}）。"
        "这里最好的输出是 {best}；y({t}) 与它还差 {gap}。"
    ),
    "out_vector_guess_best": (
        "y({t}) 的目标无法从已读到的任何内容预测（最大误差 {err}）。这里最好的输出是 {best}，"
        "y({t}) 的每个分量与它相差不到 {gap}：任何网络都只能做到这样。"
    ),
    "out_vector_guess_off": (
        "y({t}) 的目标无法从已读到的任何内容预测（最大误差 {err}）。这里最好的输出是 {best}；"
        "y({t}) 与它最多相差 {gap}。"
    ),
    "predict_prob_none": "网络预测下一个是“{symbol}”（概率 {p}）；这个时间步没有目标值。",
    "predict_prob_right": "网络预测“{symbol}”（概率 {p}），目标正是“{target}”：预测正确。",
    "predict_prob_wrong": "网络预测“{symbol}”（概率 {p}），但目标是“{target}”，它只得到概率 {p_target}：预测错误。",
    "predict_prob_best": (
        "实际出现的是“{target}”：网络给它的概率是 {p_target}（它最看好的是“{symbol}”，{p}）。"
        "这里可能出现的符号不止一个，任何网络都无法确定：给“{target}”的最好概率是 {p_best}，即数据本身的机会。"
    ),
    "predict_near_none": "输出 y({t}) 最接近“{symbol}”的特征；这个时间步没有目标值。",
    "predict_near_right": "输出 y({t}) 最接近“{symbol}”的特征，正是目标（单个特征位的最大误差 {err}）。",
    "predict_near_wrong": "输出 y({t}) 最接近“{symbol}”的特征，但目标是“{target}”（单个特征位的最大误差 {err}）。",
    "predict_near_guess_best": (
        "输出 y({t}) 最接近“{symbol}”的特征；目标“{target}”无法从已读到的任何内容预测（单个特征位的最大误差 {err}）。"
        "这里最好的输出是平均值 {best}，y({t}) 的每个特征与它相差不到 {gap}：任何网络都只能做到这样。"
    ),
    "predict_near_guess_off": (
        "输出 y({t}) 最接近“{symbol}”的特征；目标“{target}”无法从已读到的任何内容预测（单个特征位的最大误差 {err}）。"
        "这里最好的输出是平均值 {best}；y({t}) 有一个特征与它相差 {gap}。"
    ),
    "claim_holds": "这一课的结论成立。",
    "claim_fails": "对这个模型，这一课的结论不成立；可以用另一个随机种子重新初始化（s）来比较。",
    "train_started": "开始训练：共 {epochs} 轮，优化器 {optimizer}，学习率 {lr}。",
    "train_epoch_done": "第 {epoch} 轮：损失 {loss}，梯度范数 {grad_norm}。",
    "train_converged": "第 {epoch} 轮已收敛：损失降到 {loss}。",
    "train_stalled": (
        "训练在第 {epoch} 轮停止：损失已连续 {patience} 轮没有改善；现在为 {loss}，"
        "最好的是第 {best_epoch} 轮的 {best}。可以降低学习率或重新初始化。"
    ),
    "train_stopped": "训练在第 {epoch} 轮停止；损失为 {loss}。",
    "train_finished": "训练结束，共 {epoch} 轮；损失为 {loss}。",
    "train_undo": "已撤销：权重回到第 {epoch} 轮时的状态。",
}
