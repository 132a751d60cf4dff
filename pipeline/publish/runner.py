"""Carrying out a plan, the same way for every channel: for each step, intent, send, receipt.

Everything with a side effect comes in as a parameter (the senders, the clock, sleep, the
output), so tests run fast against servers on 127.0.0.1 and a fake clock. What differs between
channels is in `channels.py`; what is said, in `report.py`; retrying, in `retry.py`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from pipeline.ledger import LedgerFile, Record
from pipeline.publish.channel import Receipt, Sender, Step, step_token
from pipeline.publish.channels import (
    LABELS,
    email_payload,
    email_receipt,
    social_intent,
    social_receipt,
)
from pipeline.publish.credentials import Redactor
from pipeline.publish.faults import SendFailure
from pipeline.publish.items import ChannelPlan, Item, StepPlan
from pipeline.publish.recorder import Recorder
from pipeline.publish.report import (
    ChannelResult,
    blocked_lines,
    describe_email,
    describe_social,
)
from pipeline.publish.retry import Retrier, RetryPolicy

PAUSE_VARIABLE = "PIPELINE_PUBLISH_PAUSE_AFTER_INTENT"
"""Test hook: `CHANNEL:KEY:PART` (a social post), `email:ISSUE` or `*`. The process stops
(sleeps) right after that intent is durable, so a test can SIGKILL it between intent and send."""


@dataclass
class Publisher:
    """One publish run. `live=False` prints the plan and changes nothing."""

    ledger_file: LedgerFile
    now: Callable[[], datetime]
    say: Callable[[str], None]
    live: bool = False
    sleep: Callable[[float], None] = time.sleep
    redact: Redactor = field(default_factory=Redactor)
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    senders: Mapping[str, Sender] = field(default_factory=dict)
    recipients: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.recorder = Recorder(self.ledger_file, self.now, self.redact, self._say)
        self.retry = Retrier(self.policy, self.now, self.sleep, self._say)

    def _say(self, text: str) -> None:
        self.say(self.redact(text))

    # -- settling what a crash or an unknown outcome left open --------------------------------
    def settle(self, plan: ChannelPlan) -> bool:
        """Ask the network about each open step before asking a person. Records what it
        learns (a `resolved` record by `lookup`); True when anything was settled."""
        sender = self.senders.get(plan.channel)
        if not self.live or sender is None or not plan.blocked or not can_look_up(sender):
            return False
        settled = False
        for record in plan.blocked:
            found = self._step_for(plan, record)
            if found is None:
                continue
            item, step = found
            what = f"{record.key}" + (f" post {record.part}" if record.part else "")
            try:
                receipt = sender.lookup(step)
            except SendFailure as failure:
                self._say(
                    f"{plan.channel}: {what}: a lookup could not settle it ({failure.message})"
                )
                continue
            outcome = "sent" if receipt is not None else "not-sent"
            data = social_receipt(item, record.part, receipt) if receipt and record.part else {}
            if record.part is not None:
                data.update(part=record.part, parts=record.data.get("parts"))
            self.recorder.record(
                plan.channel, record.key, record.content_hash, "resolved",
                **data, outcome=outcome, by="lookup",
                note=f"looked up on {LABELS[plan.channel]} after an unconfirmed send",
            )  # fmt: skip
            found_text = f"found ({receipt.post_id})" if receipt else "not there: it will be sent"
            self._say(f"{plan.channel}: {what}: looked up: {found_text}")
            settled = True
        return settled

    def _step_for(self, plan: ChannelPlan, record: Record) -> tuple[Item, Step] | None:
        for item in plan.items:
            if item.key != record.key or item.content_hash != record.content_hash:
                continue
            for index, step in enumerate(item.steps):
                if step.part == record.part and step.first_intent is not None:
                    return item, self._step(item, step, item.sent_receipts[:index], {})
        return None

    def _step(
        self,
        item: Item,
        step: StepPlan,
        earlier: Sequence[Receipt],
        payload: Mapping[str, object],
        intent: Record | None = None,
    ) -> Step:
        """The step as the sender sees it. Its token and start are those of its first intent
        (`intent`: the one just written, for a step never tried before), so that every attempt,
        in this run or a later one, sends the same record key and idempotency key."""
        first = step.first_intent or intent
        started = datetime.fromisoformat(first.at) if first is not None else self.now()
        return Step(
            channel=item.channel,
            key=item.key,
            content_hash=item.content_hash,
            part=step.part,
            parts=len(item.steps),
            payload=payload or step.payload,
            context=item.context,
            token=_token(item, step, first),
            started_at=started,
            earlier=tuple(earlier),
        )

    # -- one channel --------------------------------------------------------------------------
    def run(self, plan: ChannelPlan) -> ChannelResult:
        result = ChannelResult(plan.channel)
        pending = plan.to_send
        if plan.blocked:
            result.ok = False
            result.remaining = [i.key for i in pending]
            for line in blocked_lines(plan.channel, plan.blocked, result.remaining):
                self._say(line)
            self._report_items(plan, result)
            return result
        self._report_items(plan, result)
        if plan.problem and pending:
            self._say(f"{plan.channel}: cannot send: {plan.problem}")
            result.ok = False
            result.remaining = [i.key for i in pending]
            return result
        for index, item in enumerate(pending):
            if not self.live:
                if item.channel == "email":
                    describe_email(item, self.recipients, "would send", self._say)
                else:
                    describe_social(item, self._say)
                continue
            if not self._send_item(item, result):
                result.ok = False
                result.remaining = [i.key for i in pending[index:]]
                verb = "sent" if item.channel == "email" else "posted"
                self._say(f"{plan.channel}: stopped; not {verb}: {', '.join(result.remaining)}")
                break
            result.sent.append(item.key)
        return result

    def _report_items(self, plan: ChannelPlan, result: ChannelResult) -> None:
        state = self.ledger_file.ledger.state  # a `held` record written below does not matter
        for item in plan.items:
            if item.pending:
                continue
            self._say(f"{plan.channel}: {item.action} {item.key}: {item.reason}")
            if item.action == "refuse":
                result.ok = False
            version = state.item(plan.channel, item.key, item.content_hash)
            if item.action == "hold" and self.live and not (version and version.held):
                # Say once in the ledger why an edited version is not sent.
                sent = state.sent_versions(plan.channel, item.key)
                self.recorder.record(
                    plan.channel, item.key, item.content_hash, "held",
                    reason="edited after it went out; not re-sent without --resend",
                    sent_hash=sent[-1].content_hash if sent else None,
                )  # fmt: skip

    # -- one item -----------------------------------------------------------------------------
    def _send_item(self, item: Item, result: ChannelResult) -> bool:
        sender = self.senders.get(item.channel)
        assert sender is not None, f"live {item.channel} publishing needs a sender"
        label = LABELS[item.channel]
        receipts = list(item.sent_receipts)
        n = len(item.steps)
        for step_plan in item.steps:
            if step_plan.done is not None:
                continue
            payload: Mapping[str, object] = {}
            if item.channel == "email":
                payload, intent = email_payload(item, self.recipients, self.now())
                what = item.key
            else:
                token = _token(item, step_plan, step_plan.first_intent)
                intent = social_intent(item, step_plan.part or 1, receipts, token)
                what = f"{item.key} post {step_plan.part}/{n}"
            written = self.recorder.record(
                item.channel, item.key, item.content_hash, "intent", **intent
            )
            step = self._step(item, step_plan, receipts, payload, written)
            _pause_after_intent(item.channel, item.key, step.part)
            try:
                receipt = self.retry(
                    partial(sender.send, step),
                    f"{item.channel}: {what}",
                    label,
                    lookup=partial(sender.lookup, step) if can_look_up(sender) else None,
                )
            except SendFailure as failure:
                self._learn_secrets(sender)
                parts = {"part": step.part, "parts": n} if step.part is not None else {}
                self.recorder.failed(
                    item.channel, item.key, item.content_hash, what, failure, **parts
                )
                return False
            receipts.append(receipt)
            self._learn_secrets(sender)
            if item.channel == "email":
                self._email_receipt(item, receipt, result)
                return True
            self.recorder.record(
                item.channel, item.key, item.content_hash, "receipt",
                **social_receipt(item, step.part or 1, receipt),
            )  # fmt: skip
            note = f"; {receipt.extra['note']}" if receipt.extra.get("note") else ""
            self._say(f"{item.channel}: {what} posted ({receipt.post_id}){note}")
        self.recorder.record(
            item.channel, item.key, item.content_hash, "receipt",
            form=item.form, post_ids=[r.post_id for r in receipts], articles=[item.key],
            resend=True if item.resend else None,
        )  # fmt: skip
        return True

    def _learn_secrets(self, sender: Sender) -> None:
        secrets = getattr(sender, "secrets", None)
        if callable(secrets):
            self.redact.add(secrets())

    def _email_receipt(self, item: Item, receipt: Receipt, result: ChannelResult) -> None:
        self.recorder.record(
            "email", item.key, item.content_hash, "receipt", **email_receipt(item, receipt)
        )
        accepted = receipt.extra.get("accepted") or []
        self._say(f"email: {item.key} sent to {', '.join(accepted)} ({receipt.post_id})")
        refused = receipt.extra.get("refused") or {}
        if refused:
            result.ok = False
            for address, reply in refused.items():
                self._say(f"email: {item.key}: REFUSED {address}: {reply}")


def _token(item: Item, step: StepPlan, first: Record | None) -> str:
    """The token the step's first intent recorded, else the one derived for it."""
    recorded = first.data.get("token") if first is not None else None
    if recorded:
        return str(recorded)
    return step_token(item.channel, item.key, item.content_hash, step.part)


def can_look_up(sender: Sender) -> bool:
    """False for a network that cannot be asked whether a post is there (X, SMTP, LinkedIn):
    its unknown outcomes go straight to a person."""
    return bool(getattr(sender, "can_look_up", True))


def _pause_after_intent(channel: str, key: str, part: int | None) -> None:
    wanted = os.environ.get(PAUSE_VARIABLE)
    if not wanted:
        return
    here = f"{channel}:{key}" + (f":{part}" if part is not None else "")
    if wanted in ("*", here):
        while True:  # until the test kills the process
            time.sleep(60)
