"""Writing files atomically: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Any

import orjson


def write_all(fd: int, data: bytes) -> None:
    """All of `data` to the open file `fd`, with plain system calls (a Python file object
    adds an fstat, an ioctl and seeks to every file: thousands of calls in a build)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def write_new(path: str, data: bytes) -> None:
    """`data` as the file `path` (created, or emptied first)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
    try:
        write_all(fd, data)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temporary file in the same folder and an atomic rename,
    flushed to disk before the rename (content files, the gate's document)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        try:
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def file_stamp(found: os.stat_result) -> tuple[int, int, int]:
    """Which file this is, and which version of it: inode, mtime, size."""
    return found.st_ino, found.st_mtime_ns, found.st_size


class PreviousTree:
    """The files of the previous build in a folder that still hold what its manifest says, so a
    new build can hard-link them into its staging folder instead of writing them again.

    A file counts as unchanged when its manifest entry has the same sha256 as the new output,
    it is a regular file of the same size, and it was last modified no later than the manifest
    (written last): a file edited by hand since is written afresh."""

    def __init__(
        self,
        folder: Path,
        manifest_name: str,
        manifest: Any = None,
        stamp: tuple[int, int, int] | None = None,
    ) -> None:
        """`manifest`: the previous manifest, parsed earlier from the file whose `stamp` (inode,
        mtime, size) was this; it is read again if the file is another one now."""
        self.folder = folder
        self.sha256: dict[str, str] = {}
        self.written_by_ns = -1
        try:
            path = folder / manifest_name
            found = path.stat()
            self.written_by_ns = found.st_mtime_ns
            if manifest is None or stamp != file_stamp(found):
                manifest = orjson.loads(path.read_bytes())
            entries = manifest.get("outputs", [])
            self.sha256 = {e["path"]: e["sha256"] for e in entries if isinstance(e, dict)}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.sha256 = {}

    def link(self, path: str, sha256: str, size: int, target: str) -> bool:
        """Hard-link the previous `path` to `target` if it holds these bytes; False otherwise."""
        if self.sha256.get(path) != sha256:
            return False
        source = os.path.join(self.folder, path)
        try:
            found = os.lstat(source)
            if (
                not stat.S_ISREG(found.st_mode)
                or found.st_size != size
                or found.st_mtime_ns > self.written_by_ns
            ):
                return False
            os.link(source, target)
        except OSError:  # gone, or a file system without hard links: write it
            return False
        return True
