"""Posting to a LinkedIn organization page through LinkedIn's REST Posts API, with httpx.

`LinkedInSender.send(step)` publishes one article share (the draft's text, and a link card with
the commentary's title, description and, when there is an image, an uploaded thumbnail) and
returns its post URN, or raises SendFailure saying whether the post can have gone out. There is
no maintained LinkedIn client library (NOTES.md), so this is plain httpx against the documented
endpoints, with the API version pinned:

- `POST /rest/posts` (Posts API) with `LinkedIn-Version: API_VERSION`,
  `X-Restli-Protocol-Version: 2.0.0` and the member's Bearer token; LinkedIn answers
  `201 Created` with the new post's URN in the `x-restli-id` header.
- `POST /rest/images?action=initializeUpload`, then `PUT` of the bytes to the `uploadUrl` it
  gives (Images API), for the link card's thumbnail.

The commentary is LinkedIn's "little" text format, where `| { } @ [ ] ( ) < > # \\ * _ ~` are
markup: an unescaped one is read as a mention, a hashtag or a template, and LinkedIn silently
cuts or garbles the text from there. `little_text` escapes every one of them, so the post
reads exactly as the draft; hashtags in the draft become LinkedIn's hashtag template, so they
stay hashtags.

LinkedIn offers no idempotency key and no dependable way to find a post by its content, so
after an outcome that cannot be known (`lookup`) a person checks the page. Retrying, waiting
and the ledger are the runner's.
"""

from __future__ import annotations

import email.utils
import logging
import math
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

from pipeline.publish.channel import DAILY_CAPS, Receipt, Step
from pipeline.publish.faults import FailureOutcome, SendFailure
from pipeline.publish.images import Refused, fetch_image

log = logging.getLogger(__name__)

API_HOST = "https://api.linkedin.com"
API_VERSION = "202607"
"""The `LinkedIn-Version` this module was written against (Marketing API, July 2026). LinkedIn
keeps each monthly version for at least a year and then answers `426 NONEXISTENT_VERSION`
("Requested version ... is not active"), so this constant must be moved forward (and the
Posts API changelog read) before July 2027."""
RESTLI_PROTOCOL_VERSION = "2.0.0"
DAILY_CAP = DAILY_CAPS["linkedin"]
"""Posts per UTC day a runner should stay within. LinkedIn does not publish the Posts API's
numbers: its rate-limit guide (learn.microsoft.com/linkedin/shared/api-guide/concepts/
rate-limits) says every limit counts calls per member and per application over a day that
resets at midnight UTC, and that an app's limits are shown only in its Developer Portal
(Analytics tab). 150 posts a day per LinkedIn account is the figure publishing services
document for LinkedIn (Ayrshare's LinkedIn guide: 150 a day per account); a research centre
posts a few a day, so a 429 below it is LinkedIn's, and is read as rate-limited all the same."""
MAX_COMMENTARY = 3000
"""LinkedIn's limit on a post's text, counted here in UTF-16 code units (the strictest
reading, as the drafts are counted: pipeline/render/social/counting.py)."""
TOKEN_LIFETIME_DAYS = 60
"""A LinkedIn member access token lasts 60 days; then LinkedIn answers 401."""
IMAGE_MAX_BYTES = 8 * 1024 * 1024
IMAGE_TIMEOUT = httpx.Timeout(10.0, connect=5.0)
IMAGE_TYPES = {
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"GIF8": "image/gif",
}
"""The Images API takes JPG, PNG and GIF; recognised by their first bytes, not by a header."""
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
"""Connect within 5 s (a failure there is known not to have sent anything); wait up to 30 s for
LinkedIn's answer (after that the post may have been made)."""

RESERVED = frozenset("|{}@[]()<>#\\*_~")
"""The characters LinkedIn's little text format reserves (Posts API, "little Text Format":
"All reserved characters need to be escaped with a backslash, even if those characters are not
used in one of the supported elements or templates")."""
ORGANIZATION_RE = re.compile(r"(?:urn:li:organization:)?([0-9]+)")
POST_URN_RE = re.compile(r"urn:li:(?:share|ugcPost):[0-9]+")
# A hashtag: "#" at the start or after a space or an opening bracket/quote, then word
# characters with at least one letter ("#1" and "C#" are not hashtags).
HASHTAG_RE = re.compile(r"(?<![^\s(\[{" + "\"'“‘«" + r"])#(\w*[^\W\d_]\w*)")


@dataclass(frozen=True)
class LinkedInCredentials:
    """A member's OAuth 2.0 access token (scope `w_organization_social`, from a page
    administrator or content admin) and the organization it posts as."""

    access_token: str = field(repr=False)
    organization: str
    """`urn:li:organization:<number>`."""

    def secrets(self) -> tuple[str, ...]:
        return (self.access_token,)

    @property
    def organization_id(self) -> str:
        return self.organization.rsplit(":", 1)[-1]


def credentials_from_env(env: Mapping[str, str]) -> tuple[LinkedInCredentials | None, list[str]]:
    """The credentials, or None and every problem (each names the variable, never its value)."""
    token = env.get("LINKEDIN_ACCESS_TOKEN", "").strip()
    organization = env.get("LINKEDIN_ORGANIZATION", "").strip()
    problems: list[str] = []
    if not token:
        problems.append("LINKEDIN_ACCESS_TOKEN is not set")
    elif not token.isascii() or any(c.isspace() or not c.isprintable() for c in token):
        problems.append(
            "LINKEDIN_ACCESS_TOKEN must be one line of printable ASCII (an OAuth access token)"
        )
    match = ORGANIZATION_RE.fullmatch(organization)
    if not organization:
        problems.append("LINKEDIN_ORGANIZATION is not set")
    elif match is None:
        problems.append(
            "LINKEDIN_ORGANIZATION must be the organization's number or "
            "urn:li:organization:<number> (the number in the page's admin URL)"
        )
    if problems or match is None:
        return None, problems
    return LinkedInCredentials(token, f"urn:li:organization:{match.group(1)}"), []


def escape_little(text: str) -> str:
    """`text` with every reserved character backslash-escaped: plain text in little format."""
    return "".join("\\" + c if c in RESERVED else c for c in text)


def little_text(text: str) -> str:
    """The commentary for `text`: reserved characters escaped, hashtags as LinkedIn's hashtag
    template (`{hashtag|\\#|tag}`), which LinkedIn shows as `#tag`, a hashtag link."""
    out: list[str] = []
    at = 0
    for match in HASHTAG_RE.finditer(text):
        out.append(escape_little(text[at : match.start()]))
        out.append("{hashtag|\\#|" + escape_little(match.group(1)) + "}")
        at = match.end()
    out.append(escape_little(text[at:]))
    return "".join(out)


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def next_utc_midnight(epoch: float) -> float:
    """The first midnight UTC after `epoch`, when LinkedIn's daily limits reset."""
    return float((math.floor(epoch / 86400) + 1) * 86400)


def post_url(urn: str) -> str:
    return f"https://www.linkedin.com/feed/update/{urn}/"


class LinkedInSender:
    """One httpx client for LinkedIn's REST API, authenticated for one organization.

    `base_url` and `transport` let tests reach a stand-in server on 127.0.0.1 through httpx's
    own HTTP code; `clock` (epoch seconds) is used only when LinkedIn's answer has no `Date`."""

    can_look_up = False
    """LinkedIn cannot be asked whether a post is there: an unknown outcome goes to a person."""

    def __init__(
        self,
        credentials: LinkedInCredentials,
        *,
        base_url: str = API_HOST,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], float] = time.time,
        image_max_bytes: int = IMAGE_MAX_BYTES,
    ) -> None:
        self.credentials = credentials
        self.image_max_bytes = image_max_bytes
        self.base_url = base_url.rstrip("/")
        self.clock = clock
        self._transport = transport
        self.client = httpx.Client(
            base_url=self.base_url,
            headers={
                "Authorization": f"Bearer {credentials.access_token}",
                "LinkedIn-Version": API_VERSION,
                "X-Restli-Protocol-Version": RESTLI_PROTOCOL_VERSION,
                "User-Agent": "pipeline-publisher",
            },
            timeout=timeout,
            transport=transport,
            follow_redirects=False,
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> LinkedInSender:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the contract ---------------------------------------------------------------------
    def send(self, step: Step) -> Receipt:
        """Publish the step's post once. Raises SendFailure."""
        text = step.payload.get("text")
        if step.parts != 1 or (step.part or 1) != 1:
            raise SendFailure("rejected", "a LinkedIn draft is one post, not a thread")
        if not isinstance(text, str) or not text.strip():
            raise SendFailure("rejected", "the LinkedIn draft has no text")
        if utf16_length(text) > MAX_COMMENTARY:
            raise SendFailure(
                "rejected",
                f"the LinkedIn draft is {utf16_length(text)} characters; LinkedIn takes "
                f"{MAX_COMMENTARY}",
            )
        notes: list[str] = []
        body = self._post_body(step, text, notes)
        response = self._request("POST", "/rest/posts", json=body)
        extra = {"note": "; ".join(notes)} if notes else {}
        if response.status_code in (200, 201):
            urn = response.headers.get("x-restli-id", "").strip()
            if not POST_URN_RE.fullmatch(urn):
                raise SendFailure(
                    "unknown",
                    f"LinkedIn answered {response.status_code} without the new post's URN "
                    "(x-restli-id): the post may be on the page",
                )
            return Receipt(post_id=urn, url=post_url(urn), extra=extra)
        raise self._failure(response, "the post")

    def lookup(self, step: Step) -> Receipt | None:
        """LinkedIn cannot tell: there is no idempotency key, and finding a post by its text
        (the organization's recent posts, `r_organization_social`) is not dependable because
        LinkedIn re-renders the commentary. A person checks the page."""
        raise SendFailure(
            "unknown",
            "LinkedIn cannot say whether this post went out (no idempotency key, no lookup by "
            "content): check the page's posts at https://www.linkedin.com/company/"
            f"{self.credentials.organization_id}/admin/page-posts/published/ and record what "
            "you find",
        )

    # --- the post -------------------------------------------------------------------------
    def _post_body(self, step: Step, text: str, notes: list[str]) -> dict[str, Any]:
        body: dict[str, Any] = {
            "author": self.credentials.organization,
            "commentary": little_text(text),
            "visibility": "PUBLIC",
            "distribution": {
                "feedDistribution": "MAIN_FEED",
                "targetEntities": [],
                "thirdPartyDistributionChannels": [],
            },
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": False,
        }
        context = step.context
        source = context.get("url")
        if isinstance(source, str) and source:
            article: dict[str, Any] = {"source": source}
            title = context.get("title")
            if isinstance(title, str) and title:
                article["title"] = title
            description = context.get("description")
            if isinstance(description, str) and description:
                article["description"] = description
            image = context.get("image")
            image_url = image.get("url") if isinstance(image, Mapping) else None
            if isinstance(image_url, str) and image_url:
                try:
                    article["thumbnail"] = self._upload_thumbnail(image_url)
                except _ThumbnailError as exc:
                    note = f"posted without the thumbnail: {exc}"
                    notes.append(note)
                    log.warning("LinkedIn %s: %s", step.key, note)
            body["content"] = {"article": article}
        return body

    # --- the thumbnail --------------------------------------------------------------------
    def _upload_thumbnail(self, image_url: str) -> str:
        """Fetch the image and upload it through the Images API; its `urn:li:image:...`.
        Raises _ThumbnailError (the post then goes without a thumbnail)."""
        data = self._fetch_image(image_url)
        try:
            response = self.client.post(
                "/rest/images",
                params={"action": "initializeUpload"},
                json={"initializeUploadRequest": {"owner": self.credentials.organization}},
            )
        except httpx.HTTPError as exc:
            raise _ThumbnailError(f"{type(exc).__name__} asking LinkedIn for an upload") from None
        if response.status_code != 200:
            raise _ThumbnailError(self._failure(response, "the image upload").message)
        value = _json(response).get("value")
        upload_url = value.get("uploadUrl") if isinstance(value, dict) else None
        urn = value.get("image") if isinstance(value, dict) else None
        if not isinstance(upload_url, str) or not isinstance(urn, str):
            raise _ThumbnailError("LinkedIn's upload answer has no uploadUrl or image URN")
        if not urn.startswith("urn:li:image:"):
            raise _ThumbnailError("LinkedIn's upload answer has no image URN")
        if not self._is_linkedin_url(upload_url):
            # The token goes only to LinkedIn: an upload URL elsewhere is not followed.
            raise _ThumbnailError("LinkedIn gave an upload URL outside linkedin.com")
        try:
            put = self.client.put(
                upload_url,
                content=data,
                headers={"Content-Type": "application/octet-stream"},
            )
        except httpx.HTTPError as exc:
            raise _ThumbnailError(f"{type(exc).__name__} uploading the image") from None
        if put.status_code not in (200, 201):
            raise _ThumbnailError(f"LinkedIn answered {put.status_code} to the image upload")
        return urn

    def _fetch_image(self, url: str) -> bytes:
        limit = self.image_max_bytes
        parts = urlsplit(url)
        if parts.scheme not in ("https", "http") or not parts.hostname:
            raise _ThumbnailError(f"the image URL is not http(s): {url!r}")
        # A separate client: the image host never sees LinkedIn's headers or token.
        with httpx.Client(
            timeout=IMAGE_TIMEOUT, transport=self._transport, follow_redirects=True
        ) as client:
            fetched = fetch_image(client, url, limit, image_type=False)
        if isinstance(fetched, Refused):
            raise _ThumbnailError(
                {
                    "status": f"fetching {url} answered {fetched.detail}",
                    "size": f"the image {url} is over {limit} bytes",
                }.get(fetched.why, f"{fetched.detail} fetching {url}")
            )
        data = fetched[0]
        if not any(data.startswith(magic) for magic in IMAGE_TYPES):
            raise _ThumbnailError(f"{url} is not a JPEG, PNG or GIF image")
        return data

    def _is_linkedin_url(self, url: str) -> bool:
        parts = urlsplit(url)
        base = urlsplit(self.base_url)
        if (parts.scheme, parts.netloc) == (base.scheme, base.netloc):
            return True
        host = parts.hostname or ""
        return parts.scheme == "https" and (
            host == "linkedin.com" or host.endswith(".linkedin.com")
        )

    # --- the wire -------------------------------------------------------------------------
    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """One request; a transport failure is a SendFailure saying whether it can have arrived."""
        try:
            return self.client.request(method, path, **kwargs)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout):
            # No connection was made (refused, unreachable, DNS, TLS handshake): nothing sent.
            raise SendFailure("not-sent", "could not connect to LinkedIn") from None
        except httpx.TimeoutException:
            raise SendFailure(
                "unknown", "LinkedIn did not answer in time: the post may have been made"
            ) from None
        except httpx.HTTPError as exc:
            raise SendFailure(
                "unknown",
                f"the connection to LinkedIn broke after the request ({type(exc).__name__}): "
                "the post may have been made",
            ) from None

    def _failure(self, response: httpx.Response, what: str) -> SendFailure:
        """LinkedIn's refusal as a SendFailure; LinkedIn's own words, never the token."""
        status = response.status_code
        said = self._said(response)
        prefix = f"LinkedIn answered {status} to {what}"
        if status == 429:
            # No reset header on LinkedIn's daily limits: they reset at midnight UTC. A
            # Retry-After (infrastructure protection) is honoured when LinkedIn sends one.
            now = self._server_time(response)
            retry_after = response.headers.get("Retry-After", "").strip()
            reset = now + int(retry_after) if retry_after.isdigit() else next_utc_midnight(now)
            return SendFailure(
                "rate-limited", f"{prefix} (rate limited){said}", reset_at=float(reset)
            )
        if status >= 500:
            # 500-504, 503 included: LinkedIn's gateway may have handed the post on before
            # failing, and with no idempotency key a retry could post twice: a person checks.
            return SendFailure("unknown", f"{prefix}{said}: the post may have been made")
        outcome: FailureOutcome = "rejected"
        if status == 401:
            hint = (
                ": the access token is expired or revoked (LinkedIn tokens last "
                f"{TOKEN_LIFETIME_DAYS} days); make a new one and set LINKEDIN_ACCESS_TOKEN"
            )
        elif status == 403:
            hint = (
                ": the token's member needs the w_organization_social scope and the "
                "ADMINISTRATOR, CONTENT_ADMIN or DIRECT_SPONSORED_CONTENT_POSTER role on "
                f"{self.credentials.organization}"
            )
        elif status == 426:
            hint = f": LinkedIn no longer serves API version {API_VERSION}; move API_VERSION on"
        elif "duplicate" in said.lower():
            outcome = "duplicate"
            hint = ": LinkedIn holds this as a repeat of an earlier post, so it probably went out"
        else:
            hint = ""
        return SendFailure(outcome, f"{prefix}{said}{hint}")

    def _said(self, response: httpx.Response) -> str:
        data = _json(response)
        parts = [
            str(data[key])
            for key in ("code", "message")
            if isinstance(data.get(key), str | int) and data.get(key)
        ]
        text = " - ".join(parts)[:300]
        token = self.credentials.access_token
        if token and token in text:
            text = text.replace(token, "***")
        return f": {text}" if text else ""

    def _server_time(self, response: httpx.Response) -> float:
        stamp = response.headers.get("Date", "")
        try:
            return email.utils.parsedate_to_datetime(stamp).timestamp()
        except (TypeError, ValueError):
            return self.clock()


class _ThumbnailError(Exception):
    """The thumbnail cannot be had; the post goes without it."""


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
