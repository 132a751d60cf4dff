"""Shared pieces of the commands: declaring one, the options several take, the value types,
printing, and the error reporter.

`pipeline --help` imports every command module, so they import only argparse and this module
at import time; each command imports what it needs (pydantic, yaml, jinja2, the build, the
publishers) when it runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

TYPE_CHECKING = False  # not typing's: importing typing costs `pipeline --help` 3 ms
if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path
    from typing import Any

    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


class UsageError(Exception):
    """Options that parse but do not go together: reported like argparse's own errors (exit 2)."""


def echo(text: str = "", err: bool = False, nl: bool = True) -> None:
    """Print a line to stdout (or stderr) and flush it, so lines arrive as they are said."""
    stream = sys.stderr if err else sys.stdout
    stream.write(f"{text}\n" if nl else text)
    stream.flush()


def _help_text(doc: str | None) -> tuple[str, str]:
    """A command's docstring as (its first paragraph on one line, the whole text dedented)."""
    first, _, rest = (doc or "").strip().partition("\n")
    lines = rest.splitlines()
    indent = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
    text = "\n".join([first, *(line[indent:] for line in lines)])
    return " ".join(text.split("\n\n", 1)[0].split()), text


def add_command(commands: Commands, name: str, run: Callable[..., None]) -> argparse.ArgumentParser:
    """The parser of command `name`; `run` is called with its options as keyword arguments
    (named by each option's `dest`) and its docstring is the command's help."""
    summary, text = _help_text(run.__doc__)
    parser = commands.add_parser(
        name,
        help=summary,
        description=text,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    parser.set_defaults(_run=run, _parser=parser)
    return parser


def add_group(commands: Commands, name: str, doc: str) -> Commands:
    """A command made of subcommands (`pipeline ledger show`); alone it prints its help."""
    parser = commands.add_parser(name, help=doc, description=doc, allow_abbrev=False)
    parser.set_defaults(_run=None, _parser=parser)
    return parser.add_subparsers(
        title="commands", metavar="COMMAND", help=f"`pipeline {name} COMMAND --help` says more"
    )


def folder(text: str) -> Path:
    """A folder (it need not exist yet; an existing file is refused)."""
    from pathlib import Path

    if os.path.isfile(text):
        raise argparse.ArgumentTypeError(f"directory {text!r} is a file")
    return Path(text)


def file_path(text: str) -> Path:
    """A file (it need not exist yet; an existing folder is refused)."""
    from pathlib import Path

    if os.path.isdir(text):
        raise argparse.ArgumentTypeError(f"file {text!r} is a directory")
    return Path(text)


def existing_file(text: str) -> Path:
    """A file that must exist."""
    if not os.path.exists(text):
        raise argparse.ArgumentTypeError(f"file {text!r} does not exist")
    return file_path(text)


def iso_date(text: str) -> date:
    """A date written YYYY-MM-DD."""
    from datetime import datetime

    try:
        return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def number_in(low: float, high: float, kind: type[float] | type[int]) -> Callable[[str], Any]:
    """An int or a float from `low` to `high`, both included."""

    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a valid {kind.__name__}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is not in the range {low}<=x<={high}")
        return value

    return parse


def content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content", dest="content_dir", type=folder, default="content", metavar="DIR",
        help="Folder with site.toml and the commentary (default: %(default)s).",
    )  # fmt: skip


def templates_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--templates", dest="templates_dir", type=folder, default="templates", metavar="DIR",
        help="Folder with the email templates (default: %(default)s).",
    )  # fmt: skip


def ledger_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--ledger", dest="ledger_path", type=file_path, default="state/ledger.jsonl", metavar="FILE",
        help="The record of what was published (default: %(default)s).",
    )  # fmt: skip


def dist_option(parser: argparse.ArgumentParser, help: str) -> None:
    """`--dist DIR`: the built output a command reads (default dist/)."""
    parser.add_argument(
        "--dist", dest="dist_dir", type=folder, default="dist", metavar="DIR",
        help=f"{help.rstrip('.')} (default: %(default)s).",
    )  # fmt: skip


def run_command(args: argparse.Namespace) -> None:
    """Run the command `args` names with its options. A PipelineError prints one line per
    problem and exits 1 (a traceback too with --verbose); a UsageError exits 2."""
    parser: argparse.ArgumentParser = args._parser
    if args._run is None:  # `pipeline` or `pipeline ledger` alone
        parser.print_help(sys.stderr)
        sys.exit(2)
    options = {name: value for name, value in vars(args).items() if not name.startswith("_")}
    try:
        args._run(**options)
    except UsageError as exc:
        parser.error(str(exc))
    except KeyboardInterrupt:
        echo("\nAborted!", err=True)
        sys.exit(1)
    except BrokenPipeError:  # `pipeline ledger show | head`: the reader has gone
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except Exception as exc:
        from pipeline.errors import PipelineError  # already imported if `exc` is one

        if not isinstance(exc, PipelineError):
            raise
        if args._verbose:
            import traceback

            traceback.print_exc()
        for line in exc.lines():
            echo(line, err=True)
        sys.exit(1)
