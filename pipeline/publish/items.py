"""The shape of every channel's plan: one `Item` per article (social) or issue (email), with an
action and, for what will go out, its `StepPlan`s (one per post; one for an email)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pipeline.ledger import Record
from pipeline.publish.channel import Receipt
from pipeline.publish.dist import EmailIssue, Payload, SocialDrafts

Action = Literal["send", "resume", "done", "skip", "hold", "refuse"]
"""send/resume: will go out. done: already out. skip: not a candidate (outside the window,
not ready). hold: edited after it went out, not re-sent without --resend. refuse: cannot go
out as built (a stale draft, an article already sent in another issue): rebuild."""
Form = Literal["single", "thread"]


@dataclass(frozen=True)
class StepPlan:
    part: int | None
    payload: Payload
    done: Receipt | None = None
    """The receipt when this step already went out (a resumed thread)."""
    first_intent: Record | None = None
    """The step's first intent, when it was tried before: its token and time are kept."""


@dataclass(frozen=True)
class Item:
    channel: str
    key: str
    action: Action
    reason: str
    content_hash: str = ""
    """What the ledger records: the article's content hash (social) or the issue's sha256."""
    steps: tuple[StepPlan, ...] = ()
    form: Form | None = None
    resend: bool = False
    articles: tuple[str, ...] = ()
    context: Mapping[str, Any] = field(default_factory=dict)
    drafts: SocialDrafts | None = None
    issue: EmailIssue | None = None

    @property
    def pending(self) -> bool:
        return self.action in ("send", "resume")

    @property
    def sent_receipts(self) -> tuple[Receipt, ...]:
        return tuple(s.done for s in self.steps if s.done is not None)


@dataclass(frozen=True)
class ChannelPlan:
    channel: str
    items: tuple[Item, ...]
    blocked: tuple[Record, ...] = ()
    """Open steps (unconfirmed or possibly sent): the whole channel waits for a lookup or a
    person."""
    problem: str | None = None
    """A reason the channel cannot send at all (no list address, the daily cap reached)."""

    @property
    def to_send(self) -> list[Item]:
        return [i for i in self.items if i.pending]
