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
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic import Field as PydanticField

from pipeline.errors import ContentError, Problem, PublishError

LEDGER_PATH = Path("state/ledger.jsonl")
FORMAT_VERSION = 1
Channel = Literal["email", "x"]
Event = Literal["intent", "receipt", "failed", "resolved", "held", "repaired"]
EVENTS: frozenset[str] = frozenset({"intent", "receipt", "failed", "resolved", "held", "repaired"})
"""`repaired`: `pipeline ledger repair` dropped a torn last line (channel `ledger`)."""
Outcome = Literal["sent", "not-sent", "rejected", "unknown", "duplicate"]
"""Of a `failed` or `resolved` record. `not-sent`/`rejected`: the send did not take effect
(a later run may send again); `unknown`/`duplicate`: it may have, so a person must confirm."""

StepStatus = Literal["new", "sent", "unconfirmed", "needs-person", "retryable"]
"""`unconfirmed`: an intent without a receipt (a crash mid-send). `needs-person`: a failure
that may have taken effect. Both stop the channel until someone runs `ledger resolve`."""

OPEN_STATUSES: frozenset[str] = frozenset({"unconfirmed", "needs-person"})
_STEP_EVENTS = frozenset({"intent", "receipt", "failed", "resolved"})


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


def step_status(record: Record | None) -> StepStatus:
    """What the latest step record (intent, receipt, failed, resolved) says about the step."""
    if record is None:
        return "new"
    if record.event == "intent":
        return "unconfirmed"
    if record.event == "receipt":
        return "sent"
    if record.outcome == "sent":
        return "sent"
    if record.outcome in {"not-sent", "rejected"}:
        return "retryable"
    return "needs-person"


class _RecordLine(BaseModel):
    """The typed shape of one ledger line, checked on read: a line of another format version,
    or a field of the wrong type (`"part": "2"`), is refused rather than guessed at."""

    model_config = ConfigDict(extra="allow", strict=True)

    v: Literal[1]
    channel: str = PydanticField(min_length=1)
    key: str = PydanticField(min_length=1)
    hash: str
    event: Event
    at: str
    part: int | None = PydanticField(default=None, ge=1)
    parts: int | None = PydanticField(default=None, ge=1)
    outcome: Outcome | Literal["rate-limited"] | None = None
    post_id: str | None = None
    message_id: str | None = None


def _parse_line(line: str) -> Record:
    raw = json.loads(line)
    if not isinstance(raw, dict):
        raise ValueError("a ledger line must be a JSON object")
    try:
        _RecordLine.model_validate(raw)
    except ValidationError as exc:
        raise ValueError(
            "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'record'}: {e['msg']} (got {e.get('input')!r})"
                for e in exc.errors()
            )
        ) from None
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
        records: list[Record | None] = []
        problems: list[Problem] = []
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ContentError(
                [Problem(str(path), None, "ledger", f"cannot be read: {exc.strerror or exc}")]
            ) from None
        lines = data.splitlines()
        for number, raw_line in enumerate(lines, start=1):
            try:
                records.append(_parse_line(raw_line.decode("utf-8")) if raw_line.strip() else None)
            except UnicodeDecodeError as exc:
                problems.append(
                    _line_problem(path, data, number, f"not UTF-8 (byte {exc.start + 1})")
                )
            except (json.JSONDecodeError, KeyError, AttributeError, TypeError, ValueError) as exc:
                problems.append(_line_problem(path, data, number, f"unreadable ledger line: {exc}"))
        if problems:
            raise ContentError(problems)
        return cls(tuple(r for r in records if r is not None))

    def for_channel(self, channel: str) -> Iterable[Record]:
        return (r for r in self.records if r.channel == channel)

    def _item_done(self, record: Record) -> bool:
        return (
            record.part is None
            and record.event in {"receipt", "resolved"}
            and record.outcome in {None, "sent"}
        )

    def sent_keys(self, channel: str) -> set[str]:
        """Keys with a receipt (or a person's confirmation) on `channel`."""
        return {r.key for r in self.for_channel(channel) if self._item_done(r)}

    def articles_sent(self, channel: str) -> set[str]:
        """Article slugs that went out on `channel` (an email issue lists its articles)."""
        slugs: set[str] = set()
        for record in self.for_channel(channel):
            if self._item_done(record):
                slugs.update(record.data.get("articles", [record.key]))
        return slugs

    def item_receipt(self, channel: str, key: str, content_hash: str) -> Record | None:
        """The record saying this version of the item went out, if any."""
        for record in reversed(self.records):
            if (
                record.channel == channel
                and record.key == key
                and record.content_hash == content_hash
                and self._item_done(record)
            ):
                return record
        return None

    def sent_versions(self, channel: str, key: str) -> list[Record]:
        """Every completed send of `key` on `channel`, oldest first (one per version sent)."""
        return [r for r in self.for_channel(channel) if r.key == key and self._item_done(r)]

    def _step_records(
        self, channel: str, key: str, content_hash: str, part: int | None
    ) -> list[Record]:
        """Every intent/receipt/failed/resolved record of one step, oldest first."""
        return [
            r
            for r in self.records
            if r.event in _STEP_EVENTS
            and (r.channel, r.key, r.content_hash, r.part) == (channel, key, content_hash, part)
        ]

    def last_step(
        self, channel: str, key: str, content_hash: str, part: int | None = None
    ) -> Record | None:
        """The latest intent/receipt/failed/resolved record of one step."""
        records = self._step_records(channel, key, content_hash, part)
        return records[-1] if records else None

    def first_intent(
        self, channel: str, key: str, content_hash: str, part: int | None = None
    ) -> Record | None:
        """The first intent of one step: what was set out to be sent (an X thread's form,
        length and drafts), which a resumed run must keep to."""
        records = self._step_records(channel, key, content_hash, part)
        return next((r for r in records if r.event == "intent"), None)

    def step_status(
        self, channel: str, key: str, content_hash: str, part: int | None = None
    ) -> StepStatus:
        return step_status(self.last_step(channel, key, content_hash, part))

    def steps(self, channel: str | None = None) -> list[Record]:
        """The latest record of every step, in the order the steps were first written."""
        latest: dict[tuple[str, str, str, int | None], Record] = {}
        for record in self.records:
            if record.event in _STEP_EVENTS and (channel is None or record.channel == channel):
                step = (record.channel, record.key, record.content_hash, record.part)
                latest.pop(step, None)  # re-insert: order by latest activity
                latest[step] = record
        return list(latest.values())

    def open_steps(self, channel: str | None = None) -> list[Record]:
        """Steps a person must confirm: an intent without a receipt, or a send that may have
        taken effect (unknown outcome, duplicate content)."""
        return [r for r in self.steps(channel) if step_status(r) in OPEN_STATUSES]

    def unfinished_items(self, channel: str, key: str) -> list[str]:
        """Content hashes of `key` with some step sent but no item receipt (half a thread)."""
        hashes: list[str] = []
        for record in self.steps(channel):
            if (
                record.key == key
                and step_status(record) == "sent"
                and record.part is not None
                and self.item_receipt(channel, key, record.content_hash) is None
                and record.content_hash not in hashes
            ):
                hashes.append(record.content_hash)
        return hashes

    def has(self, channel: str, key: str, content_hash: str, event: str) -> bool:
        return any(
            r.channel == channel and r.key == key and r.content_hash == content_hash
            for r in self.records
            if r.event == event
        )


class LedgerFile:
    """The ledger on disk, for appending: every record is written, flushed and fsynced before
    `append` returns, so an intent is durable before the send it announces."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._records = list(Ledger.load(path).records)

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
        return Ledger(tuple(self._records))

    def append(self, record: Record) -> None:
        """Append one line durably."""
        line = record.to_json()
        if "\n" in line:  # json.dumps never emits one; a guard against a torn format
            raise ValueError("a ledger record must be one line")
        created = not self.path.exists()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as handle:
            if not created and self._needs_newline():
                handle.write("\n")
            handle.write(line + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        if created:
            _fsync_dir(self.path.parent)
        self._records.append(record)

    def _needs_newline(self) -> bool:
        with self.path.open("rb") as handle:
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
        LedgerFile(path).append(
            Record(
                "ledger",
                "repair",
                hashlib.sha256(tail).hexdigest(),
                "repaired",
                at,
                {"dropped": tail.decode("utf-8", "replace")[:2000], "bytes": len(tail)},
            )
        )
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    return tail


def resolve(
    ledger_file: LedgerFile,
    channel: str,
    key: str,
    *,
    outcome: Literal["sent", "not-sent"],
    at: str,
    part: int | None = None,
    post_id: str | None = None,
    message_id: str | None = None,
    note: str | None = None,
    by: str | None = None,
) -> Record:
    """Record a person's answer for an open step (an intent without a receipt, an unknown
    outcome, a duplicate): `sent` (it went out) or `not-sent` (the next run sends it)."""
    candidates = [
        r
        for r in ledger_file.ledger.open_steps(channel)
        if r.key == key and (part is None or r.part == part)
    ]
    if not candidates:
        raise PublishError(
            f"nothing to resolve for {channel} {key}"
            + (f" post {part}" if part is not None else "")
            + ": no intent without a receipt, no unknown outcome (see `pipeline ledger show`)"
        )
    if len(candidates) > 1:
        parts = ", ".join(str(r.part) for r in candidates)
        raise PublishError(
            f"{channel} {key} has several open posts ({parts}): choose one with --part"
        )
    open_step = candidates[0]
    if outcome == "sent" and channel == "x" and not post_id:
        raise PublishError(
            "an X post confirmed as sent needs its id (--post-id): the thread chains on it"
        )
    intent = next(
        (
            r
            for r in reversed(ledger_file.ledger.records)
            if r.event == "intent"
            and (r.channel, r.key, r.content_hash, r.part)
            == (channel, key, open_step.content_hash, open_step.part)
        ),
        None,
    )
    data: dict[str, Any] = {}
    if open_step.part is not None:
        data.update(part=open_step.part, parts=open_step.data.get("parts"))
    data["outcome"] = outcome
    if outcome == "sent" and intent is not None and channel == "email":
        data.update(articles=intent.data.get("articles", [key]), to=intent.data.get("to"))
        message_id = message_id or intent.data.get("message_id")
    data.update(post_id=post_id, message_id=message_id, by=by, note=note)
    record = Record(
        channel=channel,
        key=key,
        content_hash=open_step.content_hash,
        event="resolved",
        at=at,
        data={k: v for k, v in data.items() if v is not None},
    )
    ledger_file.append(record)
    return record


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
