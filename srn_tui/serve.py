"""`srn-tui serve`: the app in a web browser, for a class.

textual-serve (the optional extra `srn-tui[web]`) runs a small web server; every browser tab that
opens the page gets its own app process, started with the command built here, which talks to the
page over a websocket. Nothing is shared between visitors: no accounts, no common state.

This module never imports Textual: the server process only starts app processes, it runs none.
"""

from __future__ import annotations

import os
import shlex
import socket
import sys
from dataclasses import dataclass
from typing import TextIO

from .text.lang import detect_lang
from .text.problems import Reason, said

# The environment textual-serve gives each app process names its web driver here; the app then
# needs no terminal of its own (cli.cmd_app's TTY check lets it through).
WEB_DRIVER_VARIABLE = "TEXTUAL_DRIVER"


def started_by_web_server() -> bool:
    return "WebDriver" in os.environ.get(WEB_DRIVER_VARIABLE, "")


@dataclass(frozen=True)
class ServeOptions:
    host: str
    port: int
    lang: str | None
    scenario: str | None
    model_path: str | None
    sequence_path: str | None
    text_path: str | None


def app_command(options: ServeOptions, python: str = sys.executable) -> str:
    """The shell command textual-serve runs once per visitor: this same Python, this same package,
    the lesson options given to `serve` (file paths made absolute: the app may start elsewhere)."""
    words: list[str] = [python, "-m", "srn_tui"]
    for flag, value in (
        ("--scenario", options.scenario),
        ("--model", options.model_path),
        ("--sequence", options.sequence_path),
        ("--text", options.text_path),
    ):
        if value is not None:
            words += [flag, os.path.abspath(value) if flag != "--scenario" else value]
    if options.lang is not None:
        words += ["--lang", options.lang]
    return shlex.join(words)


def page_address(options: ServeOptions) -> str:
    return f"http://{options.host}:{options.port}"


def run_server(options: ServeOptions, err: TextIO) -> int:
    """Serve until interrupted. Exit 2 with one line when the extra is missing or the port is taken."""
    lang = options.lang or detect_lang()
    try:
        from textual_serve.server import Server
    except ImportError:
        err.write(f"srn-tui: {said(lang, 'serve_needs_web')}\n")
        return 2
    try:  # tried first, so a taken port is one line, not the announcement and the server's banner first
        socket.create_server((options.host, options.port)).close()
    except OSError as exc:  # the port is taken, or the host is not this machine's
        return _cannot_serve(options, lang, exc, err)
    server = Server(app_command(options), host=options.host, port=options.port, title="srn-tui")
    err.write(f"srn-tui: {said(lang, 'serving', address=page_address(options))}\n")
    err.flush()
    try:
        server.serve()
    except OSError as exc:  # taken in the moment between the two
        return _cannot_serve(options, lang, exc, err)
    return 0


def _cannot_serve(options: ServeOptions, lang: str, exc: OSError, err: TextIO) -> int:
    """One line naming the address and the OS's reason (create_server's own message repeats the address)."""
    reason = Reason(os.strerror(exc.errno) if exc.errno else exc.strerror or str(exc))
    err.write(f"srn-tui: {said(lang, 'cannot_serve', address=page_address(options), reason=reason)}\n")
    return 2
