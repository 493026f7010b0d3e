"""The dialogs' words, in English and Chinese: training settings (s), the file picker, editing a weight
(Enter on a cell) and the gradient check (g).

Field names that are symbols (W_xh, h0, k) and the optimizer and initializer names (sgd, adam, xavier)
stay as they are in both languages. The gradient check's table is an aligned grid: its column heads
stay ASCII so the columns line up in CJK terminals; the lines around it are translated.
"""

from __future__ import annotations

from .lang import fill_table

EN: dict[str, str] = {
    # training settings (s)
    "settings_title": "Training settings (defaults come from the lesson)",
    "optimizer": "optimizer ",
    "lr": "  learning rate ",
    "epochs": "epochs ",
    "plateau": "or until the loss stops falling",
    "clip": "clip (blank: off) ",
    "truncate": "  truncate k (blank: full) ",
    "train": "train ",
    "reinit": "re-initialise ",
    "lesson_own": "lesson's own",
    "seed": "  seed ",
    "apply": "Apply",
    "apply_reinit": "Apply + re-initialise",
    "defaults": "Lesson defaults",
    "cancel": "Cancel",
    "drawn_given": "starting weights now: given numbers, not a random draw (no seed)",
    "drawn_seed": "starting weights now: {how}, seed {seed}",
    "drawn_lesson": "the lesson's own draw",
    # a field's problem (settings and edit): {field} is the field's name below
    "field_empty": "{field}: type a number",
    "field_not_whole": "{field}: {text!r} is not a whole number",
    "field_not_number": "{field}: {text!r} is not a number",
    "field_not_positive": "{field}: must be positive, found {text}",
    "seed_bad": "seed: {text!r} is not a whole number of 0 or more",
    # the file picker
    "file_placeholder": "path to a file, then Enter",
    "file_keys": "Enter: accept   Escape: cancel   Tab: tree / path",
    "load_model": "Load a model (.json or .npz)",
    "load_sequence": "Load a sequence (.csv or .json)",
    "save_model": "Save the model as (.json or .npz)",
    "export_trace": "Export the trace as {fmt}",
    "export_loss": "Export the loss history as CSV",
    "open_text": "Open a plain text file as a character-level lesson",
    # editing a weight
    "edit_label": "New value for {target} (now {value})",
    "edit_keys": "Enter: accept   Escape: cancel",
    "edit_empty": "type a number, e.g. -0.25",
    "edit_not_number": "not a number: {text!r}",
    "edit_not_finite": "must be a finite number, not {text!r}",
    # the gradient check
    "check_head": "BPTT gradient vs central finite differences (eps {eps})",
    "check_verdict": "max relative error {error} over {compared} compared: gradients {verdict} (tol {tol})",
    "check_columns": "param|max rel error|at|BPTT|numeric|compared",
    "check_agree": "agree",
    "check_disagree": "DISAGREE",
    "check_tiny_one": "1 tiny entry not compared (both gradients < {floor});",
    "check_tiny_many": "{n} tiny entries not compared (both gradients < {floor});",
    "check_tiny_within": "their largest absolute difference, {error}, is under the limit {limit}",
    "check_tiny_over": "their largest absolute difference, {error}, is OVER the limit {limit}",
    "check_tiny_row": " (+{n} tiny)",
    "check_keys": "Escape, g or Enter closes",
}

ZH: dict[str, str] = {
    "settings_title": "训练设置（默认值来自本课）",
    "optimizer": "优化器 ",
    "lr": "  学习率 ",
    "epochs": "轮数 ",
    "plateau": "或直到损失不再下降",
    "clip": "裁剪（留空：不裁剪） ",
    "truncate": "  截断 k（留空：完整） ",
    "train": "训练 ",
    "reinit": "重新初始化 ",
    "lesson_own": "本课自己的",
    "seed": "  种子 ",
    "apply": "应用",
    "apply_reinit": "应用并重新初始化",
    "defaults": "本课默认值",
    "cancel": "取消",
    "drawn_given": "当前的初始权重：给定的数值，不是随机抽取（没有种子）",
    "drawn_seed": "当前的初始权重：{how}，种子 {seed}",
    "drawn_lesson": "本课自己的抽取方式",
    "field_empty": "{field}：请输入一个数",
    "field_not_whole": "{field}：“{text}”不是整数",
    "field_not_number": "{field}：“{text}”不是数",
    "field_not_positive": "{field}：必须是正数，现在是 {text}",
    "seed_bad": "种子：“{text}”不是大于等于 0 的整数",
    "file_placeholder": "文件路径，然后按 Enter",
    "file_keys": "Enter：确定   Escape：取消   Tab：目录树 / 路径",
    "load_model": "读取模型（.json 或 .npz）",
    "load_sequence": "读取序列（.csv 或 .json）",
    "save_model": "把模型保存为（.json 或 .npz）",
    "export_trace": "把轨迹导出为 {fmt}",
    "export_loss": "把损失历史导出为 CSV",
    "open_text": "把纯文本文件当作字符级课程打开",
    "edit_label": "{target} 的新值（现在是 {value}）",
    "edit_keys": "Enter：确定   Escape：取消",
    "edit_empty": "请输入一个数，例如 -0.25",
    "edit_not_number": "不是数：“{text}”",
    "edit_not_finite": "必须是有限的数，不能是“{text}”",
    "check_head": "随时间反向传播（BPTT）的梯度与中心有限差分对照（eps {eps}）",
    "check_verdict": "在 {compared} 个比较项中最大相对误差 {error}：梯度{verdict}（容差 {tol}）",
    "check_columns": "参数|最大相对误差|位置|BPTT|数值|比较数",
    "check_agree": "一致",
    "check_disagree": "不一致",
    "check_tiny_one": "1 个极小项没有比较（两个梯度都 < {floor}）；",
    "check_tiny_many": "{n} 个极小项没有比较（两个梯度都 < {floor}）；",
    "check_tiny_within": "它们的最大绝对差 {error} 在限值 {limit} 之内",
    "check_tiny_over": "它们的最大绝对差 {error} 超过了限值 {limit}",
    "check_tiny_row": " (+{n} 个极小)",
    "check_keys": "按 Escape、g 或 Enter 关闭",
}

WORDS = {"en": EN, "zh": ZH}

# A field's name as the settings dialog's messages give it (English: the name itself).
FIELD_ZH = {"epochs": "轮数", "learning rate": "学习率", "lr": "学习率", "clip": "裁剪", "truncate k": "截断 k"}


def say(lang: str, key: str, **values: object) -> str:
    """The dialog words `key` in `lang`, with `values` filled in (already formatted by the caller)."""
    return fill_table(WORDS, "dialog words", lang, key, values)


class FieldError(ValueError):
    """A dialog field that could not be read: the message `key` with its values. str() is the English
    line (as before); `words(lang)` tells it in either language."""

    def __init__(self, key: str, **values: str) -> None:
        self.key = key
        self.values = values
        super().__init__(self.words("en"))

    def words(self, lang: str) -> str:
        values = dict(self.values)
        if lang == "zh" and "field" in values:
            values["field"] = FIELD_ZH.get(values["field"], values["field"])
        return say(lang, self.key, **values)
