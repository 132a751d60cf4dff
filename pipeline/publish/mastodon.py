"""Posting to Mastodon with Mastodon.py: the only module that imports mastodon.

`MastodonSender.send(step)` posts one status (a reply to the step's previous part in a
thread; the item's image, with its alt text, on the first part) and returns its receipt, or
raises SendFailure saying whether the post can have been made. Every attempt of a step sends
the step's token as `Idempotency-Key`: Mastodon keeps a key for an hour and answers a second
request with the same key with the status it already made, so a retry never posts twice.
`lookup(step)` settles an unknown outcome from the account's recent statuses.

Mastodon.py is set up so that it never sleeps or makes requests we did not ask for:
`ratelimit_method="throw"` (the runner waits for a rate limit with its injected clock),
`version_check_mode="created"` against an assumed Mastodon 4.0 (no /api/v1/instance round
trip, and media goes to /api/v2/media).
"""

from __future__ import annotations

import email.utils
import html.parser
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from difflib import SequenceMatcher
from typing import Any
from urllib.parse import urlsplit

import httpx
import requests
import urllib3.exceptions
from mastodon import (
    Mastodon,
    MastodonAPIError,
    MastodonError,
    MastodonIllegalArgumentError,
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonRatelimitError,
    MastodonVersionError,
)

from pipeline.publish.channel import Receipt, Step
from pipeline.publish.credentials import CHANNEL_VARIABLES
from pipeline.publish.faults import FailureOutcome, SendFailure
from pipeline.publish.images import Refused, fetch_image

VARIABLES = CHANNEL_VARIABLES["mastodon"]
DEFAULT_TIMEOUT = (5.0, 30.0)
"""(connect, read) seconds for every API request (Mastodon.py's own default is 300 s)."""
ASSUMED_VERSION = "4.0.0"
IMAGE_TIMEOUT = 10.0
MAX_IMAGE_BYTES = 16 * 1024 * 1024
"""Mastodon's image limit since 4.2; a bigger image is posted without."""
LOOKUP_PAGE_SIZE = 40
LOOKUP_PAGES = 5
NEAR_MATCH = 0.9
"""A status whose words are this similar to the post's (difflib ratio) is checked against
its source text; at most SOURCE_CHECKS of them, one request each."""
SOURCE_CHECKS = 3
LOOKUP_MARGIN = timedelta(minutes=10)
"""Statuses created up to this long before the step's first intent still count (clock skew
between this machine and the instance)."""
_TOKEN = re.compile(r"[!-~]+")


@dataclass(frozen=True)
class MastodonCredentials:
    """The instance and an access token with the `write:statuses write:media read:accounts
    read:statuses` scopes."""

    api_base_url: str
    access_token: str = field(repr=False)

    def secrets(self) -> tuple[str, ...]:
        return (self.access_token,)


def credentials_from_env(env: Mapping[str, str]) -> tuple[MastodonCredentials | None, list[str]]:
    """The credentials, or None and every problem (naming variables, never their values)."""
    problems: list[str] = []
    missing = [name for name in VARIABLES if not env.get(name, "").strip()]
    if missing:
        problems.append("missing environment variable(s): " + ", ".join(missing))
    base = env.get("MASTODON_API_BASE_URL", "").strip().rstrip("/")
    token = env.get("MASTODON_ACCESS_TOKEN", "").strip()
    if base and not _is_instance_url(base):
        problems.append(
            "MASTODON_API_BASE_URL must be the instance's https:// address "
            "(like https://mastodon.social), without user, query or fragment"
        )
    if token and not _TOKEN.fullmatch(token):
        problems.append("MASTODON_ACCESS_TOKEN must be one word of printable ASCII")
    if problems:
        return None, problems
    return MastodonCredentials(api_base_url=base, access_token=token), []


def _is_instance_url(value: str) -> bool:
    try:
        parts = urlsplit(value)
        _ = parts.port  # raises ValueError for a port that is not a number
    except ValueError:
        return False
    return (
        parts.scheme == "https"
        and bool(parts.hostname)
        and not (parts.username or parts.password or parts.query or parts.fragment)
    )


class MastodonSender:
    """One Mastodon client for a run (the account id and uploaded images are remembered)."""

    def __init__(
        self,
        credentials: MastodonCredentials,
        *,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        api_base_url: str | None = None,
        image_timeout: float = IMAGE_TIMEOUT,
        max_image_bytes: int = MAX_IMAGE_BYTES,
        lookup_pages: int = LOOKUP_PAGES,
    ) -> None:
        """`api_base_url` replaces the credentials' instance (tests: http://127.0.0.1:port)."""
        self._token = credentials.access_token
        self._timeout = timeout
        self._image_timeout = image_timeout
        self._max_image_bytes = max_image_bytes
        self._lookup_pages = lookup_pages
        self._last_status = 0
        self._last_reset: float | None = None
        self._account_id: str | None = None
        self._media: dict[str, str] = {}  # step token -> media id uploaded in this run
        self._processing: set[str] = set()
        session = requests.Session()
        session.hooks["response"].append(self._observe)
        self.client = Mastodon(
            api_base_url=api_base_url or credentials.api_base_url,
            ratelimit_method="throw",
            request_timeout=timeout,  # type: ignore[arg-type]  # requests takes the pair
            mastodon_version=ASSUMED_VERSION,
            version_check_mode="created",
            session=session,
            user_agent="pipeline-publisher",
        )
        # Set after construction: given to the constructor, a token that names an existing
        # file would be read from that file.
        self.client.access_token = credentials.access_token

    # --- send --------------------------------------------------------------------------
    def send(self, step: Step) -> Receipt:
        """Post the step's status; raises SendFailure."""
        text = step.payload.get("text")
        if not isinstance(text, str) or not text.strip():
            raise SendFailure("rejected", "the Mastodon draft has no text")
        reply_to = self._reply_to(step)
        media_ids: list[str] = []
        note = ""
        image = step.context.get("image")
        if isinstance(image, Mapping) and image.get("url") and (step.part or 1) == 1:
            media_id, note = self._attach(step.token, image)
            media_ids = [media_id] if media_id else []
        language = step.context.get("language")
        try:
            status = self.client.status_post(
                text,
                in_reply_to_id=reply_to,
                media_ids=media_ids or None,
                visibility="public",
                language=_primary_language(language) if isinstance(language, str) else None,
                idempotency_key=step.token,
            )
        except MastodonError as exc:
            failure = self._failure(exc, "posting the status")
            if _status(exc) == 422 and self._processing.intersection(media_ids):
                # Mastodon refuses media it has not finished processing (the upload answered
                # 202): nothing was posted, and the retry attaches the same upload.
                raise SendFailure(
                    "not-sent", failure.message + " (the image was still being processed)"
                ) from None
            raise failure from None
        post_id = status.get("id")
        if not post_id:
            raise SendFailure("unknown", "Mastodon answered without a status id")
        url = status.get("url") or status.get("uri")
        return Receipt(
            post_id=str(post_id),
            url=str(url) if url else None,
            extra={"note": note} if note else {},
        )

    def _reply_to(self, step: Step) -> str | None:
        if step.part is None or step.part <= 1:
            return None
        if not step.earlier:
            raise SendFailure("rejected", f"part {step.part} has no earlier post to reply to")
        return step.earlier[-1].post_id

    def _attach(self, token: str, image: Mapping[str, Any]) -> tuple[str | None, str]:
        """Upload the item's image once per step; (media id, "") or (None, why not)."""
        if token in self._media:
            return self._media[token], ""
        fetched = self._fetch_image(str(image["url"]))
        if isinstance(fetched, str):
            return None, f"posted without its image: {fetched}"
        data, mime_type = fetched
        alt = image.get("alt")
        try:
            media = self.client.media_post(
                data, mime_type=mime_type, description=str(alt) if alt else None
            )
        except MastodonError as exc:
            failure = self._failure(exc, "uploading the image")
            status = _status(exc)
            if failure.outcome == "rejected" and status not in (401, 403):
                return None, f"posted without its image: {failure.message}"
            if failure.outcome == "unknown":  # an image without a post is harmless
                raise SendFailure(
                    "not-sent", failure.message + "; the status was not posted"
                ) from None
            raise failure from None
        self._media[token] = str(media["id"])
        if media.get("url") is None:  # 202: Mastodon is still processing it
            self._processing.add(self._media[token])
        return self._media[token], ""

    def _fetch_image(self, url: str) -> tuple[bytes, str] | str:
        """The image's bytes and media type, or why it could not be had (never raises)."""
        if urlsplit(url).scheme not in ("http", "https"):
            return "the image address is not http(s)"
        limit = self._max_image_bytes
        with httpx.Client(timeout=self._image_timeout, follow_redirects=True) as client:
            fetched = fetch_image(client, url, limit, deadline=self._image_timeout)
        if not isinstance(fetched, Refused):
            return fetched
        return {
            "status": f"fetching the image answered HTTP {fetched.detail}",
            "type": f"the image address served {fetched.detail or 'no content type'}",
            "size": f"the image is larger than {limit} bytes",
            "slow": f"fetching the image took over {self._image_timeout:g} s",
        }.get(fetched.why, f"fetching the image failed ({fetched.detail})")

    # --- lookup ------------------------------------------------------------------------
    def lookup(self, step: Step) -> Receipt | None:
        """The receipt if the account has the step's status, None if it certainly has not;
        SendFailure("unknown") when its recent statuses cannot tell."""
        text = step.payload.get("text")
        if not isinstance(text, str):
            raise SendFailure("unknown", "the Mastodon draft has no text to look for")
        reply_to = self._reply_to(step)
        started = step.started_at if step.started_at.tzinfo else step.started_at.replace(tzinfo=UTC)
        since = started - LOOKUP_MARGIN
        expected = _as_shown(text)
        near: list[Mapping[str, Any]] = []
        try:
            for status in self._recent_statuses(since):
                if _id(status.get("in_reply_to_id")) != reply_to:
                    continue
                shown = _content_text(str(status.get("content") or "")).split()
                if shown == expected:
                    return _receipt(status)
                if SequenceMatcher(None, shown, expected).ratio() >= NEAR_MATCH:
                    near.append(status)
            # A status that reads almost the same may be ours with something Mastodon
            # rewrote: the source Mastodon keeps for editing is the text as posted.
            for status in near[:SOURCE_CHECKS]:
                try:
                    source = self.client.status_source(status["id"])
                except MastodonNotFoundError:
                    break  # a server without /source: cannot tell
                if str(source.get("text", "")).split() == text.split():
                    return _receipt(status)
            else:
                if len(near) <= SOURCE_CHECKS:
                    return None
        except MastodonError as exc:
            raise SendFailure(
                "unknown", "cannot look the post up: " + self._failure(exc, "reading").message
            ) from None
        raise SendFailure(
            "unknown", "a status reads almost like the post but its source cannot be checked"
        )

    def _recent_statuses(self, since: datetime) -> Iterator[Mapping[str, Any]]:
        """The account's statuses created at or after `since`, newest first; SendFailure
        ("unknown") when more than `lookup_pages` pages would be needed to reach `since`."""
        if self._account_id is None:
            self._account_id = str(self.client.account_verify_credentials()["id"])
        page: Any = self.client.account_statuses(
            self._account_id, limit=LOOKUP_PAGE_SIZE, exclude_reblogs=True
        )
        for number in range(1, self._lookup_pages + 1):
            if not page:
                return  # the end of the account's statuses
            for status in page:
                created = status.get("created_at")
                if not isinstance(created, datetime):
                    raise SendFailure("unknown", "Mastodon listed a status without its time")
                if (created if created.tzinfo else created.replace(tzinfo=UTC)) < since:
                    return
                yield status
            if getattr(page, "_pagination_next", None) is None:
                if len(page) < LOOKUP_PAGE_SIZE:
                    return  # a short last page
                raise SendFailure("unknown", "Mastodon listed a full page without a next link")
            if number < self._lookup_pages:
                page = self.client.fetch_next(page)
        raise SendFailure(
            "unknown",
            f"the account posted more than {self._lookup_pages * LOOKUP_PAGE_SIZE} statuses since "
            "the step began: not looked further",
        )

    # --- failures ----------------------------------------------------------------------
    def _observe(self, response: requests.Response, *args: Any, **kwargs: Any) -> Any:
        """A requests response hook (it runs before Mastodon.py reads the response): remember
        the status and rate-limit reset, and drop a reset or Date header Mastodon.py cannot
        parse (it would raise MastodonRatelimitError for an answer that is not a 429)."""
        reset = response.headers.get("X-RateLimit-Reset")
        if reset is not None and _epoch(reset) is None:
            del response.headers["X-RateLimit-Reset"]
            reset = None
        date = response.headers.get("Date")
        if date is not None and _http_date(date) is None:
            del response.headers["Date"]
        self._last_status = response.status_code
        self._last_reset = _epoch(reset) if reset is not None else None
        return response

    def _failure(self, exc: MastodonError, doing: str) -> SendFailure:
        """What `exc` says about whether the request took effect, in words without secrets."""
        outcome: FailureOutcome
        if isinstance(exc, MastodonRatelimitError):
            if self._last_status == 429:
                return SendFailure(
                    "rate-limited",
                    f"Mastodon answered 429 Too Many Requests {doing}",
                    reset_at=self._last_reset,
                )
            return SendFailure("unknown", f"Mastodon's rate-limit headers failed {doing}")
        if isinstance(exc, MastodonNetworkError):
            cause = exc.__context__
            if isinstance(cause, requests.exceptions.ConnectTimeout) or _never_connected(cause):
                return SendFailure("not-sent", f"could not connect to Mastodon {doing}")
            if isinstance(cause, requests.exceptions.ReadTimeout):
                return SendFailure(
                    "unknown", f"Mastodon did not answer within {self._timeout[1]:g} s {doing}"
                )
            return SendFailure("unknown", f"the connection to Mastodon broke {doing}")
        if isinstance(exc, MastodonIllegalArgumentError | MastodonVersionError):
            return SendFailure("rejected", f"Mastodon.py refused the request {doing}: {exc}")
        if isinstance(exc, MastodonAPIError):
            status = _status(exc)
            if status is None:
                return SendFailure("unknown", f"Mastodon's answer could not be read {doing}")
            words = self._describe(exc, status)
            if status == 503:
                # The proxy or Mastodon's own "temporary problem" refusal (a lock it could not
                # take, a circuit breaker): the request was not carried out, and if it were,
                # the retry's Idempotency-Key returns that status instead of a second one.
                outcome = "not-sent"
            elif status >= 500:
                outcome = "unknown"
            else:
                outcome = "rejected"
            if status in (401, 403):
                words += " (check MASTODON_ACCESS_TOKEN and its scopes)"
            return SendFailure(outcome, f"{words} {doing}")
        return SendFailure("unknown", f"{type(exc).__name__} {doing}")

    def _describe(self, exc: MastodonAPIError, status: int) -> str:
        # Mastodon.py's arguments: (message, status code, reason, Mastodon's "error" text).
        reason = exc.args[2] if len(exc.args) > 2 else ""
        detail = exc.args[3] if len(exc.args) > 3 else None
        words = f"Mastodon answered {status} {reason}".strip()
        if detail:
            words += f": {detail}"
        return self._redact(words)

    def _redact(self, text: str) -> str:
        return text.replace(self._token, "***") if self._token else text


def _status(exc: MastodonError) -> int | None:
    value = exc.args[1] if len(exc.args) > 1 else None
    return value if isinstance(value, int) else None


def _never_connected(cause: BaseException | None) -> bool:
    """True when the TCP connection was never made, so no byte of the request was sent."""
    if not isinstance(cause, requests.exceptions.ConnectionError):
        return False
    reason: Any = cause.args[0] if cause.args else None
    reason = getattr(reason, "reason", reason)  # MaxRetryError wraps the cause
    return isinstance(reason, urllib3.exceptions.NewConnectionError)


def _epoch(value: str) -> float | None:
    """X-RateLimit-Reset as epoch seconds: Mastodon sends ISO 8601, some servers a number."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def _http_date(value: str) -> datetime | None:
    try:
        return email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None


def _primary_language(tag: str) -> str | None:
    """Mastodon takes ISO 639 codes: "en-GB" is sent as "en"."""
    primary = tag.split("-")[0].split("_")[0].strip().lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


def _id(value: Any) -> str | None:
    return None if value is None else str(value)


class _Text(html.parser.HTMLParser):
    """Mastodon's status HTML back to its text: every text node (the `invisible` spans hold
    the parts of a link the web page hides), <br> as a line break, paragraphs apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag == "p" and self.parts:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _content_text(content: str) -> str:
    parser = _Text()
    parser.feed(content)
    parser.close()
    return "".join(parser.parts)


_REMOTE_MENTION = re.compile(r"(?<![\w/])@(\w[\w.]*)@[\w.-]+\w")


def _as_shown(text: str) -> list[str]:
    """The words of `text` as Mastodon's HTML shows them: a remote mention as `@user`."""
    return _REMOTE_MENTION.sub(r"@\1", text).split()


def _receipt(status: Mapping[str, Any]) -> Receipt:
    url = status.get("url") or status.get("uri")
    return Receipt(post_id=str(status["id"]), url=str(url) if url else None)
