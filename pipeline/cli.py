"""The `pipeline` command: argparse (cheap to import); each command lives in pipeline/commands/."""

from __future__ import annotations

import argparse
import sys
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


MODULES = (building, importing, summary, preview, publishing, gate)
OWNER = {
    "build": building, "check": building, "import": importing, "summary": summary,
    "preview": preview, "publish": publishing, "ledger": publishing, "gate": gate,
    "approval": gate,
}  # fmt: skip
"""The module that adds each command (tests/test_cli.py checks it against `MODULES`)."""


def make_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of the whole command line, every command included; with `command`, of the
    commands of its module only (a run parses its own command: the others cost ~5 ms to add,
    a twentieth of an up-to-date build)."""
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
    owner = OWNER.get(command or "")
    for module in (owner,) if owner else MODULES:
        module.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> None:
    """Run `pipeline` with `argv` (default: the process's arguments)."""
    given = list(sys.argv[1:] if argv is None else argv)
    command = next((a for a in given if not a.startswith("-")), None)
    args, unknown = make_parser(command).parse_known_args(given)
    if unknown:  # reported with the usage of the command they were given to
        args._parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    run_command(args)
