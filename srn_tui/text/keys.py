"""Every key of the app, one row per binding: what it is bound to, its label in the footer in English
and Chinese, its line in the help, its command-palette entry and its hint in the idle training panel.

The bindings (ui/key_labels.py builds Textual Bindings from these rows), the footer's words, the `?`
page, the palette's training commands and the idle hints are all drawn from this table, so a key is
added or renamed here once. Pure data: no Textual (the help page is built headless too).
"""

from __future__ import annotations

from dataclasses import dataclass

Words = tuple[str, str]  # (English, Chinese)


@dataclass(frozen=True)
class Key:
    """One binding.

    keys, action, show, key_display, priority: the Textual binding.
    owner: who binds it: "main" (the step-through screen), "app", "help" (the help screen),
    "state_space" (the trajectory and dendrogram screen), "projector" (projector mode), "heatmap"
    (a weight cell), "textual" (Textual's own, Tab and ctrl+p: listed for their help line and label).
    label: the footer's description, (English, Chinese); the footer shows the app's, the main
    screen's and the heatmaps' in the current language, the help screen's in English.
    help_key: the help page's key column; consecutive rows with the same one share its line.
    help: that line, (English, Chinese), on the first row of the group; None on the others, whose key
    `mention` (as the line names it) must appear in the line.
    palette: (title, help) of its command-palette entry in English, palette_zh the same in Chinese,
    ordered by palette_rank; hint: the label (text/labels.py) of its hint in the idle training panel.
    """

    keys: str
    action: str
    label: Words
    owner: str = "main"
    show: bool = True
    key_display: str | None = None
    priority: bool = False
    help_key: str = ""
    help: Words | None = None
    mention: str = ""
    palette: tuple[str, str] | None = None
    palette_rank: int = 0
    hint: str | None = None
    palette_zh: tuple[str, str] | None = None

    def help_key_in(self, lang: str) -> str:
        """The help page's key column in `lang`: key names stay, "or" is translated ("Right 或 l")."""
        return self.help_key.replace(" or ", " 或 ") if lang == "zh" else self.help_key

    def palette_in(self, lang: str) -> tuple[str, str]:
        """(title, help) of the palette entry in `lang`."""
        entry = self.palette_zh if lang == "zh" else self.palette
        if entry is None:
            raise ValueError(f"key {self.keys!r} has no palette entry in {lang!r}")
        return entry


KEYS: tuple[Key, ...] = (
    Key("right,l", "step(1)", ("Next", "下一步"), key_display="→/l", help_key="Right or l",
        help=("next tick (computes and reveals it)", "下一步（计算并显示这一步）")),
    Key("left,h", "step(-1)", ("Prev", "上一步"), key_display="←/h", help_key="Left or h",
        help=("previous tick (its exact state comes back)", "上一步（恢复那一步的确切状态）")),
    Key("home", "go_start", ("t=0", "t=0"), show=False, help_key="Home / End",
        help=("t = 0 / the last tick", "t = 0 / 最后一步")),
    Key("end", "go_end", ("Last tick", "最后一步"), show=False, help_key="Home / End", mention="End"),
    Key("space", "play", ("Play", "播放"), help_key="Space",
        help=("play or pause;  + / -  faster / slower", "播放或暂停；+ / - 加快 / 放慢")),
    Key("plus,equals_sign", "speed(1)", ("Faster", "加快"), show=False, help_key="Space", mention="+"),
    Key("minus", "speed(-1)", ("Slower", "放慢"), show=False, help_key="Space", mention="-"),
    Key("r", "reset", ("Reset", "重置"), show=False, help_key="r",
        help=("reset to t = 0 (hides the ticks again)", "回到 t = 0(再次隐藏各步)")),
    Key("n", "narration", ("Narration", "讲解"), owner="app", show=False, help_key="n",
        help=("the whole narration of this tick, and what the lesson is about", "这一步的完整讲解，以及这一课讲什么")),
    Key("w", "toggle_weights", ("Weights", "权重"), help_key="w",
        help=("weights only / everything (handy on small screens)", "只看权重 / 全部（小屏幕上好用）")),
    Key("tab", "", ("Focus Next", "Focus Next"), owner="textual", show=False, help_key="Tab",
        help=("move focus (timeline, weights); Escape returns to stepping",
              "移动焦点（时间轴、权重）；Escape 回到逐步查看")),
    Key("escape", "escape", ("Stop / back to stepping", "停止 / 回到逐步"), show=False, help_key="Tab",
        mention="Escape"),
    # a weight heatmap's arrows: one footer entry for the four ("←↑↓→ Move cell"), so the footer does
    # not claim that the arrows step the ticks while they move the cell
    Key("right", "move(0, 1)", ("Move cell", "移动单元格"), owner="heatmap", key_display="←↑↓→",
        help_key="Left/Right", help=("on a weight heatmap: ← → ↑ ↓ move the cell (h / l and the arrows step "
                                     "again once Escape or Tab leaves it)",
                                     "在权重热图上：← → ↑ ↓ 移动单元格（Escape 或 Tab 离开热图后，h / l 和方向键"
                                     "重新单步）")),
    Key("left", "move(0, -1)", ("Cell left", "左一格"), owner="heatmap", show=False, help_key="Left/Right",
        mention="Left"),
    Key("up", "move(-1, 0)", ("Cell up", "上一格"), owner="heatmap", show=False, help_key="Left/Right", mention="↑"),
    Key("down", "move(1, 0)", ("Cell down", "下一格"), owner="heatmap", show=False, help_key="Left/Right",
        mention="↓"),
    Key("enter,e", "edit", ("Edit value", "修改数值"), owner="heatmap", help_key="Enter",
        help=("on a weight cell: edit its value; the trace is recomputed", "在权重格上：修改它的值；轨迹随即重新计算")),
    Key("t", "train_epoch", ("Train", "训练"), help_key="t", help=(
        "one training epoch, animated: the forward sweep, the backward sweep t = T..1 (dL/dh(t) of the "
        "whole loss flowing back, row L(>=t) of the flow; gradients adding up), then the update "
        "(before -> after). Its pace follows the play speed (+ / -); any key finishes the epoch at once. "
        "With many sequences the first is animated and the epoch trains on all of them, as T does.",
        "动画演示一轮训练：前向扫描，然后从 t = T 到 1 的反向扫描（整体损失的 dL/dh(t) 向后流动，"
        "即梯度流的 L(>=t) 一行；梯度逐步累加），"
        "最后是更新（更新前 -> 更新后）。速度跟随播放速度（+ / -）；按任意键立即完成这一轮。"
        "有多个序列时只演示第一个，这一轮仍在全部序列上训练，和 T 一样。"),
        palette=("Train: one animated epoch (t)", "forward sweep, backward sweep, update"), palette_rank=1,
        hint="idle_t", palette_zh=("训练：动画演示一轮（t）", "前向扫描、反向扫描、更新")),
    Key("T", "train", ("Train continuously", "连续训练"), show=False, help_key="T", help=(
        "train continuously in the background (T again or Escape stops); stepping keeps working and "
        "shows the weights training",
        "在后台连续训练（再按 T 或 Escape 停止）；期间仍可逐步查看，并看到权重在训练"),
        palette=("Train: start or stop continuous training (T)", "in the background; T or Escape stops"),
        palette_rank=2, hint="idle_T",
        palette_zh=("训练：开始或停止连续训练（T）", "在后台进行；按 T 或 Escape 停止")),
    Key("s", "training_settings", ("Settings", "设置"), show=False, help_key="s", help=(
        "training settings: optimizer, learning rate, epochs, clipping, truncation k, which parameters "
        "train, re-initialise",
        "训练设置：优化器、学习率、轮数、梯度裁剪、截断 k、训练哪些参数、重新初始化"),
        palette=("Train: settings (s)", "optimizer, learning rate, epochs, freezing"), palette_rank=5,
        hint="idle_settings", palette_zh=("训练：设置（s）", "优化器、学习率、轮数、冻结参数")),
    Key("u", "undo_training", ("Undo", "撤销"), show=False, help_key="u", help=(
        "undo training: the exact weights from before the last run (several levels)",
        "撤销训练：回到上一次训练之前的确切权重（可撤销多层）"),
        palette=("Train: undo the last training run (u)", "exact weights from before it"), palette_rank=3,
        hint="idle_undo", palette_zh=("训练：撤销上一次训练（u）", "回到训练前的确切权重")),
    Key("g", "gradient_check", ("Grad check", "梯度检查"), show=False, help_key="g", help=(
        "gradient check: BPTT against central finite differences",
        "梯度检查：用中心有限差分核对随时间反向传播（BPTT）的梯度"),
        palette=("Train: gradient check (g)", "BPTT vs finite differences"), palette_rank=4, hint="idle_check",
        palette_zh=("训练：梯度检查（g）", "BPTT 与有限差分对照")),
    Key("v", "toggle_training_view", ("View", "视图"), show=False, help_key="v", help=(
        "training view on/off (one target's gradient flow and the loss curve)",
        "打开/关闭训练视图（一个目标的梯度流和损失曲线）"),
        palette=("Train: show or hide the training view (v)", "gradient flow, loss"), palette_rank=6,
        palette_zh=("训练：显示或隐藏训练视图（v）", "梯度流、损失")),
    Key("m", "toggle_memory", ("Memory", "记忆"), show=False, help_key="m", help=(
        "memory view on/off: h(t) of every hidden unit at every tick, and y(t) against the targets, as "
        "heatmaps (the current tick marked [t], the input symbol over each tick); it replaces this tick "
        "and the weights",
        "打开/关闭记忆视图：每个隐藏单元在每个时间步的 h(t)，以及 y(t) 与目标，都画成热图（当前步标为 [t]，"
        "每个时间步上方是输入符号）；它取代当前时间步和权重面板"),
        palette=("Show or hide the memory view (m)", "h(t) and y(t) at every tick, as heatmaps"), palette_rank=7,
        palette_zh=("显示或隐藏记忆视图（m）", "每个时间步的 h(t) 和 y(t)，画成热图")),
    Key("left_square_bracket", "flow_target(-1)", ("Earlier target", "前一个目标"), show=False, key_display="[",
        help_key="[ / ]", help=(
            "the gradient flow of the target tick before / after the one shown; it stays there while "
            "you step, until r",
            "梯度流改看前一个 / 后一个有目标的时间步；逐步查看时它保持不变，直到按 r")),
    Key("right_square_bracket", "flow_target(1)", ("Later target", "后一个目标"), show=False, key_display="]",
        help_key="[ / ]", mention="]"),
    Key("p", "state_space('trajectory')", ("State space", "状态空间"), show=False, help_key="p", help=(
        "the state space: every tick's hidden state h(t) over all the lesson's sequences, projected on "
        "its two principal components (explained variance shown); each point is its input's symbol, "
        "the shown sequence's path runs up to this tick, which is marked. m: letters / braille dots. "
        "Recomputed in the background while the weights train",
        "状态空间：本课所有序列每个时间步的隐藏状态 h(t) 在前两个主成分上的投影（显示解释的方差）；"
        "每个点标为其输入符号，当前序列的路径画到本时间步并标出它。m：字母 / 盲文点。"
        "权重训练时在后台重新计算")),
    Key("d", "state_space('dendrogram')", ("Clusters", "聚类"), show=False, help_key="d", help=(
        "the dendrogram: the mean h(t) per input symbol, clustered (Euclidean distance, average "
        "linkage; Elman 1990, Figure 7); the current tick's symbol is marked. p / d switch, Escape "
        "returns",
        "树状图：每个输入符号的平均 h(t) 的层次聚类（欧氏距离，平均连接；Elman 1990 图 7），"
        "标出当前时间步的符号。p / d 切换，Escape 返回")),
    Key("o", "sequence(1)", ("Sequence", "序列"), show=False, help_key="o / O", help=(
        "the lesson's next / previous sequence (a long text's next 32 characters), from t = 0; the "
        "header shows which (seq 2/5); training still runs over all of them",
        "本课的下一个 / 上一个序列（长文本的下 32 个字符），从 t = 0 开始；标题栏显示第几个"
        "（seq 2/5）；训练仍然用全部序列")),
    Key("O", "sequence(-1)", ("Previous sequence", "上一个序列"), show=False, help_key="o / O", mention="O"),
    Key("f5", "projector", ("Projector", "投影"), show=False, help_key="F5", help=(
        "projector mode: this tick's a(t), h(t), y(t) in large digits, the timeline and the equation, "
        "high contrast, for 60x20 and up (or srn-tui --projector); PgDn/PgUp, Space and the arrows step "
        "(a presentation clicker's keys), Escape returns",
        "投影模式：大号数字显示这一步的 a(t)、h(t)、y(t)，加上时间线和公式，高对比度，60x20 即可"
        "（或 srn-tui --projector）；PgDn/PgUp、空格和方向键单步（演示翻页器的按键），Escape 返回"),
        palette=("Projector mode (f5)", "large digits, high contrast, clicker keys"), palette_rank=8,
        palette_zh=("投影模式（f5）", "大号数字、高对比度、翻页器按键")),
    Key("ctrl+p", "command_palette", ("palette", "命令面板"), owner="textual", help_key="ctrl+p", help=(
        "command palette: open a lesson or a plain text file as a character-level lesson, load/save "
        'files, export the trace or the loss history, screenshot, theme, and "Switch narration '
        'language (English / 中文)" (or start with srn-tui --lang zh). Lessons and files load in the '
        "background: stepping keeps working, Escape cancels the load",
        "命令面板：打开一课或把纯文本文件当作字符级课程，读取/保存文件，导出轨迹或损失历史，"
        '截图，主题，以及“切换讲解语言（English / 中文）”（或用 srn-tui --lang zh 启动）。'
        "课程和文件在后台加载：期间仍可逐步查看，按 Escape 取消加载")),
    Key("question_mark", "help", ("Help", "帮助"), owner="app", key_display="?", help_key="?",
        help=("this help (Escape or ? closes it)", "本帮助（Escape 或 ? 关闭）")),
    Key("escape,question_mark,q", "close", ("Close help", "关闭帮助"), owner="help", help_key="?", mention="?"),
    Key("q", "quit_app", ("Quit", "退出"), owner="app", help_key="q", help=("quit", "退出")),
    # A guided tour (srn-tui tour, ui/tour_player.py): these win over the screen's keys while one plays
    # (a presentation clicker sends PgDn/PgUp, Space or the arrows); SrnApp.check_action passes them on
    # otherwise. The caption panel names them at every step, and the help page has their line.
    Key("pagedown,space,right,down", "tour_move(1)", ("Next step", "导览下一步"), owner="app", show=False,
        key_display="PgDn", priority=True, help_key="PgDn / PgUp", help=(
            "in a guided tour (srn-tui tour NAME plays one, srn-tui tours lists them, srn-tui tour --file "
            "FILE plays your own): next / previous step; Space, Right and Down go on too, Left and Up go "
            "back (what a presentation clicker sends); Escape leaves the tour and the app stays where it "
            "is. Other keys work as usual",
            "导览中（srn-tui tour 名称 播放一个导览，srn-tui tours 列出全部，srn-tui tour --file 文件 "
            "播放你自己写的）：下一步 / 上一步；空格、→ 和 ↓ 也前进，← 和 ↑ 也后退（演示翻页器发送的按键）；"
            "Escape 退出导览，应用停在原处。其他按键照常使用")),
    Key("pageup,left,up", "tour_move(-1)", ("Previous step", "导览上一步"), owner="app", show=False, priority=True,
        help_key="PgDn / PgUp", mention="PgUp"),
    Key("escape", "tour_leave", ("Leave the tour", "退出导览"), owner="app", show=False, priority=True,
        help_key="PgDn / PgUp", mention="Escape"),
    # The state-space screen's own keys (its p and d lines on the help page describe them).
    Key("p", "view('trajectory')", ("Trajectory", "轨迹"), owner="state_space", help_key="p", mention="p"),
    Key("d", "view('dendrogram')", ("Dendrogram", "树状图"), owner="state_space", help_key="d", mention="d"),
    Key("m", "markers", ("Markers", "标记"), owner="state_space", help_key="p", mention="m"),
    Key("right,l", "step(1)", ("Next", "下一步"), owner="state_space", key_display="→/l", help_key="Right or l",
        mention="Right"),
    Key("left,h", "step(-1)", ("Prev", "上一步"), owner="state_space", key_display="←/h", help_key="Left or h",
        mention="Left"),
    Key("home", "go(0)", ("t=0", "t=0"), owner="state_space", show=False, help_key="Home / End", mention="Home"),
    Key("end", "go(-1)", ("Last tick", "最后一步"), owner="state_space", show=False, help_key="Home / End",
        mention="End"),
    Key("escape", "close", ("Back", "返回"), owner="state_space", help_key="d", mention="Escape"),
    # The projector's keys: what a presentation clicker sends (its F5 line on the help page describes them).
    Key("pagedown,space,right,l", "step(1)", ("Next", "下一步"), owner="projector", help_key="F5", mention="PgDn"),
    Key("pageup,left,h", "step(-1)", ("Prev", "上一步"), owner="projector", help_key="F5", mention="PgUp"),
    Key("home", "go_start", ("t=0", "t=0"), owner="projector", show=False, help_key="F5", mention="F5"),
    Key("end", "go_end", ("Last tick", "最后一步"), owner="projector", show=False, help_key="F5", mention="F5"),
    Key("escape,f5,q", "close", ("Back", "返回"), owner="projector", help_key="F5", mention="Escape"),
)  # fmt: skip

KEY_SECTION: Words = ("KEYS", "按键")


def keys_of(owner: str) -> tuple[Key, ...]:
    """The rows `owner` binds, in table order."""
    return tuple(k for k in KEYS if k.owner == owner)


def help_lines(lang: str) -> tuple[tuple[str, str], ...]:
    """The help page's key lines, (key column, description) in `lang`, in table order."""
    index = 0 if lang == "en" else 1
    return tuple((k.help_key_in(lang), k.help[index]) for k in KEYS if k.help is not None)


def palette_entries() -> tuple[Key, ...]:
    """The rows with a command-palette entry, in palette order."""
    return tuple(sorted((k for k in KEYS if k.palette is not None), key=lambda k: k.palette_rank))


def hint_key(hint: str) -> str:
    """The key whose idle hint is the label `hint` ("idle_t" -> "t")."""
    return next(k.keys for k in KEYS if k.hint == hint)


def footer_words(lang: str) -> dict[str, str]:
    """Each footer description in English -> the same in `lang` (the footer's labels are swapped by it)."""
    return {k.label[0]: k.label[0 if lang == "en" else 1] for k in KEYS}
