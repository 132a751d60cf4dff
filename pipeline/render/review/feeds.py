"""The feeds as a reader sees them: the entries of the JSON Feed, and every feed parsed the way
a feed reader parses it (feedparser)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import orjson

from pipeline.cache import Cache
from pipeline.outputs import Output
from pipeline.render.review.memo import remembered
from pipeline.render.review.paths import href_to
from pipeline.render.review.qa import QaItem
from pipeline.site import Site

if TYPE_CHECKING:
    from babel import Locale

FEED_KINDS = {"feed/rss": "RSS 2.0", "feed/atom": "Atom", "feed/json": "JSON Feed"}


@dataclass(frozen=True)
class FeedEntryView:
    title: str
    url: str
    date: str
    authors: str
    summary: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class FeedFile:
    label: str
    path: str
    href: str
    entries: int
    problem: str
    """Why a feed reader would reject it or complain (empty when it parses cleanly)."""


def _date(value: Any, site: Site, locale: Locale) -> str:
    from babel.dates import format_date  # (only for a feed the cache has not seen)

    try:
        when = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if when.tzinfo is not None:
        when = when.astimezone(site.tz)
    return format_date(when.date(), format="long", locale=locale)


def feed_entries(
    outputs: Sequence[Output], site: Site, cache: Cache | None = None
) -> list[FeedEntryView]:
    """The entries of the JSON Feed, in the feed's order (newest first), dates in the site's
    language and time zone; `cache` remembers them for the feed's bytes."""
    feed = next((o for o in outputs if o.kind == "feed/json"), None)
    if feed is None:
        return []
    data = feed.data
    return remembered(
        cache, "review-entries", [data, site.language, site.timezone],
        lambda: _entries(data, site),
        lambda found: [FeedEntryView(**{**entry, "tags": tuple(entry["tags"])}) for entry in found],
    )  # fmt: skip


def _entries(data: bytes, site: Site) -> list[FeedEntryView]:
    items = json.loads(data).get("items") or []
    locale = site.locale
    return [
        FeedEntryView(
            title=str(item.get("title", "")),
            url=str(item.get("url", "")),
            date=_date(item.get("date_published", ""), site, locale),
            authors=", ".join(str(a.get("name", "")) for a in item.get("authors") or []),
            summary=str(item.get("summary", "")),
            tags=tuple(str(t) for t in item.get("tags") or ()),
        )
        for item in items
    ]


def _parse(output: Output) -> tuple[int, str]:
    if output.kind == "feed/json":
        try:
            doc = json.loads(output.data)
        except ValueError as exc:
            return 0, f"not valid JSON: {exc}"
        if not str(doc.get("version", "")).startswith("https://jsonfeed.org/version/"):
            return len(doc.get("items") or []), "no JSON Feed version"
        return len(doc.get("items") or []), ""
    import feedparser  # (imported only for a feed the cache has not seen)

    # What a reader does to a feed's HTML (sanitising it, resolving its links) never makes it
    # bozo nor changes its entries: only the count and the verdict are used here.
    parsed = feedparser.parse(output.data, sanitize_html=False, resolve_relative_uris=False)
    problem = f"feedparser: {parsed.get('bozo_exception')}" if parsed.get("bozo") else ""
    if not problem and not parsed.get("version"):
        problem = "feedparser does not recognise it as a feed"
    return len(parsed.entries), problem


def _parsed(output: Output, cache: Cache) -> tuple[int, str]:
    """`_parse`, remembered for these bytes (feedparser takes tens of ms a feed)."""
    parsed: tuple[int, str] = cache.memo(
        "feed-check", (output.kind, output.data), lambda: _parse(output), orjson.dumps, _checked
    )
    return parsed


def _checked(data: bytes) -> tuple[int, str] | None:
    try:
        count, problem = orjson.loads(data)
        return int(count), str(problem)
    except (ValueError, TypeError):  # a damaged entry
        return None


def feed_files(outputs: Sequence[Output], cache: Cache) -> list[FeedFile]:
    files = []
    for output in sorted(outputs, key=lambda o: o.path):
        if output.kind in FEED_KINDS:
            count, problem = _parsed(output, cache)
            files.append(
                FeedFile(FEED_KINDS[output.kind], output.path, href_to(output.path), count, problem)
            )
    return files


def feed_items(files: Sequence[FeedFile]) -> list[QaItem]:
    """Each feed parses as a reader parses it, and all carry the same number of entries."""
    items = [
        QaItem(
            "fail" if f.problem else "pass",
            "Feed",
            f"{f.label} ({f.path})",
            f.problem
            or f"parses as a feed reader parses it; {f.entries} {'entry' if f.entries == 1 else 'entries'}.",
            f.href,
        )
        for f in files
    ]
    counts = {f.entries for f in files}
    if len(counts) > 1:
        listed = ", ".join(f"{f.label} {f.entries}" for f in files)
        items.append(
            QaItem("fail", "Feed", "all feeds", f"the feeds disagree on entries: {listed}.")
        )
    return items
