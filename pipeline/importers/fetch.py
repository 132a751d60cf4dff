"""Fetch a source over HTTP(S) or read it from disk: bounded, with messages a person understands.

Every limit is explicit (connect and read timeouts, an overall deadline, a size cap, a redirect
cap) so a scheduled run can never hang on, or fill the disk from, a misbehaving server.
"""

from __future__ import annotations

import codecs
import contextlib
import ipaddress
import re
import socket
import threading
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

import httpx

from pipeline import __version__
from pipeline.errors import ImportFailed

USER_AGENT = f"pipeline/{__version__} (research centre commentary importer; python-httpx/{httpx.__version__})"
MB = 1024 * 1024


@dataclass(frozen=True)
class FetchLimits:
    """How long and how much a fetch may take."""

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    """Seconds the server may stay silent while we wait for the next bytes."""
    deadline: float = 60.0
    """Seconds for a whole response, so a server dripping bytes cannot hold the run."""
    max_bytes: int = 5 * MB
    max_redirects: int = 5


@dataclass(frozen=True)
class Fetched:
    """A source's bytes and what its server (or file name) says they are."""

    source: str
    """What was asked for: the URL or the file path, for messages."""
    url: str | None
    """The final URL after redirects; None for a file."""
    media_type: str | None
    """e.g. `text/html`, lower case, without parameters; None when unknown."""
    charset: str | None
    """The declared charset (Content-Type parameter), if any."""
    body: bytes


def is_url(source: str) -> bool:
    return urlsplit(source).scheme.lower() in {"http", "https"}


def _media_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    media, _, params = header.partition(";")
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", params, re.I)
    return media.strip().lower() or None, match.group(1) if match else None


def _size(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB else f"{n / 1024:.0f} KB"


def _internal(address: str) -> bool:
    """Loopback, private, link-local (cloud metadata, 169.254.169.254), or otherwise not public."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


class _Watch:
    """One request's guard, through httpcore's trace hook on every connection it opens.

    It checks the address actually connected to (after DNS, on every redirect), and at the
    deadline shuts the socket down, so a server dripping header lines cannot hold the run.
    """

    def __init__(self, url: str, deadline: float, refuse_internal: bool) -> None:
        self.url = url
        self.refuse_internal = refuse_internal
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(deadline, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def trace(self, event: str, info: dict[str, Any]) -> None:
        if event != "connection.connect_tcp.complete":
            return
        stream = info["return_value"]
        sock = stream.get_extra_info("socket")
        if self.refuse_internal and sock is not None:
            peer = str(sock.getpeername()[0])
            if _internal(peer):
                stream.close()
                raise ImportFailed(
                    f"{self.url}: refused: a feed entry's link reaches {peer}, a loopback, "
                    "private or link-local address (pass --allow-private to fetch it)"
                )
        with self._lock:
            if sock is not None:
                self._sockets.append(sock)
            if self.expired:
                self._shut()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            self._shut()

    def _shut(self) -> None:
        for sock in self._sockets:
            with contextlib.suppress(OSError):  # already closed
                sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        self._timer.cancel()


class Fetcher:
    """One HTTP client for a run; every request on a fresh connection (the deadline's watch).

    `allow_private` lets feed entries link to internal addresses (the tests' 127.0.0.1).
    """

    def __init__(self, limits: FetchLimits | None = None, allow_private: bool = False) -> None:
        self.limits = limits or FetchLimits()
        self.allow_private = allow_private
        self._client = httpx.Client(
            # No kept-alive connections: the deadline's watch needs each request's own socket.
            limits=httpx.Limits(max_keepalive_connections=0),
            timeout=httpx.Timeout(
                self.limits.read_timeout,
                connect=self.limits.connect_timeout,
                pool=self.limits.connect_timeout,
            ),
            follow_redirects=True,
            max_redirects=self.limits.max_redirects,
            headers={
                "User-Agent": USER_AGENT,
                "Accept-Encoding": "gzip, deflate",
                "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                "application/atom+xml,application/xml;q=0.9,text/plain;q=0.5,*/*;q=0.1",
            },
            trust_env=False,  # no proxy from the environment: a fetch goes where it says
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, *, from_entry: bool = False) -> Fetched:
        """The body at `url`, or ImportFailed naming the URL and what went wrong.

        `from_entry`: the URL comes from a feed entry, not the editor, so it may not reach an
        internal address unless `allow_private`.
        """
        if not is_url(url):
            raise ImportFailed(f"{url}: not an http:// or https:// URL")
        watch = _Watch(url, self.limits.deadline, from_entry and not self.allow_private)
        try:
            return self._get(url, watch)  # every httpx error comes back as ImportFailed
        finally:
            watch.cancel()

    def _get(self, url: str, watch: _Watch) -> Fetched:
        limits = self.limits
        try:
            with self._client.stream("GET", url, extensions={"trace": watch.trace}) as response:
                if response.status_code >= 400:
                    raise ImportFailed(_status_message(url, response))
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > limits.max_bytes:
                    raise ImportFailed(
                        f"{url}: the response is {_size(int(declared))}, over the "
                        f"{_size(limits.max_bytes)} limit; not a commentary page or feed"
                    )
                started = time.monotonic()
                chunks: list[bytes] = []
                received = 0
                for chunk in response.iter_raw():
                    received += len(chunk)
                    if received > limits.max_bytes:
                        raise ImportFailed(
                            f"{url}: the response is over the {_size(limits.max_bytes)} limit; "
                            "not a commentary page or feed"
                        )
                    if time.monotonic() - started > limits.deadline:
                        raise _too_slow(url, limits.deadline)
                    chunks.append(chunk)
                raw = b"".join(chunks)
                body = _decode_content(
                    url, raw, response.headers.get("content-encoding"), limits.max_bytes
                )
                media, charset = _media_type(response.headers.get("content-type"))
                return Fetched(url, str(response.url), media, charset, body)
        except httpx.ConnectTimeout:
            raise ImportFailed(
                f"{url}: no connection within {limits.connect_timeout:g} s (connect timeout)"
            ) from None
        except httpx.ReadTimeout:
            raise ImportFailed(
                f"{url}: the server sent nothing for {limits.read_timeout:g} s (read timeout)"
            ) from None
        except httpx.TooManyRedirects:
            raise ImportFailed(
                f"{url}: more than {limits.max_redirects} redirects; check the address"
            ) from None
        except httpx.ConnectError as exc:
            raise ImportFailed(f"{url}: cannot connect ({exc})") from None
        except httpx.HTTPError as exc:
            if watch.expired:
                raise _too_slow(url, limits.deadline) from None
            raise ImportFailed(f"{url}: {type(exc).__name__}: {exc}") from None


def _decode_content(url: str, raw: bytes, encoding: str | None, max_bytes: int) -> bytes:
    """Undo gzip/deflate ourselves: the cap counts bytes on the wire, then the unpacked size."""
    if not encoding or encoding.strip().lower() in {"identity", ""}:
        return raw
    kind = encoding.strip().lower()
    if kind not in {"gzip", "x-gzip", "deflate"}:
        raise ImportFailed(f"{url}: unsupported Content-Encoding {encoding!r}")
    wbits = 16 + zlib.MAX_WBITS if "gzip" in kind else zlib.MAX_WBITS
    decompressor = zlib.decompressobj(wbits)
    try:
        body = decompressor.decompress(raw, max_bytes)
    except zlib.error as exc:
        raise ImportFailed(f"{url}: the {kind} body is corrupt ({exc})") from None
    if decompressor.unconsumed_tail:
        raise ImportFailed(f"{url}: the body unpacks to over {_size(max_bytes)}; gave up")
    return body


def _status_message(url: str, response: httpx.Response) -> str:
    reason = response.reason_phrase or ""
    status = f"HTTP {response.status_code} {reason}".strip()
    if response.status_code == 404:
        return f"{url}: {status}: no page at this address (check the URL)"
    if response.status_code in {401, 403}:
        return f"{url}: {status}: the server refuses to give us this page"
    if response.status_code == 429:
        return f"{url}: {status}: the server asks us to slow down; try again later"
    if response.status_code >= 500:
        return f"{url}: {status}: the server failed; try again later"
    return f"{url}: {status}"


def read_file(path: Path, max_bytes: int = FetchLimits.max_bytes) -> Fetched:
    """A local source's bytes, with the same size cap as a download."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ImportFailed(f"{path}: is a folder, not a file")
        if size > max_bytes:
            raise ImportFailed(
                f"{path}: the file is {_size(size)}, over the {_size(max_bytes)} limit; "
                "not a commentary page or feed"
            )
        # st_size is 0 for /dev/zero, a pipe or /proc files: read one byte over the cap at most.
        with path.open("rb") as stream:
            body = stream.read(max_bytes + 1)
        if len(body) > max_bytes:
            raise ImportFailed(
                f"{path}: the file is over the {_size(max_bytes)} limit; "
                "not a commentary page or feed"
            )
    except FileNotFoundError:
        raise ImportFailed(f"{path}: no such file") from None
    except PermissionError:
        raise ImportFailed(f"{path}: not readable (permission denied)") from None
    return Fetched(str(path), None, None, None, body)


# --- text decoding -----------------------------------------------------------------------------

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""",
    re.I,
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def looks_binary(body: bytes) -> bool:
    """NUL bytes in the first 8 KB: an image, a PDF, an archive, never an HTML page or a feed."""
    head = body[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in head


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # As browsers do (WHATWG Encoding): a page labelled Latin-1 or ASCII is Windows-1252.
    return "cp1252" if codec in {"latin-1", "iso8859-1", "ascii"} else codec


def decode_text(fetched: Fetched) -> tuple[str, str | None]:
    """The body as text, and a note when the declared charset was wrong and we overrode it.

    Valid UTF-8 wins over any declaration (a multi-byte UTF-8 sequence is next to impossible in
    real Latin-1 or Windows-1252 text); otherwise the declared charset (HTTP header, then
    `<meta charset>` or the XML declaration), and Windows-1252 as the last resort.
    """
    body = fetched.body
    for bom, bom_codec in _BOMS:
        if body.startswith(bom):
            return body.decode(bom_codec, errors="replace"), None
    match = _META_CHARSET.search(body[:4096])
    in_document = (match.group(1) or match.group(2)).decode("ascii") if match else None
    declared_name = fetched.charset or in_document
    declared = _codec(declared_name)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if declared and declared != "utf-8" and not body.isascii():
            return text, (
                f"{fetched.source}: declared charset {declared_name!r}, but the text is UTF-8; "
                "read it as UTF-8"
            )
        return text, None
    for candidate in (fetched.charset, in_document):
        name = _codec(candidate)
        if name and name != "utf-8":
            try:
                return body.decode(name), None
            except UnicodeDecodeError:
                continue
    what = f"declared charset {declared_name!r}" if declared_name else "no charset declared"
    return body.decode("cp1252", errors="replace"), (
        f"{fetched.source}: {what}, but the text is not valid in it; read it as Windows-1252"
    )


def _too_slow(url: str, deadline: float) -> ImportFailed:
    return ImportFailed(f"{url}: the response took over {deadline:g} s; gave up")
