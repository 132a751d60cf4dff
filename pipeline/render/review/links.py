"""The links of an email: every href and image of the HTML (lxml), every URL of the plain text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from lxml.html import HtmlElement

Verdict = Literal["ok", "mailto", "bad"]
# A URL in plain text runs to the next space; closing punctuation after it is the sentence's.
TEXT_URL_RE = re.compile(r"\b(?:[a-zA-Z][a-zA-Z0-9+.-]*://|mailto:|www\.)[^\s<>\"]+")
TRAILING = ".,;:!?)]}>'\""


@dataclass(frozen=True)
class Link:
    """One distinct URL of an email, where it occurs, and whether it is absolute https."""

    url: str
    where: tuple[str, ...]
    """e.g. `("HTML link ×2", "plain text")`."""
    absolute: bool
    https: bool

    @property
    def verdict(self) -> Verdict:
        if self.url.startswith("mailto:"):
            return "mailto"
        return "ok" if self.absolute and self.https else "bad"

    @property
    def label(self) -> str:
        """The mark shown next to the link, in words."""
        if self.verdict == "mailto":
            return "mailto: address (allowed)"
        if not self.absolute:
            return "NOT absolute (relative)"
        return "absolute, https" if self.https else "absolute, NOT https"


def classify(url: str, where: tuple[str, ...]) -> Link:
    parts = urlsplit(url.strip())
    return Link(url, where, bool(parts.scheme and parts.netloc), parts.scheme.lower() == "https")


def parse_html(page: str) -> HtmlElement | None:
    """The email's HTML as an lxml tree (None when empty)."""
    import lxml.html  # (only for an email the cache has not seen: `email_checks`)

    return lxml.html.document_fromstring(page) if page.strip() else None


def html_urls(root: HtmlElement | None) -> list[tuple[str, str]]:
    """(url, "HTML link" | "HTML image") for every `href` and `<img src>`, in document order."""
    if root is None:
        return []
    found: list[tuple[str, str]] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        href = element.get("href")
        if href is not None and element.tag in ("a", "area"):
            found.append((href.strip(), "HTML link"))
        if element.tag == "img" and element.get("src") is not None:
            found.append((element.get("src", "").strip(), "HTML image"))
    return found


def text_urls(text: str) -> list[str]:
    """Every URL of the plain-text part (its `[n]` references and inline links), in order."""
    return [m.group(0).rstrip(TRAILING) for m in TEXT_URL_RE.finditer(text)]


def email_links(root: HtmlElement | None, text: str) -> tuple[Link, ...]:
    """The distinct URLs of the HTML and text parts, in first-seen order, each classified."""
    places: dict[str, dict[str, int]] = {}
    occurrences = [*html_urls(root), *((url, "plain text") for url in text_urls(text))]
    for url, where in occurrences:
        counts = places.setdefault(url, {})
        counts[where] = counts.get(where, 0) + 1
    return tuple(
        classify(url, tuple(f"{w} ×{n}" if n > 1 else w for w, n in counts.items()))
        for url, counts in places.items()
    )


@dataclass(frozen=True)
class ImageAlt:
    """The `<img>` elements of an email without an `alt` attribute, or with an empty one in a link."""

    images: int
    missing: tuple[str, ...]
    """`src` of every image with no `alt` attribute at all."""
    empty_in_link: tuple[str, ...]
    """`src` of linked images whose `alt` is empty: the link has no text for a screen reader."""


def image_alts(root: HtmlElement | None) -> ImageAlt:
    """How the email's images stand on alt text."""
    if root is None:
        return ImageAlt(0, (), ())
    images = root.xpath("//img")
    missing = tuple(img.get("src", "") for img in images if img.get("alt") is None)
    empty = tuple(
        img.get("src", "")
        for img in images
        if img.get("alt") is not None
        and not img.get("alt", "").strip()
        and img.xpath("ancestor::a")
        and not "".join(img.xpath("ancestor::a[1]//text()")).strip()
    )
    return ImageAlt(len(images), missing, empty)


def email_checks(html: str, text: str) -> tuple[tuple[Link, ...], ImageAlt]:
    """The links of an email (HTML and text parts) and how its images stand on alt text."""
    root = parse_html(html)
    return email_links(root, text), image_alts(root)


def rebuild_checks(data: Any) -> tuple[tuple[Link, ...], ImageAlt]:
    """`email_checks`' value from its JSON (`memo.remembered`)."""
    links, alts = data
    return (
        tuple(Link(str(u), tuple(w), bool(a), bool(h)) for u, w, a, h in
              ((x["url"], x["where"], x["absolute"], x["https"]) for x in links)),
        ImageAlt(int(alts["images"]), tuple(alts["missing"]), tuple(alts["empty_in_link"])),
    )  # fmt: skip
