"""The words around the numbers in the training view and the panel titles, in English and Chinese.

The narration (srn_tui/narration) tells what happened in sentences; these are the short labels of
the panels. Symbols and formulas (h(t), dL/dh, W_hh, lr) stay ASCII in both languages, so aligned
columns stay aligned in CJK terminals. Keep the Chinese lines short: each character is two cells,
and the training panel is 44-50 cells wide.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import numbers
from .lang import check_lang, fill

if TYPE_CHECKING:  # the facts worded here; this layer imports nothing that makes them
    from ..live import FlowReading
    from ..loss_scale import LossScale

EN: dict[str, str] = {
    # the equation panel before the first tick ("Each tick:" is padded to 11 cells, the formulas' indent)
    "eq_nothing": "t = 0: nothing computed yet.",
    "eq_memory": "The memory starts at {c}(0) = [{h0}].",
    "eq_fed_back": "The fed-back output starts at {c}(0) = [{h0}].",
    "eq_each": "Each tick: ",
    # the equation panel at a tick, where a sum is too long to write out (explain.py)
    "eq_sum": "{a} = {value}, the sum of {n} terms; largest:",
    "eq_smaller": "  + {n} smaller terms = {value}",
    "eq_largest_o": "{o} = W_hy[{k},:]*h({t}) + b_y[{k}] = {value} (largest |o|)",
    "eq_largest_y": "y({t}) = softmax(o({t})): largest y_{k} = {value}",
    "eq_values": "y({t}) = {act}(o({t})), {n} values",
    "eq_largest_k": "  largest, k = {k}: {term}",
    # panel titles
    "title_timeline": "unrolled through time",
    "title_timeline_compact": "unrolled: same W_xh, W_hh, W_hy at every tick",
    "title_tick": "this tick",
    "title_equation": "the equation, with this tick's numbers",
    "title_narration": "what happened",
    "title_weights": "weights (shared by every tick)",
    "title_flow": "gradient of loss({target}) flowing back to h(t), log bars",
    "flow_keys": "[ ] target",
    "flow_bar": "log bar",
    "flow_cut": "cut |",
    "title_flow_none": "gradient flowing back to h(t), log bars",
    "title_training": "training",
    "narration_heading": "t = {t} / {length}   {name}: {title}",
    "narration_about": "About this lesson:",
    "header_epoch": "   epoch {epoch}",
    "header_seq": "   seq {index}/{count}",
    "header_epoch_running": "   epoch {epoch} (training)",
    "heatmap_gradient": "dL/d{name}",
    "heatmap_change": "change in {name}",
    # the timeline, this tick, the weights
    "shared_note": "same W_xh, W_hh, W_hy at every tick; h(t-1) feeds h(t) through W_hh",
    "shared_note_jordan": "same W_xh, W_hh, W_hy at every tick; the output y(t-1) feeds h(t) through W_hh",
    "earlier": "<- {n} earlier",
    "timeline_target": "target",
    "later": "{n} later ->",
    "none": "none",
    "more": "+{n} more",
    "no_tick_yet": "t = 0: no tick yet",
    "first_tick_hint": "Right or l: tick 1",
    "legend_weights": "weights: one shared scale",
    "legend_gradients": "gradients: one shared scale",
    "legend_compact": "{note}; +8 = sign, 8ths of the scale",  # |value|/scale in 8ths, rounded up
    # the memory view (m): h(t) and y(t) over the ticks
    "title_memory_h": "memory: h(t), hidden unit j by tick t",
    "title_memory_y": "output y(t) against the target (tgt), by tick t",
    "memory_legend": "values of the ticks reached; [t] this tick",
    # the training panel, idle
    "idle_t": " one animated epoch (any key finishes it)",
    "idle_T": " train: {config}",
    "idle_T_flat": " train: {config} or until flat",
    "idle_settings": " settings  ",
    "idle_undo": " undo ({levels})  ",
    "idle_check": " check",
    "config": "{optimizer} lr {lr}{clip}{k}, {epochs} epochs",
    "trains": "trains {names}",
    "trains_nothing": "trains nothing",
    "frozen": "; frozen {names}",
    "epochs_so_far": "epochs trained so far: {epoch}",
    # the animated epoch
    "forward": "forward",
    "forward_at": "  t = {t} of {T}",
    "chunk": "  (chunk {chunk}/{chunks})",
    "target_loss": "target {target}   loss {loss}",
    "loss_so_far": "loss so far {loss}",
    "backward": "backward",
    "backward_at": "  t = {t}  (sweeping {T} -> 1)",
    "nothing_later": "nothing later",
    "adds": "adds ",
    "update": "update",
    "clipped": "  clipped",
    "next_batch": "the next batch of the epoch: {n} sequences, not animated",
    "whole_batch": "gradient of the whole batch: {n} sequences",
    "refused": "refused: {cause}",
    "and_more": "... and {names}",
    "frozen_unchanged": "frozen, unchanged: {names}",
    "all_frozen": "every parameter is frozen: nothing changes (s to unfreeze)",
    # a continuous run
    "running": "training",
    "stops": "  T or Escape stops",
    "epoch_run": "epoch {epoch}   this run {ran} / {budget}",
    "loss_best": "loss {loss}{per}   best {best} @ {best_epoch}",
    "loss_best_short": "loss {loss}{per}  best {best}",
    "loss_per": "loss {loss}{per}",
    "grad_speed": "|grad| {grad}   {speed} epochs/s",
    # the loss curve
    "loss_none": "loss per epoch: none yet",
    "loss_now": "loss now {loss}",
    "loss_best_at": "best {loss} @ {epoch}",
    "loss_not_finite": "{n} not finite",
    "loss_diverged": "not finite: the loss diverged",
    "loss_empty": "train (t or T) to draw the loss here",
    # the loss per target tick, and the lesson's baseline on the loss curve
    "per_paren": " ({per})",
    "list_sep": ", ",
    "per_tick": "{mean}/tick",
    "bits_char": "{bits} bits/char",
    "bits_tick": "{bits} bits/tick",
    "baseline_chance_half": "chance",
    "baseline_chance_uniform": "chance",
    "baseline_repeat": "repeat x",
    "baseline_average": "average",
    # the gradient flow during an animated epoch
    "flow_waiting": "backward pass: after the forward sweep",
    "flow_at": "backward sweep of the whole loss (row L(>=t)): now at t = {t}",
    # loading a lesson or a file (the line under the panels, and what a load ends with)
    "loading": "{spin} loading {what} ... {seconds} s; stepping works, Escape cancels",
    "load_cancelled": "stopped loading {what}; still on {lesson}",
    "load_failed": "Could not load {what}",
    # the file dialog: where a file name without a folder goes
    "dialog_folder": "folder: {folder}  (a name without a folder is read or written here)",
    "screenshot_title": "Save a screenshot of the screen (.svg)",
    "screenshot_saved": "screenshot saved to {path}",
}

ZH: dict[str, str] = {
    "eq_nothing": "t = 0：还没有计算。",
    "eq_memory": "记忆从 {c}(0) = [{h0}] 开始。",
    "eq_fed_back": "反馈的输出从 {c}(0) = [{h0}] 开始。",
    "eq_each": "各时间步： ",
    "eq_sum": "{a} = {value}，是 {n} 项之和；最大的几项：",
    "eq_smaller": "  + 其余 {n} 项 = {value}",
    "eq_largest_o": "{o} = W_hy[{k},:]*h({t}) + b_y[{k}] = {value}（|o| 最大）",
    "eq_largest_y": "y({t}) = softmax(o({t}))：最大的是 y_{k} = {value}",
    "eq_values": "y({t}) = {act}(o({t}))，共 {n} 个值",
    "eq_largest_k": "  最大的一项，k = {k}：{term}",
    "title_timeline": "按时间展开",
    "title_timeline_compact": "按时间展开：每个时间步共用 W_xh, W_hh, W_hy",
    "title_tick": "当前时间步",
    "title_equation": "代入本步数值的公式",
    "title_narration": "发生了什么",
    "title_weights": "权重（所有时间步共用）",
    "title_flow": "loss({target}) 的梯度反向流到 h(t)，对数条形",
    "flow_keys": "[ ] 换目标",
    "flow_bar": "对数条",
    "flow_cut": "截断 |",
    "title_flow_none": "反向流到 h(t) 的梯度，对数条形",
    "title_training": "训练",
    "narration_heading": "t = {t} / {length}   {name}：{title}",
    "narration_about": "关于这一课：",
    "header_epoch": "   第 {epoch} 轮",
    "header_seq": "   序列 {index}/{count}",
    "header_epoch_running": "   第 {epoch} 轮（训练中）",
    "heatmap_gradient": "dL/d{name}",
    "heatmap_change": "{name} 的变化",
    "shared_note": "每个时间步共用 W_xh, W_hh, W_hy；h(t-1) 经 W_hh 进入 h(t)",
    "shared_note_jordan": "每个时间步共用 W_xh, W_hh, W_hy；输出 y(t-1) 经 W_hh 进入 h(t)",
    "earlier": "<- 前面 {n} 步",
    "timeline_target": "目标",
    "later": "后面 {n} 步 ->",
    "none": "无",
    "more": "+{n} 个",
    "no_tick_yet": "t = 0：还没有计算",
    "first_tick_hint": "按 Right 或 l：时间步 1",
    "legend_weights": "权重：同一色阶",
    "legend_gradients": "梯度：同一色阶",
    "legend_compact": "{note}；+8 = 符号，色阶的八分之几",
    "title_memory_h": "记忆：h(t)，按隐藏单元 j 和时间步 t",
    "title_memory_y": "输出 y(t) 与目标（tgt），按时间步 t",
    "memory_legend": "已走到的时间步的数值；[t] 为当前步",
    "idle_t": " 动画演示一轮（按任意键完成）",
    "idle_T": " 训练：{config}",
    "idle_T_flat": " 训练：{config}或直到不再下降",
    "idle_settings": " 设置  ",
    "idle_undo": " 撤销（{levels}）  ",
    "idle_check": " 检查",
    "config": "{optimizer} lr {lr}{clip}{k}，{epochs} 轮",
    "trains": "训练 {names}",
    "trains_nothing": "不训练任何参数",
    "frozen": "；冻结 {names}",
    "epochs_so_far": "已训练轮数：{epoch}",
    "forward": "前向",
    "forward_at": "  t = {t} / {T}",
    "chunk": "  (第 {chunk}/{chunks} 段)",
    "target_loss": "目标 {target}   损失 {loss}",
    "loss_so_far": "累计损失 {loss}",
    "backward": "反向",
    "backward_at": "  t = {t}  (从 {T} 扫到 1)",
    "nothing_later": "后面没有",
    "adds": "累加 ",
    "update": "更新",
    "clipped": "  已裁剪",
    "next_batch": "本轮的下一批：{n} 个序列，不做动画",
    "whole_batch": "整批的梯度：{n} 个序列",
    "refused": "未执行：{cause}",
    "and_more": "……以及 {names}",
    "frozen_unchanged": "冻结、不变：{names}",
    "all_frozen": "所有参数都已冻结：没有变化（按 s 解冻）",
    "running": "训练中",
    "stops": "  按 T 或 Escape 停止",
    "epoch_run": "第 {epoch} 轮   本次 {ran} / {budget}",
    "loss_best": "损失 {loss}{per}   最好 {best} @ {best_epoch}",
    "loss_best_short": "损失 {loss}{per}  最好 {best}",
    "loss_per": "损失 {loss}{per}",
    "grad_speed": "|grad| {grad}   每秒 {speed} 轮",
    "loss_none": "每轮损失：还没有",
    "loss_now": "当前损失 {loss}",
    "list_sep": "，",
    "loss_best_at": "最好 {loss} @ {epoch}",
    "loss_not_finite": "{n} 个非有限值",
    "loss_diverged": "非有限值：损失发散了",
    "loss_empty": "训练（t 或 T）后在这里画出损失",
    "per_paren": "({per})",  # a compact status line: ASCII brackets keep "最好" on the 80x24 panel
    "per_tick": "每步 {mean}",
    "bits_char": "每字符 {bits} 比特",
    "bits_tick": "每步 {bits} 比特",
    "baseline_chance_half": "随机猜测",
    "baseline_chance_uniform": "随机猜测",
    "baseline_repeat": "重复当前",
    "baseline_average": "平均目标",
    "flow_waiting": "反向传播：在前向扫描之后",
    "flow_at": "整体损失的反向扫描（L(>=t) 一行）：现在在 t = {t}",
    "loading": "{spin} 正在加载 {what}……{seconds} 秒；仍可逐步查看，Escape 取消",
    "load_cancelled": "已停止加载 {what}；仍在课程 {lesson}",
    "load_failed": "无法加载 {what}",
    "dialog_folder": "文件夹：{folder}（只写文件名时，就在这个文件夹里读写）",
    "screenshot_title": "把屏幕截图保存为（.svg）",
    "screenshot_saved": "截图已保存到 {path}",
}

LABELS = {"en": EN, "zh": ZH}

# The reading of one target's flow (live.read_flow), by verdict. loss(5) names the loss at tick 5 alone,
# as the equation panel writes it.
FLOW: dict[str, dict[str, str]] = {
    "en": {
        "vanishing": "gradient of loss({target}) shrinks x{ratio} over {ticks}: vanishing",
        "shrinking": "gradient of loss({target}) shrinks x{ratio} over {ticks}: fading",
        "stable": "gradient of loss({target}) changes x{ratio} over {ticks}: stable (within x0.5-x2)",
        "growing": "gradient of loss({target}) grows x{ratio} over {ticks}: growing",
        "exploding": "gradient of loss({target}) grows x{ratio} over {ticks}: exploding",
        "not finite": "gradient of loss({target}) is not finite (NaN or Inf): training diverged",
        "single tick": "gradient of loss({target}) stops at t = {target}: no earlier tick to flow back to",
        "none": "no gradient from loss({target}): the output sends nothing back (error 0, or saturated)",
        "no targets": "no tick has a target: no loss to send back",
    },
    "zh": {
        "vanishing": "loss({target}) 的梯度在 {span} 个时间步内缩小为 x{ratio}：梯度消失",
        "shrinking": "loss({target}) 的梯度在 {span} 个时间步内缩小为 x{ratio}：逐渐减弱",
        "stable": "loss({target}) 的梯度在 {span} 个时间步内变化 x{ratio}：稳定（在 x0.5-x2 之内）",
        "growing": "loss({target}) 的梯度在 {span} 个时间步内增长 x{ratio}：变大",
        "exploding": "loss({target}) 的梯度在 {span} 个时间步内增长 x{ratio}：梯度爆炸",
        "not finite": "loss({target}) 的梯度不是有限值（NaN 或 Inf）：训练发散了",
        "single tick": "loss({target}) 的梯度停在 t = {target}：前面没有可以回传的时间步",
        "none": "loss({target}) 没有梯度：输出没有传回任何东西（误差为 0 或已饱和）",
        "no targets": "没有任何时间步有目标：没有损失可以回传",
    },
}


def label(lang: str, key: str, **values: object) -> str:
    """The label `key` in `lang`, with `values` filled in (already formatted by the caller)."""
    return fill(f"label {key!r}", LABELS[check_lang(lang)][key], values)


def per_target(scale: LossScale, total: float, lang: str) -> str:
    """A summed loss per target tick: "0.081/tick", or in bits for a softmax cross-entropy
    ("1.98 bits/char" for character lessons); "" when nothing has a target."""
    if scale.targets == 0:
        return ""
    if scale.bits:
        return label(lang, "bits_char" if scale.characters else "bits_tick", bits=numbers.three(scale.in_bits(total)))
    return label(lang, "per_tick", mean=numbers.three(scale.mean(total)))


def per_target_paren(scale: LossScale | None, total: float, lang: str) -> str:
    """per_target in brackets after a total, or "" (no scale, or nothing has a target)."""
    per = per_target(scale, total, lang) if scale is not None else ""
    return label(lang, "per_paren", per=per) if per else ""


def baseline_name(kind: str, lang: str) -> str:
    """The short name of a lesson's baseline, as the loss curve's axis shows it (at most 9 cells)."""
    return label(lang, f"baseline_{kind}")


def flow_text(reading: FlowReading, lang: str) -> str:
    """The one-line reading of a target's gradient flow in `lang`."""
    span = reading.span
    ratio = numbers.ratio(reading.ratio) if reading.ratio is not None else ""
    ticks = f"{span} tick{'s' if span != 1 else ''}"
    return FLOW[check_lang(lang)][reading.verdict].format(target=reading.target, ratio=ratio, span=span, ticks=ticks)


def flow_title(target: int | None, lang: str) -> str:
    """The flow panel's title: whose gradient it shows."""
    return label(lang, "title_flow_none") if target is None else label(lang, "title_flow", target=target)
