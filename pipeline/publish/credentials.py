"""Credentials from the environment, checked all at once, and the redactor that keeps them out
of every message, log line and ledger record."""

from __future__ import annotations

import http.client
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any, Literal, Protocol

from pipeline.errors import PublishError

X_VARIABLES = ("X_CONSUMER_KEY", "X_CONSUMER_SECRET", "X_ACCESS_TOKEN", "X_ACCESS_TOKEN_SECRET")
SMTP_VARIABLES = ("SMTP_HOST", "SMTP_PORT", "SMTP_USERNAME", "SMTP_PASSWORD")
SMTP_SECURITY_VARIABLE = "SMTP_SECURITY"
"""`starttls` or `ssl`; when unset, port 465 means `ssl` and any other port `starttls`.
Plain, unencrypted SMTP is not offered: the password would cross the network in clear."""
Security = Literal["starttls", "ssl"]


@dataclass(frozen=True)
class XCredentials:
    """OAuth 1.0a user-context keys for `Client.create_tweet`."""

    consumer_key: str = field(repr=False)
    consumer_secret: str = field(repr=False)
    access_token: str = field(repr=False)
    access_token_secret: str = field(repr=False)

    def secrets(self) -> tuple[str, ...]:
        return (
            self.consumer_key,
            self.consumer_secret,
            self.access_token,
            self.access_token_secret,
        )


@dataclass(frozen=True)
class SmtpCredentials:
    """Where and how to hand the newsletter to the provider's SMTP server."""

    host: str
    port: int
    username: str = field(repr=False)
    password: str = field(repr=False)
    security: Security = "starttls"

    def secrets(self) -> tuple[str, ...]:
        # Some providers quote the login in their replies, and some logins are API keys.
        return (self.password, self.username) if len(self.username) >= 4 else (self.password,)


class MissingCredentials(PublishError):
    """One error naming every missing or invalid variable (never their values)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))

    def lines(self) -> list[str]:
        return [
            "error: cannot publish live, nothing was sent:",
            *(f"  {p}" for p in self.problems),
        ]


CHANNEL_VARIABLES: dict[str, tuple[str, ...]] = {
    "x": X_VARIABLES,
    "email": SMTP_VARIABLES,
    "bluesky": ("BLUESKY_HANDLE", "BLUESKY_APP_PASSWORD"),
    "mastodon": ("MASTODON_API_BASE_URL", "MASTODON_ACCESS_TOKEN"),
    "linkedin": ("LINKEDIN_ACCESS_TOKEN", "LINKEDIN_ORGANIZATION"),
}
"""The variables each channel needs, in the order a missing-variables error lists them. A
channel none of whose variables is set is *not configured*."""


class _Secret(Protocol):
    def secrets(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class Credentials:
    x: XCredentials | None = None
    smtp: SmtpCredentials | None = None
    others: Mapping[str, Any] = field(default_factory=dict)
    """Bluesky, Mastodon, LinkedIn: each channel module's own credentials type."""

    def secrets(self) -> tuple[str, ...]:
        found: list[str] = []
        parts: list[_Secret | None] = [self.x, self.smtp, *self.others.values()]
        for part in parts:
            if part is not None:
                found.extend(part.secrets())
        return tuple(found)


def configured(env: Mapping[str, str], channel: str) -> bool:
    return any(env.get(name, "").strip() for name in CHANNEL_VARIABLES[channel])


def _reader(channel: str) -> Callable[[Mapping[str, str]], tuple[Any, list[str]]]:
    # Imported only when the channel is configured: each pulls in its network's client.
    module = import_module(f"pipeline.publish.{channel}")
    reader: Callable[[Mapping[str, str]], tuple[Any, list[str]]] = module.credentials_from_env
    return reader


def load_channel_credentials(
    env: Mapping[str, str], channels: Sequence[str], *, skip_unconfigured: bool
) -> tuple[Credentials, dict[str, str]]:
    """The credentials of `channels`, and the channels skipped as not configured (only with
    `skip_unconfigured`, and never all of them). MissingCredentials lists every problem of
    every channel at once."""
    skipped: dict[str, str] = {}
    if skip_unconfigured and any(configured(env, c) for c in channels):
        skipped = {
            c: f"not configured (set {', '.join(CHANNEL_VARIABLES[c])} to publish there)"
            for c in channels
            if not configured(env, c)
        }
    chosen = [c for c in channels if c not in skipped]
    missing = [
        name
        for channel in CHANNEL_VARIABLES
        if channel in chosen
        for name in CHANNEL_VARIABLES[channel]
        if not env.get(name, "").strip()
    ]
    problems = ["missing environment variable(s): " + ", ".join(missing)] if missing else []
    base = Credentials()
    try:
        base = load_credentials(env, x="x" in chosen, smtp="email" in chosen)
    except MissingCredentials as exc:
        problems.extend(p for p in exc.problems if not p.startswith("missing environment"))
    others: dict[str, Any] = {}
    for channel in (c for c in CHANNEL_VARIABLES if c in chosen and c not in ("x", "email")):
        if any(name in missing for name in CHANNEL_VARIABLES[channel]):
            continue
        credentials, found = _reader(channel)(env)
        problems.extend(found)  # its variables are all set: what it finds is about their values
        if credentials is not None:
            others[channel] = credentials
    if problems:
        raise MissingCredentials(problems)
    return Credentials(base.x, base.smtp, others), skipped


def load_credentials(env: Mapping[str, str], *, x: bool, smtp: bool) -> Credentials:
    """Read the variables the chosen channels need; MissingCredentials lists every problem."""
    problems: list[str] = []
    needed = [*(X_VARIABLES if x else ()), *(SMTP_VARIABLES if smtp else ())]
    missing = [name for name in needed if not env.get(name, "").strip()]
    if missing:
        problems.append("missing environment variable(s): " + ", ".join(missing))
    x_credentials: XCredentials | None = None
    smtp_credentials: SmtpCredentials | None = None
    if x and not any(name in missing for name in X_VARIABLES):
        x_credentials = XCredentials(*(env[name].strip() for name in X_VARIABLES))
    if smtp:
        port: int | None = None
        raw_port = env.get("SMTP_PORT", "").strip()
        if raw_port:
            if raw_port.isdigit() and 0 < int(raw_port) < 65536:
                port = int(raw_port)
            else:
                problems.append("SMTP_PORT must be a port number (1-65535)")
        raw_security = env.get(SMTP_SECURITY_VARIABLE, "").strip().lower()
        security: Security | None
        if raw_security in {"", "starttls", "ssl"}:
            security = (
                ("ssl" if port == 465 else "starttls")
                if not raw_security
                else ("ssl" if raw_security == "ssl" else "starttls")
            )
        else:
            security = None
            problems.append(f"{SMTP_SECURITY_VARIABLE} must be 'starttls' or 'ssl'")
        for name in ("SMTP_HOST", "SMTP_USERNAME", "SMTP_PASSWORD"):
            if not env.get(name, "").isascii():  # smtplib sends them as ASCII; never shown
                problems.append(f"{name} must be ASCII (the SMTP login is sent as ASCII)")
        if port is not None and security is not None and not missing_any(missing, SMTP_VARIABLES):
            smtp_credentials = SmtpCredentials(
                host=env["SMTP_HOST"].strip(),
                port=port,
                username=env["SMTP_USERNAME"].strip(),
                password=env["SMTP_PASSWORD"],
                security=security,
            )
    if problems:
        raise MissingCredentials(problems)
    return Credentials(x=x_credentials, smtp=smtp_credentials)


def missing_any(missing: Iterable[str], names: Iterable[str]) -> bool:
    return bool(set(missing) & set(names))


class Redactor:
    """Replaces every secret value in a text with `***`: applied to everything the publisher
    prints or records, as a second line of defence behind never formatting a secret."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        # Longest first, so a secret that contains another is removed whole.
        self._secrets = sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True)

    def add(self, secrets: Iterable[str]) -> None:
        """Also redact these (secrets a client learns during the run: session tokens)."""
        known = set(self._secrets) | {s for s in secrets if s and len(s) >= 4}
        self._secrets = sorted(known, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, "***")
        return text


# Loggers that, at DEBUG, print request headers (requests-oauthlib logs the signed
# Authorization header, which carries the consumer key and access token).
_CHATTY_LOGGERS = (
    "tweepy",
    "requests_oauthlib",
    "oauthlib",
    "urllib3",
    "requests",
    "httpx",
    "httpcore",
    "hpack",
    "atproto",
    "atproto_client",
    "mastodon",
)


def keep_http_debug_off() -> None:
    """Make sure no HTTP library logs at DEBUG during a live run, whatever the root level."""
    for name in _CHATTY_LOGGERS:
        logger = logging.getLogger(name)
        if logger.getEffectiveLevel() < logging.INFO:
            logger.setLevel(logging.INFO)
    http.client.HTTPConnection.debuglevel = 0
