"""One exception tree; every error knows how to describe itself to a person."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


def shown_path(path: str | os.PathLike[str]) -> str:
    """A path as a person at the terminal reads it: relative to the working folder if inside.

    String work, not pathlib: the reader names every content file (a thousand a build)."""
    try:
        text = os.fspath(path)
        head, name = os.path.split(text)
        if name in {"", ".", ".."} or os.path.islink(text):
            inside = _relative(str(Path(text).resolve()), _real(os.getcwd()))
            return text if inside is None else inside
        # the folder resolved once for all its files (a file's own name is no link)
        cwd = os.getcwd()
        folder = _shown_folder(head or os.curdir, cwd)
        if folder is None:  # outside (or the working folder itself, named from outside)
            real = os.path.join(_real(os.path.normpath(os.path.join(cwd, head))), name)
            inside = _relative(real, _real(cwd))
            return text if inside is None else inside
        return folder + name
    except (ValueError, RuntimeError, OSError):  # a symlink loop (3.11 raises), a NUL byte
        return str(path)


@lru_cache(maxsize=256)
def _shown_folder(folder: str, cwd: str) -> str | None:
    """What goes before a file's name in `folder`: "" in the working folder `cwd`, "a/b/"
    inside it, None outside it (the file is shown as given)."""
    inside = _relative(_real(os.path.normpath(os.path.join(cwd, folder))), _real(cwd))
    return None if inside is None else "" if inside == "." else inside + os.sep


def _relative(real: str, here: str) -> str | None:
    """`real` relative to the folder `here` ("." for itself); None if not within it."""
    if real == here:
        return "."
    within = here if here.endswith(os.sep) else here + os.sep
    return real[len(within) :] if real.startswith(within) else None


@lru_cache(maxsize=256)
def _real(folder: str) -> str:
    """An absolute folder without symlinks (resolved once, not once a file)."""
    return str(Path(folder).resolve())


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
