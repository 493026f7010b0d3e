"""The ? screen: every key, and what each panel shows."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...narration.wrap import wrap_cells
from .closing import DismissOnce

KEY_WIDTH = 12  # the key column; descriptions wrap beside it

SECTIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("KEYS", (
        ("Right or l", "next tick (computes and reveals it)"),
        ("Left or h", "previous tick (its exact state comes back)"),
        ("Home / End", "t = 0 / the last tick"),
        ("Space", "play or pause;  + / -  faster / slower"),
        ("r", "reset to t = 0 (hides the ticks again)"),
        ("n", "the whole narration of this tick, and what the lesson is about"),
        ("w", "weights only / everything (handy on small screens)"),
        ("Tab", "move focus (timeline, weights); Escape returns to stepping"),
        ("Enter", "on a weight cell: edit its value; the trace is recomputed"),
        ("t", "one training epoch, animated: the forward sweep, the backward sweep t = T..1 (dL/dh(t) of the "
              "whole loss flowing back, row L(>=t) of the flow; gradients adding up), then the update "
              "(before -> after). Its pace follows the play speed (+ / -); any key finishes the epoch at once. "
              "With many sequences the first is animated and the epoch trains on all of them, as T does."),
        ("T", "train continuously in the background (T again or Escape stops); stepping keeps working and "
              "shows the weights training"),
        ("s", "training settings: optimizer, learning rate, epochs, clipping, truncation k, which parameters "
              "train, re-initialise"),
        ("u", "undo training: the exact weights from before the last run (several levels)"),
        ("g", "gradient check: BPTT against central finite differences"),
        ("v", "training view on/off (one target's gradient flow and the loss curve)"),
        ("[ / ]", "the gradient flow of the target tick before / after the one shown; it stays there while "
                  "you step, until r"),
        ("p", "the state space: every tick's hidden state h(t) over all the lesson's sequences, projected on "
              "its two principal components (explained variance shown); each point is its input's symbol, "
              "the shown sequence's path runs up to this tick, which is marked. m: letters / braille dots. "
              "Recomputed in the background while the weights train"),
        ("d", "the dendrogram: the mean h(t) per input symbol, clustered (Euclidean distance, average "
              "linkage; Elman 1990, Figure 7); the current tick's symbol is marked. p / d switch, Escape "
              "returns"),
        ("ctrl+p", "command palette: open a lesson or a plain text file as a character-level lesson, load/save "
                   'files, export the trace or the loss history, screenshot, theme, and "Switch narration '
                   'language (English / 中文)" (or start with srn-tui --lang zh). Lessons and files load in the '
                   "background: stepping keeps working, Escape cancels the load"),
        ("?", "this help (Escape or ? closes it)"),
        ("q", "quit"),
    )),
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


SECTIONS_ZH: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("按键", (
        ("Right or l", "下一步(计算并显示这一步)"),
        ("Left or h", "上一步(恢复那一步的确切状态)"),
        ("Home / End", "t = 0 / 最后一步"),
        ("Space", "播放或暂停;+ / - 加快 / 放慢"),
        ("r", "回到 t = 0(再次隐藏各步)"),
        ("n", "这一步的完整讲解,以及这一课讲什么"),
        ("w", "只看权重 / 全部(小屏幕上好用)"),
        ("Tab", "移动焦点(时间轴、权重);Escape 回到逐步查看"),
        ("Enter", "在权重格上:修改它的值;轨迹随即重新计算"),
        ("t", "动画演示一轮训练:前向扫描,然后从 t = T 到 1 的反向扫描（整体损失的 dL/dh(t) 向后流动，"
              "即梯度流的 L(>=t) 一行；梯度逐步累加），"
              "最后是更新(更新前 -> 更新后)。速度跟随播放速度(+ / -);按任意键立即完成这一轮。"
              "有多个序列时只演示第一个,这一轮仍在全部序列上训练,和 T 一样。"),
        ("T", "在后台连续训练(再按 T 或 Escape 停止);期间仍可逐步查看,并看到权重在训练"),
        ("s", "训练设置:优化器、学习率、轮数、梯度裁剪、截断 k、训练哪些参数、重新初始化"),
        ("u", "撤销训练:回到上一次训练之前的确切权重(可撤销多层)"),
        ("g", "梯度检查:用中心有限差分核对随时间反向传播(BPTT)的梯度"),
        ("v", "打开/关闭训练视图（一个目标的梯度流和损失曲线）"),
        ("[ / ]", "梯度流改看前一个 / 后一个有目标的时间步；逐步查看时它保持不变，直到按 r"),
        ("p", "状态空间：本课所有序列每个时间步的隐藏状态 h(t) 在前两个主成分上的投影（显示解释的方差）；"
              "每个点标为其输入符号，当前序列的路径画到本时间步并标出它。m：字母 / 盲文点。"
              "权重训练时在后台重新计算"),
        ("d", "树状图：每个输入符号的平均 h(t) 的层次聚类（欧氏距离，平均连接；Elman 1990 图 7），"
              "标出当前时间步的符号。p / d 切换，Escape 返回"),
        ("ctrl+p", "命令面板:打开一课或把纯文本文件当作字符级课程,读取/保存文件,导出轨迹或损失历史,"
                   '截图,主题,以及 "Switch narration language (English / 中文)"(或用 srn-tui --lang zh 启动)。'
                   "课程和文件在后台加载：期间仍可逐步查看，按 Escape 取消加载"),
        ("?", "本帮助(Escape 或 ? 关闭)"),
        ("q", "退出"),
    )),
    ("面板", (
        ("unrolled", "每个时间步 t 一列:输入 x(t)、隐藏状态 h(t)、输出 y(t)。[k] 标出当前步;"
                     '"-" 表示还没有计算。每一列都用同一组 W_xh, W_hh, W_hy。较宽的层显示向量长度 |h|。'
                     "点击某一列可跳到那一步。"),
        ("this tick", "x(t) 输入,h(t-1) 传入的记忆,a(t) 隐藏层激活前的值,h(t) 新的记忆,"
                      "o(t) 输出层激活前的值,y(t) 输出,target(t) 目标和 loss(t) 损失。"
                      "总是显示正负号;颜色表示符号和大小。"),
        ("equation", "a(t) = W_xh*x(t) + W_hh*h(t-1) + b_h,h(t) = f(a(t)),o(t) = W_hy*h(t) + b_y,"
                     "y(t) = g(o(t)),代入这一步的数值;大网络只显示所选隐藏单元最大的几项。"
                     "然后是实际计算的损失:mse 为 loss(t) = 0.5*sum_k (y_k - target_k)^2"
                     "(有了 0.5,梯度正好是 y - target);交叉熵是目标概率的 -ln(softmax),"
                     "或每个单元的 -[t*ln y + (1-t)*ln(1 - y)](sigmoid)。"),
        ("weights", "W_xh, W_hh, b_h, W_hy, b_y 用同一色阶。选中一个格子来选择隐藏单元;Enter 修改数值。"),
        ("narration", "这一步发生了什么,中文或英文(按 n 看全部)。Jordan 网络反馈的是上一步的输出 y(t-1),"
                      "Elman 网络反馈的是 h(t-1)。"),
    )),
    ("训练视图", (
        ("flow", "一个目标的损失的梯度如何一步步向后流动。目标 tau 是光标处或之前最近的有目标的时间步"
                 "（光标在所有目标之前时取第一个目标），或用 [ 和 ] 选的那个。L(tau) 一行：|dL(tau)/dh(t)|，"
                 "只有第 tau 步的损失传回 h(t) 的梯度，下面是对数刻度的条形；截断的 BPTT 在 tau 所在段的"
                 "开头把它截断（cut |）。h(tau) 一行：|dh(tau)/dh(t)|_2，雅可比矩阵的谱范数（最大奇异值）："
                 "h(t) 的变化有多少能保留到 h(tau)，与误差无关（Jordan 网络经由反馈的输出 y）。L(>=t) 一行："
                 "整体损失的 |dL/dh(t)|，即 t 及以后每个目标传回的梯度之和：训练用的就是它，t 键扫描的也是它；"
                 "每个目标自己的梯度消失时，它仍可能保持不变甚至变大。读数，例如 "
                 '"loss(59) 的梯度在 58 步内缩小为 x0.013：梯度消失"，比较 L(tau) 在它能到达的最早一步与 '
                 "tau 处的大小；在 80x24 下读数显示在面板标题里。"),
        ("training", "动画中的这一轮正在做什么,或连续训练的轮数和损失。"),
        ("loss", "每轮的损失,对数刻度:对所有有目标的时间步求和,旁边是每个目标时间步的平均损失"
                 "(字符课程显示每字符比特数)和最好值;课程有基准时画一条虚线(随机猜测、重复当前值或平均目标),"
                 "用同样的损失在这一课的数据上算出。"),
        ("NaN / Inf", "损失或梯度一旦不是有限值,训练就停止,并保留最后一组有限的权重。"),
    )),
)  # fmt: skip


def help_text(width: int, lang: str = "en") -> str:
    """Every key and panel, each description wrapped beside its key to `width` cells, in `lang`."""
    lines: list[str] = []
    for title, entries in SECTIONS_ZH if lang == "zh" else SECTIONS:
        lines += ["", title] if lines else [title]
        for key, description in entries:
            wrapped = wrap_cells(description, max(20, width - 2 - KEY_WIDTH))
            lines.append(f"  {key:<{KEY_WIDTH}}{wrapped[0]}")
            lines += [" " * (2 + KEY_WIDTH) + rest for rest in wrapped[1:]]
    return "\n".join(lines)


class HelpScreen(DismissOnce, ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,q", "close", "Close help"),
    ]

    def __init__(self, lang: str = "en") -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            # The dialog is at most 96 cells wide; less its border, padding and scroll bar.
            yield Static(Text(help_text(min(96, self.app.size.width) - 6, self.lang)), id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)
