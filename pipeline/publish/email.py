"""Handing the built `message.eml` to the provider's SMTP server (STARTTLS or SSL, with login).

Not a mass mailer: one message to the list address(es); the provider delivers it to the list.
The dialogue is spelled out step by step (rather than `sendmail`) so a failure is known to
have happened before the message went out (safe to retry on 4xx) or after (unknown).
"""

from __future__ import annotations

import re
import smtplib
import socket
import ssl
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, make_msgid

from pipeline.publish.credentials import SmtpCredentials
from pipeline.publish.dist import EmailIssue
from pipeline.publish.faults import FailureOutcome, SendFailure

DEFAULT_TIMEOUT = 60.0


@dataclass(frozen=True)
class SmtpResult:
    accepted: tuple[str, ...]
    refused: dict[str, str] = field(default_factory=dict)
    """Recipients the server refused while accepting others: address -> "code message"."""
    reply: str = ""


def to_crlf(raw: bytes) -> bytes:
    """SMTP wants CRLF line ends; smtplib converts str messages but sends bytes as they are."""
    return re.sub(rb"\r?\n", b"\r\n", raw)


def _dot_stuffed(raw: bytes) -> bytes:
    body = re.sub(rb"(?m)^\.", b"..", to_crlf(raw))
    if not body.endswith(b"\r\n"):
        body += b"\r\n"
    return body + b".\r\n"


def _reply_failure(code: int, message: bytes | str, what: str) -> SendFailure:
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else message
    text = " ".join(text.split())
    outcome: FailureOutcome = "not-sent" if 400 <= code < 500 else "rejected"
    return SendFailure(outcome, f"SMTP {what}: {code} {text}".strip())


class SmtpSender:
    """Sends one raw message per call over a fresh connection."""

    def __init__(
        self,
        credentials: SmtpCredentials,
        *,
        ssl_context: ssl.SSLContext | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.credentials = credentials
        self.ssl_context = ssl_context or ssl.create_default_context()
        self.timeout = timeout

    def _connect(self) -> smtplib.SMTP:
        c = self.credentials
        smtp: smtplib.SMTP
        if c.security == "ssl":
            smtp = smtplib.SMTP_SSL(c.host, c.port, timeout=self.timeout, context=self.ssl_context)
        else:
            smtp = smtplib.SMTP(c.host, c.port, timeout=self.timeout)
            smtp.ehlo()
            smtp.starttls(context=self.ssl_context)
        smtp.ehlo()
        smtp.login(c.username, c.password)
        return smtp

    def send(self, raw: bytes, sender: str, recipients: Sequence[str]) -> SmtpResult:
        """Send `raw` (the .eml bytes, unchanged but for line ends) to `recipients`."""
        try:
            smtp = self._connect()
        except smtplib.SMTPAuthenticationError as exc:
            raise _reply_failure(exc.smtp_code, exc.smtp_error, "login refused") from None
        except smtplib.SMTPResponseException as exc:
            raise _reply_failure(exc.smtp_code, exc.smtp_error, "connection refused") from None
        except (smtplib.SMTPException, OSError) as exc:
            # Nothing of the message has been sent before login succeeded.
            raise SendFailure("not-sent", f"could not connect to SMTP: {_name(exc)}") from None
        try:
            return self._transaction(smtp, raw, sender, recipients)
        finally:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()

    def _transaction(
        self, smtp: smtplib.SMTP, raw: bytes, sender: str, recipients: Sequence[str]
    ) -> SmtpResult:
        options = ["BODY=8BITMIME"] if smtp.has_extn("8bitmime") and not raw.isascii() else []
        try:
            code, message = smtp.mail(sender, options)
            if code != 250:
                raise _reply_failure(code, message, "sender refused")
            refused: dict[str, tuple[int, bytes]] = {}
            for recipient in recipients:
                code, message = smtp.rcpt(recipient)
                if code not in (250, 251):
                    refused[recipient] = (code, message)
            accepted = tuple(r for r in recipients if r not in refused)
            if not accepted:
                # Retry only if every refusal was temporary.
                code, message = max(refused.values(), key=lambda item: item[0])
                raise _reply_failure(code, message, "all recipients refused")
            code, message = smtp.docmd("DATA")
            if code != 354:
                raise _reply_failure(code, message, "DATA refused")
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            raise SendFailure(
                "not-sent", f"SMTP connection lost before the message: {_name(exc)}"
            ) from None
        try:
            smtp.send(_dot_stuffed(raw))
            code, message = smtp.getreply()
        except (smtplib.SMTPException, OSError) as exc:
            raise SendFailure(
                "unknown", f"SMTP connection lost while sending the message: {_name(exc)}"
            ) from None
        if code != 250:
            raise _reply_failure(code, message, "message refused")
        return SmtpResult(
            accepted=accepted,
            refused={
                r: f"{c} {m.decode('utf-8', 'replace')}".strip() for r, (c, m) in refused.items()
            },
            reply=f"{code} {message.decode('utf-8', 'replace')}".strip(),
        )


def _name(exc: BaseException) -> str:
    # The class name and errno only: an OSError's text can quote host configuration.
    if isinstance(exc, socket.timeout | TimeoutError):
        return "timed out"
    errno = getattr(exc, "errno", None)
    return f"{type(exc).__name__}" + (f" (errno {errno})" if errno else "")


def new_message_id(issue: EmailIssue) -> str:
    """A fresh Message-ID in the sender's domain (random: this is a send, not a build)."""
    domain = issue.sender.rpartition("@")[2] or "localhost"
    return make_msgid(idstring=re.sub(r"[^A-Za-z0-9.-]", "-", issue.issue_id), domain=domain)


def with_header(raw: bytes, name: str, value: str) -> bytes:
    """`raw` with header `name` replaced (or added) by one ASCII line; the rest unchanged.

    Only for values this module makes (a Message-ID, a Date), never for content."""
    newline = b"\r\n" if b"\r\n" in raw[:2000] else b"\n"
    head, sep, body = raw.partition(newline + newline)
    prefix = name.lower().encode("ascii") + b":"
    kept: list[bytes] = []
    skipping = False
    for line in head.split(newline):
        if line[:1] in (b" ", b"\t") and skipping:
            continue  # a folded continuation of the header being dropped
        skipping = line.lower().startswith(prefix)
        if not skipping:
            kept.append(line)
    header = f"{name}: {value}".encode("ascii")
    return newline.join([header, *kept]) + sep + body


def with_message_id(raw: bytes, message_id: str) -> bytes:
    """`raw` with its Message-ID header replaced (or added)."""
    return with_header(raw, "Message-ID", message_id)


def with_send_date(raw: bytes, moment: datetime) -> bytes:
    """`raw` dated when it is handed to the server: the built file carries the article's date,
    and a message dated hours ago sorts below older mail and scores as spam (DATE_IN_PAST)."""
    return with_header(raw, "Date", format_datetime(moment.astimezone(UTC)))
