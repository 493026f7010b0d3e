"""`--help` documents every option with its default, for every command."""

from __future__ import annotations

import argparse
import re

import pytest
from shared import run

from srn_tui.cli.commands import COMMANDS, build_parser


def parsers() -> dict[str, argparse.ArgumentParser]:
    top = build_parser()
    found = {"srn-tui": top}
    for action in top._actions:
        if isinstance(action, argparse._SubParsersAction):
            found |= dict(action.choices)
    return found


def options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    skip = (argparse._HelpAction, argparse._VersionAction, argparse._SubParsersAction)
    return [a for a in parser._actions if not isinstance(a, skip)]


def test_every_command_is_walked() -> None:
    assert set(parsers()) == {"srn-tui", *COMMANDS} and len(COMMANDS) >= 5


@pytest.mark.parametrize("name", ["srn-tui", *COMMANDS])
def test_every_option_says_what_it_does_and_its_default(name: str) -> None:
    for action in options(parsers()[name]):
        flag = action.option_strings[0] if action.option_strings else action.dest
        assert action.help, f"{name} {flag}: no help"
        assert "(default: " in action.help, f"{name} {flag}: no default in {action.help!r}"
        known = action.default
        if known not in (None, argparse.SUPPRESS, False):  # argparse knows it: the help must quote it truly
            shown = re.search(r"\(default: ([^);,]+)", action.help).group(1)
            read = action.type(shown) if callable(action.type) else shown
            assert read == known, (name, flag, shown, known)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_printed_help_shows_the_defaults(capsys, name: str) -> None:
    code, out, _ = run(capsys, name, "--help")
    assert code == 0
    flat = " ".join(out.split())
    for action in options(parsers()[name]):
        assert " ".join(action.help.split()) in flat  # argparse wraps it, but prints it whole
