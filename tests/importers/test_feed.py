"""Feeds (RSS and Atom, URL or file): every new entry becomes content that builds, all or none."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.content import load_content
from tests.conftest import ContentTree
from tests.importers.conftest import FIXTURES, LocalWeb, run_import, snapshot


@pytest.fixture
def december(monkeypatch: pytest.MonkeyPatch) -> None:
    """The import day: 2026-12-11 (the injected clock)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1797000000")


def serve_wordpress(web: LocalWeb) -> str:
    web.add_fixture("/new-start-after-the-deadline/", "wordpress-page.html")
    return web.add_fixture(
        "/category/commentary/feed/", "wordpress-feed.xml", "application/rss+xml; charset=UTF-8"
    )


def test_a_wordpress_feed_imports_every_entry(web: LocalWeb, content_tree: ContentTree) -> None:
    feed = serve_wordpress(web)
    result = run_import(content_tree.root, feed, "--allow-private")
    assert result.exit_code == 0, result.output
    folder = content_tree.root / "commentary"
    assert result.stdout.splitlines() == [
        f"wrote {folder / 'iaea-board-march.md'}",
        f"wrote {folder / 'tpnw-review.md'}",
        f"wrote {folder / 'new-start-after-the-deadline.md'}",
        f"{feed}: 3 entries, 3 new, 0 already imported",
    ]
    articles = {a.slug: a for a in load_content(content_tree.root).articles}
    assert list(articles) == ["iaea-board-march", "tpnw-review", "new-start-after-the-deadline"]

    iaea = articles["iaea-board-march"]
    assert iaea.guid == "https://vcdnp.org/?p=20950"
    assert iaea.url == "https://vcdnp.org/iaea-board-march/"
    assert iaea.date.isoformat() == "2026-03-02T09:00:00+01:00"
    assert iaea.authors == ("Angela Kane",)
    assert iaea.tags == ("Commentary", "IAEA")
    assert iaea.video is not None
    assert iaea.video.url == "https://www.youtube.com/watch?v=aBcDeFgHiJk"
    assert "[explainer](https://vcdnp.org/iran-safeguards-explained/)" in iaea.body_markdown
    assert "> The Agency cannot provide assurance" in iaea.body_markdown
    assert "appeared first on" not in iaea.body_markdown  # the Yoast feed footer
    assert iaea.summary.startswith("The IAEA Board of Governors meets on 2 March")  # not "[…]"

    tpnw = articles["tpnw-review"]
    assert tpnw.url == "https://vcdnp.org/tpnw-review/"  # utm_* removed
    assert tpnw.tags == ("Commentary", "TPNW")  # "Uncategorized" dropped
    assert "1. Universalisation has slowed since 2023." in tpnw.body_markdown
    assert "![Delegates at the third Meeting of States Parties" in tpnw.body_markdown

    # Summary-only: the text comes from the page, the guid and title from the feed.
    new_start = articles["new-start-after-the-deadline"]
    assert new_start.guid == "https://vcdnp.org/?p=20931"
    assert new_start.url == "https://vcdnp.org/new-start-after-the-deadline/"
    assert "## What was lost" in new_start.body_markdown
    assert new_start.video is not None
    assert "Share this" not in new_start.body_markdown


def test_a_feed_imported_twice_writes_nothing(web: LocalWeb, content_tree: ContentTree) -> None:
    feed = serve_wordpress(web)
    assert run_import(content_tree.root, feed, "--allow-private").exit_code == 0
    before = snapshot(content_tree.root)
    again = run_import(content_tree.root, feed, "--allow-private")
    assert again.exit_code == 0, again.output
    folder = content_tree.root / "commentary"
    assert again.stdout.splitlines() == [
        f"already imported as {folder / 'iaea-board-march.md'}: https://vcdnp.org/iaea-board-march/",
        f"already imported as {folder / 'tpnw-review.md'}: "
        "https://vcdnp.org/tpnw-review/?utm_source=rss&utm_medium=rss&utm_campaign=tpnw-review",
        f"already imported as {folder / 'new-start-after-the-deadline.md'}: "
        f"{web.base}/new-start-after-the-deadline/",
        f"{feed}: 3 entries, 0 new, 3 already imported",
    ]
    assert snapshot(content_tree.root) == before


def test_only_new_entries_are_imported(web: LocalWeb, content_tree: ContentTree) -> None:
    content_tree.add(
        "tpnw-at-five",
        """
        title: Reviewing the TPNW at Five
        date: 2026-02-20
        guid: https://vcdnp.org/?p=20940
        """,
    )
    content_tree.add(
        "iaea", "title: IAEA\ndate: 2026-03-02\nurl: https://vcdnp.org/iaea-board-march/"
    )
    feed = serve_wordpress(web)
    result = run_import(content_tree.root, feed, "--allow-private")
    assert result.exit_code == 0, result.output
    assert f"{feed}: 3 entries, 1 new, 2 already imported" in result.stdout
    assert len(load_content(content_tree.root).articles) == 3


def test_an_atom_feed_file_imports(
    content_tree: ContentTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772877600")  # 2026-03-07
    result = run_import(content_tree.root, str(FIXTURES / "atom-feed.xml"))
    assert result.exit_code == 0, result.output
    articles = {a.slug: a for a in load_content(content_tree.root).articles}
    ctbt = articles["ctbt-still-matters"]
    assert ctbt.title == "Why the CTBT Still Matters & What Vienna Can Do"
    assert ctbt.guid == "tag:vcdnp.org,2026:ctbt-still-matters"
    assert ctbt.date.isoformat() == "2026-02-27T17:45:00+01:00"
    assert (
        ctbt.summary
        == "The test ban has never entered into force, yet its monitoring system works every day."
    )
    # No date in the entry: today's, and a note for the editor; never an invented one.
    forum = articles["vienna-forum-notes"]
    assert forum.date.date().isoformat() == "2026-03-07"
    assert any("the source has no date" in note for note in forum.review)
    assert "warning:" in result.stderr and "entry 2" in result.stderr


def test_a_failing_entry_writes_no_entry(web: LocalWeb, content_tree: ContentTree) -> None:
    feed = web.add_fixture(
        "/feed/", "wordpress-feed.xml", "application/rss+xml"
    )  # its page is a 404
    before = snapshot(content_tree.root)
    result = run_import(content_tree.root, feed, "--allow-private")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {web.base}/new-start-after-the-deadline/: HTTP 404 Not Found: no page at this address (check the URL)",
        f"error: {feed}: 1 entries failed; nothing was written",
    ]
    assert snapshot(content_tree.root) == before


def test_a_feed_served_as_html_is_still_a_feed(web: LocalWeb, content_tree: ContentTree) -> None:
    web.add_fixture("/new-start-after-the-deadline/", "wordpress-page.html")
    feed = web.add_fixture("/feed", "wordpress-feed.xml", "text/html; charset=utf-8")
    result = run_import(content_tree.root, feed, "--allow-private")
    assert result.exit_code == 0, result.output
    assert "3 entries, 3 new" in result.stdout


def test_a_new_entry_whose_name_is_taken_gets_another(
    tmp_path: Path, content_tree: ContentTree
) -> None:
    content_tree.add(
        "tpnw-review",
        "title: An older TPNW review\ndate: 2021-01-22\nurl: https://vcdnp.org/2021/tpnw/",
    )
    feed = tmp_path / "feed.xml"
    text = (FIXTURES / "wordpress-feed.xml").read_text(encoding="utf-8")
    feed.write_text(
        text[: text.index("\t<item>\n\t\t<title>New START")] + "</channel>\n</rss>\n",
        encoding="utf-8",
    )
    result = run_import(content_tree.root, str(feed))
    assert result.exit_code == 0, result.output
    assert "this one becomes tpnw-review-2.md" in result.stderr
    slugs = {a.slug for a in load_content(content_tree.root).articles}
    assert slugs == {"tpnw-review", "tpnw-review-2", "iaea-board-march"}


def test_a_feed_in_another_language_gives_its_entries_that_language(
    content_tree: ContentTree, tmp_path: Path
) -> None:
    feed = tmp_path / "flux.xml"
    paragraph = "Le Conseil des gouverneurs de l'AIEA se réunit à Vienne cette semaine. " * 4
    feed.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Centre</title>'
        "<link>https://example.org/</link><description>d</description><language>fr-FR</language>"
        "<item><title>Le Conseil se réunit</title><link>https://example.org/conseil/</link>"
        "<pubDate>Tue, 10 Mar 2026 09:00:00 +0000</pubDate>"
        f"<content:encoded><![CDATA[<p>{paragraph}</p>]]></content:encoded></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    result = run_import(content_tree.root, str(feed))
    assert result.exit_code == 0, result.output
    (article,) = load_content(content_tree.root).articles
    assert article.language == "fr-FR"


@pytest.mark.parametrize(
    ("feed", "furniture"),
    [
        # Jetpack's share buttons and related posts; "The post … appeared first on …"
        ("wordpress-jetpack-feed.xml", ("Share this", "appeared first on", "Related")),
        # Substack's appeal to subscribe and its buttons
        ("substack-feed.xml", ("reader-supported publication", "Subscribe now")),
    ],
)
def test_a_feeds_plugin_furniture_stays_out(
    feed: str, furniture: tuple[str, ...], content_tree: ContentTree,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1797000000")  # 2026-12-10
    result = run_import(content_tree.root, str(FIXTURES / feed))
    assert result.exit_code == 0, result.output
    articles = load_content(content_tree.root).articles
    assert articles
    for article in articles:
        for text in furniture:
            assert text not in article.body_markdown and text not in article.summary, text


def test_an_atom_categorys_label_is_the_tag(
    tmp_path: Path, content_tree: ContentTree, december: None
) -> None:
    body = "<p>" + "The zone treaty has held for decades and its review is due next year. " * 4
    feed = tmp_path / "labels.xml"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Centre</title><id>tag:example.org,2026:feed</id><updated>2026-12-01T00:00:00Z</updated>"
        "<entry><title>Zones Without Weapons</title><id>tag:example.org,2026:zones</id>"
        '<link href="https://example.org/zones/"/><updated>2026-12-01T00:00:00Z</updated>'
        '<category term="nwfz" label="Nuclear-Weapon-Free Zones"/><category term="NPT"/>'
        f'<content type="html">{body.replace("<", "&lt;")}&lt;/p&gt;</content></entry></feed>',
        encoding="utf-8",
    )
    result = run_import(content_tree.root, str(feed))
    assert result.exit_code == 0, result.output
    (article,) = load_content(content_tree.root).articles
    assert article.tags == ("Nuclear-Weapon-Free Zones", "NPT")


def _one_entry(
    content: ContentTree, tmp_path: Path, extra: str, body: str | None = None, *,
    title: str = "Zones Without Weapons", link: str = "https://example.org/zones/",
    channel: str = "", when: str = "Tue, 01 Dec 2026 09:00:00 +0000",
):  # fmt: skip
    """The article a feed of one entry gives, `extra` (an image, a creator) in its <item>,
    `body` (HTML) its content, `channel` (a <language>) in the channel."""
    body = (
        body or "<p>" + "The zone treaty has held for decades and its review is due. " * 4 + "</p>"
    )
    feed = tmp_path / "entry.xml"
    feed.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:media="http://search.yahoo.com/mrss/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<channel><title>Centre</title><link>https://example.org/</link><description>d"
        f"</description>{channel}<item><title>{title}</title><link>{link}</link>"
        f"<pubDate>{when}</pubDate>{extra}"
        f"<content:encoded><![CDATA[{body}]]></content:encoded></item></channel></rss>",
        encoding="utf-8",
    )
    result = run_import(content.root, str(feed))
    assert result.exit_code == 0, result.output
    (article,) = load_content(content.root).articles
    return article


@pytest.mark.parametrize(
    ("image", "expected"),
    [
        ('<enclosure url="https://example.org/lead.jpg" length="5120" type="image/jpeg"/>',
         "https://example.org/lead.jpg"),
        ('<media:thumbnail url="https://example.org/thumb.png"/>', "https://example.org/thumb.png"),
        # an episode's audio is no image; nor is an image only over http
        ('<enclosure url="https://example.org/ep1.mp3" length="9" type="audio/mpeg"/>', None),
        ('<enclosure url="http://example.org/lead.jpg" length="9" type="image/jpeg"/>', None),
    ],
)  # fmt: skip
def test_an_enclosure_or_thumbnail_image_goes_to_the_editor(
    image: str, expected: str | None, tmp_path: Path, content_tree: ContentTree,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1797000000")
    article = _one_entry(content_tree, tmp_path, image)
    notes = [n for n in article.review if n.startswith("image:")]
    if expected is None:
        assert notes == []
    else:
        assert len(notes) == 1 and f"add image.src: {expected} " in notes[0]


@pytest.mark.parametrize(
    ("creator", "authors"),
    [("Guest User", ()), ("Unknown", ()), ("BDRC Events", ()), ("admin", ()),
     ("Tomás Rivera", ("Tomás Rivera",)), ("Dr. Tomás Rivera", ("Tomás Rivera",))],
)  # fmt: skip
def test_a_cms_placeholder_is_no_author_and_a_title_no_part_of_one(
    creator: str, authors: tuple[str, ...], tmp_path: Path, content_tree: ContentTree,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1797000000")
    article = _one_entry(content_tree, tmp_path, f"<dc:creator>{creator}</dc:creator>")
    assert article.authors == authors


def test_the_text_after_a_plugins_buttons_stays(
    tmp_path: Path, content_tree: ContentTree, december: None
) -> None:
    widget = '<div class="sharedaddy"><a href="https://x.com/share">Share this</a></div>'
    article = _one_entry(
        content_tree, tmp_path, "",
        f"<div>The talks resumed in Vienna, and the inspectors are to go back. {widget}They "
        "return in May, and the board meets again in June to hear their report.</div>",
    )  # fmt: skip
    assert "They return in May" in article.body_markdown
    assert "Share this" not in article.body_markdown


RELATIVE = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Centre</title>
<link>https://example.org/</link><description>d</description>
<item><title>After the Deadline</title><link>/new-start-after-the-deadline/</link>
<pubDate>Tue, 01 Dec 2026 09:00:00 +0000</pubDate><description>A summary only.</description>
</item><item><title>Zones Without Weapons</title><link>zones/</link>
<pubDate>Tue, 01 Dec 2026 10:00:00 +0000</pubDate><content:encoded><![CDATA[<p>{text} See
<a href="/zones/map/">the map</a>.</p>]]></content:encoded></item></channel></rss>"""
ZONES = "The zone treaty has held for decades and its review is due. " * 4


def test_relative_entry_links_resolve_against_the_feeds_address(
    web: LocalWeb, content_tree: ContentTree, december: None
) -> None:
    """A feed whose items link "/slug/": each is read at that address on the feed's site."""
    web.add_fixture("/new-start-after-the-deadline/", "wordpress-page.html")
    feed = web.add("/feed/", RELATIVE.format(text=ZONES), "application/rss+xml")
    result = run_import(content_tree.root, feed, "--allow-private")
    assert result.exit_code == 0, result.output
    articles = {a.slug: a for a in load_content(content_tree.root).articles}
    assert "## What was lost" in articles["new-start-after-the-deadline"].body_markdown
    zones = articles["zones-without-weapons"]  # its address is not https: no url, no slug
    assert f"[the map]({web.base}/zones/map/)" in zones.body_markdown


def test_relative_entry_links_in_a_feed_file_resolve_against_its_site(
    tmp_path: Path, content_tree: ContentTree, december: None
) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(RELATIVE.format(text=ZONES).split("<item>")[0] + "<item>"
                    + RELATIVE.format(text=ZONES).split("<item>")[2], encoding="utf-8")  # fmt: skip
    result = run_import(content_tree.root, str(feed))
    assert result.exit_code == 0, result.output
    (zones,) = load_content(content_tree.root).articles
    assert zones.url == "https://example.org/zones/"
    assert "[the map](https://example.org/zones/map/)" in zones.body_markdown


def test_a_medium_feed_leaves_its_furniture_out(content_tree: ContentTree, december: None) -> None:
    """Medium's feed: no <description> (feedparser's summary is the whole text), a tracking
    pixel, "… was originally published in … on Medium" under a rule, the post id in the URL."""
    result = run_import(content_tree.root, str(FIXTURES / "medium-feed.xml"))
    assert result.exit_code == 0, result.output
    (article,) = load_content(content_tree.root).articles
    assert article.slug == "the-quiet-end-of-verification"
    assert article.summary is None or "Inspectors at a site" not in article.summary
    assert article.body_markdown.endswith("neither has proposed how to check them.\n")
    assert "medium.com/_/stat" not in article.body_markdown + "".join(article.review)
    assert article.authors == ("Lena Brandt",)


def test_a_podcast_feeds_recording_is_linked_from_the_text(
    tmp_path: Path, content_tree: ContentTree, december: None
) -> None:
    mp3 = "https://media.example.org/ep42.mp3"
    article = _one_entry(
        content_tree, tmp_path, f'<enclosure url="{mp3}" length="38000000" type="audio/mpeg"/>'
    )
    assert article.body_markdown.startswith("The zone treaty has held")
    assert article.body_markdown.endswith(f"[▶ Zones Without Weapons]({mp3})\n")
    assert any(n.startswith("body: added a link to the recording") for n in article.review)


def _imported(content: ContentTree, name: str) -> dict:
    result = run_import(content.root, str(FIXTURES / name))
    assert result.exit_code == 0, result.output
    return {a.slug: a for a in load_content(content.root).articles}


def test_a_drupal_feeds_full_description_is_the_text(
    content_tree: ContentTree, december: None
) -> None:
    """Drupal's feed gives the whole node in <description>, its fields around the body: the
    body is the text (no page is fetched: none could be here), its author field the authors
    (not the account that posted it), and no summary repeats the text."""
    articles = _imported(content_tree, "drupal-feed.xml")
    kazakh = articles["kazakhstan-first-nuclear-power-plant-vendor"]
    assert kazakh.authors == ("Aigerim Nurlanova", "Timur Seitkali")
    assert kazakh.body_markdown.startswith("In October 2024, Kazakh voters approved")
    assert "## The safeguards question" in kazakh.body_markdown
    assert "Authors" not in kazakh.body_markdown and "divided world" not in kazakh.body_markdown
    written = (content_tree.root / kazakh.source_path.removeprefix("content/")).read_text()
    assert "\nsummary:" not in written  # (the build's summary is then its lead)
    pipeline = articles["trans-caspian-pipeline-pipe-dream"]  # a short body: whole all the same
    assert pipeline.authors == ("Rustam Berdiyev",)


def test_a_podcast_feeds_episodes_are_their_show_notes_and_recording(
    content_tree: ContentTree, december: None
) -> None:
    """A podcast host's feed: no page for an episode, the show notes its text."""
    articles = _imported(content_tree, "podcast-feed.xml")
    bonus = articles["bonus-live-from-the-first-committee"]
    assert bonus.body_markdown.startswith("Recorded in front of an audience")
    assert "[▶ Bonus: Live from the First Committee](https://www.buzzsprout.com/" in (
        bonus.body_markdown
    )
    assert bonus.authors == ("Tom Harlan",)
    assert len(articles) == 2


def test_a_ghost_feeds_cards_paywall_and_co_authors(
    content_tree: ContentTree, december: None
) -> None:
    articles = _imported(content_tree, "ghost-feed.xml")
    sentinel = articles["sentinel-cost-overrun-explained"]
    assert sentinel.authors == ("Grace Whitfield", "Arjun Menon")  # one <dc:creator>
    # the bookmark card is the link it shows; the call to action goes
    assert (
        "[Sentinel Intercontinental Ballistic Missile: Cost and Schedule Risks]"
        "(https://www.gao.gov/products/gao-25-106990): GAO's assessment" in sentinel.body_markdown
    )
    assert "favicon" not in sentinel.body_markdown and "Subscribe" not in sentinel.body_markdown
    assert "Enjoying The Deterrence Ledger" not in sentinel.body_markdown
    # the picture the text opens with is the hero, with the text's alt, and not shown twice
    assert sentinel.image is not None and sentinel.image.src.endswith("sentinel-silo.jpg")
    assert "sentinel-silo.jpg" not in sentinel.body_markdown
    assert any("repeats the title" in n for n in sentinel.review)
    patrols = articles["ssbn-patrol-rates-2026"]
    assert "Subscribe to read" not in patrols.body_markdown
    assert any("for the site's members only" in n for n in patrols.review)


def test_a_json_feed_imports_as_an_rss_feed_does(
    content_tree: ContentTree, december: None, tmp_path: Path
) -> None:
    """JSON Feed 1.1 (feedparser reads none): each item is an entry, by its file name or its
    first bytes; a JSON file that is no feed is an error that says so, never a scrape."""
    articles = _imported(content_tree, "json-feed.json")
    kaliningrad = articles["kaliningrad-iskander-basing"]
    assert kaliningrad.authors == ("Liis Tamm", "Marek Zieliński")
    assert kaliningrad.date.isoformat() == "2026-12-02T07:00:00+01:00"
    assert "## Why it matters for NATO" in kaliningrad.body_markdown
    assert kaliningrad.tags == ("Kaliningrad", "Russia", "NATO")
    renamed = tmp_path / "feed.xml"  # a JSON Feed by its first bytes
    renamed.write_bytes((FIXTURES / "json-feed.json").read_bytes())
    again = run_import(content_tree.root, str(renamed))
    assert again.exit_code == 0 and "2 already imported" in again.stdout
    other = tmp_path / "data.json"
    other.write_text('{"version": "2", "items": []}', encoding="utf-8")
    failed = run_import(content_tree.root, str(other))
    assert failed.exit_code == 1
    assert "JSON, but no JSON Feed" in failed.stderr
    scrape = tmp_path / "data.txt"
    scrape.write_text('{"title": "x", "body": "y"}', encoding="utf-8")
    failed = run_import(content_tree.root, str(scrape))
    assert failed.exit_code == 1 and "JSON, not a text scrape" in failed.stderr


def test_a_mailchimp_campaigns_email_is_its_text(content_tree: ContentTree, december: None) -> None:
    """A campaign archive's feed: the email's nested layout tables are its text, its preheader,
    logo, social buttons and footer (address, unsubscribe) no part of it."""
    (issue,) = _imported(content_tree, "mailchimp-feed.xml").values()
    body = issue.body_markdown
    assert "## Snapback and the Nordic role" in body and "## Svalbard" in body
    assert "|" not in body
    for gone in ("View this email", "unsubscribe", "mailing address", "Mailchimp", "Twitter"):
        assert gone not in body, gone
    assert body.rstrip().endswith("The N3 team")


def test_content_escaped_twice_is_read_as_html(
    tmp_path: Path, content_tree: ContentTree, december: None
) -> None:
    text = "The zone treaty has held for decades and its review is due. " * 4
    article = _one_entry(
        content_tree,
        tmp_path,
        "",
        f"&lt;p&gt;{text}&lt;/p&gt;&lt;p&gt;Yet transport is the risk.&lt;/p&gt;",
    )
    assert article.body_markdown == f"{text.strip()}\n\nYet transport is the risk.\n"


def test_an_entry_announcing_a_webinar_is_an_event(
    tmp_path: Path, content_tree: ContentTree, december: None
) -> None:
    """No event data in a feed: the title says "Webinar:", the text its day and time (with
    the zone's UTC offset) and links its registration."""
    text = (
        "<p>Join us on <strong>Thursday 21 January 2027, 14:00–15:30 SAST (UTC+2)</strong> for "
        "a webinar on how African regulators are preparing for small modular reactors.</p>"
        "<p>Ghana, Kenya and Rwanda have all signed agreements with SMR vendors.</p>"
        '<p><a href="https://sanph.org.za/events/smr-webinar/register/">Register here</a></p>'
    )
    article = _one_entry(
        content_tree, tmp_path, "", text, title="Webinar: Who regulates Africa's first SMRs?",
        link="https://sanph.org.za/2026/12/webinar-smr/", when="Thu, 03 Dec 2026 10:30:00 +0000",
    )  # fmt: skip
    assert article.kind == "event" and article.event is not None
    assert article.event.start.isoformat() == "2027-01-21T14:00:00+02:00"
    assert article.event.form == "https://sanph.org.za/events/smr-webinar/register/"


def test_an_untitled_entry_is_titled_by_its_first_words_and_an_entry_in_english_in_a_french_feed_is_english(
    tmp_path: Path, content_tree: ContentTree, december: None
) -> None:
    text = ("Quick note from the Vienna Energy Forum: the Austrian government's position on small "
            "reactors has not changed, whatever the headlines say. ") * 2  # fmt: skip
    article = _one_entry(
        content_tree, tmp_path, "", f"<p>{text}</p><p>{text}</p>", title="",
        link="https://example.org/2026/11/blog-post.html", channel="<language>fr-FR</language>",
    )  # fmt: skip
    assert article.title.startswith("Quick note from the Vienna Energy Forum")
    assert any(n.startswith("title: the entry has none") for n in article.review)
    assert article.language in (None, "en")  # not the channel's French


def test_each_translation_in_a_bilingual_atom_feed_gets_its_own_address(
    tmp_path: Path, content_tree: ContentTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1797000000")
    fr = "https://www.cgsh.example/fr/analyses/armes-explosives"
    en = "https://www.cgsh.example/en/analysis/explosive-weapons"
    text = "<p>" + "Three years after the declaration, its promises are tested. " * 4 + "</p>"

    def entry(lang: str, title: str, own: str, other: str, other_lang: str) -> str:
        return (
            f'<entry xml:lang="{lang}"><title>{title}</title><id>urn:{lang}</id>'
            f'<link rel="alternate" hreflang="{other_lang}" href="{other}"/>'
            f'<link rel="alternate" hreflang="{lang}" href="{own}"/>'
            "<updated>2026-12-01T09:00:00Z</updated>"
            f'<content type="html">{text.replace("<", "&lt;")}</content></entry>'
        )

    feed = tmp_path / "bilingual.xml"
    feed.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
        'xml:lang="fr"><title>CGSH</title><id>urn:feed</id><updated>2026-12-01T09:00:00Z'
        "</updated>" + entry("fr", "Armes explosives : trois ans après", fr, en, "en")
        + entry("en", "Explosive Weapons: Three Years On", en, fr, "fr") + "</feed>",
        encoding="utf-8",
    )  # fmt: skip
    result = run_import(content_tree.root, str(feed))
    assert result.exit_code == 0, result.output
    urls = {a.title: a.url for a in load_content(content_tree.root).articles}
    assert urls == {
        "Armes explosives : trois ans après": fr,
        "Explosive Weapons: Three Years On": en,
    }


@pytest.mark.parametrize(
    ("title", "extra", "body", "kind", "deadline"),
    [
        ("Vacancy: Research Associate, Disarmament (Oslo)", "",
         "<p>We are looking for a research associate to join the programme from April.</p>"
         "<p>Closing date: 15 January 2027, 23:59 CET. Interviews follow in February.</p>",
         "job", "2027-01-15"),
        ("Appel à contributions : colloque 2027", "",
         "<p>Le colloque réunira chercheurs et praticiens autour de la protection des civils.</p>"
         "<p>Date limite : 28 février 2027. Les propositions sont à envoyer au secrétariat.</p>",
         "call", "2027-02-28"),
        ("Interview: Sahar Nasseri on Humanitarian Access", "", None, "interview", None),
        ("Europe Needs Its Own Uranium Reserve", "<category>Op-Eds</category>", None, "op-ed",
         None),
    ],
    ids=["vacancy", "call", "interview", "category"],
)  # fmt: skip
def test_an_entrys_title_or_category_gives_its_kind_and_deadline(
    title: str, extra: str, body: str | None, kind: str, deadline: str | None,
    tmp_path: Path, content_tree: ContentTree, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1797000000")
    article = _one_entry(content_tree, tmp_path, extra, body, title=title)
    assert article.kind == kind
    assert (str(article.call.deadline.date()) if article.call else None) == deadline


def test_a_guest_post_is_its_guests_and_a_substack_paywall_ends_the_public_part(
    tmp_path: Path, content_tree: ContentTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1797000000")
    text = "<p>" + "Commercial imagery has changed open-source verification. " * 4 + "</p>"
    article = _one_entry(
        content_tree, tmp_path, "<dc:creator>Dana Whitfield</dc:creator>",
        "<p><em>A guest post by Oren Katz, a researcher at the Open Nuclear Network.</em></p>"
        + text + '<div class="paywall-jump" data-component-name="PaywallToDOM"></div>'
        "<p>The paid part, which the feed does not carry in full.</p>",
        title="Online briefing: Satellites Are Not Inspectors",
    )  # fmt: skip
    assert article.authors == ("Oren Katz",)
    assert "paid part" not in article.body_markdown
    assert any("for the site's members only" in n for n in article.review)
