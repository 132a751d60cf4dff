"""Retrying one send: backoff for what is known not to have gone out, bounded waits for rate
limits, and a lookup before an unknown outcome is handed to a person."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

from pipeline.publish.faults import SendFailure

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4
    """Tries of one send whose failures are known not to have taken effect."""
    backoff: float = 2.0
    """Seconds before the first retry, doubled after each."""
    max_rate_limit_wait: float = 300.0
    """Wait for a rate-limit reset at most this long; a later reset stops the channel."""


@dataclass
class Retrier:
    policy: RetryPolicy
    now: Callable[[], datetime]
    sleep: Callable[[float], None]
    say: Callable[[str], None]

    def __call__(
        self,
        send: Callable[[], T],
        what: str,
        network: str,
        lookup: Callable[[], T | None] | None = None,
    ) -> T:
        """`send()` until it succeeds or fails for good (SendFailure). After an unknown
        outcome, `lookup()` settles it: found is success, certainly absent is a failure known
        not to have taken effect (so retried); a lookup that cannot tell keeps it unknown."""
        delay = self.policy.backoff
        tries = 0
        while True:
            tries += 1
            try:
                return guarded(send)
            except SendFailure as failure:
                last_try = tries >= self.policy.attempts
                if failure.outcome == "unknown" and lookup is not None:
                    found = self._look_up(lookup, what, failure)
                    if found is not None:
                        return found
                    failure = SendFailure("not-sent", f"{failure.message}; a lookup found no post")
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
                        self.say(
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
                    raise SendFailure(
                        "not-sent", f"rate limited by {network} until {until}"
                    ) from None
                if failure.outcome == "not-sent" and not last_try:
                    self.say(f"  {what}: {failure.message}; retrying in {delay:g} s")
                    self.sleep(delay)
                    delay *= 2
                    continue
                raise failure from None

    def _look_up(self, lookup: Callable[[], T | None], what: str, failure: SendFailure) -> T | None:
        self.say(f"  {what}: {failure.message}; looking it up")
        try:
            return guarded(lookup)
        except SendFailure as unknown:
            raise SendFailure(
                "unknown", f"{failure.message}; the lookup could not tell: {unknown.message}"
            ) from None


def guarded(send: Callable[[], T]) -> T:
    """`send()`, with any exception a sender did not classify turned into a SendFailure.

    An intent is already in the ledger when a send starts: a bare traceback would leave it
    without a failure record and stop the other channels. Encoding errors happen before any
    byte is written (the HTTP clients and smtplib encode first), so nothing left; anything
    else might have. Only the exception's type is shown: its text may quote a secret."""
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
