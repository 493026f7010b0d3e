"""Saves that are interrupted: SIGTERM or SIGHUP mid-write leave the old file and no temporary
file; SIGKILL's leftovers are recognisable by name and cleaned by a later save once stale."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from srn_tui.files import InputError, save_model
from srn_tui.files.atomic import STALE_SECONDS, atomic_file, remove_stale_temps, temp_name
from srn_tui.lessons import get_scenario

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")

# Writes forever (1 MB, then 100 kB every 10 ms) after saying so; the signal decides how it ends.
SLOW_WRITER = """
import signal, sys, time
from srn_tui.files.atomic import atomic_file
# A test runner started under nohup passes SIGHUP on as ignored: start from the default.
signal.signal(signal.SIGHUP, signal.SIG_IGN if sys.argv[2] == "ignore-hup" else signal.SIG_DFL)
with atomic_file(sys.argv[1]) as f:
    f.write(b"x" * 1_000_000)
    print("writing", flush=True)
    for _ in range(int(sys.argv[3])):
        f.write(b"y" * 100_000)
        time.sleep(0.01)
print("saved", flush=True)
"""

# The real command, with fsync made slow: `train --save` is stopped between write and rename.
SLOW_SAVE = """
import os, signal, sys, time
signal.signal(signal.SIGHUP, signal.SIG_DFL)  # as in SLOW_WRITER: not ignored because of nohup
def slow_fsync(fd, _fsync=os.fsync):
    print("fsync", flush=True)
    time.sleep(60)
    _fsync(fd)
os.fsync = slow_fsync
from srn_tui.cli import main
sys.exit(main(sys.argv[1:]))
"""


def start(script: str, *args: str, expect: str) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout.readline().decode().strip() == expect  # now inside the write
    return process


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_mid_write_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path, signum):
    target = tmp_path / "big.bin"
    target.write_bytes(b"old")
    process = start(SLOW_WRITER, str(target), "-", "100000", expect="writing")
    process.send_signal(signum)
    assert process.wait(timeout=60) == -signum  # it still ends by the signal, as it would have
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []
    assert process.stderr.read() == b""  # no traceback


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_during_train_save_keeps_the_old_model_and_leaves_no_temporary_file(tmp_path, signum):
    target = tmp_path / "model.json"
    target.write_text("old")
    process = start(SLOW_SAVE, "train", "--epochs", "2", "--save", str(target), expect="fsync")
    process.send_signal(signum)
    assert process.wait(timeout=60) == -signum
    assert target.read_text() == "old"
    assert leftovers(tmp_path) == []


def test_an_ignored_hangup_does_not_stop_the_save(tmp_path):
    # Under nohup SIGHUP is ignored on purpose: the save carries on and completes.
    target = tmp_path / "big.bin"
    process = start(SLOW_WRITER, str(target), "ignore-hup", "30", expect="writing")
    process.send_signal(signal.SIGHUP)
    assert process.wait(timeout=60) == 0
    assert target.stat().st_size == 1_000_000 + 30 * 100_000
    assert leftovers(tmp_path) == []


def test_the_programs_own_handler_gets_the_signal_and_is_restored(tmp_path):
    seen: list[int] = []

    def handler(signum, _frame):
        seen.append(signum)

    target = tmp_path / "m.bin"
    target.write_bytes(b"old")
    before = signal.signal(signal.SIGTERM, handler)
    try:
        with (
            pytest.raises(InputError, match=r"m\.bin: not saved: interrupted by SIGTERM"),
            atomic_file(target) as f,
        ):
            f.write(b"new")
            signal.raise_signal(signal.SIGTERM)
            f.write(b"never")
        assert signal.getsignal(signal.SIGTERM) is handler
    finally:
        signal.signal(signal.SIGTERM, before)
    assert seen == [signal.SIGTERM]  # delivered once, to its owner, after the clean-up
    assert target.read_bytes() == b"old" and leftovers(tmp_path) == []


def test_a_save_from_a_worker_thread_works(tmp_path):
    # Python allows signal handlers only in the main thread: elsewhere the save goes without them.
    errors: list[BaseException] = []

    def save() -> None:
        try:
            save_model(get_scenario("seed").model(), tmp_path / "m.json")
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=save)
    thread.start()
    thread.join()
    assert errors == [] and json.loads((tmp_path / "m.json").read_text())["W_xh"] == [[0.5]]


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_sigkill_leaves_a_temporary_file_named_as_ours_that_a_later_save_cleans(tmp_path):
    target = tmp_path / "big.bin"
    process = start(SLOW_WRITER, str(target), "-", "100000", expect="writing")
    process.kill()
    process.wait(timeout=60)
    (left,) = leftovers(tmp_path)
    assert left.startswith(f".big.bin.srn-tui-{process.pid}-")  # whose, and for which file
    save_model(get_scenario("seed").model(), tmp_path / "other.json")
    assert leftovers(tmp_path) == [left]  # too fresh: it could be a save still going on
    old = time.time() - STALE_SECONDS - 5
    os.utime(tmp_path / left, (old, old))
    save_model(get_scenario("seed").model(), tmp_path / "other.json")
    assert leftovers(tmp_path) == []


def test_only_stale_files_of_ours_from_gone_processes_are_removed(tmp_path):
    now = time.time()
    old = now - STALE_SECONDS - 5
    dead, alive = _dead_pid(), os.getppid()
    files = {
        "stale": temp_name(tmp_path / "a.json", dead),
        "fresh": temp_name(tmp_path / "b.json", dead),
        "running": temp_name(tmp_path / "c.json", alive),
        "not ours": tmp_path / ".c.json.1a2b3c4d.tmp",
        "user's": tmp_path / "notes.srn-tui-1-00000000.tmp",
    }
    for path in files.values():
        path.write_text("x")
        os.utime(path, (old, old))
    os.utime(files["fresh"], (now, now))
    directory = tmp_path / temp_name(tmp_path / "d.json", dead).name
    directory.mkdir()  # a directory with our name pattern: never touched
    os.utime(directory, (old, old))
    assert remove_stale_temps(tmp_path, now) == [files["stale"]]
    assert not files["stale"].exists() and directory.is_dir()
    assert all(path.exists() for kind, path in files.items() if kind != "stale")
