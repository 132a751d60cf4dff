"""Shared pieces of the commands: options and the error reporter."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from pipeline.errors import PipelineError

F = TypeVar("F", bound=Callable[..., Any])
content_option = click.option(
    "--content",
    "content_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("content"),
    show_default=True,
    help="Folder with site.toml and the commentary.",
)
templates_option = click.option(
    "--templates",
    "templates_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("templates"),
    show_default=True,
    help="Folder with the email templates.",
)
ledger_option = click.option(
    "--ledger",
    "ledger_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("state/ledger.jsonl"),
    show_default=True,
    help="The record of what was published.",
)


def dist_option(help: str) -> Callable[[F], F]:
    """`--dist DIR`: the built output a command reads (default dist/)."""
    return click.option(
        "--dist", "dist_dir", type=click.Path(file_okay=False, path_type=Path),
        default=Path("dist"), show_default=True, help=help,
    )  # fmt: skip


def reports_errors(func: F) -> F:
    """Print a PipelineError as one line per problem and exit 1; a traceback only with --verbose."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PipelineError as exc:
            if click.get_current_context().find_root().params.get("verbose"):
                traceback.print_exc()
            for line in exc.lines():
                click.echo(line, err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]
