"""Serve dist/ on 127.0.0.1 for editors: the review page and everything it links to."""

from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class _QuietHandler(SimpleHTTPRequestHandler):
    # Email .eml and feeds get types browsers show as text instead of downloading.
    extensions_map = {  # noqa: RUF012 - the standard library's own pattern
        **SimpleHTTPRequestHandler.extensions_map,
        ".eml": "text/plain; charset=utf-8",
        ".mjml": "text/plain; charset=utf-8",
        ".md": "text/plain; charset=utf-8",
        ".txt": "text/plain; charset=utf-8",
        ".xml": "application/xml; charset=utf-8",
        ".json": "application/json; charset=utf-8",
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


def make_server(dist_dir: Path, port: int = 8000) -> ThreadingHTTPServer:
    """An HTTP server for `dist_dir` on 127.0.0.1 (port 0 picks a free one); not yet serving."""
    handler = functools.partial(_QuietHandler, directory=str(dist_dir))
    return ThreadingHTTPServer(("127.0.0.1", port), handler)
