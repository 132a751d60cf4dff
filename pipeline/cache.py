"""A content-addressed cache of per-article work, so a rebuild redoes only what changed.

Entries are keyed by the sha256 of everything the result depends on (the pipeline's own code
included), so a stale entry is never read: it is simply never asked for again. They live in one
SQLite database in the cache folder (`entries-2.sqlite3`, write-ahead log, not synced): a build
writes thousands of entries, and creating a file costs the file system far more than a row
costs SQLite. A process killed mid-write loses nothing but its last entries; a database that
an operating system crash damaged is set aside and begun again (an entry lost is recomputed,
and so is one that does not decode). Outputs never depend on whether the cache was warm.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from pipeline import installed
from pipeline.outputs import Output, decode_outputs, encode_outputs
from pipeline.tree import files_under

PACKAGE_DIR = Path(__file__).resolve().parent
Job = TypeVar("Job")
Result = TypeVar("Result")
Value = TypeVar("Value")
DEFAULT_DIR = Path(".cache/pipeline")
DEFAULT_MAX_MB = 512
DATABASE = "entries-2.sqlite3"
"""An ordinary (rowid) table with its key indexed: entries are kilobytes (an article with its
body), which SQLite reads at a third of the cost it takes from a WITHOUT ROWID table's leaves."""
FORMER_DATABASES = ("entries.sqlite3",)
"""Older layouts, removed when the database is made: their entries would never be read."""


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """sha256 of the Python version, the pipeline package's source and the versions of the
    libraries it runs on: new code, another Python (its `email` writes the .eml), or an upgraded
    mjml-python or pysbd, never reads an old entry."""
    digest = hashlib.sha256(f"{sys.implementation.cache_tag} {sys.version}\0".encode())
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


@lru_cache(maxsize=64)
def _key_start(namespace: str, code: str) -> hashlib._Hash:
    """The sha256 every key of `namespace` starts from (copied: a build makes thousands)."""
    return hashlib.sha256(f"{namespace}\0{code}\0".encode())


def _damaged(exc: sqlite3.DatabaseError) -> bool:
    """The file is no SQLite database, or a damaged one (not: locked, read-only, full)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code in {sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT}


def _remove_former(folder: Path) -> None:
    """Delete the databases of earlier layouts in `folder` (and their logs), if any."""
    for name in FORMER_DATABASES:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                (folder / (name + suffix)).unlink()


def _set_aside(path: Path) -> bool:
    """Move a damaged database (and its log) out of the way; False if it cannot be moved."""
    try:
        for suffix in ("", "-wal", "-shm"):
            part = path.with_name(path.name + suffix)
            if part.exists():
                os.replace(part, path.with_name(path.name + suffix + ".damaged"))
    except OSError:
        return False
    return True


class Cache:
    """`memo(namespace, parts, compute)` returns the cached bytes or computes and stores them.

    Entries are never stale, but they pile up: every edit adds its article's, and the feeds',
    the issue's and the review page's. Past `max_bytes` of entries, `trim` keeps only those the
    current build read or wrote."""

    def __init__(self, folder: Path | None, max_bytes: int = DEFAULT_MAX_MB << 20) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        self.hits = 0
        self.misses = 0
        self.stored = 0
        """Entries this process wrote (a hit may be one: the reader prefetches drafts)."""
        self._db: sqlite3.Connection | None = None
        self._failed = False
        self._used: set[tuple[str, str]] = set()
        """(namespace, key) of every entry this process read or wrote: what `trim` keeps."""

    def __getstate__(self) -> dict[str, Any]:  # sent to worker processes: not the connection
        return {**self.__dict__, "_db": None, "_used": set()}

    @classmethod
    def from_env(cls) -> Cache:
        """The default cache folder, or PIPELINE_CACHE_DIR; PIPELINE_CACHE_DIR=off disables it.
        PIPELINE_CACHE_MAX_MB: the size past which `trim` deletes what a build did not use."""
        setting = os.environ.get("PIPELINE_CACHE_DIR", str(DEFAULT_DIR))
        limit = os.environ.get("PIPELINE_CACHE_MAX_MB", "").strip()
        if limit and not (limit.isdigit() and int(limit) > 0):
            from pipeline.errors import BuildError

            raise BuildError(f"PIPELINE_CACHE_MAX_MB={limit!r}: give a whole number of megabytes")
        megabytes = int(limit) if limit else DEFAULT_MAX_MB
        return cls(None if setting in {"", "off", "0"} else Path(setting), megabytes << 20)

    def key(self, namespace: str, parts: Iterable[bytes | str]) -> str:
        digest = _key_start(namespace, code_fingerprint()).copy()
        for part in parts:
            data = part.encode() if isinstance(part, str) else part
            digest.update(hashlib.sha256(data).digest())
        return digest.hexdigest()

    def _connection(self) -> sqlite3.Connection | None:
        """The database, opened (and made) on first use; None without a cache folder, or when
        it cannot be opened (a read-only checkout builds, just without a cache)."""
        if self._db is not None or self.folder is None or self._failed:
            return self._db
        path = self.folder / DATABASE
        for attempt in range(2):
            db = None
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                if not path.exists():
                    _remove_former(self.folder)
                db = sqlite3.connect(path, timeout=30, isolation_level=None)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=OFF")
                db.execute(
                    "CREATE TABLE IF NOT EXISTS entries (namespace TEXT, key TEXT, data BLOB, "
                    "PRIMARY KEY (namespace, key))"
                )
            except sqlite3.DatabaseError as exc:
                if db is not None:
                    db.close()
                if attempt == 0 and _damaged(exc) and _set_aside(path):
                    continue  # begin again
                break  # locked, read-only, full: build without a cache
            except OSError:
                break
            self._db = db
            return db
        self._failed = True
        return None

    def get(self, namespace: str, key: str) -> bytes | None:
        db = self._connection()
        if db is None:
            return None
        try:
            row = db.execute(
                "SELECT data FROM entries WHERE namespace = ? AND key = ?", (namespace, key)
            ).fetchone()
        except sqlite3.Error:
            row = None
        if row is None or not isinstance(row[0], bytes):
            self.misses += 1
            return None
        self.hits += 1
        self._used.add((namespace, key))
        return row[0]

    def get_many(self, namespace: str, keys: Sequence[str]) -> Iterator[bytes | None]:
        """`get` of each key, in order, read in queries of a few hundred keys (and held no
        longer: a caller that decodes each entry as it comes never holds them all)."""
        db = self._connection()
        for start in range(0, len(keys), 500):
            batch = list(keys[start : start + 500])
            found: dict[str, bytes] = {}
            if db is not None:
                marks = ",".join("?" * len(batch))
                query = f"SELECT key, data FROM entries WHERE namespace = ? AND key IN ({marks})"
                try:
                    found = dict(db.execute(query, (namespace, *batch)).fetchall())
                except sqlite3.Error:
                    found = {}
            for key in batch:
                value = found.pop(key, None)
                if isinstance(value, bytes):
                    self.hits += 1
                    self._used.add((namespace, key))
                    yield value
                else:
                    self.misses += db is not None
                    yield None

    def put(self, namespace: str, key: str, data: bytes) -> None:
        db = self._connection()
        if db is None:
            return
        try:
            db.execute(
                "INSERT OR REPLACE INTO entries (namespace, key, data) VALUES (?, ?, ?)",
                (namespace, key, data),
            )
        except sqlite3.Error:  # locked for 30 s, full, read-only: this entry is not kept
            return
        self.stored += 1
        self._used.add((namespace, key))

    def trim(self) -> int:
        """When the entries take more than `max_bytes`, delete all that this process neither
        read nor wrote (a build calls it once done: what it used is kept, so the next build
        finds it). How many were deleted; a database that cannot be trimmed is left as it is.
        The file keeps its size, and the next entries fill the room set free."""
        db = self._connection()
        if db is None or not self._used:
            return 0
        try:
            pages, free, size = (
                db.execute(f"PRAGMA {name}").fetchone()[0]
                for name in ("page_count", "freelist_count", "page_size")
            )
            if (pages - free) * size <= self.max_bytes:
                return 0
            db.execute("BEGIN")
            db.execute(
                "CREATE TEMP TABLE IF NOT EXISTS used (namespace TEXT, key TEXT, "
                "PRIMARY KEY (namespace, key))"
            )
            db.execute("DELETE FROM used")
            db.executemany("INSERT OR IGNORE INTO used VALUES (?, ?)", sorted(self._used))
            deleted = db.execute(
                "DELETE FROM entries WHERE NOT EXISTS (SELECT 1 FROM used WHERE "
                "used.namespace = entries.namespace AND used.key = entries.key)"
            ).rowcount
            db.execute("COMMIT")
        except sqlite3.Error:  # locked, read-only: kept as it is
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            return 0
        return deleted

    def folder_for(self, name: str) -> Path | None:
        """A folder beside the entries for a library's own cache files (`templates`: Jinja's
        compiled templates), made when first written; None when the cache is off."""
        return self.folder / name if self.folder is not None and self.enabled else None

    @property
    def enabled(self) -> bool:
        """Whether entries are kept: a cache folder whose database opens."""
        return self._connection() is not None

    def memo(
        self,
        namespace: str,
        parts: Iterable[bytes | str],
        compute: Callable[[], Value],
        encode: Callable[[Value], bytes],
        decode: Callable[[bytes], Value | None],
    ) -> Value:
        """`compute()`, or the value cached under `parts` (all it depends on; not read when the
        cache is off). `decode` gives None for an entry it cannot read: computed and kept anew."""
        if not self.enabled:
            return compute()
        key = self.key(namespace, parts)
        data = self.get(namespace, key)
        value = decode(data) if data is not None else None
        if value is None:
            value = compute()
            self.put(namespace, key, encode(value))
        return value


def memo_outputs(
    cache: Cache, namespace: str, parts: Iterable[bytes | str], compute: Callable[[], list[Output]]
) -> list[Output]:
    """`compute()`'s outputs, or the ones cached under `parts` (all that they depend on)."""
    return cache.memo(namespace, parts, compute, encode_outputs, decode_outputs)


def cached_map(
    cache: Cache,
    namespace: str,
    keys: Sequence[str],
    jobs: Sequence[Job],
    compute: Callable[[Job], Result],
    encode: Callable[[Result], bytes | None],
    decode: Callable[[bytes], Result | None],
    then: Callable[[Result], Result] | None = None,
) -> list[Result]:
    """`compute(job)` for every job, in order: an entry cached under the job's key is reused,
    the others are computed in parallel (`compute` must be a module-level function) and stored.

    `encode` gives None for a result not to keep (such as a file's problems, which are reported
    afresh every run); `decode` gives None for an entry it cannot read, which is recomputed.
    `then` is applied to each computed result as it arrives, after it is stored."""
    from pipeline.parallel import ordered_map  # multiprocessing: not for an up-to-date build

    results: list[Result | None] = [
        decode(data) if data is not None else None for data in cache.get_many(namespace, keys)
    ]
    todo = [index for index, result in enumerate(results) if result is None]
    computed = ordered_map(compute, [jobs[i] for i in todo])
    with contextlib.closing(computed):  # on an error, the pool shuts down here, not later
        for index, result in zip(todo, computed, strict=True):
            if cache.enabled and (data := encode(result)) is not None:
                cache.put(namespace, keys[index], data)
            results[index] = then(result) if then is not None else result
    return [result for result in results if result is not None]
