"""The lessons' own narration: remarks about a tick and the measured claim of each lesson, in
English and Chinese, keyed by message id with {named} placeholders (templates.py joins them to the
general sentences; the same parity of ids and placeholders is tested there). Plain text only.
"""

from __future__ import annotations

LESSON_EN: dict[str, str] = {
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
        "The next bit is a fresh random bit, independent of every bit read so far: no network can predict it; "
        "the best guess, 0.5, costs a loss of {chance}."
    ),
    # Lesson remarks: Jordan.
    "jordan_start": (
        "Temporal XOR again (triplets a, b, a XOR b), but the only memory is the previous output y(t-1): "
        "one number, the network's guess for the bit it is reading now."
    ),
    "jordan_predictable": (
        "The next bit is {a} XOR {b} = {c}. The network reads b = {b}; the bit a = {a} can reach it only through "
        "y({tp}) = {y_prev}, the network's own output at the tick before (its guess for b, made while reading a). "
        "That one number is all a Jordan network carries over: a summary of what it has read, squeezed into its "
        "own previous output, not a copy of a."
    ),
    "jordan_trace_separated": (
        "On this sequence y(t-1) averages {m0} at the XOR ticks after a = 0 and {m1} after a = 1, and the two groups "
        "do not overlap: a is there, but only as a shift of the output."
    ),
    "jordan_trace_overlap": (
        "On this sequence y(t-1) averages {m0} at the XOR ticks after a = 0 and {m1} after a = 1, and the two groups "
        "overlap: y(t-1) does not always tell which a came."
    ),
    # Lesson remarks: letters.
    "letters_start": (
        "Each letter is six features (consonant, vowel, interrupted, high, back, voiced); b, d and g come in "
        "random order, followed by a, ii and uuu."
    ),
    "letters_vowel_from_input": (
        'The next letter is the vowel "{next}", and the consonant just read fixes it: "{cons}" is always followed '
        'by "{next}". The input alone is enough to know it: the task needs no memory here.'
    ),
    "letters_vowel_from_memory": (
        'The next letter is "{next}" again. The input "{next}" alone cannot tell: "{cons}" brings {n} of them and '
        'the last is followed by a consonant. Memory can: this is "{next}" number {k} of {n} since "{cons}", '
        "which only the hidden layer holds."
    ),
    "letters_consonant_from_input": (
        'A consonant comes next, and the input alone says so: "{vowel}" is the only vowel after "{cons}". '
        "Which consonant is random: the network can know that a consonant comes (consonant feature predicted "
        "as {cbit}) but not which one."
    ),
    "letters_consonant_from_memory": (
        'A consonant comes next, but the input "{vowel}" alone cannot tell: "{cons}" brings {n} of them and only '
        "the last is followed by a consonant. Memory tells that this is the last. Which consonant is random: the "
        "network can know that a consonant comes (consonant feature predicted as {cbit}) but not which one."
    ),
    # Lesson remarks: sine.
    "sine_start": "A sine wave sampled {n} times per period; at each tick the network predicts the next sample.",
    "sine_tick_first": (
        "Baselines: repeating the current value is off by {naive}. The exact two-tap rule "
        "x(t+1) = 2*cos(2*pi/{n})*x(t) - x(t-1) cannot run yet: it needs the sample before x(1). "
        "The network is off by {err}."
    ),
    "sine_tick": (
        "Baselines: repeating the current value is off by {naive}; the best guess from x({t}) alone, "
        "cos(2*pi/{n})*x({t}) = {alone} (rising and falling averaged), is off by {alone_err}; the two-tap rule "
        "2*cos(2*pi/{n})*x({t}) - x({tp}) = {rule} is off by {rule_err}: one remembered sample makes it exact. "
        "The network is off by {err}."
    ),
    # Lesson remarks: hello.
    "hello_start": (
        'The characters of "{word}" are one-hot vectors; at each tick the softmax output gives every character '
        "a probability of coming next."
    ),
    "hello_l": (
        '"l" is followed once by "l" and once by "o": only the memory {c}({tp}), carried over by the recurrent '
        'connection, tells the network which "l" this is.'
    ),
    # Lesson remarks: your own text.
    "text_start": "Your text has {length} characters, {n} of them distinct; each is a one-hot vector.",
    # Lesson remarks: echo.
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
    # Lesson remarks: latch.
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
    # A lesson's claim, measured (narrate_claim).
    "claim_seed": "W_hy = {w_hy}; the article's scale is 6 / h(5) = {w_ideal}.",
    "claim_txor": (
        "Mean loss per held-out bit (half the squared error): {pred} at the predictable XOR bit, {a} and {b} at "
        "the two random bits (always guessing 0.5: {chance})."
    ),
    "claim_jordan": (
        "Mean loss per held-out bit (half the squared error): {pred} at the XOR bit, {a} and {b} at the two "
        "random bits (always guessing 0.5: {chance}). The only memory, the previous output y(t-1), carries a "
        "as a shift: at the XOR ticks it "
        "averages {m0} after a = 0 and {m1} after a = 1. Rounded, the output gets the XOR bit right at a fraction "
        "{acc} of the XOR ticks (0.5 by chance). The XOR bit's loss is not below half the random bits' ({half}), "
        "the mark the Elman network of the temporal-xor lesson passes: not learned that way."
    ),
    "claim_jordan_learned": (
        "Mean loss per held-out bit (half the squared error): {pred} at the XOR bit, {a} and {b} at the two "
        "random bits (always guessing 0.5: {chance}). The only memory, the previous output y(t-1), carries a "
        "as a shift: at the XOR ticks it "
        "averages {m0} after a = 0 and {m1} after a = 1. Rounded, the output gets the XOR bit right at a fraction "
        "{acc} of the XOR ticks (0.5 by chance). The XOR bit's loss is below half the random bits' ({half}): "
        "this Jordan network has learned the XOR bit."
    ),
    "claim_letters": (
        "Mean loss per held-out letter (half the squared error, summed over the six features): {vowel} when the "
        "next letter is a vowel, {consonant} when it is a consonant, where {best} is the best possible (the "
        "mean of b, d and g, since which one comes "
        "is random); the consonant feature is never off by more than {cbit}."
    ),
    "claim_sine_below": (
        "Mean loss per held-out sample (half the squared error, from tick 2): the network {err}; repeating the "
        "current value {naive}; "
        "the best guess from x(t) alone, cos(2*pi/{n})*x(t), {alone}, which no network without memory can beat; "
        "the two-tap rule 2*cos(2*pi/{n})*x(t) - x(t-1), which remembers one sample, {rule}. Memory is what takes "
        "the network below {alone}: with its memory reset to h(0) at every tick, the same network's loss is {reset}."
    ),
    "claim_sine_above": (
        "Mean loss per held-out sample (half the squared error, from tick 2): the network {err}; repeating the "
        "current value {naive}; "
        "the best guess from x(t) alone, cos(2*pi/{n})*x(t), {alone}, which no network without memory can beat; "
        "the two-tap rule 2*cos(2*pi/{n})*x(t) - x(t-1), which remembers one sample, {rule}. The network is not "
        "below {alone} yet: its memory does not help it yet (with its memory reset to h(0) at every tick, its "
        "loss is {reset})."
    ),
    "claim_hello": 'The argmax predictions spell "{spelled}".',
    "claim_echo_learned": (
        "Learned: mean loss {err} per held-out bit (half the squared error; always guessing 0.5: {chance}). "
        "One target's gradient, carried back to h(t-{k}) where "
        "its bit was read, is {ratio} times its size at h(t) (median over {m} held-out targets)."
    ),
    "claim_echo_failed_faint": (
        "Not learned: mean loss {err} per held-out bit (half the squared error; always guessing 0.5: "
        "{chance}). One target's gradient, carried "
        "back to h(t-{k}), is only {ratio} times its size at h(t) (median over {m} held-out targets): little error "
        "signal gets back to the bit it asks for. The {h} hidden units must also hold the last {k} bits at once; these "
        "numbers do not tell which of the two stops it."
    ),
    "claim_echo_failed_reaches": (
        "Not learned: mean loss {err} per held-out bit (half the squared error; always guessing 0.5: "
        "{chance}). One target's gradient, carried "
        "back to h(t-{k}), is {ratio} times its size at h(t) (median over {m} held-out targets): it has not vanished, "
        "so a vanishing gradient does not explain the failure here. The {h} hidden units must hold the last {k} "
        "bits at once."
    ),
    "claim_echo_no_gradient": (
        "Mean loss {err} per held-out bit (half the squared error; always guessing 0.5: {chance}); no gradient "
        "leaves the target ticks at all (every output sits "
        "exactly on 0 or 1), so there is no share to measure k = {k} ticks back."
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
        "t = {T}, carried back to h(1), is only {ratio} times its size at h({T}) (median over {m} fresh sequences): "
        "a small change in h(1) now barely "
        "moves the answer. Bengio, Simard & Frasconi (1994) showed that holding a bit robustly against noise "
        "makes this gradient vanish."
    ),
    "claim_latch_failed_faint": (
        "Not learned: the sign at t = {T} is right on only {right} of {n} fresh sequences (guessing gets about half). "
        "The gradient of the loss at t = {T}, carried back to h(1), is only {ratio} times its size at h({T}) "
        "(median over {m} fresh sequences): almost no error signal gets back to x(1), the one input that "
        "decides the answer."
    ),
    "claim_latch_failed_reaches": (
        "Not learned: the sign at t = {T} is right on only {right} of {n} fresh sequences (guessing gets about half). "
        "The gradient of the loss at t = {T}, carried back to h(1), is {ratio} times its size at h({T}) (median "
        "over {m} fresh sequences): the error signal does get back to x(1), and still the network has not "
        "learned to keep it."
    ),
}

LESSON_ZH: dict[str, str] = {
    "seed_start": (
        "这是原文的示例：一个 tanh 隐藏单元，W_xh = {w_xh}，W_hh = {w_hh}，依次读入 1, 2, 3, 4, 5；"
        "t = 5 时的目标是下一个数 6。"
    ),
    "seed_saturating": "这一步 h 只增加了 {dh}：tanh 在 1 附近趋于饱和，输入越大，记忆的变化反而越小。",
    "seed_scale_needed": (
        "要输出 {target}，输出层必须把 h({t}) = {h} 放大：W_hy = {target} / {h} = {w_ideal} 就能做到"
        "（b_y = 0 时）；但现在 W_hy = {w_hy}，所以 y({t}) = {y}。"
    ),
    "seed_scale_learned": (
        "输出层已经学会了缩放：W_hy = {w_hy} 把 h({t}) = {h} 映射为 {y}；W_hy = {w_ideal} 时正好等于 {target}。"
    ),
    "txor_start": (
        "比特按三个一组出现：（a, b, a XOR b）。网络每个时间步读入一位并预测下一位；只有每组的第三位可以预测。"
    ),
    "txor_predictable": (
        "下一位是 {a} XOR {b} = {c}，由刚读到的两位决定：要预测它，网络必须用隐藏层记住上一个时间步读到的 {a}。"
    ),
    "txor_random": "下一位是新的随机比特，与已读到的每一位都无关：任何网络都无法预测它；最好的猜测是 0.5，"
    "损失为 {chance}。",
    "jordan_start": (
        "还是时间异或（三个一组：a, b, a XOR b），但唯一的记忆是上一步的输出 y(t-1)："
        "一个数，也就是网络对正在读入的这一位的猜测。"
    ),
    "jordan_predictable": (
        "下一位是 {a} XOR {b} = {c}。网络读到了 b = {b}；a = {a} 只能经由 y({tp}) = {y_prev} 传到这里，"
        "那是网络上一个时间步自己的输出（它读 a 时对 b 的猜测）。Jordan 网络带到下一步的只有这一个数："
        "它把读过的内容压缩进自己上一步的输出，只是一个概括，而不是 a 的副本。"
    ),
    "jordan_trace_separated": (
        "在这个序列的异或位上，a = 0 之后 y(t-1) 平均为 {m0}，a = 1 之后平均为 {m1}，两组没有重叠："
        "a 的信息还在，但只是输出的一个偏移。"
    ),
    "jordan_trace_overlap": (
        "在这个序列的异或位上，a = 0 之后 y(t-1) 平均为 {m0}，a = 1 之后平均为 {m1}，两组有重叠："
        "y(t-1) 并不总能说明前面的 a 是几。"
    ),
    "letters_start": (
        "每个字母用六个特征表示（辅音、元音、中断性、高、后、浊音）；b、d、g 按随机顺序出现，后面分别跟着 a、ii、uuu。"
    ),
    "letters_vowel_from_input": (
        "下一个字母是元音“{next}”，由刚读到的辅音决定：“{cons}”后面总是“{next}”。这里只看输入就够了，不需要记忆。"
    ),
    "letters_vowel_from_memory": (
        "下一个字母还是“{next}”。只看输入“{next}”无法判断：“{cons}”后面有 {n} 个“{next}”，最后一个之后是辅音。"
        "记忆可以判断：这是“{cons}”之后的第 {k} 个（共 {n} 个）“{next}”，只有隐藏层记得这一点。"
    ),
    "letters_consonant_from_input": (
        "接下来是辅音，只看输入就知道：“{cons}”后面只有一个元音“{vowel}”。是哪个辅音则是随机的："
        "网络能知道接下来是辅音（辅音特征的预测值为 {cbit}），却无法知道是哪一个。"
    ),
    "letters_consonant_from_memory": (
        "接下来是辅音，但只看输入“{vowel}”无法判断：“{cons}”后面有 {n} 个“{vowel}”，只有最后一个之后是辅音。"
        "是记忆告诉网络这已是最后一个。是哪个辅音则是随机的："
        "网络能知道接下来是辅音（辅音特征的预测值为 {cbit}），却无法知道是哪一个。"
    ),
    "sine_start": "一条正弦波，每个周期采样 {n} 次；每个时间步，网络都要预测下一个采样值。",
    "sine_tick_first": (
        "基线：只重复当前值，误差是 {naive}。精确的两项规则 x(t+1) = 2*cos(2*pi/{n})*x(t) - x(t-1) "
        "现在还用不了：它需要 x(1) 之前的那个采样值。网络的误差是 {err}。"
    ),
    "sine_tick": (
        "基线：只重复当前值，误差是 {naive}；只根据 x({t}) 的最好猜测 cos(2*pi/{n})*x({t}) = {alone}"
        "（上升和下降取平均），误差是 {alone_err}；两项规则 2*cos(2*pi/{n})*x({t}) - x({tp}) = {rule}，"
        "误差是 {rule_err}：多记住一个采样值就能做到精确。网络的误差是 {err}。"
    ),
    "hello_start": (
        "“{word}”的每个字符是一个独热（one-hot）向量；每个时间步，softmax 输出给出每个字符成为下一个字符的概率。"
    ),
    "hello_l": "“l”后面一次跟着“l”，一次跟着“o”：只有循环连接带来的记忆 {c}({tp}) 能告诉网络现在读的是哪一个“l”。",
    "text_start": "你的文本共有 {length} 个字符，其中 {n} 个互不相同；每个字符是一个独热（one-hot）向量。",
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
    "claim_seed": "W_hy = {w_hy}；原文的缩放因子是 6 / h(5) = {w_ideal}。",
    "claim_txor": (
        "在新的比特流上每一位的平均损失（平方误差的一半）：可预测的异或位为 {pred}，两个随机位分别为 {a} 和 {b}"
        "（总是猜 0.5：{chance}）。"
    ),
    "claim_jordan": (
        "在新的比特流上每一位的平均损失（平方误差的一半）：异或位为 {pred}，两个随机位分别为 {a} 和 "
        "{b}（总是猜 0.5：{chance}）。"
        "唯一的记忆是上一步的输出 y(t-1)，它只以偏移的形式带着 a：在异或位上，a = 0 之后它平均为 {m0}，"
        "a = 1 之后平均为 {m1}。四舍五入后，输出在比例为 {acc} 的异或位上是对的（随机猜测为 0.5）。"
        "异或位的损失没有低于随机位损失的一半（{half}），而 temporal-xor 一课的 Elman 网络能做到："
        "它没有像 Elman 网络那样学会异或位。"
    ),
    "claim_jordan_learned": (
        "在新的比特流上每一位的平均损失（平方误差的一半）：异或位为 {pred}，两个随机位分别为 {a} 和 "
        "{b}（总是猜 0.5：{chance}）。"
        "唯一的记忆是上一步的输出 y(t-1)，它只以偏移的形式带着 a：在异或位上，a = 0 之后它平均为 {m0}，"
        "a = 1 之后平均为 {m1}。四舍五入后，输出在比例为 {acc} 的异或位上是对的（随机猜测为 0.5）。"
        "异或位的损失低于随机位损失的一半（{half}）：这个 Jordan 网络学会了异或位。"
    ),
    "claim_letters": (
        "在新的字母序列上，每个字母的平均损失（六个特征平方误差之和的一半）：下一个字母是元音时为 {vowel}，"
        "是辅音时为 {consonant}，"
        "而最好的可能是 {best}（输出 b、d、g 的平均，因为是哪一个是随机的）；辅音特征的误差从不超过 {cbit}。"
    ),
    "claim_sine_below": (
        "在新的正弦波上（从第 2 个时间步起）每个采样的平均损失（平方误差的一半）：网络为 {err}；只重复当前值为 "
        "{naive}；"
        "只根据 x(t) 的最好猜测 cos(2*pi/{n})*x(t) 为 {alone}，没有记忆的网络都无法超过它；"
        "记住一个采样值的两项规则 2*cos(2*pi/{n})*x(t) - x(t-1) 为 {rule}。"
        "是记忆让网络低于 {alone}：如果每个时间步都把记忆重置为 h(0)，同一个网络的损失是 {reset}。"
    ),
    "claim_sine_above": (
        "在新的正弦波上（从第 2 个时间步起）每个采样的平均损失（平方误差的一半）：网络为 {err}；只重复当前值为 "
        "{naive}；"
        "只根据 x(t) 的最好猜测 cos(2*pi/{n})*x(t) 为 {alone}，没有记忆的网络都无法超过它；"
        "记住一个采样值的两项规则 2*cos(2*pi/{n})*x(t) - x(t-1) 为 {rule}。"
        "网络还没有低于 {alone}：它的记忆还没有起作用（每个时间步都把记忆重置为 h(0) 时，损失是 {reset}）。"
    ),
    "claim_hello": "按最大概率取出的预测拼成“{spelled}”。",
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
}
