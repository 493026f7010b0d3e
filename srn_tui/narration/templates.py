"""Narration templates: one dict per language, keyed by message id, with {named} placeholders.

Both languages must have the same ids and the same placeholders (tested). Values arrive
already formatted (3 decimals for numbers). Plain text only: never Rich markup.
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
    # How a(t) mixes the input with what the recurrent connection carries over.
    "mix_scalar": (
        "a({t}) = {inp} from the input (W_xh*x({t})) + {rec} carried over from memory (W_hh*h({tp})) "
        "+ {bias} (b_h) = {a}."
    ),
    "mix_vector": (
        "a({t}) adds the input term W_xh*x({t}) (size {inp}) to the recurrent term W_hh*h({tp}) (size {rec}); "
        "sizes are vector norms."
    ),
    # Jordan networks feed back the previous output y(t-1) instead of h(t-1).
    "start_jordan": (
        "Before the first tick (t = 0): this is a Jordan network. What it carries from tick to tick is its own "
        "previous output y(t-1), not the hidden state h(t-1); it starts at y(0) = {h0}. The sequence has {T} ticks; "
        "unrolled in time, the network is {T} layers deep and every layer shares the same weights."
    ),
    "mix_scalar_jordan": (
        "a({t}) = {inp} from the input (W_xh*x({t})) + {rec} fed back from the previous output (W_hh*y({tp})) "
        "+ {bias} (b_h) = {a}. A Jordan network carries over y({tp}), the previous output, not h({tp})."
    ),
    "mix_vector_jordan": (
        "a({t}) adds the input term W_xh*x({t}) (size {inp}) to the term fed back from the previous output, "
        "W_hh*y({tp}) (size {rec}); sizes are vector norms. A Jordan network carries over y({tp}), not h({tp})."
    ),
    "dom_none_jordan": "y({tp}) is zero, so nothing is fed back yet: a({t}) comes from the input alone.",
    "dom_none": "h({tp}) is zero, so nothing is carried over yet: a({t}) comes from the input alone.",
    "dom_input": "The input term dominates; memory makes up only {share} of the mix.",
    "dom_memory": "The recurrent term dominates: memory makes up {share} of the mix, more than the new input.",
    "dom_balanced": "Input and memory contribute about equally (memory's share: {share}).",
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
    # What comes out, for outputs that stand for symbols.
    "predict_prob_none": 'The network predicts "{symbol}" next (probability {p}); this tick has no target.',
    "predict_prob_right": 'The network predicts "{symbol}" (probability {p}) and the target is "{target}": right.',
    "predict_prob_wrong": (
        'The network predicts "{symbol}" (probability {p}) but the target is "{target}", '
        "which gets probability {p_target}: wrong."
    ),
    "predict_near_none": 'The output y({t}) is nearest to the features of "{symbol}"; this tick has no target.',
    "predict_near_right": (
        'The output y({t}) is nearest to the features of "{symbol}", the target (largest bit error {err}).'
    ),
    "predict_near_wrong": (
        'The output y({t}) is nearest to the features of "{symbol}", but the target is "{target}" '
        "(largest bit error {err})."
    ),
    # Lesson remarks: seed.
    "seed_start": (
        "The article's worked example: one tanh unit with W_xh = {w_xh} and W_hh = {w_hh} reads 1, 2, 3, 4, 5; "
        "the next number, 6, is the target at t = 5."
    ),
    "seed_saturating": (
        "h grew by only {dh} this tick: tanh saturates near 1, so each larger input changes the memory less."
    ),
    "seed_scale_needed": (
        "To say {target}, the output layer must scale h({t}) = {h} up: W_hy = {target} / {h} = {w_ideal} "
        "would do it (with b_y = 0), but now W_hy = {w_hy}, so y({t}) = {y}."
    ),
    "seed_scale_learned": (
        "The output layer has learned the scale: W_hy = {w_hy} turns h({t}) = {h} into {y}; "
        "{w_ideal} would hit {target} exactly."
    ),
    # Lesson remarks: temporal XOR.
    "txor_start": (
        "Bits come in triplets (a, b, a XOR b). The network reads one bit per tick and predicts the next; "
        "only every third bit can be predicted."
    ),
    "txor_predictable": (
        "The next bit is {a} XOR {b} = {c}, fixed by the two bits just read: to predict it, the network must "
        "remember the {a} from the tick before in its hidden layer."
    ),
    "txor_random": (
        "The next bit is a fresh random bit: no network can predict it, and the best guess is 0.5, which costs "
        "a loss of {chance}."
    ),
    # Lesson remarks: Jordan.
    "jordan_start": (
        "Temporal XOR again (triplets a, b, a XOR b), but the only memory is the previous output y(t-1): "
        "one number, the network's guess for the bit it is reading now."
    ),
    "jordan_predictable": (
        "The next bit is {a} XOR {b} = {c}. The network reads b = {b}, but a = {a} survives only in y({tp}) = "
        "{y_prev}, its guess for b, and for a random bit that guess is trained towards 0.5 whatever a was: "
        "a is lost, so the XOR cannot be predicted."
    ),
    # Lesson remarks: letters.
    "letters_start": (
        "Each letter is six features (consonant, vowel, interrupted, high, back, voiced); b, d and g come in "
        "random order, followed by a, ii and uuu."
    ),
    "letters_vowel_next": (
        'The next letter is the vowel "{next}": the consonant and vowels read so far, held in the hidden layer, '
        "make it predictable."
    ),
    "letters_consonant_next": (
        "The next letter is a consonant chosen at random: the network can know that a consonant comes "
        "(consonant feature predicted as {cbit}) but not which one."
    ),
    # Lesson remarks: sine.
    "sine_start": "A sine wave sampled {n} times per period; at each tick the network predicts the next sample.",
    "sine_tick": "Just repeating the current value would be off by {naive}; the network is off by {err}.",
    # Lesson remarks: hello.
    "hello_start": (
        'The characters of "{word}" are one-hot vectors; at each tick the softmax output gives every character '
        "a probability of coming next."
    ),
    "hello_l": (
        '"l" is followed once by "l" and once by "o": only the memory h({tp}), carried over by the recurrent '
        'connection, tells the network which "l" this is.'
    ),
    # Lesson remarks: your own text.
    "text_start": "Your text has {length} characters, {n} of them distinct; each is a one-hot vector.",
    # Lesson remarks: echo.
    "echo_start": (
        "The target at tick t is the input x(t-{k}), so each bit must stay in the hidden layer for {k} tick(s). "
        "Unrolled in time, BPTT carries the error back through {k} layers that share one set of weights; "
        "the larger k, the more the gradient vanishes on the way."
    ),
    "echo_wait": "No target yet: there is no input x(t-{k}) to echo.",
    "echo_tick": (
        "The target is x({src}) = {v}, read {k} tick(s) ago: it has had to pass {k} time(s) through the recurrent "
        "connection to get here."
    ),
    # A lesson's claim, measured (narrate_claim).
    "claim_seed": "W_hy = {w_hy}; the article's scale is 6 / h(5) = {w_ideal}.",
    "claim_txor": (
        "Mean loss per held-out bit (half the squared error): {pred} at the predictable XOR bit, {a} and {b} at "
        "the two random bits (always guessing 0.5: {chance})."
    ),
    "claim_jordan": (
        "Mean loss per held-out bit (half the squared error): {pred} at the XOR bit, {a} and {b} at the two "
        "random bits (always guessing 0.5: {chance}): feeding back only the output, the network does not learn "
        "the XOR bit."
    ),
    "claim_letters": (
        "Mean loss per held-out letter (half the squared error, summed over the six features): {vowel} when the "
        "next letter is a vowel, {consonant} when it is a consonant; the consonant feature is never off by more "
        "than {cbit}."
    ),
    "claim_sine": (
        "Mean loss per sample of held-out waves (half the squared error): {err}, against {naive} for repeating "
        "the current value."
    ),
    "claim_hello": 'The argmax predictions spell "{spelled}".',
    "claim_echo_learned": (
        "Learned: mean loss {err} per held-out bit (half the squared error; always guessing 0.5: {chance}). The "
        "gradient reaching tick t-{k} is {ratio} times its size at the target tick t."
    ),
    "claim_echo_failed": (
        "Not learned: mean loss {err} per held-out bit (always guessing 0.5: {chance}). The gradient reaching tick "
        "t-{k} is only {ratio} times its size at the target tick t: it vanishes on the way back."
    ),
    "claim_echo_not_yet": (
        "Not learned yet: mean loss {err} per held-out bit (always guessing 0.5: {chance}). The gradient reaching tick "
        "t-{k} is {ratio} times its size at the target tick t, so the error signal does get there: train longer."
    ),
    "claim_holds": "The lesson's claim holds.",
    "claim_fails": "The lesson's claim does not hold for this model (yet): train longer, or try another seed.",
    # Why training diverged (the engine's causes, re-told in the narration's language).
    "cause_loss": "the loss became {what}",
    "cause_gradient": "the gradient of {name} is {what}",
    "cause_update": "the update made {name} {what}",
    # Training milestones.
    "train_started": "Training for {epochs} epochs with {optimizer}, learning rate {lr}.",
    "train_epoch_done": "Epoch {epoch}: loss {loss}, gradient norm {grad_norm}.",
    "train_converged": "Converged at epoch {epoch}: the loss is down to {loss}.",
    "train_stalled": (
        "Stopped at epoch {epoch}: the loss has not improved for {patience} epochs; it is {loss}, "
        "the best was {best} at epoch {best_epoch}. Try a lower learning rate or re-initialise."
    ),
    "train_diverged": (
        "Training diverged at epoch {epoch} ({cause}); the weights are kept at their last finite values. "
        "Try a lower learning rate or gradient clipping."
    ),
    "train_stopped": "Training stopped at epoch {epoch}; the loss is {loss}.",
    "train_finished": "Training finished after {epoch} epochs; the loss is {loss}.",
    "train_undo": "Undone: the weights are back to where they were at epoch {epoch}.",
}

ZH: dict[str, str] = {
    "start": (
        "第一个时间步之前(t = 0):隐藏层的记忆从 h(0) = {h0} 开始。这个序列有 {T} 个时间步;"
        "时间展开后,网络相当于 {T} 层深,而且每一层共享参数,用的是同一组权重。"
    ),
    "input_value": "时间步 t = {t}:输入 x({t}) = {x}。",
    "input_symbol": "时间步 t = {t}:输入 x({t}) 是“{symbol}”。",
    "mix_scalar": (
        "a({t}) = 来自输入的 {inp}(W_xh*x({t}))+ 循环连接从记忆带来的 {rec}(W_hh*h({tp}))+ 偏置 {bias}(b_h)= {a}。"
    ),
    "mix_vector": (
        "a({t}) 是输入项 W_xh*x({t})(大小 {inp})与循环连接带来的 W_hh*h({tp})(大小 {rec})之和;大小指向量的范数。"
    ),
    "start_jordan": (
        "第一个时间步之前(t = 0):这是一个 Jordan 网络。它从一个时间步带到下一个时间步的,是它自己上一步的输出 y(t-1),"
        "而不是隐藏层状态 h(t-1);它从 y(0) = {h0} 开始。这个序列有 {T} 个时间步;时间展开后,网络相当于 {T} 层深,"
        "每一层共享参数。"
    ),
    "mix_scalar_jordan": (
        "a({t}) = 来自输入的 {inp}(W_xh*x({t}))+ 循环连接从上一步输出反馈回来的 {rec}(W_hh*y({tp}))"
        "+ 偏置 {bias}(b_h)= {a}。"
        "Jordan 网络传递的是上一步的输出 y({tp}),而不是 h({tp})。"
    ),
    "mix_vector_jordan": (
        "a({t}) 是输入项 W_xh*x({t})(大小 {inp})与循环连接从上一步输出反馈回来的 W_hh*y({tp})(大小 {rec})之和;"
        "大小指向量的范数。"
        "Jordan 网络传递的是上一步的输出 y({tp}),而不是 h({tp})。"
    ),
    "dom_none_jordan": "y({tp}) 为零,还没有输出可以反馈:a({t}) 完全来自当前输入。",
    "dom_none": "h({tp}) 为零,还没有记忆可以传递:a({t}) 完全来自当前输入。",
    "dom_input": "输入项占主导;来自记忆的部分只占 {share}。",
    "dom_memory": "循环项占主导:来自记忆的部分占 {share},超过了新的输入。",
    "dom_balanced": "输入和记忆的贡献差不多(记忆部分占 {share})。",
    "hidden_scalar": "隐藏层经过 {f} 激活:h({t}) = {f}({a}) = {h}。",
    "hidden_vector": "隐藏层经过 {f} 激活:h({t}) 共 {n} 个单元,范数为 {norm}。",
    "out_scalar_none": "输出 y({t}) = {y};这个时间步没有目标值。",
    "out_scalar_close": "输出 y({t}) = {y},已经接近目标值 {target}(误差 {err})。",
    "out_scalar_off": "输出 y({t}) = {y},离目标值 {target} 还有一段距离(误差 {err})。",
    "out_scalar_far": "输出 y({t}) = {y},离目标值 {target} 还很远(误差 {err})。",
    "out_vector_none": "输出 y({t}) 有 {n} 个分量;这个时间步没有目标值。",
    "out_vector_close": "输出 y({t}) 已经接近目标(最大误差 {err})。",
    "out_vector_off": "输出 y({t}) 离目标还有一段距离(最大误差 {err})。",
    "out_vector_far": "输出 y({t}) 离目标还很远(最大误差 {err})。",
    "predict_prob_none": "网络预测下一个是“{symbol}”(概率 {p});这个时间步没有目标值。",
    "predict_prob_right": "网络预测“{symbol}”(概率 {p}),目标正是“{target}”:预测正确。",
    "predict_prob_wrong": "网络预测“{symbol}”(概率 {p}),但目标是“{target}”,它只得到概率 {p_target}:预测错误。",
    "predict_near_none": "输出 y({t}) 最接近“{symbol}”的特征;这个时间步没有目标值。",
    "predict_near_right": "输出 y({t}) 最接近“{symbol}”的特征,正是目标(单个特征位的最大误差 {err})。",
    "predict_near_wrong": "输出 y({t}) 最接近“{symbol}”的特征,但目标是“{target}”(单个特征位的最大误差 {err})。",
    "seed_start": (
        "这是原文的示例:一个 tanh 隐藏单元,W_xh = {w_xh},W_hh = {w_hh},依次读入 1, 2, 3, 4, 5;"
        "t = 5 时的目标是下一个数 6。"
    ),
    "seed_saturating": "这一步 h 只增加了 {dh}:tanh 在 1 附近趋于饱和,输入越大,记忆的变化反而越小。",
    "seed_scale_needed": (
        "要输出 {target},输出层必须把 h({t}) = {h} 放大:W_hy = {target} / {h} = {w_ideal} 就能做到"
        "(b_y = 0 时);但现在 W_hy = {w_hy},所以 y({t}) = {y}。"
    ),
    "seed_scale_learned": (
        "输出层已经学会了缩放:W_hy = {w_hy} 把 h({t}) = {h} 映射为 {y};W_hy = {w_ideal} 时正好等于 {target}。"
    ),
    "txor_start": "比特按三个一组出现:(a, b, a XOR b)。网络每个时间步读入一位并预测下一位;只有每组的第三位可以预测。",
    "txor_predictable": (
        "下一位是 {a} XOR {b} = {c},由刚读到的两位决定:要预测它,网络必须用隐藏层记住上一个时间步读到的 {a}。"
    ),
    "txor_random": "下一位是新的随机比特:任何网络都无法预测它,最好的猜测是 0.5,损失为 {chance}。",
    "jordan_start": (
        "还是时间异或(三个一组:a, b, a XOR b),但唯一的记忆是上一步的输出 y(t-1):"
        "一个数,也就是网络对正在读入的这一位的猜测。"
    ),
    "jordan_predictable": (
        "下一位是 {a} XOR {b} = {c}。网络读到了 b = {b},但 a = {a} 只能留在 y({tp}) = {y_prev} 里,而那是它对 b 的猜测;"
        "b 是随机的,训练会把这个猜测推向 0.5,不管 a 是几:a 丢失了,所以无法预测异或位。"
    ),
    "letters_start": (
        "每个字母用六个特征表示(辅音、元音、阻塞、高、后、浊音);b、d、g 按随机顺序出现,后面分别跟着 a、ii、uuu。"
    ),
    "letters_vowel_next": "下一个字母是元音“{next}”:隐藏层记住了前面的辅音和已读过的元音,所以它是可以预测的。",
    "letters_consonant_next": (
        "下一个字母是随机选出的辅音:网络能知道接下来是辅音(辅音特征的预测值为 {cbit}),却无法知道是哪一个。"
    ),
    "sine_start": "一条正弦波,每个周期采样 {n} 次;每个时间步,网络都要预测下一个采样值。",
    "sine_tick": "如果只是重复当前值,误差是 {naive};网络的误差是 {err}。",
    "hello_start": (
        "“{word}”的每个字符是一个独热(one-hot)向量;每个时间步,softmax 输出给出每个字符成为下一个字符的概率。"
    ),
    "hello_l": "“l”后面一次跟着“l”,一次跟着“o”:只有循环连接带来的记忆 h({tp}) 能告诉网络现在读的是哪一个“l”。",
    "text_start": "你的文本共有 {length} 个字符,其中 {n} 个互不相同;每个字符是一个独热(one-hot)向量。",
    "echo_start": (
        "目标是 {k} 个时间步之前的输入,所以每一位都要在隐藏层里保存 {k} 个时间步。"
        "时间展开后,BPTT 要把误差传回 {k} 层共享参数的网络;k 越大,梯度消失得越厉害。"
    ),
    "echo_wait": "还没有目标值:还没有可以复述的输入 x(t-{k})。",
    "echo_tick": "目标是 {k} 个时间步之前读到的 x({src}) = {v}:它必须经过 {k} 次循环连接才能传到这里。",
    "claim_seed": "W_hy = {w_hy};原文的缩放因子是 6 / h(5) = {w_ideal}。",
    "claim_txor": (
        "在新的比特流上每一位的平均损失(平方误差的一半):可预测的异或位为 {pred},两个随机位分别为 {a} 和 {b}"
        "(总是猜 0.5:{chance})。"
    ),
    "claim_jordan": (
        "在新的比特流上每一位的平均损失(平方误差的一半):异或位为 {pred},两个随机位分别为 {a} 和 {b}"
        "(总是猜 0.5:{chance}):"
        "只反馈输出时,网络学不会异或位。"
    ),
    "claim_letters": (
        "在新的字母序列上,每个字母的平均损失(六个特征平方误差之和的一半):下一个字母是元音时为 {vowel},"
        "是辅音时为 {consonant};"
        "辅音特征的误差从不超过 {cbit}。"
    ),
    "claim_sine": "在新的正弦波上每个采样的平均损失(平方误差的一半)为 {err},而只重复当前值为 {naive}。",
    "claim_hello": "按最大概率取出的预测拼成“{spelled}”。",
    "claim_echo_learned": (
        "已经学会:在新的比特上每一位的平均损失为 {err}(平方误差的一半;总是猜 0.5:{chance})。"
        "传回到时间步 t-{k} 的梯度是目标时间步 t 处的 {ratio} 倍。"
    ),
    "claim_echo_not_yet": (
        "还没有学会:在新的比特上每一位的平均损失为 {err}(总是猜 0.5:{chance})。传回到时间步 t-{k} 的梯度是目标时间步 t "
        "处的 {ratio} 倍,误差信号确实传到了:请继续训练。"
    ),
    "claim_echo_failed": (
        "没有学会:在新的比特上每一位的平均损失为 {err}(总是猜 0.5:{chance})。传回到时间步 t-{k} 的梯度只有目标时间步 t "
        "处的 {ratio} 倍:这就是梯度消失。"
    ),
    "claim_holds": "这一课的结论成立。",
    "claim_fails": "对这个模型,这一课的结论(还)不成立:请多训练一会儿,或换一个随机种子。",
    "cause_loss": "损失变成了 {what}",
    "cause_gradient": "{name} 的梯度是 {what}",
    "cause_update": "这次更新让 {name} 变成了 {what}",
    "train_started": "开始训练:共 {epochs} 轮,优化器 {optimizer},学习率 {lr}。",
    "train_epoch_done": "第 {epoch} 轮:损失 {loss},梯度范数 {grad_norm}。",
    "train_converged": "第 {epoch} 轮已收敛:损失降到 {loss}。",
    "train_stalled": (
        "训练在第 {epoch} 轮停止:损失已连续 {patience} 轮没有改善;现在为 {loss},"
        "最好的是第 {best_epoch} 轮的 {best}。可以降低学习率或重新初始化。"
    ),
    "train_diverged": "第 {epoch} 轮训练发散({cause});权重保留在最后一组有限值。请降低学习率或使用梯度裁剪。",
    "train_stopped": "训练在第 {epoch} 轮停止;损失为 {loss}。",
    "train_finished": "训练结束,共 {epoch} 轮;损失为 {loss}。",
    "train_undo": "已撤销:权重回到第 {epoch} 轮时的状态。",
}

TEMPLATES: dict[str, dict[str, str]] = {"en": EN, "zh": ZH}
