"""A stand-in for LinkedIn's REST API on 127.0.0.1: the Posts and Images endpoints, checked as
LinkedIn checks them, with scripted faults.

What it checks, on every request: the Bearer token (401 INVALID_ACCESS_TOKEN, or
EXPIRED_ACCESS_TOKEN once `expired` is set), `LinkedIn-Version` present (400 VERSION_MISSING)
and active (426 NONEXISTENT_VERSION, LinkedIn's answer to a sunset version),
`X-Restli-Protocol-Version: 2.0.0`. On `POST /rest/posts`: the author is the token's
organization (403 ACCESS_DENIED), the required fields and their values (422, LinkedIn's
"ERROR :: /field :: ..." messages), the commentary within 3,000 characters, an article's
thumbnail an image this organization initialized *and* uploaded, and the same post twice (422
"Content is a duplicate of urn:li:share:..."). The commentary is parsed as little text, and
`posts[i]["rendered"]` is the text as LinkedIn would show it: escapes undone, mentions and
hashtag templates rendered, and an unescaped reserved character that is no element cutting the
text there (`truncated`), as LinkedIn silently does.

Serves, besides the API, the website's images (`site`) the publisher fetches thumbnails from.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.localhttp import drop, send_json, serve, stop

RESERVED = frozenset("|{}@[]()<>#\\*_~")
ACTIVE_VERSIONS = frozenset(f"2026{month:02d}" for month in range(1, 12))
"""Marketing API versions active in December 2026 (each lives a year; 202511 was sunset on
2026-11-16; there was no 202512)."""
MENTION_RE = re.compile(r"@\[((?:\\.|[^\]\\])*)\]\((urn:li:(?:person|organization):[0-9]+)\)")
TEMPLATE_RE = re.compile(r"\{hashtag\|\\?[#＃]\|((?:\\.|[^{}|\\])*)\}")
HASHTAG_RE = re.compile(r"#(\w+)")
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF8")


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def render_little(commentary: str) -> dict[str, Any]:
    """The commentary as LinkedIn shows it: {"text", "hashtags", "mentions", "truncated"}."""
    out: list[str] = []
    hashtags: list[str] = []
    mentions: list[str] = []
    i, n = 0, len(commentary)
    truncated = False
    while i < n:
        c = commentary[i]
        if c == "\\" and i + 1 < n and commentary[i + 1] in RESERVED:
            out.append(commentary[i + 1])
            i += 2
            continue
        if c == "@" and (m := MENTION_RE.match(commentary, i)):
            out.append(unescape(m.group(1)))
            mentions.append(m.group(2))
            i = m.end()
            continue
        if c == "{" and (m := TEMPLATE_RE.match(commentary, i)):
            tag = unescape(m.group(1))
            out.append("#" + tag)
            hashtags.append(tag)
            i = m.end()
            continue
        if c == "#" and (m := HASHTAG_RE.match(commentary, i)):
            out.append(m.group(0))
            hashtags.append(m.group(1))
            i = m.end()
            continue
        if c in RESERVED:  # markup that is no element: LinkedIn drops the rest
            truncated = True
            break
        out.append(c)
        i += 1
    return {
        "text": "".join(out),
        "hashtags": hashtags,
        "mentions": mentions,
        "truncated": truncated,
    }


@dataclass
class Fault:
    """One scripted answer. `status` 0 means LinkedIn's own answer (after `delay`/`hang`)."""

    status: int = 0
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """Seconds to wait before handling the request (the post is made after the wait)."""
    hang: bool = False
    """Block until the test sets `LinkedInApi.release`."""
    take: bool = False
    """Make the post first, then answer `status` (or drop)."""
    drop: bool = False
    """Close the connection without an answer (after taking the post if `take`)."""


class _Refusal(Exception):
    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(status)
        self.status = status
        self.body = {"status": status, **body}


def _invalid(field_path: str, reason: str) -> _Refusal:
    return _Refusal(
        422,
        {
            "message": f"ERROR :: {field_path} :: {reason}",
            "errorDetailType": "com.linkedin.common.error.BadRequest",
        },
    )


class LinkedInApi:
    def __init__(self, *, token: str, organization: str) -> None:
        self.token = token
        self.organization = organization
        self.expired = False
        self.active_versions = set(ACTIVE_VERSIONS)
        self.daily_limit: int | None = None
        self.now: Callable[[], float] = time.time
        self.script: dict[str, list[Fault]] = {"posts": [], "images": [], "upload": [], "site": []}
        self.requests: list[dict[str, Any]] = []
        self.posts: list[dict[str, Any]] = []
        self.images: dict[str, dict[str, Any]] = {}
        self.site: dict[str, tuple[str, bytes]] = {}
        self.in_flight = threading.Event()
        self.release = threading.Event()
        self._next = 7000000000000000001
        self._lock = threading.Lock()
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def date_time_string(self, timestamp: float | None = None) -> str:
                return formatdate(api.now() if timestamp is None else timestamp, usegmt=True)

            def do_GET(self) -> None:
                api._handle(self, "GET")

            def do_POST(self) -> None:
                api._handle(self, "POST")

            def do_PUT(self) -> None:
                api._handle(self, "PUT")

        self.server, self.base = serve(Handler)

    def close(self) -> None:
        self.release.set()
        stop(self.server)

    # --- dispatch ------------------------------------------------------------------------
    def _handle(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        url = urlsplit(handler.path)
        raw = handler.rfile.read(int(handler.headers.get("Content-Length", 0) or 0))
        headers = {k.lower(): v for k, v in handler.headers.items()}
        record: dict[str, Any] = {"method": method, "path": url.path, "headers": headers}
        if url.path.startswith("/rest/"):
            try:
                record["json"] = json.loads(raw or b"null")
            except ValueError:
                record["json"] = None
        self.requests.append(record)
        route = self._route(method, url.path, parse_qs(url.query))
        fault = self.script[route].pop(0) if self.script.get(route) else None
        if fault and fault.hang:
            self.in_flight.set()
            self.release.wait(30)
        if fault and fault.delay:
            time.sleep(fault.delay)
        if fault and fault.status and not fault.take:
            self._answer(handler, fault.status, fault.body or {}, fault.headers)
            return
        if fault and fault.drop and not fault.take:
            self._drop(handler)
            return
        try:
            status, body, extra = self._serve(route, handler, headers, record, raw, url.path)
        except _Refusal as refusal:
            self._answer(handler, refusal.status, refusal.body, {})
            return
        if fault and fault.drop:
            self._drop(handler)
        elif fault and fault.status:
            self._answer(handler, fault.status, fault.body or {}, fault.headers)
        else:
            self._answer(handler, status, body, extra)

    def _route(self, method: str, path: str, query: dict[str, list[str]]) -> str:
        if method == "POST" and path == "/rest/posts":
            return "posts"
        if (
            method == "POST"
            and path == "/rest/images"
            and query.get("action") == ["initializeUpload"]
        ):
            return "images"
        if method == "PUT" and path.startswith("/dms-uploads/"):
            return "upload"
        if method == "GET" and path in self.site:
            return "site"
        return "none"

    def _serve(
        self,
        route: str,
        handler: BaseHTTPRequestHandler,
        headers: dict[str, str],
        record: dict[str, Any],
        raw: bytes,
        path: str,
    ) -> tuple[int, Any, dict[str, str]]:
        if route == "site":
            content_type, data = self.site[path]
            return 200, data, {"Content-Type": content_type}
        if route == "none":
            raise _Refusal(404, {"message": f"No resource at {path}"})
        self._check_headers(headers)
        if route == "upload":
            return self._upload(path, raw)
        if headers.get("content-type", "").split(";")[0].strip() != "application/json":
            raise _Refusal(415, {"message": "Content-Type must be application/json"})
        body = record["json"]
        if not isinstance(body, dict):
            raise _Refusal(400, {"message": "The request body is not a JSON object"})
        if route == "images":
            return self._initialize_upload(body)
        return self._create_post(body)

    def _check_headers(self, headers: dict[str, str]) -> None:
        authorization = headers.get("authorization", "")
        if authorization != f"Bearer {self.token}":
            raise _Refusal(
                401,
                {
                    "serviceErrorCode": 65600,
                    "code": "INVALID_ACCESS_TOKEN",
                    "message": "Invalid access token",
                },
            )
        if self.expired:
            raise _Refusal(
                401,
                {
                    "serviceErrorCode": 65601,
                    "code": "EXPIRED_ACCESS_TOKEN",
                    "message": "The token used in the request has expired",
                },
            )
        version = headers.get("linkedin-version")
        if not version:
            raise _Refusal(
                400,
                {
                    "code": "VERSION_MISSING",
                    "message": "A version must be present. Please specify a version by adding "
                    "the LinkedIn-Version header.",
                },
            )
        if version not in self.active_versions:
            raise _Refusal(
                426,
                {
                    "code": "NONEXISTENT_VERSION",
                    "message": f"Requested version {version} is not active",
                },
            )
        if headers.get("x-restli-protocol-version") != "2.0.0":
            raise _Refusal(400, {"message": "X-Restli-Protocol-Version 2.0.0 is required"})

    # --- images --------------------------------------------------------------------------
    def _initialize_upload(self, body: dict[str, Any]) -> tuple[int, Any, dict[str, str]]:
        request = body.get("initializeUploadRequest")
        owner = request.get("owner") if isinstance(request, dict) else None
        if not isinstance(owner, str):
            raise _invalid("/initializeUploadRequest/owner", "field is required but not found")
        if owner != self.organization:
            raise _Refusal(403, {"code": "ACCESS_DENIED", "message": f"Not allowed for {owner}"})
        with self._lock:
            image_id = f"D4E10AQ{len(self.images) + 1:06d}"
        urn = f"urn:li:image:{image_id}"
        self.images[urn] = {"owner": owner, "uploaded": False, "bytes": b""}
        return (
            200,
            {
                "value": {
                    "uploadUrlExpiresAt": int(self.now() * 1000) + 86_400_000,
                    "uploadUrl": f"{self.base}/dms-uploads/{image_id}",
                    "image": urn,
                }
            },
            {},
        )

    def _upload(self, path: str, raw: bytes) -> tuple[int, Any, dict[str, str]]:
        urn = "urn:li:image:" + path.rsplit("/", 1)[-1]
        image = self.images.get(urn)
        if image is None:
            raise _Refusal(404, {"message": "No upload at this URL"})
        if not raw.startswith(IMAGE_MAGIC):
            raise _Refusal(400, {"message": "The upload is not a JPG, PNG or GIF image"})
        image.update(uploaded=True, bytes=raw)
        return 201, b"", {}

    # --- posts ---------------------------------------------------------------------------
    def _create_post(self, body: dict[str, Any]) -> tuple[int, Any, dict[str, str]]:
        author = body.get("author")
        if not isinstance(author, str):
            raise _invalid("/author", "field is required but not found")
        if author != self.organization:
            raise _Refusal(
                403,
                {
                    "serviceErrorCode": 100,
                    "code": "ACCESS_DENIED",
                    "message": "Not enough permissions to access: "
                    "partnerApiPostsExternal.CREATE.20260701",
                },
            )
        commentary = body.get("commentary")
        if not isinstance(commentary, str):
            raise _invalid("/commentary", "field is required but not found")
        for name, allowed in (
            ("visibility", {"PUBLIC", "CONNECTIONS", "LOGGED_IN", "CONTAINER"}),
            ("lifecycleState", {"PUBLISHED", "DRAFT"}),
        ):
            if body.get(name) not in allowed:
                raise _invalid(f"/{name}", f"must be one of {sorted(allowed)}")
        distribution = body.get("distribution")
        if not isinstance(distribution, dict) or distribution.get("feedDistribution") not in {
            "MAIN_FEED",
            "NONE",
        }:
            raise _invalid("/distribution/feedDistribution", "field is required but not found")
        if not isinstance(body.get("isReshareDisabledByAuthor"), bool):
            raise _invalid("/isReshareDisabledByAuthor", "field is required but not found")
        rendered = render_little(commentary)
        if len(rendered["text"].encode("utf-16-le")) // 2 > 3000:
            raise _invalid("/commentary", "length must be at most 3000")
        article = self._check_article(body.get("content"))
        with self._lock:
            for earlier in self.posts:
                if earlier["rendered"] == rendered["text"] and earlier["article"] == article:
                    raise _Refusal(422, {"message": f"Content is a duplicate of {earlier['urn']}"})
            if self.daily_limit is not None:
                day = int(self.now() // 86400)
                if sum(1 for p in self.posts if p["day"] == day) >= self.daily_limit:
                    raise _Refusal(
                        429,
                        {
                            "serviceErrorCode": 101,
                            "code": "TOO_MANY_REQUESTS",
                            "message": "Resource level throttle MEMBER DAY limit for calls to "
                            "this resource is reached.",
                        },
                    )
            urn = f"urn:li:share:{self._next}"
            self._next += 1
            self.posts.append(
                {
                    "urn": urn,
                    "body": body,
                    "rendered": rendered["text"],
                    "hashtags": rendered["hashtags"],
                    "mentions": rendered["mentions"],
                    "truncated": rendered["truncated"],
                    "article": article,
                    "day": int(self.now() // 86400),
                }
            )
        return 201, b"", {"x-restli-id": urn, "x-linkedin-id": urn}

    def _check_article(self, content: Any) -> dict[str, Any] | None:
        if content is None:
            return None
        article = content.get("article") if isinstance(content, dict) else None
        if not isinstance(article, dict):
            raise _invalid("/content", "must hold one of article, media, multiImage, poll")
        source = article.get("source")
        if not isinstance(source, str) or not urlsplit(source).scheme.startswith("http"):
            raise _invalid("/content/article/source", "field is required but not found")
        if not isinstance(article.get("title"), str) or not article["title"]:
            raise _invalid("/content/article/title", "field is required but not found")
        thumbnail = article.get("thumbnail")
        if thumbnail is not None:
            image = self.images.get(thumbnail) if isinstance(thumbnail, str) else None
            if image is None or image["owner"] != self.organization:
                raise _invalid("/content/article/thumbnail", f"{thumbnail} does not exist")
            if not image["uploaded"]:
                raise _invalid("/content/article/thumbnail", f"{thumbnail} has not been uploaded")
        return dict(article)

    # --- the wire ------------------------------------------------------------------------
    def _answer(
        self,
        handler: BaseHTTPRequestHandler,
        status: int,
        body: Any,
        headers: dict[str, str],
    ) -> None:
        content_type = None if isinstance(body, bytes) else "application/json"
        send_json(handler, status, body, headers, content_type)

    def _drop(self, handler: BaseHTTPRequestHandler) -> None:
        drop(handler)

    # --- for tests -----------------------------------------------------------------------
    def rendered(self) -> list[str]:
        return [post["rendered"] for post in self.posts]
