"""Carrying out the plan: intent, send, receipt, for each step, each channel on its own.

Everything with a side effect comes in as a parameter (the transports, the clock, sleep, the
output), so tests run fast against servers on 127.0.0.1 and a fake clock.
"""

from __future__ import annotations

import json
import math
import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any, Protocol, TypeVar

from pipeline.errors import PublishError
from pipeline.ledger import LedgerFile, Record
from pipeline.publish.credentials import Redactor
from pipeline.publish.email import SmtpResult, new_message_id, with_message_id, with_send_date
from pipeline.publish.faults import SendFailure
from pipeline.publish.plan import ChannelPlan, EmailItem, XItem

PAUSE_VARIABLE = "PIPELINE_PUBLISH_PAUSE_AFTER_INTENT"
"""Test hook: `x:SLUG:PART`, `email:ISSUE` or `*`. The process stops (sleeps) right after that
intent is durable, so a test can SIGKILL it between intent and send."""
T = TypeVar("T")


class XTransport(Protocol):
    def create_tweet(self, kwargs: Mapping[str, Any]) -> str: ...


class MailTransport(Protocol):
    def send(self, raw: bytes, sender: str, recipients: Sequence[str]) -> SmtpResult: ...


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4
    """Tries of one send whose failures are known not to have taken effect."""
    backoff: float = 2.0
    """Seconds before the first retry, doubled after each."""
    max_rate_limit_wait: float = 300.0
    """Wait for an X rate-limit reset at most this long; a later reset stops the channel."""


@dataclass
class ChannelResult:
    channel: str
    ok: bool = True
    sent: list[str] = field(default_factory=list)
    remaining: list[str] = field(default_factory=list)


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
    x: XTransport | None = None
    mail: MailTransport | None = None
    recipients: tuple[str, ...] = ()
    test_to: tuple[str, ...] = ()

    # -- output and ledger ------------------------------------------------------------------
    def _say(self, text: str) -> None:
        self.say(self.redact(text))

    def _failed(
        self,
        channel: str,
        key: str,
        content_hash: str,
        what: str,
        failure: SendFailure,
        **parts: int,
    ) -> None:
        """Record a send that failed, say so, and say what a person should do about it."""
        self._record(
            channel, key, content_hash, "failed", **parts,
            outcome=failure.outcome, error=failure.message,
        )  # fmt: skip
        self._say(f"{channel}: {what} FAILED: {failure.message}")
        self._say(f"   {_outcome_advice(failure.outcome)}")

    def _record(self, channel: str, key: str, content_hash: str, event: str, **data: Any) -> Record:
        clean = {k: self._clean(v) for k, v in data.items() if v is not None}
        record = Record(
            channel=channel,
            key=key,
            content_hash=content_hash,
            event=event,
            at=self.now().astimezone(UTC).isoformat(timespec="seconds"),
            data=clean,
        )
        try:
            self.ledger_file.append(record)
        except OSError as exc:
            if event == "intent":  # written before the send: nothing went out
                raise PublishError(
                    f"{self.ledger_file.path}: cannot record the intent for {channel} {key} "
                    f"({exc.strerror or exc}): nothing was sent"
                ) from None
            # The send happened: say what went out, so a person can record it by hand.
            sent = {k: clean[k] for k in ("post_id", "message_id", "part") if k in clean}
            self._say(
                f"{channel}: {key}: could not write the {event} to {self.ledger_file.path}: "
                f"{exc.strerror or exc}; write down: {json.dumps(sent)}"
            )
            raise PublishError(
                f"{self.ledger_file.path}: {event} for {channel} {key} not written "
                f"({exc.strerror or exc}); details printed above: record them with "
                "`pipeline ledger resolve`"
            ) from None
        return record

    def _clean(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.redact(value)
        if isinstance(value, list | tuple):
            return [self._clean(v) for v in value]
        if isinstance(value, dict):
            return {k: self._clean(v) for k, v in value.items()}
        return value

    # -- retrying ---------------------------------------------------------------------------
    def _with_retries(self, send: Callable[[], T], what: str) -> T:
        delay = self.policy.backoff
        tries = 0
        while True:
            tries += 1
            try:
                return _guarded(send)
            except SendFailure as failure:
                last_try = tries >= self.policy.attempts
                if failure.outcome == "rate-limited":
                    wait = (
                        failure.reset_at - self.now().timestamp() + 1
                        if failure.reset_at is not None
                        else None
                    )
                    if (
                        wait is not None
                        and wait <= self.policy.max_rate_limit_wait
                        and not last_try
                    ):
                        self._say(
                            f"  {what}: rate limited; waiting {math.ceil(max(wait, 0))} s for the reset"
                        )
                        self.sleep(max(wait, 0.0))
                        continue
                    until = (
                        datetime.fromtimestamp(failure.reset_at, UTC).strftime(
                            "%Y-%m-%d %H:%M:%S UTC"
                        )
                        if failure.reset_at is not None
                        else "an unknown time"
                    )
                    raise SendFailure("not-sent", f"rate limited by X until {until}") from None
                if failure.outcome == "not-sent" and not last_try:
                    self._say(f"  {what}: {failure.message}; retrying in {delay:g} s")
                    self.sleep(delay)
                    delay *= 2
                    continue
                raise

    # -- common reporting -------------------------------------------------------------------
    def _report_items(self, plan: ChannelPlan, result: ChannelResult) -> None:
        for item in plan.items:
            if item.action in ("send", "resume"):
                continue
            self._say(f"{plan.channel}: {item.action} {item.key}: {item.reason}")
            if item.action == "refuse":
                result.ok = False
            # Say once in the ledger why an edited version is not sent.
            if (
                item.action == "hold"
                and self.live
                and not self.ledger_file.ledger.has(
                    plan.channel, item.key, item.content_hash, "held"
                )
            ):
                sent = self.ledger_file.ledger.sent_versions(plan.channel, item.key)
                self._record(
                    plan.channel,
                    item.key,
                    item.content_hash,
                    "held",
                    reason="edited after it went out; not re-sent without --resend",
                    sent_hash=sent[-1].content_hash if sent else None,
                )

    def _blocked(self, plan: ChannelPlan, result: ChannelResult) -> bool:
        if not plan.blocked:
            return False
        result.ok = False
        self._say(f"{plan.channel}: STOPPED, a person must confirm what happened first:")
        for record in plan.blocked:
            part = f" post {record.part}" if record.part else ""
            state = (
                "intent without a receipt (the run stopped mid-send)"
                if record.event == "intent"
                else f"{record.data.get('outcome')}: {record.data.get('error', '')}"
            )
            self._say(f"  {record.key}{part} ({record.content_hash[:12]}, {record.at}): {state}")
            self._say(
                f"  check, then: pipeline ledger resolve {record.channel} {record.key}"
                + (f" --part {record.part}" if record.part else "")
                + " --sent"
                + (" --post-id ID" if record.channel == "x" else "")
                + "  (or --not-sent)"
            )
        result.remaining = [i.key for i in plan.to_send]
        if result.remaining:
            self._say(f"  waiting: {', '.join(result.remaining)}")
        return True

    # -- X ------------------------------------------------------------------------------------
    def run_x(self, plan: ChannelPlan) -> ChannelResult:
        result = ChannelResult("x")
        if self._blocked(plan, result):
            self._report_items(plan, result)
            return result
        self._report_items(plan, result)
        items: list[XItem] = [i for i in plan.items if isinstance(i, XItem)]
        pending = [i for i in items if i.action in ("send", "resume")]
        for index, item in enumerate(pending):
            if not self.live:
                self._describe_x(item)
                continue
            assert self.x is not None, "live X publishing needs a transport"
            if not self._post_thread(item):
                result.ok = False
                result.remaining = [i.key for i in pending[index:]]
                self._say(f"x: stopped; not posted: {', '.join(result.remaining)}")
                break
            result.sent.append(item.key)
        return result

    def _describe_x(self, item: XItem) -> None:
        self._say(f"x: {item.key}: would {item.reason} ({item.content_hash[:12]})")
        n = len(item.posts)
        for part, post in enumerate(item.posts, start=1):
            if part <= len(item.sent_ids):
                self._say(f"    {part}/{n} already out ({item.sent_ids[part - 1]})")
                continue
            reply = " (reply to the previous post)" if part > 1 else ""
            extra = {k: v for k, v in post.items() if k != "text"}
            self._say(f"    {part}/{n}{reply}{f' {extra}' if extra else ''}:")
            for line in str(post["text"]).splitlines() or [""]:
                self._say(f"      | {line}")

    def _post_thread(self, item: XItem) -> bool:
        assert self.x is not None
        x = self.x
        n = len(item.posts)
        ids = list(item.sent_ids)
        for part in range(len(ids) + 1, n + 1):
            kwargs = dict(item.posts[part - 1])
            reply_to = ids[-1] if ids else None
            if reply_to is not None:
                kwargs["in_reply_to_tweet_id"] = reply_to
            what = f"{item.key} post {part}/{n}"
            self._record(
                "x",
                item.key,
                item.content_hash,
                "intent",
                part=part,
                parts=n,
                form=item.form,
                drafts_hash=item.drafts.drafts_hash,
                reply_to=reply_to,
                resend=True if item.resend else None,
            )
            _pause_after_intent("x", item.key, part)
            try:
                post_id = self._with_retries(partial(x.create_tweet, kwargs), f"x: {what}")
            except SendFailure as failure:
                self._failed("x", item.key, item.content_hash, what, failure, part=part, parts=n)
                return False
            self._record(
                "x", item.key, item.content_hash, "receipt", part=part, parts=n, post_id=post_id
            )
            self._say(f"x: {what} posted ({post_id})")
            ids.append(post_id)
        self._record(
            "x",
            item.key,
            item.content_hash,
            "receipt",
            form=item.form,
            post_ids=ids,
            articles=[item.key],
            resend=True if item.resend else None,
        )
        return True

    # -- email --------------------------------------------------------------------------------
    def run_email(self, plan: ChannelPlan) -> ChannelResult:
        result = ChannelResult("email")
        items: list[EmailItem] = [i for i in plan.items if isinstance(i, EmailItem)]
        pending = [i for i in items if i.action == "send"]
        if self.test_to:
            return self._test_copies(pending, result)
        if self._blocked(plan, result):
            self._report_items(plan, result)
            return result
        self._report_items(plan, result)
        if plan.problem and pending:
            self._say(f"email: cannot send: {plan.problem}")
            result.ok = False
            result.remaining = [i.key for i in pending]
            return result
        for index, item in enumerate(pending):
            if not self.live:
                self._describe_email(item, self.recipients, "would send")
                continue
            if not self._send_issue(item, result):
                result.ok = False
                result.remaining = [i.key for i in pending[index:]]
                self._say(f"email: stopped; not sent: {', '.join(result.remaining)}")
                break
            result.sent.append(item.key)
        return result

    def _describe_email(self, item: EmailItem, to: Sequence[str], verb: str) -> None:
        issue = item.issue
        self._say(f"email: {issue.issue_id}: {verb} {issue.path} ({len(issue.raw):,} bytes)")
        self._say(f"    to:         {', '.join(to)}")
        self._say(f"    from:       {issue.sender}")
        self._say(f"    subject:    {issue.subject}")
        self._say(f"    message-id: {issue.message_id or '(set when sent)'}")
        self._say(f"    articles:   {', '.join(issue.articles)}")

    def _test_copies(self, pending: list[EmailItem], result: ChannelResult) -> ChannelResult:
        if not pending:
            self._say("email: no issue to send a test copy of")
        for item in pending:
            if not self.live:
                self._describe_email(item, self.test_to, "would send a TEST COPY of")
                continue
            assert self.mail is not None
            mail = self.mail
            issue = item.issue
            raw = with_send_date(with_message_id(issue.raw, new_message_id(issue)), self.now())
            try:
                self._with_retries(
                    partial(mail.send, raw, issue.sender, self.test_to), "email: test copy"
                )
            except SendFailure as failure:
                result.ok = False
                self._say(f"email: test copy of {issue.issue_id} FAILED: {failure.message}")
                continue
            self._say(
                f"email: test copy of {issue.issue_id} sent to {', '.join(self.test_to)} "
                "(not recorded: the issue is still to be sent)"
            )
        return result

    def _send_issue(self, item: EmailItem, result: ChannelResult) -> bool:
        assert self.mail is not None
        mail = self.mail
        issue = item.issue
        message_id = issue.message_id
        raw = issue.raw
        if message_id is None or item.resend:
            # A re-send gets a new Message-ID: receivers drop a message id they have seen.
            message_id = new_message_id(issue)
            raw = with_message_id(raw, message_id)
        # Dated at the send; the ledger's hash stays the reviewed file's (checked on reading).
        sent_at = self.now()
        raw = with_send_date(raw, sent_at)
        to = list(self.recipients)
        self._record(
            "email",
            issue.issue_id,
            item.content_hash,
            "intent",
            articles=list(issue.articles),
            to=to,
            message_id=message_id,
            subject=issue.subject,
            date=sent_at.astimezone(UTC).isoformat(timespec="seconds"),
            resend=True if item.resend else None,
        )
        _pause_after_intent("email", issue.issue_id, None)
        try:
            sent = self._with_retries(
                partial(mail.send, raw, issue.sender, to), f"email: {issue.issue_id}"
            )
        except SendFailure as failure:
            self._failed("email", issue.issue_id, item.content_hash, issue.issue_id, failure)
            return False
        self._record(
            "email",
            issue.issue_id,
            item.content_hash,
            "receipt",
            articles=list(issue.articles),
            to=list(sent.accepted),
            message_id=message_id,
            refused=sent.refused or None,
            resend=True if item.resend else None,
        )
        self._say(f"email: {issue.issue_id} sent to {', '.join(sent.accepted)} ({message_id})")
        if sent.refused:
            result.ok = False
            for address, reply in sent.refused.items():
                self._say(f"email: {issue.issue_id}: REFUSED {address}: {reply}")
        return True


def _outcome_advice(outcome: str) -> str:
    return {
        "not-sent": "It did not go out; the next run tries again.",
        "rejected": "It did not go out; fix the cause, then run again.",
        "unknown": "It MAY have gone out: check, then `pipeline ledger resolve`. Not retried.",
        "duplicate": "Probably already posted: check, then `pipeline ledger resolve`. Not retried.",
    }.get(outcome, "")


def _pause_after_intent(channel: str, key: str, part: int | None) -> None:
    wanted = os.environ.get(PAUSE_VARIABLE)
    if not wanted:
        return
    here = f"{channel}:{key}" + (f":{part}" if part is not None else "")
    if wanted in ("*", here):
        while True:  # until the test kills the process
            time.sleep(60)


def publish_channels(
    publisher: Publisher, x_plan: ChannelPlan | None, email_plan: ChannelPlan | None
) -> list[ChannelResult]:
    """Each channel on its own: a failure on one does not stop the other."""
    results: list[ChannelResult] = []
    if x_plan is not None:
        results.append(publisher.run_x(x_plan))
    if email_plan is not None:
        results.append(publisher.run_email(email_plan))
    return results


def summary_lines(results: Sequence[ChannelResult], live: bool) -> list[str]:
    lines = []
    for result in results:
        status = "ok" if result.ok else "FAILED"
        sent = f"{len(result.sent)} sent" if live else "dry run"
        remaining = f"; remaining: {', '.join(result.remaining)}" if result.remaining else ""
        lines.append(f"{result.channel}: {status} ({sent}{remaining})")
    return lines


def _guarded(send: Callable[[], T]) -> T:
    """`send()`, with any exception a sender did not classify turned into a SendFailure.

    An intent is already in the ledger when a send starts: a bare traceback would leave it
    without a failure record and stop the other channel. Encoding errors happen before any byte
    is written (requests and smtplib encode first), so nothing left; anything else might have.
    Only the exception's type is shown: its text may quote a secret being encoded."""
    try:
        return send()
    except SendFailure:
        raise
    except UnicodeEncodeError as exc:
        raise SendFailure(
            "not-sent", f"could not encode the request ({type(exc).__name__})"
        ) from None
    except Exception as exc:  # the ledger must record every outcome
        raise SendFailure("unknown", f"unexpected {type(exc).__name__} while sending") from None
