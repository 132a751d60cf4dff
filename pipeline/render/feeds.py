"""The centre's feeds: RSS 2.0 and Atom with feedgen, JSON Feed 1.1 as plain JSON."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from pipeline import __version__
from pipeline.article import Article
from pipeline.cache import Cache, memo_outputs
from pipeline.jsontext import dumps_bytes
from pipeline.outputs import Output
from pipeline.site import Site

if TYPE_CHECKING:  # imported when a feed is rendered (lxml): not for one the cache has
    from feedgen.feed import FeedGenerator

RSS_PATH = "rss.xml"
ATOM_PATH = "atom.xml"
JSON_PATH = "feed.json"
GENERATOR = "pipeline"
# With no articles at all there is no content date; the epoch keeps the output stable.
EMPTY_FEED_DATE = datetime(1970, 1, 1, tzinfo=UTC)


def feed_entries(articles: Sequence[Article], site: Site) -> list[Article]:
    """The newest ready articles the feeds carry, newest first."""
    ready = [a for a in articles if a.status == "ready"]
    ready.sort(key=lambda a: (a.date, a.slug), reverse=True)
    return ready[: site.feed.max_entries]


def entry_updated(entries: Sequence[Article]) -> list[datetime]:
    """Each entry's `updated`: its `updated:` field, else its date; never two the same.

    The W3C validator warns when entries share one atom:updated (a feed of imported pages often
    gives one date to many). A tie is broken deterministically: in feed order (newest first),
    an entry whose time is already taken gets one second earlier than the last one given.
    """
    taken: set[datetime] = set()
    result: list[datetime] = []
    for article in entries:
        moment = article.last_modified
        while moment in taken:
            moment -= timedelta(seconds=1)
        taken.add(moment)
        result.append(moment)
    return result


def _feed_updated(entries: Sequence[Article]) -> datetime:
    return max((a.last_modified for a in entries), default=EMPTY_FEED_DATE)


def _other_language(article: Article, site: Site) -> str | None:
    """The article's language where it is not the feed's (which is the site's)."""
    return article.language if article.language not in (None, site.language) else None


class _NoFeedExtension:
    """The feed-level half of `_EntryLanguage` (feedgen registers extensions in pairs)."""

    def extend_ns(self) -> dict[str, str]:
        return {}

    def extend_atom(self, feed: Any) -> Any:
        return feed

    def extend_rss(self, feed: Any) -> Any:
        return feed


class _EntryLanguage(_NoFeedExtension):
    """`xml:lang` on an Atom entry in another language than the feed's (feedgen has no
    per-entry language; RSS items get `dc:language` instead)."""

    language: str | None = None

    def extend_atom(self, entry: Any) -> Any:
        if self.language:
            entry.set("{http://www.w3.org/XML/1998/namespace}lang", self.language)
        return entry


def _generator(entries: Sequence[Article], site: Site, self_path: str) -> FeedGenerator:
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.load_extension("media")
    fg.load_extension("dc", atom=False, rss=True)  # dc:creator: RSS has no author names
    fg.register_extension("lang", _NoFeedExtension, _EntryLanguage, atom=True, rss=False)
    fg.id(site.public_url + self_path)
    fg.title(site.feed.title)
    fg.subtitle(site.feed.description)
    author = {"name": site.feed.author}
    if site.feed.author_email:
        author["email"] = site.feed.author_email
    fg.author(author)
    fg.language(site.language)
    fg.generator(GENERATOR, version=__version__)
    # feedgen's RSS <link> is the last link added: self first, the website last.
    fg.link(href=site.public_url + self_path, rel="self")
    fg.link(href=site.base_url, rel="alternate")
    updated = _feed_updated(entries)
    fg.updated(updated)
    fg.lastBuildDate(updated)
    # already newest first; append keeps that order
    for article, modified in zip(entries, entry_updated(entries), strict=True):
        fe = fg.add_entry(order="append")
        fe.id(article.guid)
        fe.guid(article.guid, permalink=article.guid == article.url)
        fe.title(article.title)
        fe.link(href=article.url, rel="alternate")
        fe.published(article.date)
        fe.updated(modified)
        for name in article.authors or (site.feed.author,):
            fe.dc.dc_creator(name)
        fe.author([{"name": name} for name in article.authors or (site.feed.author,)])
        for tag in dict.fromkeys(article.tags):  # each category once
            fe.category(term=tag)
        fe.content(article.body_html, type="html")
        fe.summary(article.summary, type="text")
        if language := _other_language(article, site):
            fe.lang.language = language
            fe.dc.dc_language(language)
        if article.image and article.image.src:
            # group=None: one image is a bare media:content (a media:group needs several).
            fe.media.content({"url": article.image.src, "medium": "image"}, group=None)
    return fg


def render_rss(entries: Sequence[Article], site: Site) -> bytes:
    return bytes(_generator(entries, site, RSS_PATH).rss_str(pretty=True))


def render_atom(entries: Sequence[Article], site: Site) -> bytes:
    return bytes(_generator(entries, site, ATOM_PATH).atom_str(pretty=True))


def render_json_feed(entries: Sequence[Article], site: Site) -> bytes:
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/)."""
    items: list[dict[str, Any]] = []
    for article, modified in zip(entries, entry_updated(entries), strict=True):
        item: dict[str, Any] = {
            "id": article.guid,
            "url": article.url,
            "title": article.title,
            "content_html": article.body_html,
            "summary": article.summary,
            "date_published": article.date.isoformat(),
            "date_modified": modified.isoformat(),
            "authors": [{"name": n} for n in article.authors or (site.feed.author,)],
        }
        if article.tags:
            item["tags"] = list(article.tags)
        if language := _other_language(article, site):
            item["language"] = language
        if article.image and article.image.src:
            item["image"] = article.image.src
        items.append(item)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": site.feed.title,
        "home_page_url": site.base_url,
        "feed_url": site.public_url + JSON_PATH,
        "description": site.feed.description,
        "language": site.language,
        "authors": [{"name": site.feed.author}],
        "items": items,
    }
    return dumps_bytes(feed) + b"\n"


def render_feeds(
    articles: Sequence[Article], site: Site, cache: Cache | None = None
) -> list[Output]:
    """rss.xml, atom.xml and feed.json for the newest `site.feed.max_entries` articles: a
    function of those articles and the settings, so a rebuild that changed neither takes the
    three files from the cache."""
    entries = feed_entries(articles, site)
    parts = (site.model_dump_json(), *(f"{a.source_path}\0{a.content_hash}" for a in entries))
    return memo_outputs(cache or Cache(None), "feeds", parts, lambda: _render(entries, site))


def _render(entries: Sequence[Article], site: Site) -> list[Output]:
    meta = {"entries": [a.slug for a in entries]}
    return [
        Output(RSS_PATH, render_rss(entries, site), "feed/rss", meta=meta),
        Output(ATOM_PATH, render_atom(entries, site), "feed/atom", meta=meta),
        Output(JSON_PATH, render_json_feed(entries, site), "feed/json", meta=meta),
    ]
