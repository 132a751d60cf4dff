"""The ledger: what was sent where, kept in the repo as JSON Lines (`state/ledger.jsonl`).

One record per line, appended and flushed, never rewritten. Publishing writes an `intent`
before a send and a `receipt` after it; the build only asks what has been sent.
See README "The ledger" for the format.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pipeline.errors import ContentError, Problem

LEDGER_PATH = Path("state/ledger.jsonl")
FORMAT_VERSION = 1
Channel = Literal["email", "x"]
Event = Literal["intent", "receipt", "failed", "resolved"]


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
    data: dict[str, Any]

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
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                records.append(
                    Record(
                        channel=raw.pop("channel"),
                        key=raw.pop("key"),
                        content_hash=raw.pop("hash"),
                        event=raw.pop("event"),
                        at=raw.pop("at"),
                        data={k: v for k, v in raw.items() if k != "v"},
                    )
                )
            except (json.JSONDecodeError, KeyError, AttributeError, TypeError) as exc:
                problems.append(
                    Problem(str(path), number, "record", f"unreadable ledger line: {exc}")
                )
        if problems:
            raise ContentError(problems)
        return cls(tuple(records))

    def for_channel(self, channel: str) -> Iterable[Record]:
        return (r for r in self.records if r.channel == channel)

    def sent_keys(self, channel: str) -> set[str]:
        """Keys with a receipt (or a person's confirmation) on `channel`."""
        return {r.key for r in self.for_channel(channel) if r.event in {"receipt", "resolved"}}

    def articles_sent(self, channel: str) -> set[str]:
        """Article slugs that went out on `channel` (an email issue lists its articles)."""
        slugs: set[str] = set()
        for record in self.for_channel(channel):
            if record.event in {"receipt", "resolved"}:
                slugs.update(record.data.get("articles", [record.key]))
        return slugs
