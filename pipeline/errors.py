"""One exception tree; every error knows how to describe itself to a person."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


def shown_path(path: str | Path) -> str:
    """A path as a person at the terminal reads it: relative to the working folder if inside."""
    try:
        given = Path(path)
        if given.name in {"", ".", ".."} or given.is_symlink():
            real = given.resolve()
        else:  # the folder resolved once for all its files (a file's own name is no link)
            real = _real(os.path.abspath(given.parent)) / given.name
        return str(real.relative_to(_real(os.getcwd())))
    except (ValueError, RuntimeError, OSError):  # outside, or a symlink loop (3.11 raises)
        return str(path)


@lru_cache(maxsize=256)
def _real(folder: str) -> Path:
    """An absolute folder without symlinks (resolved once, not once a file)."""
    return Path(folder).resolve()


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can."""

    path: str
    line: int | None
    field: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{self.field}: {self.message}"


class PipelineError(Exception):
    """Base of every error the pipeline reports to a person (exit code 1, no traceback)."""

    def lines(self) -> list[str]:
        """What the CLI prints, one line each."""
        return [f"error: {self}"]


class ContentError(PipelineError):
    """Content or settings are invalid; carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.path, p.line or 0, p.field))
        super().__init__("\n".join(str(p) for p in self.problems))

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


class ImportFailed(PipelineError):
    """A source could not be turned into a content file."""


class BuildError(PipelineError):
    """The build could not produce its outputs (templates, budgets, writing)."""


class PublishError(PipelineError):
    """A channel could not publish; the ledger says what went out."""
