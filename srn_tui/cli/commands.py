"""The sub-commands, in the order `srn-tui --help` lists them, and the parser built from them.

To add a command: a module beside this one with a `COMMAND = Command(...)` (see scenarios.py for the
smallest), and one entry in COMMANDS below. Headless commands never import Textual.
"""

from __future__ import annotations

import argparse

from .. import __version__
from . import analyze, scenarios, serve, tour, trace, train
from .arguments import Command, Parser, lesson_options

COMMANDS: dict[str, Command] = {
    c.name: c
    for c in (
        trace.COMMAND,
        train.COMMAND,
        scenarios.COMMAND,
        analyze.COMMAND,
        serve.COMMAND,
        tour.COMMAND,
        tour.LIST_COMMAND,
    )
}


def build_parser() -> argparse.ArgumentParser:
    lesson = lesson_options()
    parser = Parser(
        prog="srn-tui",
        parents=[lesson],
        description="Watch a Simple Recurrent Network (Elman network) compute and learn, tick by tick. "
        "With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"srn-tui {__version__}")
    parser.add_argument(
        "--projector",
        action="store_true",
        help="open the app in projector mode: large digits, high contrast, clicker keys (default: off)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for command in COMMANDS.values():
        sub = subparsers.add_parser(
            command.name,
            parents=[lesson] if command.reads_lesson else [],
            help=command.help,
            description=command.description,
        )
        if command.add_arguments is not None:
            command.add_arguments(sub)
    return parser
