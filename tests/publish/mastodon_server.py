"""A Mastodon REST API on 127.0.0.1 that behaves like a real instance where the publisher
depends on it: Bearer auth, statuses with Idempotency-Key, replies, media with alt text, the
account's statuses paginated by Link headers, rate-limit headers on every answer, and
scripted faults (a status code, a delay, or taking the status and dropping the connection).
"""

from __future__ import annotations

import email.parser
import email.policy
import html
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

import regex

from tests.localhttp import drop, send_json, serve, stop

CHARACTER_LIMIT = 500
URL_LENGTH = 23
IDEMPOTENCY_SECONDS = 3600
_URL = regex.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]'’”]")
_MENTION = regex.compile(r"(?<![\w/])@(?P<user>[\w.]+)(?:@[\w.-]+\w)?")
_HASHTAG = regex.compile(r"(?<![\w/#])#(?P<tag>\w+)")


def mastodon_length(text: str) -> int:
    """Counted as Mastodon's StatusLengthValidator counts: grapheme clusters, every URL 23,
    `@user@server` as `@user`."""
    countable = _URL.sub("x" * URL_LENGTH, text)
    countable = _MENTION.sub(lambda m: "@" + m.group("user"), countable)
    return len(regex.findall(r"\X", countable))


def render_content(text: str) -> str:
    """The HTML Mastodon makes of a plain-text status: paragraphs, <br />, links with the
    scheme and the tail hidden in `invisible` spans, hashtags and mentions as links (a remote
    mention shows only `@user`)."""

    def inline(line: str) -> str:
        out: list[str] = []
        pos = 0
        pattern = regex.compile(f"{_URL.pattern}|{_MENTION.pattern}|{_HASHTAG.pattern}")
        for match in pattern.finditer(line):
            out.append(html.escape(line[pos : match.start()], quote=False))
            token = match.group(0)
            if token.startswith("http"):
                prefix, rest = token.split("://", 1)
                prefix += "://"
                shown, tail = rest[:30], rest[30:]
                out.append(
                    f'<a href="{html.escape(token)}" target="_blank" rel="nofollow noopener" '
                    f'translate="no"><span class="invisible">{html.escape(prefix)}</span>'
                    f'<span class="{"ellipsis" if tail else ""}">{html.escape(shown)}</span>'
                    f'<span class="invisible">{html.escape(tail)}</span></a>'
                )
            elif token.startswith("@"):
                user = match.group("user")
                out.append(
                    f'<span class="h-card" translate="no"><a href="https://example.social/@{user}"'
                    f' class="u-url mention">@<span>{html.escape(user)}</span></a></span>'
                )
            else:
                tag = match.group("tag")
                out.append(
                    f'<a href="https://example.social/tags/{tag}" class="mention hashtag" '
                    f'rel="tag">#<span>{html.escape(tag)}</span></a>'
                )
            pos = match.end()
        out.append(html.escape(line[pos:], quote=False))
        return "".join(out)

    paragraphs = [p for p in text.strip().split("\n\n") if p.strip()]
    return "".join(
        "<p>" + "<br />".join(inline(line) for line in p.split("\n")) + "</p>" for p in paragraphs
    )


def iso(epoch: float) -> str:
    """Mastodon's time format: ISO 8601, UTC, milliseconds."""
    moment = datetime.fromtimestamp(epoch, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


@dataclass
class Fault:
    """One scripted answer for the next request matching `route` ("POST /api/v1/statuses")."""

    route: str
    status: int | None = 500
    """None: answer as usual, with `headers` added."""
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """Sleep this long before answering (longer than the client's read timeout: no answer)."""
    take_then_drop: bool = False
    """Do what the request asks (create the status), then close the connection unanswered."""
    drop: bool = False
    """Close the connection unanswered without doing anything."""


class MastodonServer:
    """One account (`@centre`, id "1") on an instance at `base`; `statuses` newest last."""

    def __init__(
        self,
        token: str = "test-token-5ecret-0123456789",
        *,
        rate_limit: int = 300,
        rate_period: int = 300,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.token = token
        self.rate_limit = rate_limit
        self.rate_period = rate_period
        self.clock = clock
        self.account = {
            "id": "1",
            "username": "centre",
            "acct": "centre",
            "display_name": "The Centre",
            "locked": False,
            "bot": False,
            "created_at": "2020-01-01T00:00:00.000Z",
            "note": "",
            "url": "",
            "avatar": "",
            "header": "",
            "followers_count": 0,
            "following_count": 0,
            "statuses_count": 0,
            "emojis": [],
            "fields": [],
        }
        self.statuses: list[dict[str, Any]] = []
        self.sources: dict[str, str] = {}
        self.media: dict[str, dict[str, Any]] = {}
        self.media_bytes: dict[str, bytes] = {}
        self.idempotency: dict[str, tuple[str, float]] = {}
        self.faults: list[Fault] = []
        self.requests: list[dict[str, Any]] = []
        self.next_id = 109_000_000_000_000_001
        self.window_start = 0.0
        self.window_count = 0
        self.release = threading.Event()
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                server._handle(self, "GET")

            def do_POST(self) -> None:
                server._handle(self, "POST")

            def do_HEAD(self) -> None:
                server._handle(self, "HEAD")

        self.server, self.base = serve(Handler)
        self.account["url"] = f"{self.base}/@centre"

    # --- for tests ---------------------------------------------------------------------
    def seed_status(
        self, text: str, *, created_at: float, in_reply_to_id: str | None = None
    ) -> dict[str, Any]:
        """A status the account posted before (by a person, or by an earlier run)."""
        with self.lock:
            return self._create(text, in_reply_to_id, [], "public", "en", created_at)

    def texts(self) -> list[str]:
        return [self.sources[s["id"]] for s in self.statuses]

    def posts(self) -> list[dict[str, Any]]:
        return [r for r in self.requests if r["route"] == "POST /api/v1/statuses"]

    def close(self) -> None:
        self.release.set()
        stop(self.server)

    # --- the API -----------------------------------------------------------------------
    def _handle(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        url = urlsplit(handler.path)
        route = f"{method} {url.path}"
        body = handler.rfile.read(int(handler.headers.get("Content-Length", 0) or 0))
        record = {
            "route": route,
            "query": parse_qs(url.query),
            "headers": dict(handler.headers.items()),
            "body": body,
        }
        self.requests.append(record)
        fault = next((f for f in self.faults if f.route == route), None)
        if fault is not None:
            self.faults.remove(fault)
            if fault.drop:
                return self._drop(handler)
            if fault.delay:
                self.release.wait(fault.delay)
            if fault.take_then_drop:
                self._answer(handler, route, url.query, body)  # the answer is thrown away
                return self._drop(handler)
            if fault.status is None:
                status, payload, headers = self._answer(handler, route, url.query, body)
                return self._send(handler, status, payload, {**headers, **fault.headers})
            return self._send(
                handler, fault.status, fault.body or {"error": "scripted"}, fault.headers
            )
        status, payload, headers = self._answer(handler, route, url.query, body)
        self._send(handler, status, payload, headers)

    def _answer(
        self, handler: BaseHTTPRequestHandler, route: str, query: str, body: bytes
    ) -> tuple[int, Any, dict[str, str]]:
        with self.lock:
            rate = self._count()
            if rate is not None:
                return 429, {"error": "Too many requests"}, rate
            method, path = route.split(" ", 1)
            if path == "/api/v1/instance":
                return 200, {"uri": "127.0.0.1", "title": "Test", "version": "4.3.2"}, {}
            if path == "/api/v2/instance":
                return (
                    200,
                    {"domain": "127.0.0.1", "version": "4.3.2", "api_versions": {"mastodon": 2}},
                    {},
                )
            if handler.headers.get("Authorization") != f"Bearer {self.token}":
                return 401, {"error": "The access token is invalid"}, {}
            if route == "GET /api/v1/accounts/verify_credentials":
                return 200, self.account, {}
            if route == "POST /api/v1/statuses":
                return self._post_status(handler, body)
            if route == "POST /api/v2/media":
                return self._post_media(handler, body)
            if (
                method == "GET"
                and path.startswith("/api/v1/accounts/")
                and path.endswith("/statuses")
            ):
                return self._account_statuses(path.split("/")[4], parse_qs(query))
            if method == "GET" and path.startswith("/api/v1/statuses/"):
                parts = path.split("/")
                found = next((s for s in self.statuses if s["id"] == parts[4]), None)
                if found is None:
                    return 404, {"error": "Record not found"}, {}
                if len(parts) == 6 and parts[5] == "source":
                    return (
                        200,
                        {"id": found["id"], "text": self.sources[found["id"]], "spoiler_text": ""},
                        {},
                    )
                return 200, found, {}
            return 404, {"error": "Record not found"}, {}

    def _count(self) -> dict[str, str] | None:
        """Mastodon's fixed window per account; None when the request is within the limit."""
        now = self.clock()
        start = now - now % self.rate_period
        if start != self.window_start:
            self.window_start, self.window_count = start, 0
        self.window_count += 1
        if self.window_count > self.rate_limit:
            return {}
        return None

    def _rate_headers(self) -> dict[str, str]:
        with self.lock:
            remaining = max(0, self.rate_limit - self.window_count)
            reset = self.window_start + self.rate_period
        return {
            "X-RateLimit-Limit": str(self.rate_limit),
            "X-RateLimit-Remaining": str(remaining),
            "X-RateLimit-Reset": iso(reset),
        }

    def _post_status(
        self, handler: BaseHTTPRequestHandler, body: bytes
    ) -> tuple[int, Any, dict[str, str]]:
        if "json" in handler.headers.get("Content-Type", ""):
            data = json.loads(body or b"{}")
            form = {k: v if isinstance(v, list) else [str(v)] for k, v in data.items()}
        else:
            form = parse_qs(body.decode(), keep_blank_values=True)
        key = handler.headers.get("Idempotency-Key")
        now = self.clock()
        if key and key in self.idempotency and now - self.idempotency[key][1] < IDEMPOTENCY_SECONDS:
            earlier = next(s for s in self.statuses if s["id"] == self.idempotency[key][0])
            return 200, earlier, {}
        text = (form.get("status") or [""])[0]
        media_ids = form.get("media_ids[]", []) or form.get("media_ids", [])
        if not text.strip() and not media_ids:
            return 422, {"error": "Validation failed: Text can't be blank"}, {}
        if mastodon_length(text) > CHARACTER_LIMIT:
            return (
                422,
                {"error": f"Validation failed: Text character limit of {CHARACTER_LIMIT} exceeded"},
                {},
            )
        reply = (form.get("in_reply_to_id") or [None])[0]
        if reply is not None and not any(s["id"] == reply for s in self.statuses):
            return (
                404,
                {"error": "The post you are trying to reply to does not appear to exist."},
                {},
            )
        if any(m not in self.media for m in media_ids):
            return 422, {"error": "Validation failed: Media attachments are invalid"}, {}
        visibility = (form.get("visibility") or ["public"])[0]
        language = (form.get("language") or [None])[0]
        status = self._create(text, reply, media_ids, visibility, language, now)
        if key:
            self.idempotency[key] = (status["id"], now)
        return 200, status, {}

    def _create(
        self,
        text: str,
        reply: str | None,
        media_ids: list[str],
        visibility: str,
        language: str | None,
        created_at: float,
    ) -> dict[str, Any]:
        status_id = str(self.next_id)
        self.next_id += 1
        parent = next((s for s in self.statuses if s["id"] == reply), None)
        status = {
            "id": status_id,
            "created_at": iso(created_at),
            "in_reply_to_id": reply,
            "in_reply_to_account_id": parent["account"]["id"] if parent else None,
            "sensitive": False,
            "spoiler_text": "",
            "visibility": visibility,
            "language": language,
            "uri": f"{self.base}/users/centre/statuses/{status_id}",
            "url": f"{self.base}/@centre/{status_id}",
            "replies_count": 0,
            "reblogs_count": 0,
            "favourites_count": 0,
            "content": render_content(text),
            "reblog": None,
            "account": self.account,
            "media_attachments": [self.media[m] for m in media_ids],
            "mentions": [],
            "tags": [],
            "emojis": [],
            "card": None,
            "poll": None,
        }
        self.statuses.append(status)
        self.sources[status_id] = text
        return status

    def _post_media(
        self, handler: BaseHTTPRequestHandler, body: bytes
    ) -> tuple[int, Any, dict[str, str]]:
        head = f"Content-Type: {handler.headers.get('Content-Type', '')}\r\n\r\n".encode()
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
        fields: dict[str, Any] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            fields[str(name)] = part
        upload = fields.get("file")
        if upload is None:
            return 422, {"error": "Validation failed: File can't be blank"}, {}
        media_type = upload.get_content_type()
        if not media_type.startswith("image/"):
            return (
                422,
                {
                    "error": "Validation failed: File has contents that are not what they are reported to be"
                },
                {},
            )
        description = fields["description"].get_content() if "description" in fields else None
        media_id = str(self.next_id)
        self.next_id += 1
        self.media[media_id] = {
            "id": media_id,
            "type": "image",
            "url": f"{self.base}/system/media/{media_id}.png",
            "preview_url": f"{self.base}/system/media/{media_id}_small.png",
            "remote_url": None,
            "description": description,
            "blurhash": None,
            "meta": {},
        }
        self.media_bytes[media_id] = upload.get_payload(decode=True)
        return 200, self.media[media_id], {}

    def _account_statuses(
        self, account_id: str, query: dict[str, list[str]]
    ) -> tuple[int, Any, dict[str, str]]:
        if account_id != self.account["id"]:
            return 404, {"error": "Record not found"}, {}
        limit = min(int((query.get("limit") or ["20"])[0]), 40)
        newest_first = sorted(self.statuses, key=lambda s: int(s["id"]), reverse=True)
        if "max_id" in query:
            newest_first = [s for s in newest_first if int(s["id"]) < int(query["max_id"][0])]
        if "since_id" in query:
            newest_first = [s for s in newest_first if int(s["id"]) > int(query["since_id"][0])]
        page = newest_first[:limit]
        headers: dict[str, str] = {}
        if page:
            path = f"{self.base}/api/v1/accounts/{account_id}/statuses"
            headers["Link"] = (
                f'<{path}?limit={limit}&max_id={page[-1]["id"]}>; rel="next", '
                f'<{path}?limit={limit}&min_id={page[0]["id"]}>; rel="prev"'
            )
        return 200, page, headers

    # --- the wire ----------------------------------------------------------------------
    def _send(
        self,
        handler: BaseHTTPRequestHandler,
        status: int,
        payload: Any,
        headers: dict[str, str],
    ) -> None:
        send_json(handler, status, payload, {**self._rate_headers(), **headers},
                  "application/json; charset=utf-8")  # fmt: skip

    _drop = staticmethod(drop)


class ImageServer:
    """Serves `images` ({path: (content type, bytes)}) on 127.0.0.1; anything else is 404."""

    def __init__(self, images: dict[str, tuple[str, bytes]]) -> None:
        self.images = images
        self.hits: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                server.hits.append(self.path)
                found = server.images.get(self.path)
                if found is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", found[0])
                self.send_header("Content-Length", str(len(found[1])))
                self.end_headers()
                self.wfile.write(found[1])

        self.server, self.base = serve(Handler)

    def close(self) -> None:
        stop(self.server)
