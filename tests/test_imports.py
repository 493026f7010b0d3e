"""The engine and the headless commands must work without loading Textual (fast start, no UI deps).

Each check runs in a fresh interpreter, because this test process may already have imported Textual.
"""

from __future__ import annotations

import subprocess
import sys

NO_TEXTUAL = """
import sys
{body}
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
assert not loaded, f"textual modules were imported: {{loaded[:5]}}"
print("NO_TEXTUAL_OK")
"""


def _run_without_textual(body: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-c", NO_TEXTUAL.format(body=body)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "NO_TEXTUAL_OK" in result.stdout
    return result


def test_check_can_fail():
    """The harness itself notices Textual when it is imported."""
    result = subprocess.run(
        [sys.executable, "-c", NO_TEXTUAL.format(body="import textual")], capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "textual modules were imported" in result.stderr


def test_engine_scenarios_files_and_cli_import_without_textual():
    _run_without_textual("import srn_tui.engine, srn_tui.lessons, srn_tui.files, srn_tui.cli")


def test_headless_commands_run_without_textual():
    _run_without_textual(
        "from srn_tui.cli import main\n"
        "assert main(['trace']) == 0, 'trace failed'\n"
        "assert main(['train', '--epochs', '2']) == 0, 'train failed'\n"
        "assert main(['analyze', '--scenario', 'letters']) == 0, 'analyze failed'"
    )


def test_tour_files_are_read_and_listed_without_textual(tmp_path):
    """`tours` lists, and a bad tour file is refused (exit 2), before Textual is ever imported."""
    bad = tmp_path / "bad.toml"
    bad.write_text('title.en = "x"\ntitle.zh = "x"\n[[step]]\nlesson = "nope"\n')
    _run_without_textual(
        "from srn_tui.cli import main\n"
        "import srn_tui.tours\n"
        "assert main(['tours']) == 0, 'tours failed'\n"
        f"assert main(['tour', '--file', {str(bad)!r}]) == 2, 'a bad tour file was not refused'"
    )
