"""The one contract every channel keeps: plan the steps of an item, send one step, read the
result as a receipt (it went out) or a SendFailure (what is known about why it did not).

A *step* is one send: an email issue is one step, a thread of n posts is n steps. The runner
(`runner.py`) is the same for every channel: it writes the intent, calls `Sender.send`, writes
the receipt or the failure, retries what is known not to have gone out, waits for rate limits,
and, after an outcome it cannot know, asks `Sender.lookup` before it asks a person.

Everything a sender needs to make a send idempotent is in the Step: `token` is the same for
every attempt of one step (the runner reads it back from the step's first intent), so a
network with its own idempotency (Bluesky's record key, Mastodon's Idempotency-Key) turns a
retry after an unknown outcome into "already there", never a second post.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from pipeline.publish.names import CHANNELS as CHANNELS  # there, so the CLI need not import this
from pipeline.publish.names import NETWORK_NAMES

LABELS = {**NETWORK_NAMES, "email": "email"}
DAILY_CAPS: dict[str, int] = {"linkedin": 150}
"""Posts per 24 hours a network allows an account, counted from the ledger before posting (the
others answer 429 with a reset). LinkedIn does not publish its Posts API numbers; 150 a day
per account is the figure publishing services document (see `pipeline.publish.linkedin`)."""


@dataclass(frozen=True)
class Receipt:
    """What a network said when it took one step."""

    post_id: str
    """X: the tweet id. Bluesky: the post's at:// URI. Mastodon: the status id. LinkedIn: the
    post URN (`x-restli-id`). Email: the Message-ID."""
    url: str | None = None
    """Where a person can see it, when the network says."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """What a later step needs besides the id (Bluesky: `cid`, for reply refs), and what the
    ledger should keep (email: the recipients accepted and refused)."""


@dataclass(frozen=True)
class Step:
    """One send, with everything the sender needs and nothing it must look up elsewhere."""

    channel: str
    key: str
    """The item: an article slug (social) or an issue id (email)."""
    content_hash: str
    part: int | None
    """1..parts for the posts of a social item; None for an email issue."""
    parts: int
    payload: Mapping[str, Any]
    """The reviewed draft of this step, exactly as the drafts file has it (a social post:
    `text`, and per network `facets`, `embed`, `create_tweet`, ...)."""
    context: Mapping[str, Any]
    """Facts of the item a post may need: `url`, `title`, `description`, `language`,
    `image` ({"url", "alt"} or None)."""
    token: str
    """Stable for every attempt of this step: 64 hex digits (see `step_token`)."""
    started_at: datetime
    """When this step's first intent was written (stable across attempts and runs)."""
    earlier: tuple[Receipt, ...] = ()
    """Receipts of the parts before this one, in order: a reply's root is `earlier[0]`, its
    parent `earlier[-1]`."""


class Sender(Protocol):
    """A network client. Raises SendFailure (pipeline.publish.faults) saying whether the send
    can have taken effect; never retries or sleeps by itself (the runner does, with its
    injected clock)."""

    def send(self, step: Step) -> Receipt: ...

    def lookup(self, step: Step) -> Receipt | None:
        """After an unknown outcome: the receipt if the step's post is there, None when it
        certainly is not; SendFailure("unknown", ...) when the network cannot tell."""
        ...


def step_token(channel: str, key: str, content_hash: str, part: int | None, round_: int = 0) -> str:
    """The idempotency token of a step: the same for every attempt; `round_` counts a
    deliberate re-send (`--resend`), which must not be taken for a retry."""
    seed = f"pipeline/1|{channel}|{key}|{content_hash}|{part or 0}|{round_}"
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()
