"""The ledger: what was sent where, kept in the repo as JSON Lines (`state/ledger.jsonl`).

One record per line, appended, flushed and fsynced, never rewritten. Publishing writes an
`intent` before a send and a `receipt` after it; a crash in between leaves an intent without
a receipt, which no run retries by itself: a person confirms it (`pipeline ledger resolve`).
The build only asks what has been sent. See README "The ledger" for the format.

A *step* is one send: (channel, key, content hash, part). An X thread has one step per post
(`part` 1..n), so a thread that failed half-way resumes after the last post that went out.
An *item* is the whole article or issue on a channel (records without `part`): it is done when
it has a `receipt`, or a `resolved` record with outcome `sent`.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.ledger_state import LedgerState

from pipeline.errors import ContentError, Problem, PublishError

LEDGER_PATH = Path("state/ledger.jsonl")
FORMAT_VERSION = 1
"""The `v` of every line (pipeline.schema.LEDGER_VERSION)."""


@dataclass(frozen=True)
class Record:
    """One ledger line."""

    channel: str
    key: str
    """What was published: an article slug (social) or a newsletter issue id (email)."""
    content_hash: str
    event: str
    at: str
    """ISO 8601 time of the event (the publisher's clock)."""
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def part(self) -> int | None:
        """The post of a thread this record is about; None for the whole item."""
        part = self.data.get("part")
        return part if isinstance(part, int) else None

    @property
    def outcome(self) -> str | None:
        outcome = self.data.get("outcome")
        if outcome is None and self.event == "resolved":
            return "sent"  # a confirmation without an outcome never causes a second send
        return outcome if isinstance(outcome, str) else None

    def to_json(self) -> str:
        record = {
            "v": FORMAT_VERSION,
            "channel": self.channel,
            "key": self.key,
            "hash": self.content_hash,
            "event": self.event,
            "at": self.at,
            **self.data,
        }
        return json.dumps(record, ensure_ascii=False, sort_keys=False)


def _parse_line(line: str) -> Record:
    raw = json.loads(line)
    if not isinstance(raw, dict):
        raise ValueError("a ledger line must be a JSON object")
    # Imported here: an up-to-date build reads no ledger line and need not import pydantic.
    from pydantic import ValidationError

    from pipeline.schema import LedgerLine, describe

    try:
        LedgerLine.model_validate(raw)
    except ValidationError as exc:
        raise ValueError(describe(exc)) from None
    return Record(
        channel=raw.pop("channel"),
        key=raw.pop("key"),
        content_hash=raw.pop("hash"),
        event=raw.pop("event"),
        at=raw.pop("at"),
        data={k: v for k, v in raw.items() if k != "v"},
    )


def torn_tail(data: bytes) -> bytes | None:
    """The last line if it is torn (no final newline, and not a readable record: the process
    stopped while writing it), else None."""
    if not data or data.endswith(b"\n"):
        return None
    tail = data.rsplit(b"\n", 1)[-1]
    try:
        _parse_line(tail.decode("utf-8"))
    except (
        UnicodeDecodeError,
        json.JSONDecodeError,
        KeyError,
        AttributeError,
        TypeError,
        ValueError,
    ):
        return tail
    return None


def _line_problem(path: Path, data: bytes, number: int, what: str) -> Problem:
    if number == data.count(b"\n") + 1 and torn_tail(data) is not None:
        what = (
            "torn last line: the publisher stopped while writing it. `pipeline ledger repair` "
            "shows it and drops it (a send starts only after its intent is written whole)"
        )
    return Problem(str(path), number, "record", what)


@dataclass(frozen=True)
class Ledger:
    """All records, in the order written."""

    records: tuple[Record, ...] = ()

    @classmethod
    def load(cls, path: Path) -> Ledger:
        """Read the ledger; a missing file is an empty ledger, a corrupt line an error."""
        if not path.exists():
            return cls()
        records: list[Record] = []
        problems: list[Problem] = []
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ContentError(
                [Problem(str(path), None, "ledger", f"cannot be read: {exc.strerror or exc}")]
            ) from None
        lines = data.splitlines()
        for number, raw_line in enumerate(lines, start=1):
            if not raw_line.strip():
                continue
            try:
                records.append(_parse_line(raw_line.decode("utf-8")))
            except UnicodeDecodeError as exc:
                problems.append(
                    _line_problem(path, data, number, f"not UTF-8 (byte {exc.start + 1})")
                )
            except (json.JSONDecodeError, KeyError, AttributeError, TypeError, ValueError) as exc:
                problems.append(_line_problem(path, data, number, f"unreadable ledger line: {exc}"))
        if problems:
            raise ContentError(problems)
        return cls(tuple(records))

    def for_channel(self, channel: str) -> Iterable[Record]:
        return (r for r in self.records if r.channel == channel)

    @cached_property
    def state(self) -> LedgerState:
        """The records folded once into steps and items (`pipeline.ledger_state`)."""
        from pipeline.ledger_state import fold

        return fold(self.records)


class LedgerFile:
    """The ledger on disk, for appending: every record is written, flushed and fsynced before
    `append` returns, so an intent is durable before the send it announces."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._records = list(Ledger.load(path).records)
        self._ledger: Ledger | None = None

    @classmethod
    @contextmanager
    def open(cls, path: Path, *, lock: bool = False) -> Iterator[LedgerFile]:
        """The ledger, read now; with `lock`, held exclusively (one publisher at a time on
        this machine; CI must also serialise runs, see the README)."""
        if not lock:
            yield cls(path)
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = path.open("a", encoding="utf-8")
        except OSError as exc:
            raise PublishError(
                f"{path}: the ledger cannot be opened for writing ({exc.strerror or exc}): "
                "nothing was sent"
            ) from None
        with handle:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise PublishError(f"{path} is locked by another publish run") from None
            try:
                yield cls(path)
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    @property
    def ledger(self) -> Ledger:
        """The records so far; one Ledger (and one fold of it) until the next append."""
        if self._ledger is None:
            self._ledger = Ledger(tuple(self._records))
        return self._ledger

    def append(self, record: Record) -> None:
        """Append one line durably; a record the schema would refuse on reading is refused
        here, before anything is written (ValueError)."""
        line = record.to_json()
        if "\n" in line:  # json.dumps never emits one; a guard against a torn format
            raise ValueError("a ledger record must be one line")
        _parse_line(line)  # the reader's check (pipeline.schema.LedgerLine), on the writer
        _append_line(self.path, line)
        self._records.append(record)
        self._ledger = None


def _append_line(path: Path, line: str) -> None:
    """`line` and a newline at the end of `path`, flushed and fsynced (the folder too when the
    file is new); a newline first if the last line has none."""
    created = not path.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        if not created and _needs_newline(path):
            handle.write("\n")
        handle.write(line + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    if created:
        _fsync_dir(path.parent)


def _needs_newline(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(0, os.SEEK_END)
        if handle.tell() == 0:
            return False
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) != b"\n"


def repair(path: Path, at: str) -> bytes | None:
    """Drop a torn last line, durably, and record that it was dropped; the line's bytes, or
    None when the last line is whole. Holds the publishers' lock while it works."""
    with path.open("r+b") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise PublishError(f"{path} is locked by a publish run") from None
        data = handle.read()
        tail = torn_tail(data)
        if tail is None:
            return None
        handle.truncate(len(data) - len(tail))
        handle.flush()
        os.fsync(handle.fileno())
        # Appended as it is, without reading the whole ledger again (a bad line elsewhere is
        # for a person, and must not stop the repair from being recorded).
        _append_line(
            path,
            Record(
                "ledger",
                "repair",
                hashlib.sha256(tail).hexdigest(),
                "repaired",
                at,
                {"dropped": tail.decode("utf-8", "replace")[:2000], "bytes": len(tail)},
            ).to_json(),
        )
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    return tail


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
