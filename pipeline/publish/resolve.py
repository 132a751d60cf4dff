"""`pipeline ledger resolve`: a person's answer for a send whose outcome the publisher could
not know, recorded as a `resolved` step record."""

from __future__ import annotations

from typing import Any, Literal

from pipeline.errors import PublishError
from pipeline.ledger import LedgerFile, Record
from pipeline.publish.channel import LABELS


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
        for r in ledger_file.ledger.state.open_steps(channel)
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
    if outcome == "sent" and channel != "email" and not post_id:
        label = LABELS.get(channel, channel)
        raise PublishError(
            f"{'An' if label.startswith('X') else 'A'} {label} post confirmed as sent needs its id "
            "(--post-id): the thread chains on it"
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
