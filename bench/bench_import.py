"""Benchmark: import a 100-entry feed with full content from a server on 127.0.0.1.

Run: .venv/bin/python bench/bench_import.py   (prints seconds; writes only to a temporary folder)
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from pipeline.content import load_content
from pipeline.importers.dispatch import Importer, ImportRequest
from pipeline.importers.fetch import Fetcher
from pipeline.site import load_site

ROOT = Path(__file__).resolve().parent.parent
ENTRIES = 100
PARAGRAPH = (
    "The Board of Governors met again this week, and the Director General's report on "
    "safeguards implementation set out, in measured language, what the Agency can and cannot "
    'verify. <a href="/explainer/">Our explainer</a> gives the background; <em>this</em> '
    "commentary asks what comes next for <strong>verification</strong>."
)


def make_feed(entries: int = ENTRIES) -> bytes:
    """A WordPress-like RSS feed whose entries all carry their full text."""
    start = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
    items = []
    for n in range(entries):
        body = "".join(
            [
                f"<p>{PARAGRAPH}</p>" * 3,
                f"<h2>Part {n}</h2><ul><li>first point</li><li>second point</li></ul>",
                "<blockquote><p>A quotation from an official statement.</p></blockquote>",
                f"<p>{PARAGRAPH}</p>" * 4,
                '<figure><iframe title="Briefing" src="https://www.youtube.com/embed/aBcDeFgHiJk"></iframe></figure>',
            ]
        )
        items.append(
            f"""<item><title>Commentary number {n}: on verification</title>
<link>https://vcdnp.org/commentary-{n}/</link><guid isPermaLink="false">https://vcdnp.org/?p={1000 + n}</guid>
<pubDate>{format_datetime(start - timedelta(hours=n))}</pubDate><dc:creator><![CDATA[Author {n % 7}]]></dc:creator>
<category><![CDATA[Commentary]]></category><description><![CDATA[Excerpt {n} [&#8230;]]]></description>
<content:encoded><![CDATA[{body}]]></content:encoded></item>"""
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Commentary</title>'
        "<link>https://vcdnp.org</link><description>Bench</description>"
        + "".join(items)
        + "</channel></rss>"
    ).encode("utf-8")


def serve(body: bytes) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/feed/"


def main() -> None:
    feed = make_feed()
    server, url = serve(feed)
    tmp = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        content = tmp / "content"
        (content / "commentary").mkdir(parents=True)
        shutil.copy(ROOT / "content" / "site.toml", content / "site.toml")
        site = load_site(content)
        today = datetime(2026, 3, 7, tzinfo=UTC).date()
        with Fetcher() as fetcher:
            importer = Importer(content, site, today, fetcher)
            started = time.perf_counter()
            first = importer.run(ImportRequest(url))
            cold = time.perf_counter() - started
            started = time.perf_counter()
            second = importer.run(ImportRequest(url))
            again = time.perf_counter() - started
        assert len(first.written) == ENTRIES and not second.written, (first, second)
        assert len(load_content(content).articles) == ENTRIES
        print(
            f"feed: {ENTRIES} entries with full content, {len(feed) / 1024:.0f} KB, from 127.0.0.1"
        )
        print(f"import (all new):          {cold:.2f} s  ({cold / ENTRIES * 1000:.1f} ms an entry)")
        print(f"import again (all known):  {again:.2f} s")
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
