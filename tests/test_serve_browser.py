"""`srn-tui serve` opened in a real headless browser: the app's first screen arrives over the
websocket, a key press in the page advances the tick, and a screenshot of the page is saved.

Needs the web extra (textual-serve), Playwright's Python package and a Chromium. A developer
without them sees this module skipped; CI installs them and sets SRN_TUI_REQUIRE_BROWSER=1, so
there a missing piece fails instead.
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REQUIRED = os.environ.get("SRN_TUI_REQUIRE_BROWSER") == "1"


def _need(module: str):
    if REQUIRED:  # in CI a missing piece is a failure, not a skip
        return importlib.import_module(module)
    return pytest.importorskip(module)


def _chromium() -> str:
    path = os.environ.get("SRN_TUI_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if REQUIRED:
            pytest.fail("no Chromium found (install Debian's chromium, or set SRN_TUI_CHROMIUM)")
        pytest.skip("no Chromium found")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_page(url: str, server: subprocess.Popen, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the server exited with {server.returncode}: {server.stderr.read() if server.stderr else ''}")
        try:
            with urllib.request.urlopen(url, timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"the server did not answer at {url} within {seconds} s")


# The app's frames are terminal output: text interleaved with escape sequences. Drop the escapes
# to read the words.
_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[()][0-9A-B]")


def _screen_text(frames: list[str | bytes]) -> str:
    text = "".join(f if isinstance(f, str) else f.decode("utf-8", "replace") for f in frames)
    return _ESCAPES.sub("", text)


@pytest.fixture
def server(tmp_path: Path):
    _need("textual_serve")
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "srn_tui", "serve", "--port", str(port), "--scenario", "seed", "--lang", "en"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for_page(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_a_browser_gets_the_app_and_a_key_steps_the_tick(server: str, tmp_path: Path) -> None:
    sync_api = _need("playwright.sync_api")
    frames: list[str | bytes] = []

    def watch(ws) -> None:
        ws.on("framereceived", lambda payload: frames.append(payload))

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.on("websocket", watch)
            page.goto(server)

            def screen_shows(pattern: str, seconds: float = 60.0) -> str:
                deadline = time.monotonic() + seconds
                while time.monotonic() < deadline:
                    text = _screen_text(frames)
                    if re.search(pattern, text):
                        return text
                    page.wait_for_timeout(200)
                pytest.fail(f"the page never showed {pattern!r}; last text: {_screen_text(frames)[-600:]!r}")

            # The first screen: the default lesson at its first tick.
            screen_shows(r"t = 0 / 5")
            # Keys go to xterm.js's input element; focusing it (not clicking the screen, which
            # the app would take as a click on a panel) is what a visitor's first key does.
            page.locator(".xterm-helper-textarea").focus()
            frames.clear()
            page.keyboard.press("ArrowRight")
            screen_shows(r"t = 1 / 5")
            # An export from the palette arrives as the browser's download, not a server file.
            with page.expect_download(timeout=60_000) as download:
                page.keyboard.press("Control+p")
                screen_shows(r"Search for commands|Export trace")
                page.keyboard.type("Export trace as markdown")
                page.wait_for_timeout(500)
                page.keyboard.press("Enter")
            saved = tmp_path / "download.md"
            download.value.save_as(saved)
            assert download.value.suggested_filename == "srn-trace-seed.md"
            assert "h(1)" in saved.read_text(encoding="utf-8")
            assert not (tmp_path / "srn-trace-seed.md").exists()  # the server's folder got nothing
            shot = tmp_path / "browser.png"
            page.screenshot(path=str(shot))
            assert shot.stat().st_size > 10_000  # a real picture of the page, not an empty one
            out = os.environ.get("SRN_TUI_BROWSER_SHOT")
            if out:
                shutil.copy(shot, out)
        finally:
            browser.close()
