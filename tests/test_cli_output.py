"""Where the output goes wrong: a full disk, a closed stdout, a reader that left, an encoding
without Chinese. Each ends in one line on stderr (or, for a reader that left, quietly) and a
non-zero status; never a traceback, never a silent 0. Real processes: the interpreter's own flush
at exit is part of what is tested."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hostile import assert_clean_output

COMMANDS = [
    ["trace"],
    ["trace", "--format", "json"],
    ["train", "--epochs", "3"],
    ["train", "--epochs", "3", "--format", "json"],
    ["scenarios"],
    ["--help"],
    ["train", "--help"],
    ["--version"],
]
IDS = [" ".join(c) for c in COMMANDS]


def srn_tui(argv: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "srn_tui", *argv], capture_output=False, timeout=120, **kwargs)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("argv", COMMANDS, ids=IDS)
def test_a_full_disk_is_one_line_and_status_1(argv):
    with open("/dev/full", "wb") as full:
        result = srn_tui(argv, stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 1
    line = assert_clean_output(result.stderr, lines=1)
    assert line == "srn-tui: cannot write the output (no space left on device)\n"


@pytest.mark.parametrize("argv", COMMANDS, ids=IDS)
def test_a_closed_stdout_is_one_line_and_status_1(argv):
    # `srn-tui ... >&-`: the process starts without file descriptor 1.
    result = srn_tui(argv, stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1))
    assert result.returncode == 1
    assert (
        assert_clean_output(result.stderr, lines=1) == "srn-tui: cannot write the output (standard output is closed)\n"
    )


@pytest.mark.parametrize("argv", COMMANDS, ids=IDS)
def test_a_reader_that_left_ends_quietly_with_the_sigpipe_status(argv):
    # `srn-tui ... | head`, with head gone before we write: no traceback, no "Exception ignored",
    # and not 0 (the status a shell shows when SIGPIPE ends a program, as for `yes | head`).
    process = subprocess.Popen([sys.executable, "-m", "srn_tui", *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()
    err = process.stderr.read()
    assert (process.wait(timeout=120), err) == (141, b"")


@pytest.mark.parametrize(
    ("encoding", "argv"),
    [
        ("ascii", ["trace", "--lang", "zh", "--format", "markdown"]),
        ("latin-1", ["trace", "--lang", "zh", "--format", "markdown"]),
        ("ascii", ["train", "--text", "TEXT", "--epochs", "1"]),
        ("ascii", ["trace", "--text", "TEXT", "--format", "markdown"]),
    ],
)
def test_an_output_encoding_without_chinese_gets_escapes_and_one_note(tmp_path, encoding, argv):
    text = tmp_path / "你好.txt"
    text.write_text("你好,世界。你好,世界。")
    argv = [str(text) if a == "TEXT" else a for a in argv]
    env = dict(os.environ, PYTHONIOENCODING=encoding)
    result = srn_tui(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode(encoding)  # what was written is valid in the stream's encoding
    assert "\\u" in out  # the characters it cannot hold, as escapes
    note = assert_clean_output(result.stderr, lines=1)
    assert note.startswith("srn-tui: the output encoding (") and "cannot show" in note and "UTF-8" in note


def test_a_utf8_output_gets_no_note():
    result = srn_tui(["trace", "--lang", "zh", "--format", "markdown"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert (result.returncode, result.stderr) == (0, b"")
    assert "时间步" in result.stdout.decode("utf-8")
