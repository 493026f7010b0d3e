"""The words of every problem with a tour file (tours/format.py's TourError), in English and Chinese,
and the command line's lines that came after text/problem_words.py was full.

text/problem_words.py adds these to its table; text/problems.py puts them together:
"<file>: step 2, actions[1]: <problem>". The English lines are the ones tours/format.py wrote before
its errors were facts. Field names (actions[1], caption.zh, keep.h5), action and panel names, the
TOML syntax ([[step]], lesson = "seed") and a TOML parser's own message stay as they are.
"""

from __future__ import annotations

TOUR_EN: dict[str, str] = {
    # the file
    "tour_directory": "a directory, not a tour file",
    "tour_too_big": "{size:,} bytes, more than the {limit} KB a tour file may have",
    "tour_cannot_read": "cannot read it ({reason})",
    "tour_not_utf8": "not UTF-8 text",
    "tour_not_toml": "not valid TOML ({detail})",
    "unknown_tour": "unknown tour {name}; choose from {choices} (or --file FILE)",
    # the tour and its steps
    "tour_unknown_field": "unknown field; a tour has title and [[step]] tables",
    "tour_no_steps": "a tour needs at least one [[step]]",
    "tour_too_many_steps": "{count} steps, at most {limit}",
    "step_not_table": "each step is a table ([[step]])",
    "tour_epochs": "the tour trains {epochs:,} epochs in all, at most {limit:,}",
    "tour_epoch_ticks": "the tour's training adds up to {count:,} epoch-ticks, at most {limit:,}",
    "step_unknown_field": "unknown field; a step has {fields}",
    "lesson_not_name": 'a lesson\'s name, e.g. "seed"',
    "first_step_lesson": 'the first step must open a lesson (lesson = "seed")',
    "seed_without_lesson": "a seed goes with the lesson it re-draws (in the step that opens it)",
    "whole_number": "a whole number from {low} to {high}, found {found}",
    "actions_not_list": 'a list of action names, e.g. ["step", "train 400"]',
    "too_many_actions": "{count} actions, at most {limit} per step",
    "unknown_action": "unknown action {action}; choose from {choices}",
    "action_no_argument": "{action} takes no argument",
    "action_needs_number": "{action} takes a whole number",
    "go_needs_tick": "go needs a tick, e.g. go 3",
    "action_range": "{action} {arg}: from {low} to {high}",
    "lesson_epochs": "the lesson trains {epochs} epochs, over {limit}: write train N",
    "step_epochs": "{epochs} epochs in one step, at most {limit}",
    "unknown_spotlight": "unknown panel {name}; choose from {choices}",
    "keep_table": 'a table of at most {limit} names, e.g. keep = {{ h5 = "h[5]" }}',
    "keep_name": "a new name (letters, digits, _), not one of the built-in names",
    "keep_not_text": 'a placeholder without braces, e.g. "ratio(grad[1], grad[tau])"',
    "both_languages": "needs {field}.en and {field}.zh, both text (and no other language)",
    "text_length": "1 to {limit} characters, found {count}",
    "expect_table": "expect.en and expect.zh: lists of text that must be on the screen",
    "expect_lines": "a list of non-empty strings",
    "expect_too_long": "at most {count} lines of {length} characters",
    # where
    "place_step": "step {n}",
    "step_and_field": "{step}, {field}",
    "source_builtin_tour": "{name} (built-in tour)",
    # the command line
    "serving": "serving the app at {address} (one app per browser tab; Ctrl+C stops)",
}

TOUR_ZH: dict[str, str] = {
    "tour_directory": "这是一个文件夹，不是导览文件",
    "tour_too_big": "有 {size:,} 字节，超过了导览文件 {limit} KB 的上限",
    "tour_cannot_read": "无法读取（{reason}）",
    "tour_not_utf8": "不是 UTF-8 文本",
    "tour_not_toml": "不是有效的 TOML（{detail}）",
    "unknown_tour": "没有导览 {name}；可选：{choices}（或用 --file FILE）",
    "tour_unknown_field": "未知的字段；导览只有 title 和 [[step]] 表",
    "tour_no_steps": "导览至少需要一个 [[step]]",
    "tour_too_many_steps": "有 {count} 步，最多 {limit} 步",
    "step_not_table": "每一步都是一个表（[[step]]）",
    "tour_epochs": "整个导览共训练 {epochs:,} 轮，最多 {limit:,} 轮",
    "tour_epoch_ticks": "导览的训练累计 {count:,} 轮·时间步，最多 {limit:,}",
    "step_unknown_field": "未知的字段；一步可以有 {fields}",
    "lesson_not_name": '应为课程名，例如 "seed"',
    "first_step_lesson": '第一步必须打开一个课程（lesson = "seed"）',
    "seed_without_lesson": "seed 要和它重新抽取的课程写在一起（写在打开该课程的那一步）",
    "whole_number": "应为 {low} 到 {high} 之间的整数，实际是 {found}",
    "actions_not_list": '应为动作名的列表，例如 ["step", "train 400"]',
    "too_many_actions": "有 {count} 个动作，每步最多 {limit} 个",
    "unknown_action": "未知的动作 {action}；可选：{choices}",
    "action_no_argument": "{action} 不带参数",
    "action_needs_number": "{action} 的参数应为整数",
    "go_needs_tick": "go 需要一个时间步，例如 go 3",
    "action_range": "{action} {arg}：应在 {low} 到 {high} 之间",
    "lesson_epochs": "该课程默认训练 {epochs} 轮，超过了 {limit} 轮：请写 train N",
    "step_epochs": "一步里训练 {epochs} 轮，最多 {limit} 轮",
    "unknown_spotlight": "未知的面板 {name}；可选：{choices}",
    "keep_table": '应为最多 {limit} 个名字的表，例如 keep = {{ h5 = "h[5]" }}',
    "keep_name": "应为新的名字（字母、数字、_），不能是内置的名字",
    "keep_not_text": '应为不带花括号的占位符，例如 "ratio(grad[1], grad[tau])"',
    "both_languages": "需要 {field}.en 和 {field}.zh，都是文本（不能有别的语言）",
    "text_length": "应为 1 到 {limit} 个字符，实际有 {count} 个",
    "expect_table": "expect.en 和 expect.zh：屏幕上必须出现的文本列表",
    "expect_lines": "应为非空字符串的列表",
    "expect_too_long": "最多 {count} 行，每行最多 {length} 个字符",
    "place_step": "第 {n} 步",
    "step_and_field": "{step}的 {field}",
    "source_builtin_tour": "{name}（内置导览）",
    "serving": "正在 {address} 提供应用（每个浏览器标签页一个应用；Ctrl+C 停止）",
}
