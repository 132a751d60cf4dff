"""Bluesky rich text: links, tags and mentions are facets over UTF-8 byte ranges of the text.

The record's text carries what a reader sees; a facet says "bytes [byteStart, byteEnd) of the
text link to `uri`" (lexicon app.bsky.richtext.facet). Like the Bluesky app, a long link is shown
shortened (`vcdnp.org/will-biden-build…`) while the facet carries the full URL.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import regex

from pipeline.render.social.twitter import extract_urls_with_indices

LINK = "app.bsky.richtext.facet#link"
TAG = "app.bsky.richtext.facet#tag"
SHORT_PATH = 24
_SEPARATORS = "-/_."
# A hashtag as Bluesky's app detects it: '#' after a space or the start, not only digits.
_TAG = regex.compile(r"(?<!\S)#(?P<tag>\w*[^\W\d]\w*)")


def byte_range(text: str, start: int, end: int) -> dict[str, int]:
    """The facet index of text[start:end] (code point offsets) as UTF-8 byte offsets."""
    byte_start = len(text[:start].encode("utf-8"))
    return {"byteStart": byte_start, "byteEnd": byte_start + len(text[start:end].encode("utf-8"))}


def display_link(url: str) -> str:
    """The URL as the Bluesky app shows it: no scheme, a long path cut after a separator."""
    parts = urlsplit(url)
    path = (
        parts.path
        + (f"?{parts.query}" if parts.query else "")
        + (f"#{parts.fragment}" if parts.fragment else "")
    )
    if path == "/":
        path = ""
    if len(path) <= SHORT_PATH:
        return parts.netloc + path
    head = path[:SHORT_PATH]
    cut = max(head.rfind(sep) for sep in _SEPARATORS)
    return parts.netloc + (head[:cut] if cut > 0 else head) + "…"


def link_facet(text: str, start: int, end: int, uri: str) -> dict[str, Any]:
    return {"index": byte_range(text, start, end), "features": [{"$type": LINK, "uri": uri}]}


def tag_facets(text: str) -> list[dict[str, Any]]:
    """A #tag facet for every hashtag in `text`."""
    return [
        {
            "index": byte_range(text, m.start(), m.end()),
            "features": [{"$type": TAG, "tag": m.group("tag")}],
        }
        for m in _TAG.finditer(text)
    ]


def url_facets(text: str, full_only: bool = False) -> list[dict[str, Any]]:
    """Link facets for the URLs written out in `text` (an editor's override); with
    `full_only`, only those written with their scheme (not a shortened shown link)."""
    if full_only and "://" not in text:
        return []  # every URL with its scheme has "://" (most posts: the shown link alone)
    facets = []
    for entity in extract_urls_with_indices(text):
        start, end = entity["indices"]
        url = entity["url"]
        if full_only and not re.match(r"^https?://", url, re.I):
            continue
        uri = url if re.match(r"^[a-z][a-z0-9+.-]*://", url, re.I) else f"https://{url}"
        facets.append(link_facet(text, start, end, uri))
    return facets


def mention_spans(text: str, handles: list[str]) -> list[dict[str, Any]]:
    """Where Bluesky handles stand in `text`. A #mention facet needs the account's DID, which
    only the network knows: the publisher resolves each handle and adds the facet."""
    spans = []
    for handle in handles:
        for m in re.finditer(rf"(?<![\w@]){re.escape(handle)}(?![\w.-])", text):
            spans.append(
                {"index": byte_range(text, m.start(), m.end()), "handle": handle.lstrip("@")}
            )
    return sorted(spans, key=lambda s: s["index"]["byteStart"])


def sorted_facets(facets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(facets, key=lambda f: (f["index"]["byteStart"], f["index"]["byteEnd"]))
