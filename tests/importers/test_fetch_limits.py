"""Fetching stays bounded: a deadline that covers headers, internal addresses refused, capped files."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.errors import ImportFailed
from pipeline.importers.fetch import Fetcher, FetchLimits, read_file
from tests.conftest import ContentTree
from tests.importers.conftest import LocalWeb, run_import, snapshot


@pytest.fixture
def dripping_server() -> Iterator[str]:
    """A server that sends a header line every 0.1 s for 6 s (each line resets a read timeout)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.05)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                conn.recv(65536)
                try:
                    conn.sendall(b"HTTP/1.1 200 OK\r\n")
                    for n in range(60):
                        if stop.is_set():
                            break
                        conn.sendall(f"X-Drip-{n}: 1\r\n".encode())
                        time.sleep(0.1)
                except OSError:
                    pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/page"
    stop.set()
    thread.join(timeout=5)
    listener.close()


def test_the_deadline_covers_headers_dripped_line_by_line(dripping_server: str) -> None:
    limits = FetchLimits(connect_timeout=2, read_timeout=5, deadline=0.3)
    started = time.monotonic()
    with Fetcher(limits) as fetcher, pytest.raises(ImportFailed, match=r"took over 0.3 s; gave up"):
        fetcher.get(dripping_server)
    assert time.monotonic() - started < 4


FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>T</title><link>https://example.org/</link><description>d</description>
<item><title>One</title><link>{{BASE}}/one/</link><guid>https://example.org/?p=1</guid>
<pubDate>Tue, 10 Mar 2026 09:00:00 +0000</pubDate><description>Short.</description></item>
<item><title>One</title><link>{{BASE}}/one/</link><guid>https://example.org/?p=1</guid>
<pubDate>Tue, 10 Mar 2026 09:00:00 +0000</pubDate><description>Short.</description></item>
</channel></rss>"""
PAGE = (
    "<html><head><title>One</title><link rel='canonical' href='https://example.org/one/'>"
    "</head><body><article><h1>One article, listed twice</h1>"
    + "".join(
        f"<p>Paragraph {n} of the article has enough words to count as the text of a page.</p>"
        for n in range(4)
    )
    + "</article></body></html>"
)


def test_a_feed_entry_linking_to_an_internal_address_is_refused(
    web: LocalWeb, content_tree: ContentTree
) -> None:
    web.add("/one/", PAGE)
    feed = web.add("/feed", FEED, "application/rss+xml")
    before = snapshot(content_tree.root)
    result = run_import(content_tree.root, feed)
    assert result.exit_code == 1
    assert "refused: a feed entry's link reaches 127.0.0.1" in result.stderr
    assert "--allow-private" in result.stderr
    assert snapshot(content_tree.root) == before
    assert [path for path, _ in web.requests] == ["/feed"]  # the page was never requested


def test_a_feed_listing_one_article_twice_imports_it_once(
    web: LocalWeb, content_tree: ContentTree
) -> None:
    web.add("/one/", PAGE)
    feed = web.add("/feed", FEED, "application/rss+xml")
    result = run_import(content_tree.root, feed, "--allow-private")
    assert result.exit_code == 0, result.output
    assert len(list((content_tree.root / "commentary").glob("*.md"))) == 1
    assert [path for path, _ in web.requests].count("/one/") == 1


def test_a_file_source_is_capped_even_when_its_size_is_zero() -> None:
    zero = Path("/dev/zero")
    if not zero.exists():
        pytest.skip("no /dev/zero here")
    with pytest.raises(ImportFailed, match="over the 1 KB limit"):
        read_file(zero, max_bytes=1024)
