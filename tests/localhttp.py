"""Real HTTP servers on 127.0.0.1 for the stand-ins (X, Bluesky, Mastodon, LinkedIn, GitHub,
web pages): one way to start them and one to stop them."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def serve(handler: type[BaseHTTPRequestHandler]) -> tuple[ThreadingHTTPServer, str]:
    """A threading server on an unused port of 127.0.0.1, serving from a daemon thread, and
    its base URL. The poll interval is short: shutdown() waits up to one interval (0.5 s by
    default), and the suite starts hundreds of servers."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
    ).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def stop(server: ThreadingHTTPServer) -> None:
    server.shutdown()
    server.server_close()
