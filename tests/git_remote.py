"""A real git remote on disk (a bare repository) and a clone of it, for the CI scripts' tests."""

from __future__ import annotations

import subprocess
from pathlib import Path


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


def clone_with_remote(tmp_path: Path, files: dict[str, str]) -> Path:
    """`tmp_path/origin.git` (bare, branch main) holding one commit of `files`, and its clone
    `tmp_path/work`, which is returned."""
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    work = tmp_path / "work"
    git(tmp_path, "clone", "-q", str(origin), str(work))
    for name, text in files.items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_text(text)
    git(work, "add", ".")
    git(work, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "init")
    git(work, "push", "-q", "origin", "HEAD:main")
    return work
