"""Writing the publisher's ledger records: redacted, durable, and located when they fail."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pipeline.errors import PublishError
from pipeline.ledger import LedgerFile, Record
from pipeline.publish.credentials import Redactor
from pipeline.publish.faults import SendFailure


@dataclass
class Recorder:
    ledger_file: LedgerFile
    now: Callable[[], datetime]
    redact: Redactor
    say: Callable[[str], None]

    def record(self, channel: str, key: str, content_hash: str, event: str, **data: Any) -> Record:
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
            path, reason = self.ledger_file.path, exc.strerror or exc
            if event == "intent":  # written before the send: nothing went out
                raise PublishError(
                    f"{path}: cannot record the intent for {channel} {key} ({reason}): "
                    "nothing was sent"
                ) from None
            # The send happened: say what went out, so a person can record it by hand.
            sent = {k: clean[k] for k in ("post_id", "message_id", "part") if k in clean}
            self.say(
                f"{channel}: {key}: could not write the {event} to {path}: {reason}; "
                f"write down: {json.dumps(sent)}"
            )
            raise PublishError(
                f"{path}: {event} for {channel} {key} not written ({reason}); details printed "
                "above: record them with `pipeline ledger resolve`"
            ) from None
        return record

    def failed(
        self,
        channel: str,
        key: str,
        content_hash: str,
        what: str,
        failure: SendFailure,
        **parts: Any,
    ) -> None:
        """Record a send that failed, say so, and say what a person should do about it."""
        self.record(
            channel, key, content_hash, "failed", **parts,
            outcome=failure.outcome, error=failure.message,
        )  # fmt: skip
        self.say(f"{channel}: {what} FAILED: {failure.message}")
        self.say(f"   {outcome_advice(failure.outcome)}")

    def _clean(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.redact(value)
        if isinstance(value, list | tuple):
            return [self._clean(v) for v in value]
        if isinstance(value, dict):
            return {k: self._clean(v) for k, v in value.items()}
        return value


def outcome_advice(outcome: str) -> str:
    return {
        "not-sent": "It did not go out; the next run tries again.",
        "rejected": "It did not go out; fix the cause, then run again.",
        "unknown": "It MAY have gone out: check, then `pipeline ledger resolve`. Not retried.",
        "duplicate": "Probably already posted: check, then `pipeline ledger resolve`. Not retried.",
    }.get(outcome, "")
