"""A content-addressed cache of per-article work, so a rebuild redoes only what changed.

Entries are files named by the sha256 of everything the result depends on (the pipeline's own
code included), so a stale entry is never read: it is simply never asked for again. Writes are
atomic (not fsynced: an entry lost in a crash is recomputed, and so is one that does not parse).
Outputs never depend on whether the cache was warm.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from pipeline import installed
from pipeline.outputs import Output, decode_outputs, encode_outputs
from pipeline.tree import files_under
from pipeline.writer import write_atomic

PACKAGE_DIR = Path(__file__).resolve().parent
Job = TypeVar("Job")
Result = TypeVar("Result")
DEFAULT_DIR = Path(".cache/pipeline")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """sha256 of the pipeline package's source and of the versions of the libraries it runs on:
    new code, or an upgraded mjml-python or pysbd, never reads an old entry."""
    digest = hashlib.sha256()
    for relative in files_under(PACKAGE_DIR, ".py"):
        digest.update(relative.encode() + b"\0")
        with open(os.path.join(PACKAGE_DIR, relative), "rb") as handle:
            digest.update(handle.read())
    for name in _dependencies():
        found = installed.version(name)
        digest.update((f"{name} missing\0" if found is None else f"{name}=={found}\0").encode())
    return digest.hexdigest()


def _dependencies() -> list[str]:
    requirements = installed.requires("pipeline")
    if requirements is None:  # run from a source tree that was never installed
        return []
    names = {
        re.split(r"[\s;<>=!~\[(]", r, maxsplit=1)[0] for r in requirements if "extra ==" not in r
    }
    return sorted(names)


class Cache:
    """`memo(namespace, parts, compute)` returns the cached bytes or computes and stores them."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.hits = 0
        self.misses = 0
        self.stored = 0
        """Entries this process wrote (a hit may be one: the reader prefetches drafts)."""
        self._folders: set[Path] = set()

    @classmethod
    def from_env(cls) -> Cache:
        """The default cache folder, or PIPELINE_CACHE_DIR; PIPELINE_CACHE_DIR=off disables it."""
        setting = os.environ.get("PIPELINE_CACHE_DIR", str(DEFAULT_DIR))
        return cls(None if setting in {"", "off", "0"} else Path(setting))

    def key(self, namespace: str, parts: Iterable[bytes | str]) -> str:
        digest = hashlib.sha256(f"{namespace}\0{code_fingerprint()}\0".encode())
        for part in parts:
            data = part.encode() if isinstance(part, str) else part
            digest.update(hashlib.sha256(data).digest())
        return digest.hexdigest()

    def _path(self, namespace: str, key: str) -> Path | None:
        return None if self.folder is None else self.folder / namespace / key[:2] / key

    def get(self, namespace: str, key: str) -> bytes | None:
        path = self._path(namespace, key)
        if path is None:
            return None
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        self.hits += 1
        return data

    def put(self, namespace: str, key: str, data: bytes) -> None:
        path = self._path(namespace, key)
        if path is None:
            return
        with contextlib.suppress(OSError):  # a read-only checkout builds, just without a cache
            if path.parent not in self._folders:  # (one mkdir a folder, not one an entry)
                path.parent.mkdir(parents=True, exist_ok=True)
                self._folders.add(path.parent)
            write_atomic(path, data, durable=False, make_folder=False)
            self.stored += 1

    def memo(
        self, namespace: str, parts: Iterable[bytes | str], compute: Callable[[], bytes]
    ) -> bytes:
        key = self.key(namespace, parts)
        data = self.get(namespace, key)
        if data is None:
            data = compute()
            self.put(namespace, key, data)
        return data


def memo_outputs(
    cache: Cache, namespace: str, parts: Iterable[bytes | str], compute: Callable[[], list[Output]]
) -> list[Output]:
    """`compute()`'s outputs, or the ones cached under `parts` (all that they depend on)."""
    key = cache.key(namespace, parts)
    data = cache.get(namespace, key)
    outputs = decode_outputs(data) if data is not None else None
    if outputs is None:
        outputs = compute()
        cache.put(namespace, key, encode_outputs(outputs))
    return outputs


def cached_map(
    cache: Cache,
    namespace: str,
    keys: Sequence[str],
    jobs: Sequence[Job],
    compute: Callable[[Job], Result],
    encode: Callable[[Result], bytes | None],
    decode: Callable[[bytes], Result | None],
) -> list[Result]:
    """`compute(job)` for every job, in order: an entry cached under the job's key is reused,
    the others are computed in parallel (`compute` must be a module-level function) and stored.

    `encode` gives None for a result not to keep (such as a file's problems, which are reported
    afresh every run); `decode` gives None for an entry it cannot read, which is recomputed."""
    from pipeline.parallel import ordered_map  # multiprocessing: not for an up-to-date build

    results: list[Result | None] = []
    for key in keys:
        data = cache.get(namespace, key)
        results.append(decode(data) if data is not None else None)
    todo = [index for index, result in enumerate(results) if result is None]
    for index, result in zip(todo, ordered_map(compute, [jobs[i] for i in todo]), strict=True):
        results[index] = result
        if cache.folder is not None and (data := encode(result)) is not None:
            cache.put(namespace, keys[index], data)
    return [result for result in results if result is not None]
