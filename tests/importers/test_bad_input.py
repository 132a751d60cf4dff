"""Every bad input gives a clear error or a clean result, writes nothing partial, keeps content/."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.content import load_content
from tests.conftest import ContentTree
from tests.importers.conftest import FIXTURES, LocalWeb, fixture_text, run_import, snapshot

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


@pytest.fixture
def existing(content_tree: ContentTree) -> dict[str, bytes]:
    """content/ with one commentary in it, as it was before the failing import."""
    content_tree.add("earlier", "title: Earlier\ndate: 2026-01-05\nurl: https://vcdnp.org/earlier/")
    return snapshot(content_tree.root)


def fails(content_tree: ContentTree, before: dict[str, bytes], *args: str) -> str:
    result = run_import(content_tree.root, *args)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert snapshot(content_tree.root) == before
    return result.stderr


def test_404(web: LocalWeb, content_tree: ContentTree, existing: dict[str, bytes]) -> None:
    url = web.url("/gone/")
    assert fails(content_tree, existing, url) == (
        f"error: {url}: HTTP 404 Not Found: no page at this address (check the URL)\n"
    )


def test_500(web: LocalWeb, content_tree: ContentTree, existing: dict[str, bytes]) -> None:
    url = web.add("/broken/", "<h1>Error establishing a database connection</h1>", status=500)
    assert fails(content_tree, existing, url) == (
        f"error: {url}: HTTP 500 Internal Server Error: the server failed; try again later\n"
    )


def test_timeout(web: LocalWeb, content_tree: ContentTree, existing: dict[str, bytes]) -> None:
    url = web.add("/slow/", fixture_text("wordpress-page.html"), delay=1.5)
    assert fails(content_tree, existing, url, "--timeout", "0.3") == (
        f"error: {url}: the server sent nothing for 0.3 s (read timeout)\n"
    )


def test_connection_refused(content_tree: ContentTree, existing: dict[str, bytes]) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # free, and nothing listens once the socket closes
    url = f"http://127.0.0.1:{port}/page/"
    assert fails(content_tree, existing, url).startswith(f"error: {url}: cannot connect (")


def test_a_20_mb_body_declared(
    web: LocalWeb, content_tree: ContentTree, existing: dict[str, bytes]
) -> None:
    body = b"<html><body>" + b"<p>word</p>" * (20 * 1024 * 1024 // 11) + b"</body></html>"
    url = web.add("/huge/", body)
    assert fails(content_tree, existing, url) == (
        f"error: {url}: the response is 20.0 MB, over the 5.0 MB limit; not a commentary page or feed\n"
    )


def test_a_20_mb_body_streamed(
    web: LocalWeb, content_tree: ContentTree, existing: dict[str, bytes]
) -> None:
    def endless() -> Iterator[bytes]:
        yield b"<html><body>"
        for _ in range(320):  # 20 MB in 64 KB chunks, no Content-Length
            yield b"<p>word</p>" * 5958

    url = web.add("/stream/", endless)
    assert fails(content_tree, existing, url) == (
        f"error: {url}: the response is over the 5.0 MB limit; not a commentary page or feed\n"
    )


def test_a_20_mb_file(
    tmp_path: Path, content_tree: ContentTree, existing: dict[str, bytes]
) -> None:
    big = tmp_path / "huge.html"
    big.write_bytes(b"<p>word</p>" * (20 * 1024 * 1024 // 11))
    assert fails(content_tree, existing, str(big)) == (
        f"error: {big}: the file is 20.0 MB, over the 5.0 MB limit; not a commentary page or feed\n"
    )


def test_a_binary_url(web: LocalWeb, content_tree: ContentTree, existing: dict[str, bytes]) -> None:
    url = web.add("/chart.png", PNG, "image/png")
    assert fails(content_tree, existing, url) == (
        f"error: {url}: the server says this is image/png, not an HTML page, a feed or text\n"
    )


def test_a_binary_body_labelled_html(
    web: LocalWeb, content_tree: ContentTree, existing: dict[str, bytes]
) -> None:
    url = web.add("/report/", PNG, "text/html")
    assert fails(content_tree, existing, url) == (
        f"error: {url}: looks binary (contains NUL bytes), not an HTML page, a feed or a text scrape\n"
    )
    assert fails(content_tree, existing, url, "--kind", "page") == (
        f"error: {url}: looks binary (contains NUL bytes), not a page\n"
    )


def test_a_binary_file(
    tmp_path: Path, content_tree: ContentTree, existing: dict[str, bytes]
) -> None:
    for name in ("report.pdf", "page.html", "scrape.txt"):
        path = tmp_path / name
        path.write_bytes(PNG)
        assert "looks binary (contains NUL bytes)" in fails(content_tree, existing, str(path))


def test_a_pdf_url(web: LocalWeb, content_tree: ContentTree, existing: dict[str, bytes]) -> None:
    url = web.add("/paper.pdf", b"%PDF-1.7\n", "application/pdf")
    assert "the server says this is application/pdf" in fails(content_tree, existing, url)


def test_too_many_redirects(
    web: LocalWeb, content_tree: ContentTree, existing: dict[str, bytes]
) -> None:
    url = web.add("/loop/", b"", None, status=302, headers={"Location": "/loop/"})
    assert fails(content_tree, existing, url) == (
        f"error: {url}: more than 5 redirects; check the address\n"
    )


def test_a_redirect_is_followed(web: LocalWeb, content_tree: ContentTree) -> None:
    web.add_fixture("/new-start-after-the-deadline/", "wordpress-page.html")
    url = web.add(
        "/?p=20931", b"", None, status=301, headers={"Location": "/new-start-after-the-deadline/"}
    )
    result = run_import(content_tree.root, url)
    assert result.exit_code == 0, result.output
    (article,) = load_content(content_tree.root).articles
    assert article.url == "https://vcdnp.org/new-start-after-the-deadline/"


def test_utf8_declared_as_latin1_reads_as_utf8(web: LocalWeb, content_tree: ContentTree) -> None:
    html = fixture_text("wordpress-page.html").replace("Noah Mayhew", "Noah Mayhew and Zoë Gräfin")
    url = web.add(
        "/new-start-after-the-deadline/", html.encode("utf-8"), "text/html; charset=ISO-8859-1"
    )
    result = run_import(content_tree.root, url)
    assert result.exit_code == 0, result.output
    assert "declared charset 'ISO-8859-1', but the text is UTF-8; read it as UTF-8" in result.stderr
    (article,) = load_content(content_tree.root).articles
    assert "world’s two largest" in article.body_markdown  # not "worldâ€™s"
    assert "Zoë Gräfin" in article.summary


def test_windows_1252_declared_as_utf8_reads_as_windows_1252(
    web: LocalWeb, content_tree: ContentTree
) -> None:
    html = (
        fixture_text("wordpress-page.html").replace("&#8217;", "’").replace('charset="UTF-8"', "")
    )
    url = web.add(
        "/new-start-after-the-deadline/", html.encode("cp1252"), "text/html; charset=utf-8"
    )
    result = run_import(content_tree.root, url)
    assert result.exit_code == 0, result.output
    assert (
        "declared charset 'utf-8', but the text is not valid in it; read it as Windows-1252"
        in result.stderr
    )
    (article,) = load_content(content_tree.root).articles
    assert "world’s two largest" in article.body_markdown
    assert "\ufffd" not in article.body_markdown


def test_a_feed_with_a_wrong_charset(web: LocalWeb, content_tree: ContentTree) -> None:
    text = (
        (FIXTURES / "atom-feed.xml")
        .read_text(encoding="utf-8")
        .replace("Vienna Forum", "Wiener Café Forum")
    )
    url = web.add(
        "/atom",
        text.replace('encoding="utf-8"', 'encoding="iso-8859-1"').encode("utf-8"),
        "application/atom+xml",
    )
    result = run_import(content_tree.root, url)
    assert result.exit_code == 0, result.output
    titles = {a.title for a in load_content(content_tree.root).articles}
    assert "Notes from the Wiener Café Forum" in titles


def test_a_malformed_feed(
    web: LocalWeb, content_tree: ContentTree, existing: dict[str, bytes]
) -> None:
    text = (FIXTURES / "wordpress-feed.xml").read_text(encoding="utf-8")
    url = web.add("/feed/", text[: text.index("<title>Reviewing the TPNW")], "application/rss+xml")
    error = fails(content_tree, existing, url)
    assert error.startswith(f"error: {url}: malformed feed (line ")
    assert error.count("\n") == 1


def test_a_malformed_feed_file(
    tmp_path: Path, content_tree: ContentTree, existing: dict[str, bytes]
) -> None:
    feed = tmp_path / "feed.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><item><title>A & B</title></item>',
        encoding="utf-8",
    )
    assert "malformed feed" in fails(content_tree, existing, str(feed))


def test_not_a_feed(web: LocalWeb, content_tree: ContentTree, existing: dict[str, bytes]) -> None:
    url = web.add(
        "/sitemap.xml",
        '<?xml version="1.0"?><urlset><url><loc>https://vcdnp.org/</loc></url></urlset>',
        "application/xml",
    )
    assert fails(content_tree, existing, url) == f"error: {url}: not an RSS or Atom feed\n"


def test_a_page_with_no_text(
    web: LocalWeb, content_tree: ContentTree, existing: dict[str, bytes]
) -> None:
    url = web.add(
        "/empty/",
        "<html><head><title>Empty</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
    )
    # The one link left ("Home") is a section link, removed as furniture: no words of prose.
    assert fails(content_tree, existing, url) == (
        f"error: {url}: no article text found on the page\n"
    )


INJECTED_PAGE = """<!doctype html><html><head>
<title>Safe &lt;script&gt;alert(1)&lt;/script&gt; Title | Vienna Center for Disarmament and Non-Proliferation</title>
<link rel="canonical" href="https://vcdnp.org/injected/">
<meta property="og:description" content="A summary &lt;img src=x onerror=alert(2)&gt; that is safe.">
<meta name="author" content="Jane Doe&lt;script&gt;alert(3)&lt;/script&gt;">
<meta property="article:published_time" content="2026-02-01T10:00:00+00:00">
<script>alert(4)</script></head><body><article><h1>Safe Title</h1>
<p onmouseover="alert(5)">First paragraph with a <a href="javascript:alert(6)">bad link</a>, a <a href="JaVaScRiPt:alert(7)">worse one</a>
and an image <img src="x" onerror="alert(8)" alt="x"> that is long enough to count as text.</p>
<p>Second paragraph quoting markup as text: &lt;script&gt;alert(9)&lt;/script&gt; and &lt;img onerror=alert(10)&gt;, a perfectly normal sentence.</p>
<svg onload="alert(11)"><script>alert(12)</script></svg><iframe src="javascript:alert(13)"></iframe>
<p>Third paragraph <a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxNCk8L3NjcmlwdD4=">data link</a> <img src="data:image/svg+xml,<svg onload=alert(15)>" alt="svg"> ends here.</p>
<style>body{background:url(javascript:alert(16))}</style>
</article></body></html>"""


def assert_clean(text: str) -> None:
    """No tag that runs code, no event handler on a tag, no script or data URL (prose may quote)."""
    lowered = text.lower()
    for unsafe in ("<script", "javascript:", "<svg", "<iframe", "<style", "data:"):
        assert unsafe not in lowered, unsafe
    assert not re.search(r"<\w+[^>]*\son\w+\s*=", lowered), "an event handler on a tag"


def test_script_injection_in_a_page(web: LocalWeb, content_tree: ContentTree) -> None:
    url = web.add("/injected/", INJECTED_PAGE)
    result = run_import(content_tree.root, url)
    assert result.exit_code == 0, result.output
    (article,) = load_content(content_tree.root).articles
    file_text = (content_tree.root / "commentary" / "injected.md").read_text(encoding="utf-8")
    assert_clean(file_text)
    assert_clean(article.body_html)
    assert article.title == "Safe Title"
    (author,) = article.authors  # trafilatura's own clean-up leaves "Jane Doealert": harmless text
    assert author.startswith("Jane Doe") and "<" not in author and "script" not in author
    assert article.summary == "A summary that is safe."
    assert "bad link" in article.body_markdown  # the text stays, the link goes
    # Markup quoted in prose stays visible text, escaped, never a tag.
    assert "&lt;script>alert(9)&lt;/script>" in article.body_markdown
    assert "&lt;script&gt;alert(9)&lt;/script&gt;" in article.body_html


def test_script_injection_in_a_feed(tmp_path: Path, content_tree: ContentTree) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(
        """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>T</title><link>https://vcdnp.org</link><description>D</description>
<item><title>Hello &lt;script&gt;alert(1)&lt;/script&gt;World</title><link>https://vcdnp.org/hello/</link>
<guid>https://vcdnp.org/?p=1</guid><pubDate>Mon, 02 Mar 2026 08:00:00 +0000</pubDate>
<content:encoded><![CDATA[<p onclick="alert(2)">Text <script>alert(3)</script><img src=x onerror=alert(4) alt="a"> and <a href="javascript:alert(5)">link</a>.</p>
<iframe src="https://evil.example/"></iframe><svg><script>alert(6)</script></svg><p>More &lt;script&gt; as text.</p>]]></content:encoded>
</item></channel></rss>""",
        encoding="utf-8",
    )
    result = run_import(content_tree.root, str(feed))
    assert result.exit_code == 0, result.output
    (article,) = load_content(content_tree.root).articles
    assert article.title == "Hello World"
    assert_clean((content_tree.root / "commentary" / "hello.md").read_text(encoding="utf-8"))
    assert_clean(article.body_html)
    assert article.video is None  # an iframe that is not a video player is dropped, not kept


def test_options_that_do_not_apply(
    web: LocalWeb, content_tree: ContentTree, existing: dict[str, bytes]
) -> None:
    assert fails(
        content_tree, existing, str(FIXTURES / "atom-feed.xml"), "--date", "2026-01-01"
    ) == ("error: --url and --date describe one page or scrape, not a feed\n")
    result = run_import(content_tree.root)
    assert result.exit_code == 2 and "give either SOURCE or --from-config" in result.stderr


def test_no_such_file(content_tree: ContentTree, existing: dict[str, bytes]) -> None:
    assert fails(content_tree, existing, "missing.html") == "error: missing.html: no such file\n"
