"""X's weighted length and twitter-text's URL extraction, importing twitter-text only when needed.

Importing twitter-text-parser costs ~0.4 s a process (it compiles its emoji and URL regular
expressions, and imports `pkg_resources`), so a text is answered without it whenever that gives
the library's own answer:

- `has_invalid_characters` is the library's one-class pattern (U+FFFE, U+FEFF, U+FFFF);
- `weighted_length` weighs characters by the library's config (`WEIGHT_RANGES`): its emoji
  regex runs only on a text with a character some emoji needs (`_MAYBE_EMOJI`), its URL regex
  only on a text that may hold a URL (`_MAYBE_URL`);
- a URL the composer placed (`https://vcdnp.org/slug/`, standing between spaces or newlines)
  is recognised by `_SURE_URL`, a pattern narrow enough that the library always extracts such
  a URL whole: the text is counted as the pieces around it plus 23 (see `split_at_sure_urls`).

tests/render/test_social_counting.py compares all of this with the library itself.

The library imports `pkg_resources` at import time, which setuptools deprecates with a
UserWarning on every run; that is the library's business, not something an editor running
`pipeline build` should read. (It is also why pyproject.toml pins setuptools below 81.)
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from functools import cache
from types import ModuleType
from typing import Any, Final

# Every URL twitter-text extracts has a domain ending in a dot and a top-level domain of two
# characters or more, the first a letter ("vcdnp.org", "example.xn--p1ai", "x.भारत"). A text
# without a dot, a letter and one more character that is neither space nor dot has none ("U.S."
# and "i.e." do not look like one); the library's own regex costs ~0.15 ms a sentence to say so.
_MAYBE_URL = re.compile(r"\.[^\W\d_][^\s.]")

# twitter-text's config (version 3, its default): these code points weigh 1, all others 2
# (weights 100 and 200 at scale 100); every URL weighs 23 and every emoji sequence 2.
WEIGHT_RANGES: Final = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
URL_WEIGHT: Final = 23
_HEAVY = re.compile("[^" + "".join(f"{chr(a)}-{chr(b)}" for a, b in WEIGHT_RANGES) + "]")
# Every emoji sequence twitter-text's emoji regex matches holds at least one of these characters
# (its keycaps start with "#", "*" or a digit, but go on with U+FE0F or U+20E3).
_MAYBE_EMOJI = re.compile(
    "[\xa9\xae\u200d\u203c\u2049\u20e3\u2122\u2139\u2194-\u21aa\u231a-\u23fa\u24c2"
    "\u25aa-\u27bf\u2934\u2935\u2b05-\u2b55\u3030\u303d\u3297\u3299\ufe0f"
    "\U0001f000-\U0001ffff\U000e0000-\U000e007f]"
)
_INVALID = re.compile("[\ufffe\ufeff\uffff]")
_LINE_ENDING = re.compile(r"\r\n|\r|\n")

# A URL twitter-text extracts whole, whatever surrounds it, when a space or a newline (or the
# text's start and end) stands on both sides: `https://`, ASCII labels of 1 to 63 letters,
# digits and inner hyphens, a top-level domain of the library's lists, no port, and a path of
# characters its path pattern takes, ending in one its path may end with. No query, no "@",
# nothing the library treats specially (a t.co link is cut after its slug: left out).
SURE_TLDS: Final = (
    "com", "org", "net", "edu", "gov", "int", "mil", "info", "biz", "io", "eu", "de", "at", "ch",
    "fr", "it", "es", "nl", "be", "uk", "ru", "pl", "se", "no", "fi", "dk", "cz", "sk", "hu", "pt",
    "gr", "ie", "lu", "jp", "cn", "kr", "in", "au", "ca", "us", "nz", "br", "mx", "za",
)  # fmt: skip
_SURE_URL = re.compile(
    r"https?://(?P<host>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
    rf"(?:{'|'.join(SURE_TLDS)}))"
    r"(?:/(?:[A-Za-z0-9._~/-]*[A-Za-z0-9_/-])?)?"
)
_LINK_TOKEN = re.compile(r"(?<![^ \n])https?://\S+")


@cache
def library() -> ModuleType:
    """twitter-text itself, imported on first need."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message="pkg_resources is deprecated", category=UserWarning
        )
        import twitter_text

    module: ModuleType = twitter_text
    return module


def parse_tweet(text: str) -> Any:
    """twitter-text's `parse_tweet` (imports the library)."""
    return library().parse_tweet(text)


def has_invalid_characters(text: str) -> bool:
    """twitter-text's `has_invalid_characters`: a character X refuses (U+FEFF, U+FFFE, U+FFFF)."""
    return _INVALID.search(text) is not None


def extract_urls_with_indices(text: str, extract_urls_without_protocol: bool = True) -> Any:
    """twitter-text's `extract_urls_with_indices`, answered at once for a text with no URL
    (without protocol URLs: a text without "://" has none)."""
    if _MAYBE_URL.search(text) is None:
        return []
    if not extract_urls_without_protocol and "://" not in text:
        return []
    return library().extract_urls_with_indices(text, extract_urls_without_protocol)


@cache
def is_sure_url(token: str) -> bool:
    """True when twitter-text extracts `token` whole (as a URL with its protocol) wherever it
    stands between spaces, newlines and the text's ends."""
    match = _SURE_URL.fullmatch(token)
    return match is not None and len(token) <= 4000 and match["host"].lower() != "t.co"


def split_at_sure_urls(text: str) -> tuple[list[str], int]:
    """The pieces of `text` around its sure URLs (`is_sure_url`) standing between spaces,
    newlines and the text's ends, and how many there are.

    Counted apart, the pieces give what the whole counts on X and Mastodon, less 23 a URL: no URL
    match, emoji sequence, grapheme cluster, mention or NFC composition spans a space or a
    newline next to a URL made of ASCII letters, digits and `.-_~/:`."""
    if "://" not in text:
        return [text], 0
    pieces: list[str] = []
    start = 0
    for match in _LINK_TOKEN.finditer(text):
        end = match.end()
        if (end == len(text) or text[end] in " \n") and is_sure_url(match.group()):
            pieces.append(text[start : match.start()])
            start = end
    pieces.append(text[start:])
    return pieces, len(pieces) - 1


def _weight(text: str) -> int:
    return len(text) + len(_HEAVY.findall(text))


def _piece_weight(text: str) -> int:
    """parse_tweet(text).weightedLength; the library's regexes only where they may match."""
    normalized = (
        text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
    )
    if "\r" in normalized:
        normalized = _LINE_ENDING.sub("\n", normalized)
    if _MAYBE_EMOJI.search(normalized) is not None:
        return int(parse_tweet(text).weightedLength)
    urls = extract_urls_with_indices(normalized)
    if not urls:
        return _weight(normalized)
    # parse_tweet's walk: at a URL's start (the last entity there wins), 23 and skip the URL.
    by_start = {url["indices"][0]: url for url in urls}
    total = position = 0
    for start in sorted(by_start):
        if start < position:
            continue  # inside the URL before: parse_tweet never looks there
        total += _weight(normalized[position:start]) + URL_WEIGHT
        position = start + len(by_start[start]["url"])
    return total + _weight(normalized[position:])


def weighted_length(text: str) -> int:
    """The length of `text` as X counts it: twitter-text's `parse_tweet(text).weightedLength`."""
    pieces, urls = split_at_sure_urls(text)
    return sum(_piece_weight(piece) for piece in pieces if piece) + URL_WEIGHT * urls
