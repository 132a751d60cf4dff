"""The ledger folded once into what the planner and the build ask of it.

`fold(records)` reads the log in one pass and keeps, per *step* (channel, key, content hash,
part), its first intent and its latest record, and per *item* (channel, key, content hash)
whether it went out. Every question after that is a dictionary lookup, not a rescan.

A step's status (`step_status`):
- `new`: nothing written; `sent`: a receipt, or a person's or a lookup's `sent`;
- `unconfirmed`: an intent without a receipt (a crash mid-send);
- `needs-person`: a failure that may have taken effect (unknown outcome, duplicate);
- `retryable`: a failure known not to have taken effect (not-sent, rejected).
`unconfirmed` and `needs-person` are *open*: the channel stops until they are settled.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from pipeline.ledger import Record

StepStatus = Literal["new", "sent", "unconfirmed", "needs-person", "retryable"]
OPEN_STATUSES: frozenset[str] = frozenset({"unconfirmed", "needs-person"})
STEP_EVENTS = frozenset({"intent", "receipt", "failed", "resolved"})
StepKey = tuple[str, str, str, int | None]


def step_status(record: Record | None) -> StepStatus:
    """What the latest step record (intent, receipt, failed, resolved) says about the step."""
    if record is None:
        return "new"
    if record.event == "intent":
        return "unconfirmed"
    if record.event == "receipt" or record.outcome == "sent":
        return "sent"
    if record.outcome in {"not-sent", "rejected"}:
        return "retryable"
    return "needs-person"


def item_done(record: Record) -> bool:
    """True for a record saying a whole item (no `part`) went out."""
    return (
        record.part is None
        and record.event in {"receipt", "resolved"}
        and record.outcome in {None, "sent"}
    )


@dataclass
class StepState:
    latest: Record
    first_intent: Record | None = None

    @property
    def status(self) -> StepStatus:
        return step_status(self.latest)


@dataclass
class ItemState:
    """One version (content hash) of one item on one channel."""

    channel: str
    key: str
    content_hash: str
    steps: dict[int | None, StepState] = field(default_factory=dict)
    done: Record | None = None
    """The latest record saying this version went out whole."""
    held: bool = False
    """A `held` record says once why this edited version is not re-sent."""

    def step(self, part: int | None) -> StepState | None:
        return self.steps.get(part)

    @property
    def started(self) -> bool:
        """Some post of it went out (a thread half-posted, when it is not done)."""
        return any(s.status == "sent" for p, s in self.steps.items() if p is not None)


@dataclass
class LedgerState:
    items: dict[tuple[str, str, str], ItemState] = field(default_factory=dict)
    versions: dict[tuple[str, str], list[ItemState]] = field(default_factory=dict)
    """Every version of (channel, key), in the order first written."""
    sent: dict[tuple[str, str], list[Record]] = field(default_factory=dict)
    """Every completed send of (channel, key), oldest first."""
    latest_steps: dict[StepKey, Record] = field(default_factory=dict)
    """The latest record of each step, ordered by latest activity."""

    def item(self, channel: str, key: str, content_hash: str) -> ItemState | None:
        return self.items.get((channel, key, content_hash))

    def sent_versions(self, channel: str, key: str) -> list[Record]:
        return self.sent.get((channel, key), [])

    def sent_keys(self, channel: str) -> set[str]:
        """Keys with a receipt (or a person's confirmation) on `channel`."""
        return {key for (c, key), done in self.sent.items() if c == channel and done}

    def articles_sent(self, channel: str) -> set[str]:
        """Article slugs that went out on `channel` (an email issue lists its articles)."""
        slugs: set[str] = set()
        for (c, key), records in self.sent.items():
            if c == channel:
                for record in records:
                    slugs.update(record.data.get("articles", [key]))
        return slugs

    def steps(self, channel: str | None = None) -> list[Record]:
        """The latest record of every step, in the order of its latest activity."""
        return [r for r in self.latest_steps.values() if channel is None or r.channel == channel]

    def open_steps(self, channel: str | None = None) -> list[Record]:
        """Steps a person (or a lookup) must settle before the channel goes on."""
        return [r for r in self.steps(channel) if step_status(r) in OPEN_STATUSES]

    def unfinished_versions(self, channel: str, key: str) -> list[str]:
        """Content hashes of `key` with some post sent but the item not done (half a thread)."""
        return [
            v.content_hash
            for v in self.versions.get((channel, key), [])
            if v.done is None and v.started
        ]


def fold(records: Iterable[Record]) -> LedgerState:
    state = LedgerState()
    for record in records:
        if record.channel == "ledger":  # `repaired` records: about the file, not a send
            continue
        ident = (record.channel, record.key, record.content_hash)
        item = state.items.get(ident)
        if item is None:
            item = state.items[ident] = ItemState(*ident)
            state.versions.setdefault((record.channel, record.key), []).append(item)
        if record.event == "held":
            item.held = True
        if item_done(record):
            item.done = record
            state.sent.setdefault((record.channel, record.key), []).append(record)
        if record.event not in STEP_EVENTS:
            continue
        step = item.steps.get(record.part)
        if step is None:
            step = item.steps[record.part] = StepState(record)
        step.latest = record
        if record.event == "intent":
            step.first_intent = step.first_intent or record
        key: StepKey = (*ident, record.part)
        state.latest_steps.pop(key, None)  # re-insert: ordered by latest activity
        state.latest_steps[key] = record
    return state
