"""`srn-tui serve` without a browser: the command each visitor's app runs, and the one-line
refusals (no web extra, a taken port, a wrong lesson)."""

from __future__ import annotations

import io
import shlex
import socket
import sys
from pathlib import Path

import pytest

from srn_tui.cli import main
from srn_tui.serve import ServeOptions, app_command, run_server


def _options(**kw) -> ServeOptions:
    base = dict(
        host="127.0.0.1", port=8000, lang=None, scenario=None, model_path=None, sequence_path=None, text_path=None
    )
    base.update(kw)
    return ServeOptions(**base)


def test_each_visitor_runs_this_python_on_the_lesson_given(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    words = shlex.split(app_command(_options(scenario="letters", text_path="my text.txt", lang="zh")))
    assert words[:3] == [sys.executable, "-m", "srn_tui"]
    assert words[words.index("--scenario") + 1] == "letters"
    # A relative file is made absolute: the app process may start in another directory. A space in
    # the name survives the shell.
    assert words[words.index("--text") + 1] == str(tmp_path / "my text.txt")
    assert words[words.index("--lang") + 1] == "zh"
    assert "--model" not in words and "--sequence" not in words


def test_without_the_web_extra_serve_says_how_to_get_it(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # import fails as if not installed
    err = io.StringIO()
    assert run_server(_options(), err) == 2
    assert err.getvalue() == 'srn-tui: srn-tui serve needs the web extra: pip install "srn-tui[web]"\n'


def test_a_taken_port_is_one_line(capfd) -> None:
    pytest.importorskip("textual_serve")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        err = io.StringIO()
        assert run_server(_options(port=port), err) == 2
    lines = err.getvalue().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"srn-tui: cannot serve at http://127.0.0.1:{port}: ")
    assert capfd.readouterr().out == ""  # nor the server's banner, as if it had started


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["serve", "--port", "0"], "argument --port: must be at least 1, found 0"),
        (["serve", "--port", "65536"], "argument --port: must be at most 65535, found 65536"),
        (["serve", "--scenario", "nope"], "unknown scenario 'nope'"),
    ],
)
def test_bad_serve_options_are_refused_before_serving(argv, expected, capsys) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert expected in err and len(err.splitlines()) == 1
