"""What a page offers beside its text, which the extractor drops: the publication's PDF behind a
download button, the episode in an audio player. Each becomes a link at the end of the body, with
a note for the editor."""

from __future__ import annotations

import itertools
import re
from urllib.parse import urljoin, urlsplit

from lxml import etree

from pipeline.importers.html_markdown import escape_text, plain_text

_OUTSIDE = (
    "[not(ancestor::nav or ancestor::footer or ancestor::aside or ancestor::header"
    "[not(ancestor::article)] or ancestor::*[contains(@class, 'related') or "
    "contains(@class, 'sidebar') or contains(@class, 'menu')])]"
)
_IN_TEXT = (
    "//*[self::article or self::main or @role='main' or contains(@class, 'entry-content')]{0}"
    + _OUTSIDE
)
"""Inside the page's main text, not its menus, footer, sidebar or related posts."""
_IN_PAGE = "//body{0}" + _OUTSIDE
"""The same where the main text is not marked (an Elementor page: widgets in sections, and
its <article>s the related posts)."""
_DOWNLOAD = re.compile(
    r"\b(pdf|download|t[ée]l[ée]charger|herunterladen|descargar|descarga|scarica|pobierz|"
    r"downloaden|baixar|скачать|завантажити|full (report|text|paper|study)|read the (report|"
    r"paper|study))\b|\.pdf$|下载|下載|ダウンロード|다운로드|첨부|تحميل|تنزيل",
    re.I,
)
"""A download button's wording, in the languages we import."""


def _absolute(value: str, base: str | None) -> str | None:
    url = urljoin(base or "", value.strip())
    return url if url.startswith("https://") else None


def pdf_link(tree: etree._Element, base: str | None) -> tuple[str, str] | None:
    """The publication's PDF and the words to link it with: `citation_pdf_url` (what report
    and paper pages declare), else a download button in the text ("Download the full report
    (PDF, 2.4 MB)"), whose own words are kept."""
    for value in tree.xpath("//meta[@name='citation_pdf_url']/@content"):
        if url := _absolute(str(value), base):
            return url, "The full text (PDF)"
    inner = tree.xpath(_IN_TEXT.format("//a[@href]"))
    seen = {id(link) for link in inner}
    outer = (link for link in tree.xpath(_IN_PAGE.format("//a[@href]")) if id(link) not in seen)
    for link in itertools.chain(inner, outer):  # (in the text first; then anywhere but the
        href = str(link.get("href"))
        words = " ".join(plain_text(" ".join(link.itertext())).split())
        button = 0 < len(words) <= 100 and _DOWNLOAD.search(words)
        pdf = urlsplit(href).path.lower().endswith(".pdf") or words.lower().endswith(".pdf")
        # menus, a sidebar, the footer)
        if button and pdf and (url := _absolute(href, base)):  # ("…/download.do?file_seq=12")
            return url, words
    return None


def audio_url(tree: etree._Element, base: str | None) -> str | None:
    """The recording the page plays in its text (`<audio src>`, `<audio><source src>`), or
    anywhere but its menus, footer and sidebar where the text is not marked, or its
    `og:audio`."""
    for where in (_IN_TEXT, _IN_PAGE):
        for value in tree.xpath(where.format("//audio") + "/@src | "
                                + where.format("//audio/source") + "/@src"):  # fmt: skip
            if url := _absolute(str(value), base):
                return url
    for value in tree.xpath("//meta[@property='og:audio' or @property='og:audio:url']/@content"):
        if url := _absolute(str(value), base):
            return url
    return None


def with_pdf(body: str, found: tuple[str, str] | None, review: list[str]) -> str:
    """`body` with the PDF linked at its end, unless the text links it already."""
    if found is None:
        return body
    note = "the link to the publication's PDF ({}), which the page's download button gave"
    return _with_link(body, found[0], found[1], note, review)


def with_audio(
    body: str, url: str | None, title: str, review: list[str], where: str = "page"
) -> str:
    """`body` with the recording linked at its end, unless the text links it already (at the
    end: a link is no lead for a summary or a post); `where` it was: "page" or "feed"."""
    if url is None:
        return body
    note = "a link to the recording ({}), " + (
        "which the page plays in an audio player" if where == "page" else "the feed's enclosure"
    )
    return _with_link(body, url, f"▶ {title}", note, review)


def _with_link(body: str, url: str, words: str, note: str, review: list[str]) -> str:
    if url in body:
        return body
    review.append(f"body: added {note.format(url)}. Check its wording.")
    return f"{body.rstrip()}\n\n[{escape_text(words)}]({url})\n"
