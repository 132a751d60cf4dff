"""What the publisher says: the dry run's description of each item, why items are not sent,
what a person must settle, and the summary line of each channel."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pipeline.ledger import Record
from pipeline.publish.items import Item

Say = Callable[[str], None]
_SHOWN_APART = frozenset({"text", "facets", "embed", "mentions_to_resolve"})


@dataclass
class ChannelResult:
    channel: str
    ok: bool = True
    sent: list[str] = field(default_factory=list)
    remaining: list[str] = field(default_factory=list)
    skipped: str | None = None
    """Why the channel was not run at all (not configured)."""


def describe_social(item: Item, say: Say) -> None:
    say(f"{item.channel}: {item.key}: would {item.reason} ({item.content_hash[:12]})")
    n = len(item.steps)
    for step in item.steps:
        if step.done is not None:
            say(f"    {step.part}/{n} already out ({step.done.post_id})")
            continue
        reply = " (reply to the previous post)" if (step.part or 1) > 1 else ""
        extra = {k: v for k, v in step.payload.items() if k not in _SHOWN_APART}
        card = " [link card]" if "embed" in step.payload else ""
        say(f"    {step.part}/{n}{reply}{card}{f' {extra}' if extra else ''}:")
        for line in str(step.payload.get("text", "")).splitlines() or [""]:
            say(f"      | {line}")


def describe_email(item: Item, to: Sequence[str], verb: str, say: Say) -> None:
    issue = item.issue
    assert issue is not None
    say(f"email: {issue.issue_id}: {verb} {issue.path} ({len(issue.raw):,} bytes)")
    say(f"    to:         {', '.join(to)}")
    say(f"    from:       {issue.sender}")
    say(f"    subject:    {issue.subject}")
    say(f"    message-id: {issue.message_id or '(set when sent)'}")
    say(f"    articles:   {', '.join(issue.articles)}")


def blocked_lines(channel: str, blocked: Sequence[Record], waiting: Sequence[str]) -> list[str]:
    lines = [f"{channel}: STOPPED, a person must confirm what happened first:"]
    for record in blocked:
        part = f" post {record.part}" if record.part else ""
        state = (
            "intent without a receipt (the run stopped mid-send)"
            if record.event == "intent"
            else f"{record.data.get('outcome')}: {record.data.get('error', '')}"
        )
        lines.append(f"  {record.key}{part} ({record.content_hash[:12]}, {record.at}): {state}")
        lines.append(
            f"  check, then: pipeline ledger resolve {record.channel} {record.key}"
            + (f" --part {record.part}" if record.part else "")
            + " --sent"
            + (" --post-id ID" if record.channel != "email" else "")
            + "  (or --not-sent)"
        )
    if waiting:
        lines.append(f"  waiting: {', '.join(waiting)}")
    return lines


def summary_lines(results: Sequence[ChannelResult], live: bool) -> list[str]:
    lines = []
    for result in results:
        if result.skipped:
            lines.append(f"{result.channel}: skipped ({result.skipped})")
            continue
        status = "ok" if result.ok else "FAILED"
        sent = f"{len(result.sent)} sent" if live else "dry run"
        remaining = f"; remaining: {', '.join(result.remaining)}" if result.remaining else ""
        lines.append(f"{result.channel}: {status} ({sent}{remaining})")
    return lines
