"""A real HTTP server on 127.0.0.1 serving the importer fixtures, and a content/ to import into."""

from __future__ import annotations

import socket
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.cli import Result, run_cli
from tests.localhttp import serve, stop

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "importers"


@dataclass
class Route:
    status: int = 200
    body: bytes | Callable[[], Iterator[bytes]] = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """Seconds to wait before answering (a server that hangs)."""


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # A client hanging up (size cap, timeout, keep-alive close) is expected, not news; anything
        # else goes to the real stderr, never into the stderr that run_cli is capturing.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            traceback.print_exc(file=sys.__stderr__)


class LocalWeb:
    """Routes by path; `{{BASE}}` in a body becomes this server's http://127.0.0.1:PORT."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                web.requests.append((self.path, dict(self.headers)))
                path = self.path if self.path in web.routes else self.path.split("?")[0]
                route = web.routes.get(path) or Route(
                    404, b"<h1>Not Found</h1>", {"Content-Type": "text/html"}
                )
                if route.delay:
                    time.sleep(route.delay)
                try:
                    self.send_response(route.status)
                    for name, value in route.headers.items():
                        self.send_header(name, value)
                    if callable(route.body):
                        # Streamed without Content-Length: the body ends when the connection does.
                        self.send_header("Connection", "close")
                        self.end_headers()
                        for chunk in route.body():
                            self.wfile.write(chunk)
                        self.close_connection = True
                        return
                    if "Content-Length" not in route.headers:
                        self.send_header("Content-Length", str(len(route.body)))
                    self.end_headers()
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

            def log_message(self, *args: object) -> None:
                pass

        self.server, self.base = serve(Handler, _Server)

    def url(self, path: str) -> str:
        return self.base + path

    def add(
        self,
        path: str,
        body: bytes | str | Callable[[], Iterator[bytes]],
        content_type: str | None = "text/html; charset=utf-8",
        status: int = 200,
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
    ) -> str:
        if isinstance(body, str):
            body = body.replace("{{BASE}}", self.base).encode("utf-8")
        elif isinstance(body, bytes):
            body = body.replace(b"{{BASE}}", self.base.encode())
        all_headers = dict(headers or {})
        if content_type:
            all_headers["Content-Type"] = content_type
        self.routes[path] = Route(status, body, all_headers, delay)
        return self.url(path)

    def add_fixture(
        self, path: str, name: str, content_type: str = "text/html; charset=utf-8"
    ) -> str:
        return self.add(path, (FIXTURES / name).read_bytes(), content_type)

    def close(self) -> None:
        stop(self.server)


@pytest.fixture
def web() -> Iterator[LocalWeb]:
    server = LocalWeb()
    yield server
    server.close()


def fixture_text(name: str, base: str = "https://vcdnp.org") -> str:
    return (FIXTURES / name).read_text(encoding="utf-8").replace("{{BASE}}", base)


def run_import(content: Path, *args: str) -> Result:
    return run_cli(["import", *args, "--content", str(content)])


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (hidden ones too): what `content/` looked like."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Importer tests never reach the internet: resolving any other host fails the fetch."""
    real = socket.getaddrinfo

    def guarded(host: object, *args: object, **kwargs: object) -> object:
        if host not in {"127.0.0.1", "localhost", b"127.0.0.1"}:
            raise OSError(f"test tried to reach {host!r}: only 127.0.0.1 is allowed")
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", guarded)
