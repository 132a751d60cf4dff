"""The `pipeline` command: argparse (cheap to import); each command lives in pipeline/commands/."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from pipeline import __version__
from pipeline.commands import building, gate, importing, preview, publishing, summary
from pipeline.commands.common import run_command

DESCRIPTION = """\
Build a research centre's newsletter, feeds and social drafts from content/,
then publish them, each channel exactly once.

Typical day:  pipeline import --from-config     (or: pipeline import URL|FILE)
              pipeline build                    (dist/: feeds, email, drafts, review page)
              pipeline check --strict
              pipeline preview                  (an editor reviews dist/review/)
              pipeline publish --live           (posts and newsletter; state/ledger.jsonl)
"""


def make_parser() -> argparse.ArgumentParser:
    """The parser of the whole command line, every command included."""
    parser = argparse.ArgumentParser(
        prog="pipeline",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"pipeline, version {__version__}",
        help="Show the version and exit.",
    )
    parser.add_argument(
        "--verbose", dest="_verbose", action="store_true", help="Show tracebacks for errors."
    )
    parser.set_defaults(_run=None, _parser=parser)
    commands = parser.add_subparsers(
        title="commands", metavar="COMMAND", help="`pipeline COMMAND --help` says more"
    )
    for module in (building, importing, summary, preview, publishing, gate):
        module.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> None:
    """Run `pipeline` with `argv` (default: the process's arguments)."""
    args, unknown = make_parser().parse_known_args(argv)
    if unknown:  # reported with the usage of the command they were given to
        args._parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    run_command(args)
