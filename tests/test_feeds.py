"""Feeds: golden files, feedparser's reading, and the W3C validator's rules we rely on."""

from __future__ import annotations

import json
from datetime import datetime
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

import feedparser
import pytest
from lxml import etree

from pipeline.content import load_content
from pipeline.render.feeds import render_atom, render_feeds, render_json_feed, render_rss
from tests.conftest import GOLDEN, SAMPLE_CONTENT, make_article, make_site

TITLE = 'Will Biden "Build Back Better" Relations with North Korea?'
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def sample_outputs() -> dict[str, bytes]:
    content = load_content(SAMPLE_CONTENT)
    return {o.path: o.data for o in render_feeds(content.articles, content.site)}


@pytest.mark.parametrize("name", ["rss.xml", "atom.xml", "feed.json"])
def test_sample_feeds_match_golden(sample_outputs, name, update_golden):
    golden = GOLDEN / "feeds" / name
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(sample_outputs[name])
    assert sample_outputs[name] == golden.read_bytes(), f"{name} differs from {golden}"


@pytest.mark.parametrize("name", ["rss.xml", "atom.xml"])
def test_feedparser_reads_sample_cleanly(sample_outputs, name):
    parsed = feedparser.parse(sample_outputs[name])
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    entry = parsed.entries[0]
    assert entry.title == TITLE
    assert (
        entry.link == "https://vcdnp.org/will-biden-build-back-better-relations-with-north-korea/"
    )
    assert "The biggest obstacle, said Ms. Kane, is time." in entry.content[0].value
    assert entry.summary.startswith("What are newly inaugurated US President Joe Biden")
    assert parsed.feed.title == "VCDNP Commentary"


def test_no_site_chrome_or_dangling_promise_in_any_feed(sample_outputs):
    for data in sample_outputs.values():
        text = data.decode()
        assert "Exit mobile version" not in text
        assert "The full video is available below" not in text


def test_json_feed_is_version_1_1_with_absolute_links(sample_outputs):
    feed = json.loads(sample_outputs["feed.json"])
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == "https://vcdnp.github.io/pipeline/feed.json"
    (item,) = feed["items"]
    assert item["title"] == TITLE
    assert item["id"] == item["url"]
    assert item["date_published"] == "2021-01-27T12:00:00+01:00"


def _articles(n: int):
    zone = ZoneInfo("Europe/Vienna")
    return [
        make_article(
            slug=f"piece-{i:02d}", title=f"Piece {i}", date=datetime(2021, 1, 1 + i, tzinfo=zone)
        )
        for i in range(n)
    ]


def test_newest_first_and_capped_at_max_entries():
    site = make_site(feed={"title": "T", "description": "D", "author": "A", "max_entries": 3})
    parsed = feedparser.parse(render_feeds(_articles(5), site)[0].data)
    assert [e.title for e in parsed.entries] == ["Piece 4", "Piece 3", "Piece 2"]


def test_ids_stay_when_title_and_text_change():
    site = make_site()
    before = make_article(title="Old title", body="Old text.\n")
    after = make_article(title="New title", body="New text.\n", content_hash="1" * 64)
    for render in (render_rss, render_atom):
        ids = [feedparser.parse(render([a], site)).entries[0].id for a in (before, after)]
        assert ids[0] == ids[1] == "https://example.org/a-commentary/"


def test_updated_comes_from_content_never_the_clock(monkeypatch):
    site = make_site()
    article = make_article(updated=datetime(2021, 2, 3, 4, 5, tzinfo=ZoneInfo("UTC")))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    first = render_atom([article], site)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2000000000")
    assert render_atom([article], site) == first
    root = etree.fromstring(first)
    assert root.findtext(f"{ATOM}updated") == "2021-02-03T04:05:00+00:00"


def test_atom_has_what_the_w3c_validator_requires():
    site = make_site()
    image = {"src": "https://example.org/photo.jpg", "alt": "A photo"}
    root = etree.fromstring(
        render_atom([make_article(image=image, authors=("Angela Kane",))], site)
    )
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    self_links = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert [link.get("href") for link in self_links] == ["https://feeds.example.org/atom.xml"]
    for element in ("id", "title", "updated", "author/name"):
        assert root.findtext(f"{ATOM}{element.replace('/', '/' + ATOM)}"), element
    entry = root.find(f"{ATOM}entry")
    for element in ("id", "title", "updated", "published", "summary", "content", "author/name"):
        assert entry.findtext(f"{ATOM}{element.replace('/', '/' + ATOM)}"), element
    assert entry.find(f"{ATOM}content").get("type") == "html"
    assert entry.find(f"{ATOM}summary").get("type") == "text"
    alternate = entry.find(f"{ATOM}link")
    assert alternate.get("href").startswith("https://")
    media = entry.find(".//{http://search.yahoo.com/mrss/}content")
    assert media.get("url") == "https://example.org/photo.jpg"


def test_rss_has_what_the_w3c_validator_requires():
    site = make_site()
    root = etree.fromstring(render_rss([make_article(authors=("Angela Kane",))], site))
    channel = root.find("channel")
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert (self_link.get("rel"), self_link.get("href")) == (
        "self",
        "https://feeds.example.org/rss.xml",
    )
    assert channel.findtext("link") == "https://example.org/"
    parsedate_to_datetime(channel.findtext("lastBuildDate"))  # RFC 822
    item = channel.find("item")
    assert item.find("guid").text == "https://example.org/a-commentary/"
    parsedate_to_datetime(item.findtext("pubDate"))
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "Angela Kane"
    # RSS <author> must be an email address; names go to dc:creator instead.
    assert item.find("author") is None


def test_relative_links_in_body_become_absolute():
    site = make_site()
    article = make_article(body="See [the report](/reports/1) and ![chart](chart.png).\n")
    html = json.loads(render_json_feed([article], site))["items"][0]["content_html"]
    assert 'href="https://example.org/reports/1"' in html
    assert 'src="https://example.org/a-commentary/chart.png"' in html


def test_script_in_a_body_never_reaches_a_feed():
    site = make_site()
    article = make_article(
        body='Text <script>alert(1)</script><img src="x.png" onerror="alert(2)" alt="x">\n'
    )
    for data in (
        render_rss([article], site),
        render_atom([article], site),
        render_json_feed([article], site),
    ):
        assert b"alert" not in data


def test_an_entry_in_another_language_says_so_in_every_feed():
    site = make_site()  # English
    arabic = make_article(slug="ar-piece", title="التعاون ضرورة", language="ar")
    english = make_article(slug="en-piece", language="en")  # the feed's own: nothing to say
    entries = [arabic, english, make_article(slug="plain")]
    atom = feedparser.parse(render_atom(entries, site))
    assert [e.content[0].language for e in atom.entries] == ["ar", "en", "en"]
    rss = etree.fromstring(render_rss(entries, site))
    dc_language = "{http://purl.org/dc/elements/1.1/}language"
    assert [i.findtext(dc_language) for i in rss.iter("item")] == ["ar", None, None]
    items = json.loads(render_json_feed(entries, site))["items"]
    assert [i.get("language") for i in items] == ["ar", None, None]
