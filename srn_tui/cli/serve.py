"""`srn-tui serve`: the app in web browsers (srn_tui/serve.py; needs the extra srn-tui[web])."""

from __future__ import annotations

import argparse
from typing import TextIO

from .arguments import Command, spec_of, whole_number_at_least


def port(text: str) -> int:
    value = whole_number_at_least(1)(text)
    if value > 65535:
        raise argparse.ArgumentTypeError(f"must be at most 65535, found {value}")
    return value


def add_arguments(web: argparse.ArgumentParser) -> None:
    web.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this machine only; 0.0.0.0 lets other machines in)",
    )
    web.add_argument("--port", type=port, default=8000, help="port to listen on (default: 8000)")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..serve import ServeOptions, run_server

    spec = spec_of(args)
    spec.check()  # a wrong lesson or file is said once here, not in every visitor's tab
    options = ServeOptions(
        args.host,
        args.port,
        getattr(args, "lang", None),
        spec.scenario,
        spec.model_path,
        spec.sequence_path,
        spec.text_path,
    )
    return run_server(options, err)


COMMAND = Command(
    "serve",
    help='serve the app to web browsers (needs the extra: pip install "srn-tui[web]")',
    description="Serve the app to web browsers on this network: every browser tab gets its own app, "
    'opened on the lesson given here. Needs the web extra: pip install "srn-tui[web]".',
    run=run,
    add_arguments=add_arguments,
)
