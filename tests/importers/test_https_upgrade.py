"""http:// links in an imported body: upgraded only where the host is known to serve https."""

from __future__ import annotations

import pytest

from pipeline.content import load_content
from pipeline.importers.html_markdown import html_to_markdown
from pipeline.importers.https_hosts import HttpsHosts
from tests.cli import run_cli
from tests.conftest import ContentTree
from tests.importers.conftest import FIXTURES, LocalWeb, run_import

OWN = "http://nachrichten-aktuell.example.de/politik/heizung-faq.html"  # the page's own host
LISTED = "http://www.iaea.org/newscenter/statements"  # in [import] https_hosts
SUBDOMAIN = "http://news.un.org/en/story/2026/02/1"  # *.un.org
UNKNOWN = "http://www.staedtetag.example.de/presse"  # known to nobody


def hosts() -> HttpsHosts:
    return HttpsHosts.from_settings(("www.iaea.org", "*.un.org"), "https://example.org/")


@pytest.mark.parametrize(
    ("url", "upgraded"),
    [
        ("http://www.iaea.org/a?b=1#c", "https://www.iaea.org/a?b=1#c"),
        ("http://WWW.IAEA.org/", "https://www.iaea.org/"),
        ("http://www.iaea.org:80/", "https://www.iaea.org/"),
        ("http://iaea.org/", None),  # a listed host is that host only
        ("http://news.un.org/x", "https://news.un.org/x"),
        ("http://un.org/", None),  # *.un.org is the subdomains
        ("http://example.org/x", "https://example.org/x"),  # the site's own host
        ("http://blog.example.org/", None),
        ("http://get.dev/", "https://get.dev/"),  # an HSTS-preloaded top-level domain
        ("http://www.iaea.org:8080/", None),  # another port is another address
        ("http://me@www.iaea.org/", None),
        ("http://www.iaea.org:x/", None),
        ("https://www.iaea.org/", None),  # nothing to upgrade
        ("mailto:a@www.iaea.org", None),
    ],
)
def test_which_urls_are_upgraded(url: str, upgraded: str | None) -> None:
    assert hosts().upgrade(url) == upgraded


def test_the_converter_upgrades_links_and_images_and_says_which() -> None:
    fragment = (
        f'<p><a href="{LISTED}">IAEA</a>, <a href="{UNKNOWN}">Städtetag</a>, '
        f'<a href="{LISTED}">again</a></p><img src="http://news.un.org/p.png" alt="UN">'
    )
    converted = html_to_markdown(fragment, "https://example.org/", hosts())
    assert converted.markdown == (
        "[IAEA](https://www.iaea.org/newscenter/statements), "
        f"[Städtetag]({UNKNOWN}), [again](https://www.iaea.org/newscenter/statements)\n\n"
        "![UN](https://news.un.org/p.png)\n"
    )
    assert converted.notes == [
        "body: 2 http:// link(s) written as https:// because their host is known to serve "
        "https ([import] https_hosts, the site's or the page's own host): "
        f"{LISTED} -> https://www.iaea.org/newscenter/statements; "
        "http://news.un.org/p.png -> https://news.un.org/p.png. Check that they lead where "
        "they did."
    ]
    plain = html_to_markdown(fragment, "https://example.org/")
    assert LISTED in plain.markdown and not plain.notes


def page_with_links(web: LocalWeb) -> str:
    html = (FIXTURES / "sites" / "german.html").read_text(encoding="utf-8")
    links = (
        f'Der <a href="{UNKNOWN}">Städtetag</a> (<a href="{OWN}">FAQ</a>, '
        f'<a href="{LISTED}">IAEA</a>, <a href="{SUBDOMAIN}">UN</a>) forderte'
    )
    assert "Der Städtetag forderte" in html
    return web.add("/waermewende/", html.replace("Der Städtetag forderte", links))


def configure(tree: ContentTree, settings: str) -> None:
    site = tree.root / "site.toml"
    site.write_text(site.read_text(encoding="utf-8") + f"\n[import]\n{settings}\n", "utf-8")


def test_an_imported_page_upgrades_known_hosts_and_check_still_warns_of_the_others(
    web: LocalWeb, content_tree: ContentTree
) -> None:
    configure(content_tree, 'https_hosts = ["www.iaea.org", "*.un.org"]')
    result = run_import(content_tree.root, page_with_links(web))
    assert result.exit_code == 0, result.output
    (article,) = load_content(content_tree.root).articles
    assert article.body_http_links == (UNKNOWN,)
    for url in (OWN, LISTED, SUBDOMAIN):
        assert url.replace("http://", "https://") in article.body_markdown
    (note,) = [n for n in article.review if "written as https://" in n]
    assert note.count(" -> ") == 3 and UNKNOWN not in note

    check = run_cli(["check", "--content", str(content_tree.root)])
    assert check.exit_code == 0, check.output
    assert f"link '{UNKNOWN}' is http, not https" in check.stderr
    assert check.stderr.count("is http, not https") == 1
    strict = run_cli(["check", "--strict", "--content", str(content_tree.root)])
    assert strict.exit_code == 1


def test_with_https_upgrade_off_every_link_is_kept_as_written(
    web: LocalWeb, content_tree: ContentTree
) -> None:
    configure(content_tree, 'https_upgrade = false\nhttps_hosts = ["www.iaea.org"]')
    assert run_import(content_tree.root, page_with_links(web)).exit_code == 0
    (article,) = load_content(content_tree.root).articles
    assert article.body_http_links == (UNKNOWN, OWN, LISTED, SUBDOMAIN)
    assert not any("written as https://" in n for n in article.review)


def test_a_feed_entry_upgrades_links_to_its_own_host(
    web: LocalWeb, content_tree: ContentTree
) -> None:
    feed = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>News</title><link>https://news.example.net/</link><description>d</description>
<item><title>Safeguards after the board</title><link>https://news.example.net/safeguards/</link>
<pubDate>Mon, 02 Mar 2026 09:00:00 +0000</pubDate>
<content:encoded><![CDATA[<p>The board met again and the <a href="http://news.example.net/board/">report</a>
was read against the <a href="{UNKNOWN}">city's statement</a> once more, line by line.</p>]]>
</content:encoded></item></channel></rss>"""
    url = web.add("/feed/", feed, "application/rss+xml")
    result = run_import(content_tree.root, url, "--allow-private")
    assert result.exit_code == 0, result.output
    (article,) = load_content(content_tree.root).articles
    assert "https://news.example.net/board/" in article.body_markdown
    assert article.body_http_links == (UNKNOWN,)


@pytest.mark.parametrize("host", ["https://www.iaea.org", "www.iaea.org/x", "WWW.IAEA.ORG", "*"])
def test_a_bad_https_host_is_a_located_error(content_tree: ContentTree, host: str) -> None:
    configure(content_tree, f'https_hosts = ["www.un.org", "{host}"]')
    check = run_cli(["check", "--content", str(content_tree.root)])
    assert check.exit_code != 0
    assert "site.toml" in check.output and "import.https_hosts" in check.output
    assert "is not a host name like 'www.iaea.org'" in check.output
