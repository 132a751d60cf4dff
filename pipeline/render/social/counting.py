"""How each network counts a post, and its limit.

- X: twitter-text's weighted length (`parse_tweet`): every URL counts 23, CJK and emoji count 2,
  Latin letters and common punctuation 1.
- Bluesky: grapheme clusters (`regex`'s `\\X`), at most 300, and at most 3,000 UTF-8 bytes.
- Mastodon: grapheme clusters, with every `http(s)://` URL counting 23 and a remote mention
  `@user@server` counting as `@user` (what Mastodon's StatusLengthValidator does), at most 500.
- LinkedIn: at most 3,000 characters. LinkedIn does not publish how it counts; we count UTF-16
  code units (what a browser's `maxlength` counts), which is never less than code points or
  graphemes, so a post we pass is never too long for LinkedIn.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final, Literal

import regex

from pipeline.publish.names import NETWORK_NAMES as _NAMES
from pipeline.render.social.twitter import (
    extract_urls_with_indices,
    has_invalid_characters,
    split_at_sure_urls,
    weighted_length,
)

Network = Literal["x", "bluesky", "mastodon", "linkedin"]
NETWORKS: Final[tuple[Network, ...]] = ("x", "bluesky", "mastodon", "linkedin")
NETWORK_NAMES: Final[dict[str, str]] = _NAMES
"""How each network is named to a person (messages, the review page, the drafts file)."""
LIMITS: Final[dict[Network, int]] = {"x": 280, "bluesky": 300, "mastodon": 500, "linkedin": 3000}
BLUESKY_MAX_BYTES: Final = 3000
URL_LENGTH: Final = 23
"""What X and Mastodon count for any URL, however long."""
COUNTING: Final[dict[Network, str]] = {
    "x": "as X weighs it (twitter-text): every URL 23, CJK and emoji 2",
    "bluesky": "in graphemes, as Bluesky does",
    "mastodon": "in graphemes with every URL 23, as Mastodon does",
    "linkedin": "in UTF-16 code units, the strictest reading of LinkedIn's limit",
}

_GRAPHEME = regex.compile(r"\X")
# Mastodon's Account::MENTION_RE: `@user` or `@user@server`; only `@user` is counted.
_MASTODON_MENTION = regex.compile(
    r"(?<![=/\w])@((?P<user>[a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@[\w.-]+\w+)?)", regex.I
)


@lru_cache(maxsize=4096)
def x_length(text: str) -> int:
    """The length of `text` as X counts it (twitter-text's `parse_tweet().weightedLength`,
    computed without the library where it would give the same, `twitter.py`)."""
    return weighted_length(text)


# Characters each of which is a grapheme cluster of its own, whatever stands next to them (no
# combining mark, joiner, variation selector, Hangul jamo or regional indicator among them):
# Latin up to U+02FF and general punctuation. A text of only these has one cluster a character,
# a CR LF pair aside (checked against `regex`'s \X by tests/render/test_social_counting.py).
_NOT_SIMPLE = re.compile("[^\x00-\u02ff\u2010-\u2027\u2030-\u205e]")


def graphemes(text: str) -> int:
    """User-perceived characters (extended grapheme clusters)."""
    if _NOT_SIMPLE.search(text) is None:
        return len(text) - text.count("\r\n")
    return len(_GRAPHEME.findall(text))


def bluesky_length(text: str) -> int:
    """The length Bluesky limits to 300: graphemes of the post text."""
    return graphemes(text)


def mastodon_length(text: str) -> int:
    """The length Mastodon limits to 500: URLs count 23, `@user@server` counts as `@user`."""
    # A URL the composer placed is counted apart, as twitter-text would find it (`twitter.py`).
    pieces, urls = split_at_sure_urls(text)
    return sum(_mastodon_piece(piece) for piece in pieces if piece) + URL_LENGTH * urls


def _mastodon_piece(text: str) -> int:
    urls = extract_urls_with_indices(text, extract_urls_without_protocol=False)
    parts: list[str] = []
    last = 0
    for url in urls:
        start, end = url["indices"]
        parts.append(text[last:start])
        parts.append("x" * URL_LENGTH)
        last = end
    parts.append(text[last:])
    countable = _MASTODON_MENTION.sub(lambda m: "@" + m.group("user"), "".join(parts))
    return graphemes(countable)


def utf16_units(text: str) -> int:
    """UTF-16 code units: what JavaScript's `length` and HTML `maxlength` count."""
    return len(text.encode("utf-16-le")) // 2


def linkedin_length(text: str) -> int:
    """The length we hold to LinkedIn's 3,000 (UTF-16 code units, the strictest reading)."""
    return utf16_units(text)


@lru_cache(maxsize=65536)
def length(network: Network, text: str) -> int:
    """`text`'s length as `network` counts it."""
    # Remembered: a post's sentences are counted for many candidate posts.
    if network == "x":
        return x_length(text)
    if network == "bluesky":
        return bluesky_length(text)
    if network == "mastodon":
        return mastodon_length(text)
    return linkedin_length(text)


cached_length = length
"""`length` is remembered: the same sentences are counted for many candidate posts."""


def fits(network: Network, text: str) -> bool:
    """True when `text` is within `network`'s limit (Bluesky: also 3,000 UTF-8 bytes; X: no
    character X refuses, such as U+FEFF)."""
    if network == "bluesky" and len(text.encode("utf-8")) > BLUESKY_MAX_BYTES:
        return False
    if network == "x" and has_invalid_characters(text):
        return False
    return length(network, text) <= LIMITS[network]
