"""The help page's words (the `?` screen): its key lines come from the key table (text/keys.py), the
lines about the panels and the training view are here, in English and Chinese."""

from __future__ import annotations

from .keys import KEY_SECTION, help_lines

Section = tuple[str, tuple[tuple[str, str], ...]]

PANELS: tuple[Section, ...] = (
    ("PANELS", (
        ("unrolled", 'one column per tick t: the input x(t), the hidden state h(t) and the output y(t). [k] '
                     'marks the current tick; "-" means not computed yet. Every column uses the same W_xh, '
                     "W_hh, W_hy. Wide layers show a vector's length |h|. Click a column to go there."),
        ("this tick", "x(t) the input, h(t-1) the memory coming in, a(t) the hidden pre-activation, h(t) the "
                      "new memory, o(t) the output pre-activation, y(t) the output, target(t) and loss(t). "
                      "Signs are always printed; colour shows sign and size."),
        ("equation", "a(t) = W_xh*x(t) + W_hh*h(t-1) + b_h, h(t) = f(a(t)), o(t) = W_hy*h(t) + b_y, "
                     "y(t) = g(o(t)), with this tick's numbers; for big nets the selected hidden unit's "
                     "largest terms. Then the loss as computed: mse is loss(t) = 0.5*sum_k (y_k - target_k)^2 "
                     "(the 0.5 makes the gradient y - target); cross-entropy is -ln of the target's probability "
                     "(softmax), or -[t*ln y + (1-t)*ln(1 - y)] per unit (sigmoid)."),
        ("weights", "W_xh, W_hh, b_h, W_hy, b_y on one colour scale. Select a cell to choose a hidden unit; "
                    "Enter edits the value."),
        ("narration", "what happened at this tick, in English or Chinese (n shows it all). Jordan lessons "
                      "feed back y(t-1), the previous output, where Elman networks feed back h(t-1)."),
    )),
    ("TRAINING VIEW", (
        ("flow", "how the gradient of one target's loss flows back, tick by tick. The target tau is the latest "
                 "tick with a target at or before the cursor (the first target when the cursor is before them "
                 "all), or the one [ and ] chose. Row L(tau): |dL(tau)/dh(t)|, the loss at tick tau alone sent "
                 "back to h(t), with log bars under it; truncated BPTT stops it at the start of tau's chunk "
                 "(cut |). Row h(tau): |dh(tau)/dh(t)|_2, the spectral norm (largest singular value) of the "
                 "Jacobian: how much of a change in h(t) survives to h(tau), whatever the error (in a Jordan "
                 "network through the fed-back output y). Row L(>=t): |dL/dh(t)| of the whole loss, the sum of "
                 "what every target at t or later sends back: the gradient training uses, and what t sweeps; it "
                 "can stay level or grow while each target's own gradient vanishes. The reading, e.g. "
                 '"gradient of loss(59) shrinks x0.013 over 58 ticks: vanishing", compares L(tau) at the '
                 "earliest tick it reaches with tau; at 80x24 it is the panel's title."),
        ("training", "what the animated epoch is doing, or the run's epoch and loss."),
        ("loss", "the loss per epoch on a log scale: the sum over every tick with a target, beside it the "
                 "mean per target tick (bits per character for character lessons), the best value, and a "
                 "dashed line where the lesson has a baseline (chance, repeating the current value, the average "
                 "target), computed on the lesson's data with the same loss."),
        ("NaN / Inf", "a loss or gradient that stops being finite stops training and keeps the last finite "
                      "weights."),
    )),
)  # fmt: skip

PANELS_ZH: tuple[Section, ...] = (
    ("面板", (
        ("展开", "每个时间步 t 一列：输入 x(t)、隐藏状态 h(t)、输出 y(t)。[k] 标出当前步；"
                     '"-" 表示还没有计算。每一列都用同一组 W_xh, W_hh, W_hy。较宽的层显示向量长度 |h|。'
                     "点击某一列可跳到那一步。"),
        ("当前时间步", "x(t) 输入，h(t-1) 传入的记忆，a(t) 隐藏层激活前的值，h(t) 新的记忆，"
                      "o(t) 输出层激活前的值，y(t) 输出，target(t) 目标和 loss(t) 损失。"
                      "总是显示正负号；颜色表示符号和大小。"),
        ("公式", "a(t) = W_xh*x(t) + W_hh*h(t-1) + b_h，h(t) = f(a(t))，o(t) = W_hy*h(t) + b_y，"
                     "y(t) = g(o(t))，代入这一步的数值；大网络只显示所选隐藏单元最大的几项。"
                     "然后是实际计算的损失：mse 为 loss(t) = 0.5*sum_k (y_k - target_k)^2"
                     "（有了 0.5，梯度正好是 y_k - target_k）；交叉熵是目标概率的 -ln(softmax)，"
                     "或每个单元的 -[t*ln y + (1-t)*ln(1 - y)]（sigmoid）。"),
        ("权重", "W_xh, W_hh, b_h, W_hy, b_y 用同一色阶。选中一个格子来选择隐藏单元；Enter 修改数值。"),
        ("讲解", "这一步发生了什么，中文或英文（按 n 看全部）。Jordan 网络反馈的是上一步的输出 y(t-1)，"
                      "Elman 网络反馈的是 h(t-1)。"),
    )),
    ("训练视图", (
        ("梯度流", "一个目标的损失的梯度如何一步步向后流动。目标 tau 是光标处或之前最近的有目标的时间步"
                 "（光标在所有目标之前时取第一个目标），或用 [ 和 ] 选的那个。L(tau) 一行：|dL(tau)/dh(t)|，"
                 "只有第 tau 步的损失传回 h(t) 的梯度，下面是对数刻度的条形；截断的 BPTT 在 tau 所在段的"
                 "开头把它截断（截断 |）。h(tau) 一行：|dh(tau)/dh(t)|_2，雅可比矩阵的谱范数（最大奇异值）："
                 "h(t) 的变化有多少能保留到 h(tau)，与误差无关（Jordan 网络经由反馈的输出 y）。L(>=t) 一行："
                 "整体损失的 |dL/dh(t)|，即 t 及以后每个目标传回的梯度之和：训练用的就是它，t 键扫描的也是它；"
                 "每个目标自己的梯度消失时，它仍可能保持不变甚至变大。读数，例如 "
                 '"loss(59) 的梯度在 58 个时间步内缩小为 x0.013：梯度消失"，比较 L(tau) 在它能到达的最早时间步与 '
                 "tau 处的大小；在 80x24 下读数显示在面板标题里。"),
        ("训练", "动画中的这一轮正在做什么，或连续训练的轮数和损失。"),
        ("损失", "每轮的损失，对数刻度：对所有有目标的时间步求和，旁边是每个目标时间步的平均损失"
                 "（字符课程显示每字符比特数）和最好值；课程有基准时画一条虚线（随机猜测、重复当前值或平均目标），"
                 "用同样的损失在这一课的数据上算出。"),
        ("NaN / Inf", "损失或梯度一旦不是有限值，训练就停止，并保留最后一组有限的权重。"),
    )),
)  # fmt: skip

SECTIONS: tuple[Section, ...] = ((KEY_SECTION[0], help_lines("en")), *PANELS)
SECTIONS_ZH: tuple[Section, ...] = ((KEY_SECTION[1], help_lines("zh")), *PANELS_ZH)
