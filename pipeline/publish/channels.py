"""What differs between channels, in one place: names, the email and X senders on the channel
contract, and what each channel's intent and receipt records carry."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Protocol

from pipeline.publish.channel import CHANNELS, LABELS, Receipt, Step
from pipeline.publish.email import SmtpResult, new_message_id, with_message_id, with_send_date
from pipeline.publish.faults import SendFailure
from pipeline.publish.items import Item

__all__ = ["CHANNELS", "LABELS", "MailSender", "XSender", "email_payload", "social_intent"]


class XTransport(Protocol):
    def create_tweet(self, kwargs: Mapping[str, Any]) -> str: ...


class MailTransport(Protocol):
    def send(self, raw: bytes, sender: str, recipients: Sequence[str]) -> SmtpResult: ...


class XSender:
    """X on the channel contract. X has no idempotency key and no cheap lookup: an unknown
    outcome goes to a person."""

    can_look_up = False

    def __init__(self, transport: XTransport) -> None:
        self.transport = transport

    def send(self, step: Step) -> Receipt:
        kwargs = dict(step.payload)
        if step.earlier:
            kwargs["in_reply_to_tweet_id"] = step.earlier[-1].post_id
        return Receipt(self.transport.create_tweet(kwargs))

    def lookup(self, step: Step) -> Receipt | None:
        raise SendFailure("unknown", "X is not asked (no lookup by post): check the account")


class MailSender:
    """The newsletter on the channel contract: one step, the prepared message (`payload`)."""

    can_look_up = False

    def __init__(self, transport: MailTransport) -> None:
        self.transport = transport

    def send(self, step: Step) -> Receipt:
        payload = step.payload
        result = self.transport.send(payload["raw"], payload["sender"], payload["to"])
        return Receipt(
            payload["message_id"],
            extra={"accepted": list(result.accepted), "refused": dict(result.refused)},
        )

    def lookup(self, step: Step) -> Receipt | None:
        raise SendFailure("unknown", "an SMTP server cannot be asked what it delivered")


def email_payload(
    item: Item, recipients: Sequence[str], now: datetime
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The message to send for an email item, dated now, and what its intent records."""
    issue = item.issue
    assert issue is not None
    message_id = issue.message_id
    raw = issue.raw
    if message_id is None or item.resend:
        # A re-send gets a new Message-ID: receivers drop a message id they have seen.
        message_id = new_message_id(issue)
        raw = with_message_id(raw, message_id)
    # Dated at the send; the ledger's hash stays the reviewed file's (checked on reading).
    raw = with_send_date(raw, now)
    to = list(recipients)
    payload = {"raw": raw, "sender": issue.sender, "to": to, "message_id": message_id}
    intent = {
        "articles": list(issue.articles),
        "to": to,
        "message_id": message_id,
        "subject": issue.subject,
        "date": now.astimezone(UTC).isoformat(timespec="seconds"),
        "resend": True if item.resend else None,
    }
    return payload, intent


def email_receipt(item: Item, receipt: Receipt) -> dict[str, Any]:
    return {
        "articles": list(item.articles),
        "to": receipt.extra.get("accepted"),
        "message_id": receipt.post_id,
        "refused": receipt.extra.get("refused") or None,
        "resend": True if item.resend else None,
    }


def social_intent(item: Item, part: int, earlier: Sequence[Receipt], token: str) -> dict[str, Any]:
    assert item.drafts is not None
    return {
        "part": part,
        "parts": len(item.steps),
        "form": item.form,
        "drafts_hash": item.drafts.drafts_hash,
        "reply_to": earlier[-1].post_id if earlier else None,
        "resend": True if item.resend else None,
        "token": token,
    }


def social_receipt(item: Item, part: int, receipt: Receipt) -> dict[str, Any]:
    return {
        "part": part,
        "parts": len(item.steps),
        "post_id": receipt.post_id,
        "url": receipt.url,
        **{k: v for k, v in receipt.extra.items() if k in ("cid", "note")},
    }
