"""Real servers on 127.0.0.1 standing in for X's API and the provider's SMTP server."""

from __future__ import annotations

import json
import ssl
import subprocess
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import requests
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from pipeline.publish.x import API_HOST, TimeoutAdapter
from tests.localhttp import free_port, send_json, serve, stop


# --- X -------------------------------------------------------------------------------------
@dataclass
class Reply:
    """One scripted answer of the fake X API."""

    status: int = 201
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    hang: bool = False
    """Block until the test releases `XApi.release` (a send in flight)."""


class XApi:
    """POST /2/tweets: answers from `script` in order, then 201 with ids 1001, 1002, ..."""

    def __init__(self) -> None:
        self.script: list[Reply] = []
        self.requests: list[dict[str, Any]] = []
        self.next_id = 1001
        self.in_flight = threading.Event()
        self.release = threading.Event()
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                api.requests.append(
                    {
                        "path": self.path,
                        "json": json.loads(body or b"{}"),
                        "signed": self.headers.get("Authorization", "").startswith("OAuth "),
                    }
                )
                reply = api.script.pop(0) if api.script else Reply()
                if reply.hang:
                    api.in_flight.set()
                    api.release.wait(30)
                if reply.delay:
                    time.sleep(reply.delay)
                payload = reply.body
                if payload is None and reply.status == 201:
                    post_id = str(api.next_id)
                    api.next_id += 1
                    payload = {
                        "data": {"id": post_id, "text": api.requests[-1]["json"].get("text")}
                    }
                send_json(self, reply.status, payload or {}, reply.headers)

        self.server, self.base = serve(Handler)

    def texts(self) -> list[str]:
        return [r["json"]["text"] for r in self.requests]

    def close(self) -> None:
        self.release.set()
        stop(self.server)


DUPLICATE = Reply(
    403,
    {
        "detail": "You are not allowed to create a Tweet with duplicate content.",
        "type": "about:blank",
        "title": "Forbidden",
        "status": 403,
    },
)


class RewriteAdapter(TimeoutAdapter):
    """Sends https://api.twitter.com/... to the fake API; tweepy's request code is unchanged."""

    def __init__(self, base: str, timeout: tuple[float, float] = (2.0, 5.0)) -> None:
        super().__init__(timeout)
        self.target = base

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        request.url = str(request.url).replace(API_HOST, self.target, 1)
        return super().send(request, **kwargs)


def point_at(poster: Any, base: str, timeout: tuple[float, float] = (2.0, 5.0)) -> Any:
    poster.client.session.mount(API_HOST, RewriteAdapter(base, timeout))
    return poster


# --- SMTP ----------------------------------------------------------------------------------
def make_certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


class SmtpRecorder:
    """aiosmtpd handler: keeps what arrived; `data_replies` scripts the answers to DATA."""

    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []
        self.data_replies: list[str] = []
        self.refuse_rcpt: dict[str, str] = {}
        self.logins: list[str] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # type: ignore[no-untyped-def]
        if address in self.refuse_rcpt:
            return self.refuse_rcpt[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        if self.data_replies:
            return self.data_replies.pop(0)
        self.messages.append(
            {
                "from": envelope.mail_from,
                "to": list(envelope.rcpt_tos),
                "data": envelope.original_content or envelope.content,
                "tls": session.ssl is not None,
                "auth": session.authenticated,
            }
        )
        return "250 2.0.0 queued as 42"


class SmtpServer:
    def __init__(
        self, cert: Path, key: str | Path, *, security: str, username: str, password: str
    ) -> None:
        self.recorder = SmtpRecorder()
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        self.port = free_port()

        def authenticator(server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
            ok = isinstance(auth_data, LoginPassword) and (
                auth_data.login.decode() == username and auth_data.password.decode() == password
            )
            self.recorder.logins.append("ok" if ok else "refused")
            return AuthResult(success=ok, handled=False)

        common: dict[str, Any] = {
            "hostname": "127.0.0.1",
            "port": self.port,
            "authenticator": authenticator,
            "auth_required": True,
        }
        if security == "ssl":
            self.controller = Controller(
                self.recorder, ssl_context=context, auth_require_tls=False, **common
            )
        else:
            self.controller = Controller(
                self.recorder, tls_context=context, require_starttls=True, **common
            )
        self.controller.start()

    def close(self) -> None:
        self.controller.stop()


def client_context(cert: Path) -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.load_verify_locations(cert)
    return context
