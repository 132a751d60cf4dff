"""How a send failed, in the only terms the publisher acts on: did it take effect?"""

from __future__ import annotations

from typing import Literal

FailureOutcome = Literal["not-sent", "rejected", "unknown", "duplicate", "rate-limited"]


class SendFailure(Exception):
    """A send that did not complete.

    `outcome` decides what happens next:
    - `not-sent`: known not to have taken effect and worth retrying (SMTP 4xx, X 503,
      connection refused): retried with backoff, then recorded as not sent.
    - `rejected`: known not to have taken effect and not worth retrying now (SMTP 5xx, X 400,
      401, 403): recorded and reported.
    - `rate-limited`: X 429; `reset_at` is when the limit resets (epoch seconds), if known.
    - `unknown`: it may have taken effect (a read timeout, a dropped connection after the
      request went out, X 500/502/504): never retried, a person confirms.
    - `duplicate`: X refused duplicate content, so it was probably posted before: a person
      confirms, never retried.
    The message must not contain secrets; the runner redacts it again anyway.
    """

    def __init__(
        self, outcome: FailureOutcome, message: str, *, reset_at: float | None = None
    ) -> None:
        super().__init__(message)
        self.outcome: FailureOutcome = outcome
        self.message = message
        self.reset_at = reset_at
