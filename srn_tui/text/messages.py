"""The app's short messages (toasts) and its command-palette entries, in English and Chinese.

Names stay as they are in both languages: lesson ids, file names and paths, formats (markdown, csv,
json), keys (T, Escape), symbols (BPTT).
"""

from __future__ import annotations

from .lang import fill_table

EN: dict[str, str] = {
    # toasts
    "lang_switched": "narration: English",
    "screenshot_saved": "screenshot saved to {path}",
    "could_not": "Could not do that",
    "saved_model": "saved model to {path}",
    "exported_trace": "exported the trace to {path}",
    "exported_loss": "exported {n} epochs of loss history to {path}",
    "sent_download": "sent {name} to the browser's downloads",
    "no_server_files": "in a browser the app cannot open files: the files it could see are the serving machine's",
    "loaded_lesson": "lesson {name}: {title}",
    "loaded_model": "loaded model {path}",
    "loaded_sequence": "loaded sequence {path}",
    "running_first": "training is running: T or Escape stops it first",
    "training_failed": "training stopped: {error}",
    "diverged_title": "Training diverged",
    "stop_first": "stop training first (T or Escape), then {press}",
    "nothing_to_undo": "nothing to undo: no training run yet",
    "checking": "checking BPTT against finite differences ...",
    "check_failed": "gradient check failed: {error}",
    "reinitialised": "re-initialised with {how}, seed {seed} (u undoes)",
    "lesson_initializer": "the lesson's own initializer",
    "speed": "speed: {delay} s per tick",
    "claim_in_view": "v: the lesson's claim, measured.",
    # the command palette: (title, help) pairs, "_help" after the title's key
    "palette_placeholder": "Search for commands…",
    "open_lesson": "Open lesson: {name}",
    "open_text": "Open a text file as a character-level lesson",
    "open_text_help": "one-hot characters, softmax output, predict the next character",
    "switch_lang": "Switch narration language (English / 中文)",
    "switch_lang_help": "now {now}: the narration and training messages",
    "lang_now_en": "English",
    "lang_now_zh": "中文",
    "load_model": "Load model file",
    "load_model_help": "a model .json or .npz",
    "load_sequence": "Load sequence file",
    "load_sequence_help": "a sequence .csv or .json",
    "save_model": "Save model",
    "save_model_help": "write the current weights to a file",
    "export_trace": "Export trace as {fmt}",
    "export_trace_help": "forward pass and BPTT of every tick",
    "export_loss": "Export loss history as CSV",
    "export_loss_help": "epoch, loss, gradient norm of every epoch kept",
    "state_trajectory": "State space: trajectory of the hidden states (p)",
    "state_trajectory_help": "h(t) of every tick on its two principal components; the current sequence's path",
    "state_dendrogram": "State space: dendrogram of the mean hidden state per label (d)",
    "state_dendrogram_help": "hierarchical clustering, average linkage (Elman 1990, Figure 7)",
    "tick_errors": "Words: loss per tick with word onsets",
    "tick_errors_help": "the words lesson: the error rises where a word begins (Elman 1990, Figure 6)",
    "screenshot": "Take screenshot",
    "screenshot_help": "save the screen as an SVG file",
}

ZH: dict[str, str] = {
    "lang_switched": "讲解语言：中文",
    "screenshot_saved": "截图已保存到 {path}",
    "could_not": "无法完成",
    "saved_model": "模型已保存到 {path}",
    "exported_trace": "轨迹已导出到 {path}",
    "exported_loss": "{n} 轮的损失历史已导出到 {path}",
    "sent_download": "已把 {name} 发送到浏览器的下载",
    "no_server_files": "在浏览器里本应用不能打开文件：它能看到的是服务器上的文件",
    "loaded_lesson": "课程 {name}：{title}",
    "loaded_model": "已读取模型 {path}",
    "loaded_sequence": "已读取序列 {path}",
    "running_first": "正在训练：先按 T 或 Escape 停止",
    "training_failed": "训练停止：{error}",
    "diverged_title": "训练发散",
    "stop_first": "先停止训练（T 或 Escape），再按 {press}",
    "nothing_to_undo": "没有可撤销的：还没有训练过",
    "checking": "正在用有限差分核对 BPTT……",
    "check_failed": "梯度检查失败：{error}",
    "reinitialised": "已用 {how} 重新初始化，种子 {seed}（按 u 撤销）",
    "lesson_initializer": "本课自己的初始化方式",
    "speed": "速度：每个时间步 {delay} 秒",
    "claim_in_view": "按 v 看本课结论的实测。",
    "palette_placeholder": "搜索命令……",
    "open_lesson": "打开课程：{name}",
    "open_text": "把文本文件当作字符级课程打开",
    "open_text_help": "独热编码的字符，softmax 输出，预测下一个字符",
    "switch_lang": "切换讲解语言（English / 中文）",
    "switch_lang_help": "当前：{now}；讲解和训练消息",
    "lang_now_en": "English",
    "lang_now_zh": "中文",
    "load_model": "读取模型文件",
    "load_model_help": "模型 .json 或 .npz",
    "load_sequence": "读取序列文件",
    "load_sequence_help": "序列 .csv 或 .json",
    "save_model": "保存模型",
    "save_model_help": "把当前权重写入文件",
    "export_trace": "把轨迹导出为 {fmt}",
    "export_trace_help": "每一步的前向计算和随时间反向传播（BPTT）",
    "export_loss": "把损失历史导出为 CSV",
    "export_loss_help": "保留下来的每一轮的轮次、损失和梯度范数",
    "state_trajectory": "状态空间：隐藏状态的轨迹（p）",
    "state_trajectory_help": "每个时间步的 h(t) 投影到它的两个主成分上；当前序列的路径",
    "state_dendrogram": "状态空间：每个标签的平均隐藏状态的树状图（d）",
    "state_dendrogram_help": "层次聚类，平均连接（Elman 1990，图 7）",
    "tick_errors": "单词：每个时间步的损失与词首",
    "tick_errors_help": "单词一课：误差在一个词开始的地方升高（Elman 1990，图 6）",
    "screenshot": "截图",
    "screenshot_help": "把屏幕保存为 SVG 文件",
}

MESSAGES = {"en": EN, "zh": ZH}

# Textual's own words on our screens, English -> Chinese: its system commands in the palette (titles
# and help), as Textual 8 writes them; a title Textual renames is left as it is.
TEXTUAL_ZH: dict[str, str] = {
    "Theme": "主题",
    "Change the current theme": "更换当前主题",
    "Quit": "退出",
    "Quit the application as soon as possible": "立即退出程序",
    "Keys": "按键",
    "Show help for the focused widget and a summary of available keys": "显示当前焦点部件的帮助和可用按键一览",
    "Hide the keys and widget help panel": "隐藏按键和部件帮助面板",
    "Maximize": "最大化",
    "Maximize the focused widget": "最大化当前焦点部件",
    "Minimize": "还原",
    "Minimize the widget and restore to normal size": "把部件还原到正常大小",
    "Screenshot": "截图",
    "Save an SVG 'screenshot' of the current screen": "把当前屏幕保存为 SVG 截图",
}


def message(lang: str, key: str, **values: object) -> str:
    """The message `key` in `lang`, with `values` filled in (already formatted by the caller)."""
    return fill_table(MESSAGES, "message", lang, key, values)
