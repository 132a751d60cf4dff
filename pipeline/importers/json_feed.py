"""A JSON Feed (https://jsonfeed.org, 1.0 and 1.1) read into the shape feedparser gives an RSS or
Atom feed, so that its entries are imported as theirs are. feedparser reads no JSON Feed."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

from feedparser import FeedParserDict

from pipeline.errors import ImportFailed

_VERSION = re.compile(r"^https?://jsonfeed\.org/version/1(\.\d+)?$")
LOOKS_LIKE = re.compile(rb'^\s*\{.{0,2000}?"version"\s*:\s*"https?://jsonfeed\.org/version/', re.S)
"""A JSON Feed's first bytes: an object whose "version" names the format."""


def parse_json_feed(text: str, source: str) -> Any:
    """The feed `text` holds, as feedparser's result would be (`version`, `feed`, `entries`);
    ImportFailed naming what is wrong when it is no JSON Feed."""
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise ImportFailed(f"{source}: malformed JSON Feed: {exc}") from None
    if not isinstance(document, dict) or not _VERSION.match(str(document.get("version", ""))):
        raise ImportFailed(
            f'{source}: JSON, but no JSON Feed ("version" is not https://jsonfeed.org/version/1.x)'
        )
    items = document.get("items")
    if not isinstance(items, list):
        raise ImportFailed(f'{source}: a JSON Feed without its "items" list')
    feed = FeedParserDict(
        title=_text(document.get("title")),
        link=_text(document.get("home_page_url")),
        language=_text(document.get("language")),
    )
    entries = [_entry(item) for item in items if isinstance(item, dict)]
    return FeedParserDict(version="json1", feed=feed, entries=entries, bozo=0)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _entry(item: dict[str, Any]) -> FeedParserDict:
    entry = FeedParserDict()
    if link := _text(item.get("url")) or _text(item.get("external_url")):
        entry["link"] = link
    if guid := item.get("id"):
        entry["id"] = str(guid)
    entry["title"] = _text(item.get("title"))
    content = []
    if html := _text(item.get("content_html")):
        content.append(FeedParserDict(type="text/html", value=html))
    elif plain := _text(item.get("content_text")):
        content.append(FeedParserDict(type="text/plain", value=plain))
    if content:
        entry["content"] = content
    if summary := _text(item.get("summary")):
        entry["summary"] = summary
        entry["summary_detail"] = FeedParserDict(type="text/plain", value=summary)
    for key, field in (("published_parsed", "date_published"), ("updated_parsed", "date_modified")):
        if moment := _moment(item.get(field)):
            entry[key] = moment
    people = item.get("authors") or (
        [item["author"]] if isinstance(item.get("author"), dict) else []
    )
    entry["authors"] = [
        FeedParserDict(name=_text(p.get("name"))) for p in people if isinstance(p, dict)
    ]
    entry["tags"] = [FeedParserDict(term=t) for t in item.get("tags") or [] if isinstance(t, str)]
    if image := _text(item.get("image")) or _text(item.get("banner_image")):
        entry["media_thumbnail"] = [FeedParserDict(url=image)]
    entry["enclosures"] = [
        FeedParserDict(href=_text(a.get("url")), type=_text(a.get("mime_type")))
        for a in item.get("attachments") or []
        if isinstance(a, dict)
    ]
    return entry


def _moment(value: Any) -> Any:
    """An RFC 3339 date as feedparser's `*_parsed` (a UTC struct_time), or None."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).timetuple()
