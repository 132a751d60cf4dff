"""Real HTTP servers on 127.0.0.1 for the stand-ins (X, Bluesky, Mastodon, LinkedIn, GitHub,
web pages): one way to start them and one to stop them, one way to answer JSON and one to hang
up, a port nobody listens on, and the small PNG they serve."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def serve(
    handler: type[BaseHTTPRequestHandler],
    server_class: type[ThreadingHTTPServer] = ThreadingHTTPServer,
) -> tuple[ThreadingHTTPServer, str]:
    """A threading server on an unused port of 127.0.0.1, serving from a daemon thread, and
    its base URL. The poll interval is short: shutdown() waits up to one interval (0.5 s by
    default), and the suite starts hundreds of servers."""
    server = server_class(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
    ).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def stop(server: ThreadingHTTPServer) -> None:
    server.shutdown()
    server.server_close()


def send_json(
    handler: BaseHTTPRequestHandler,
    status: int,
    payload: Any,
    headers: dict[str, str] | None = None,
    content_type: str | None = "application/json",
) -> None:
    """Answer `payload` as JSON (bytes go as they are) with `headers`; a client that has gone
    is no error of the server's."""
    data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    try:
        handler.send_response(status)
        if content_type is not None:
            handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(data)
    except OSError:
        pass


def drop(handler: BaseHTTPRequestHandler) -> None:
    """Hang up without an answer (a request taken, and the connection lost)."""
    handler.close_connection = True
    with contextlib.suppress(OSError):
        handler.connection.shutdown(socket.SHUT_RDWR)


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (a refused connection)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def png(width: int = 1, height: int = 1) -> bytes:
    """A valid PNG of `width` x `height` grey pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
