"""The footer's (and the key list's) descriptions of the keys in the current language.

Textual has no call to rename a binding. Each node keeps its own copy of its bindings
(`_bindings`, a BindingsMap whose `key_to_bindings` is public), so the descriptions are swapped
there and the footer is refreshed. The swap works both ways and twice in a row changes nothing;
tests/test_ui_labels.py checks the footer, so a Textual change that breaks this shows up there.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

KEYS_ZH = {
    "Next": "下一步",
    "Prev": "上一步",
    "t=0": "t=0",
    "Last tick": "最后一步",
    "Play": "播放",
    "Faster": "加快",
    "Slower": "放慢",
    "Reset": "重置",
    "Weights": "权重",
    "Train": "训练",
    "Train continuously": "连续训练",
    "Undo": "撤销",
    "Grad check": "梯度检查",
    "Settings": "设置",
    "View": "视图",
    "Earlier target": "前一个目标",
    "Later target": "后一个目标",
    "Stop / back to stepping": "停止 / 回到逐步",
    "Help": "帮助",
    "Quit": "退出",
    "Narration": "讲解",
    "palette": "命令面板",
    "State space": "状态空间",
    "Clusters": "聚类",
    "Trajectory": "轨迹",
    "Dendrogram": "树状图",
    "Back": "返回",
    "Markers": "标记",
}
KEYS_EN = {zh: en for en, zh in KEYS_ZH.items()}


def relabel_keys(node: DOMNode, lang: str) -> None:
    """Describe `node`'s keys in `lang` ("en" or "zh")."""
    table = KEYS_ZH if lang == "zh" else KEYS_EN
    bindings = node._bindings.key_to_bindings
    for key, items in bindings.items():
        bindings[key] = [replace(b, description=table.get(b.description, b.description)) for b in items]
    node.refresh_bindings()
