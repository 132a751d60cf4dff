"""Running `pipeline` in-process, as the console script does, and reading its command tree."""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from pipeline.cli import main, make_parser


@dataclass(frozen=True)
class Result:
    exit_code: int
    stdout: str
    stderr: str
    output: str
    """stdout and stderr interleaved, as a terminal shows them."""


class _Stream(io.StringIO):
    """One of the two streams; every write also goes to the interleaved `output`."""

    def __init__(self, output: io.StringIO) -> None:
        super().__init__()
        self.output = output

    def write(self, text: str) -> int:
        self.output.write(text)
        return super().write(text)


@contextmanager
def _environment(env: Mapping[str, str | None] | None) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in env or {}}
    try:
        for name, value in (env or {}).items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run_cli(
    args: Sequence[str], env: Mapping[str, str | None] | None = None, input: str | None = None
) -> Result:
    """`pipeline ARGS` with `env` set (None: unset) and `input` on stdin; what it printed and
    its exit status. An exception other than SystemExit is not caught: the test fails with it."""
    output = io.StringIO()
    stdout, stderr = _Stream(output), _Stream(output)
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(input or ""), stdout, stderr
    try:
        with _environment(env):
            main(list(args))
        code = 0
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:  # sys.exit("message"): Python prints it and exits 1
            stderr.write(f"{exc.code}\n")
            code = 1
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    return Result(code, stdout.getvalue(), stderr.getvalue(), output.getvalue())


def command_parsers(
    parser: argparse.ArgumentParser | None = None, prefix: tuple[str, ...] = ()
) -> dict[tuple[str, ...], argparse.ArgumentParser]:
    """Every command and subcommand (`("ledger", "show")`) and its parser; `()`: `pipeline`."""
    parser = parser or make_parser()
    found = {prefix: parser}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.update(command_parsers(sub, (*prefix, name)))
    return found


def option_names(parser: argparse.ArgumentParser) -> set[str]:
    """The options a parser takes (`--content`, `-h`...)."""
    return {name for action in parser._actions for name in action.option_strings}
