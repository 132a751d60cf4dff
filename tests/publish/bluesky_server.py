"""A real XRPC server on 127.0.0.1 standing in for a Bluesky PDS, and a host serving images.

It makes the checks a PDS makes before it writes: the bearer token of a live session, `repo`
naming the session's account, the record key a TID not yet taken (a taken key answers what the
reference PDS answers today: 500 InternalServerError, atproto#3718; `duplicate="409"` gives the
RecordAlreadyExists of newer servers), and the post valid (`$type`, text of at most 300
graphemes, `createdAt`, facets inside the UTF-8 text, reply refs to records it holds, a thumb
blob it was given and under the size limit). Every request is recorded; faults are scripted per
method: a status with headers and body, a delay or a hang, and "take the write, then drop the
connection without answering".

Record CIDs here hash canonical JSON, not DAG-CBOR: a client treats a CID as opaque.
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

import regex

from tests.localhttp import drop, send_json, serve, stop

TID = regex.compile(r"^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$")
THUMB_MAX = 1_000_000
BLOB_MAX = 5_000_000
POST = "app.bsky.feed.post"


@dataclass
class Fault:
    """One scripted answer to one call of a method."""

    status: int = 500
    body: Any = None
    """A dict is sent as JSON; None gives {"error": "InternalServerError", ...}."""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    hang: bool = False
    """Block until `BlueskyServer.release` is set (or 10 s)."""
    take: bool = False
    """Do the call for real first (the write happens), then answer with this fault."""
    drop: bool = False
    """Close the connection without answering (after the call when `take`)."""


@dataclass
class Call:
    method: str
    nsid: str
    params: dict[str, str]
    body: Any
    authorization: str
    content_type: str


class XrpcError(Exception):
    def __init__(self, status: int, error: str, message: str = "") -> None:
        super().__init__(message)
        self.status, self.error, self.message = status, error, message


def cid_of(data: bytes, codec: int) -> str:
    """A CIDv1 (sha2-256), base32: codec 0x55 raw (blobs), 0x71 dag-cbor (records)."""
    raw = bytes([0x01, codec, 0x12, 0x20]) + hashlib.sha256(data).digest()
    return "b" + base64.b32encode(raw).decode().lower().rstrip("=")


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


class BlueskyServer:
    """One account's PDS. `base` is its URL; `records` holds (collection, rkey) -> record."""

    def __init__(
        self,
        *,
        handle: str = "centre.example.org",
        did: str = "did:plc:centre7abcdefghijklmnopq",
        password: str = "abcd-efgh-ijkl-mnop",
        access_ttl: int = 7200,
        duplicate: str = "500",
        handles: dict[str, str] | None = None,
    ) -> None:
        self.handle, self.did, self.password = handle, did, password
        self.access_ttl = access_ttl
        self.duplicate = duplicate
        self.handles = {handle: did, **(handles or {})}
        self.calls: list[Call] = []
        self.faults: dict[str, list[Fault]] = {}
        self.records: dict[tuple[str, str], dict[str, Any]] = {}
        self.blobs: dict[str, tuple[str, int]] = {}
        self.access_tokens: set[str] = set()
        self.refresh_tokens: set[str] = set()
        self.release = threading.Event()
        self._serial = 0
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                server._handle(self, "GET")

            def do_POST(self) -> None:
                server._handle(self, "POST")

        self.server, self.base = serve(Handler)

    # --- test helpers ----------------------------------------------------------------------
    def fail(self, nsid: str, *faults: Fault) -> None:
        """Answer the next calls of `nsid` with these faults, in order."""
        self.faults.setdefault(nsid, []).extend(faults)

    def count(self, nsid: str) -> int:
        return sum(1 for c in self.calls if c.nsid == nsid)

    def posts(self) -> list[dict[str, Any]]:
        return [r for (collection, _), r in self.records.items() if collection == POST]

    def close(self) -> None:
        self.release.set()
        stop(self.server)

    # --- HTTP --------------------------------------------------------------------------------
    def _handle(self, request: BaseHTTPRequestHandler, method: str) -> None:
        url = urlsplit(request.path)
        nsid = url.path.removeprefix("/xrpc/")
        params = {k: v[0] for k, v in parse_qs(url.query).items()}
        raw = request.rfile.read(int(request.headers.get("Content-Length", 0) or 0))
        content_type = request.headers.get("Content-Type", "")
        body: Any = raw
        if raw and content_type.startswith("application/json"):
            body = json.loads(raw)
        auth = request.headers.get("Authorization", "")
        with self._lock:
            self.calls.append(Call(method, nsid, params, body, auth, content_type))
            fault = self.faults[nsid].pop(0) if self.faults.get(nsid) else None
        if fault is not None and not fault.take:
            self._fault(request, fault)
            return
        try:
            status, payload = 200, self._route(method, nsid, params, body, auth, content_type)
        except XrpcError as exc:
            status, payload = exc.status, {"error": exc.error, "message": exc.message}
        if fault is not None:
            self._fault(request, fault)
            return
        self._answer(request, status, payload, {})

    def _fault(self, request: BaseHTTPRequestHandler, fault: Fault) -> None:
        if fault.hang:
            self.release.wait(10)
        if fault.delay:
            time.sleep(fault.delay)
        if fault.drop:
            drop(request)
            return
        body = fault.body
        if body is None:
            body = {"error": "InternalServerError", "message": "Internal Server Error"}
        self._answer(request, fault.status, body, fault.headers)

    def _answer(
        self, request: BaseHTTPRequestHandler, status: int, payload: Any, headers: dict[str, str]
    ) -> None:
        send_json(request, status, payload, headers, "application/json; charset=utf-8")

    # --- XRPC methods --------------------------------------------------------------------------
    def _route(
        self, method: str, nsid: str, params: dict[str, str], body: Any, auth: str, ctype: str
    ) -> Any:
        routes = {
            ("POST", "com.atproto.server.createSession"): lambda: self._create_session(body),
            ("POST", "com.atproto.server.refreshSession"): lambda: self._refresh_session(auth),
            ("GET", "com.atproto.identity.resolveHandle"): lambda: self._resolve(params, auth),
            ("POST", "com.atproto.repo.uploadBlob"): lambda: self._upload(body, auth, ctype),
            ("POST", "com.atproto.repo.createRecord"): lambda: self._create(body, auth),
            ("GET", "com.atproto.repo.getRecord"): lambda: self._get(params),
        }
        route = routes.get((method, nsid))
        if route is None:
            raise XrpcError(501, "MethodNotImplemented", f"Method Not Implemented: {nsid}")
        return route()

    def _tokens(self) -> dict[str, Any]:
        with self._lock:
            self._serial += 1
            serial = self._serial
        now = int(time.time())
        head = _b64({"typ": "at+jwt", "alg": "ES256K"})
        common = {"sub": self.did, "iat": now, "aud": "did:web:127.0.0.1"}
        access = f"{head}.{_b64({**common, 'scope': 'com.atproto.appPass', 'exp': now + self.access_ttl, 'jti': f'a{serial}'})}.c2ln"
        refresh = f"{head}.{_b64({**common, 'scope': 'com.atproto.refresh', 'exp': now + 86400 * 60, 'jti': f'r{serial}'})}.c2ln"
        self.access_tokens.add(access)
        self.refresh_tokens.add(refresh)
        did_doc = {
            "@context": ["https://www.w3.org/ns/did/v1"],
            "id": self.did,
            "alsoKnownAs": [f"at://{self.handle}"],
            "verificationMethod": [],
            "service": [
                {
                    "id": "#atproto_pds",
                    "type": "AtprotoPersonalDataServer",
                    "serviceEndpoint": self.base,
                }
            ],
        }
        return {
            "did": self.did,
            "handle": self.handle,
            "accessJwt": access,
            "refreshJwt": refresh,
            "didDoc": did_doc,
            "active": True,
        }

    def _create_session(self, body: Any) -> Any:
        if not isinstance(body, dict) or not body.get("identifier") or not body.get("password"):
            raise XrpcError(400, "InvalidRequest", "Input must have the property identifier")
        if body["identifier"] not in {self.handle, self.did} or body["password"] != self.password:
            raise XrpcError(401, "AuthenticationRequired", "Invalid identifier or password")
        return self._tokens()

    def _refresh_session(self, auth: str) -> Any:
        token = auth.removeprefix("Bearer ")
        if token not in self.refresh_tokens:
            raise XrpcError(400, "ExpiredToken", "Token has been revoked")
        self.refresh_tokens.discard(token)
        return self._tokens()

    def _check_access(self, auth: str) -> None:
        if not auth.startswith("Bearer "):
            raise XrpcError(401, "AuthMissing", "Authentication Required")
        token = auth.removeprefix("Bearer ")
        if token not in self.access_tokens:
            raise XrpcError(400, "InvalidToken", "Token could not be verified")
        payload = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
        if payload["exp"] <= time.time():
            raise XrpcError(400, "ExpiredToken", "Token has expired")

    def _resolve(self, params: dict[str, str], auth: str) -> Any:
        handle = params.get("handle", "").lower()
        if handle not in self.handles:
            raise XrpcError(400, "InvalidRequest", "Unable to resolve handle")
        return {"did": self.handles[handle]}

    def _upload(self, body: Any, auth: str, ctype: str) -> Any:
        self._check_access(auth)
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        if len(data) > BLOB_MAX:
            raise XrpcError(400, "BlobTooLarge", "This file is too large")
        mime = ctype if ctype and ctype != "*/*" else "application/octet-stream"
        cid = cid_of(data, 0x55)
        self.blobs[cid] = (mime, len(data))
        return {
            "blob": {"$type": "blob", "ref": {"$link": cid}, "mimeType": mime, "size": len(data)}
        }

    def _create(self, body: Any, auth: str) -> Any:
        self._check_access(auth)
        if not isinstance(body, dict):
            raise XrpcError(400, "InvalidRequest", "Request body must be JSON")
        if body.get("repo") not in {self.did, self.handle}:
            raise XrpcError(401, "AuthRequired", "Insufficient access")  # another account's repo
        collection, record = body.get("collection"), body.get("record")
        if collection != POST:
            raise XrpcError(400, "InvalidRequest", f"Unsupported collection: {collection}")
        rkey = body.get("rkey") or self._fresh_tid()
        if not TID.match(rkey):
            raise XrpcError(400, "InvalidRequest", f"Invalid record key: {rkey}")
        self._validate_post(record)
        with self._lock:
            if (collection, rkey) in self.records:
                if self.duplicate == "409":
                    raise XrpcError(409, "RecordAlreadyExists", "Record already exists")
                raise XrpcError(500, "InternalServerError", "Internal Server Error")
            cid = cid_of(json.dumps(record, sort_keys=True).encode(), 0x71)
            self.records[(collection, rkey)] = {"cid": cid, "value": record}
        uri = f"at://{self.did}/{collection}/{rkey}"
        return {
            "uri": uri,
            "cid": cid,
            "commit": {"cid": cid_of(uri.encode(), 0x71), "rev": self._fresh_tid()},
            "validationStatus": "valid",
        }

    def _get(self, params: dict[str, str]) -> Any:
        repo, collection, rkey = params.get("repo"), params.get("collection"), params.get("rkey")
        if not repo or not collection or not rkey:
            raise XrpcError(400, "InvalidRequest", "Params must have repo, collection and rkey")
        uri = f"at://{self.did}/{collection}/{rkey}"
        found = self.records.get((collection, rkey)) if repo in {self.did, self.handle} else None
        if found is None:
            raise XrpcError(400, "RecordNotFound", f"Could not locate record: {uri}")
        return {"uri": uri, "cid": found["cid"], "value": found["value"]}

    def _fresh_tid(self) -> str:
        with self._lock:
            self._serial += 1
            value = (int(time.time() * 1_000_000) << 10) | (self._serial & 0x3FF)
        alphabet = "234567abcdefghijklmnopqrstuvwxyz"
        return "".join(alphabet[(value >> (5 * i)) & 31] for i in reversed(range(13)))

    # --- record validation (what the PDS's lexicon check refuses) ------------------------------
    def _validate_post(self, record: Any) -> None:
        def bad(message: str) -> XrpcError:
            return XrpcError(400, "InvalidRequest", f"Invalid app.bsky.feed.post record: {message}")

        if not isinstance(record, dict):
            raise bad("Record must be an object")
        if record.get("$type") != POST:
            raise bad(f"Invalid $type: expected {POST}, got {record.get('$type')}")
        text = record.get("text")
        if not isinstance(text, str):
            raise bad('Record must have the property "text"')
        if len(regex.findall(r"\X", text)) > 300 or len(text.encode()) > 3000:
            raise bad("Record/text must not be longer than 300 graphemes")
        created = record.get("createdAt")
        try:
            when = datetime.fromisoformat(str(created))
        except ValueError:
            raise bad("Record/createdAt must be an valid atproto datetime") from None
        if when.tzinfo is None:
            raise bad("Record/createdAt must be an valid atproto datetime")
        size = len(text.encode())
        for i, facet in enumerate(record.get("facets") or []):
            index = facet.get("index", {})
            start, end = index.get("byteStart"), index.get("byteEnd")
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= size):
                raise bad(f"Record/facets/{i}/index is outside the text")
            features = facet.get("features") or []
            if not features:
                raise bad(f"Record/facets/{i}/features must not be empty")
            for feature in features:
                kind = feature.get("$type")
                ok = (
                    (kind == "app.bsky.richtext.facet#link" and "uri" in feature)
                    or (
                        kind == "app.bsky.richtext.facet#mention"
                        and str(feature.get("did", "")).startswith("did:")
                    )
                    or (kind == "app.bsky.richtext.facet#tag" and feature.get("tag"))
                )
                if not ok:
                    raise bad(f"Record/facets/{i}/features has an invalid {kind}")
        langs = record.get("langs")
        if langs is not None and (not isinstance(langs, list) or len(langs) > 3):
            raise bad("Record/langs must be an array of at most 3 languages")
        reply = record.get("reply")
        if reply is not None:
            for part in ("root", "parent"):
                ref = reply.get(part) or {}
                if self._record_at(str(ref.get("uri", ""))) != ref.get("cid"):
                    raise bad(f"Record/reply/{part} is not a record of this repository")
        embed = record.get("embed")
        if embed is not None:
            if embed.get("$type") != "app.bsky.embed.external":
                raise bad(f"Record/embed has an unsupported $type {embed.get('$type')}")
            external = embed.get("external") or {}
            for name in ("uri", "title", "description"):
                if not isinstance(external.get(name), str):
                    raise bad(f'Record/embed/external must have the property "{name}"')
            thumb = external.get("thumb")
            if thumb is not None:
                link = (thumb.get("ref") or {}).get("$link") if isinstance(thumb, dict) else None
                if thumb.get("$type") != "blob" or link not in self.blobs:
                    raise BlobNotFound()
                mime, size = self.blobs[link]
                if not mime.startswith("image/"):
                    raise bad(f"Record/embed/external/thumb mimeType not accepted: {mime}")
                if size > THUMB_MAX:
                    raise bad(f"Record/embed/external/thumb file too large ({THUMB_MAX} max)")

    def _record_at(self, uri: str) -> str | None:
        prefix = f"at://{self.did}/"
        if not uri.startswith(prefix):
            return None
        collection, _, rkey = uri.removeprefix(prefix).partition("/")
        found = self.records.get((collection, rkey))
        return str(found["cid"]) if found else None


class BlobNotFound(XrpcError):
    def __init__(self) -> None:
        super().__init__(400, "InvalidRequest", "Could not find blob")


# --- the site's image host ---------------------------------------------------------------------
@dataclass
class Asset:
    body: bytes
    content_type: str = "image/png"
    status: int = 200
    delay: float = 0.0


class ImageHost:
    """Serves `assets` by path (GET); anything else is 404. `hits` counts requests per path."""

    def __init__(self, assets: dict[str, Asset]) -> None:
        self.assets = assets
        self.hits: dict[str, int] = {}
        host = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                host.hits[self.path] = host.hits.get(self.path, 0) + 1
                asset = host.assets.get(self.path) or Asset(b"not found", "text/plain", 404)
                if asset.delay:
                    time.sleep(asset.delay)
                try:
                    self.send_response(asset.status)
                    self.send_header("Content-Type", asset.content_type)
                    self.send_header("Content-Length", str(len(asset.body)))
                    self.end_headers()
                    self.wfile.write(asset.body)
                except OSError:
                    pass

        self.server, self.base = serve(Handler)

    def close(self) -> None:
        stop(self.server)
