"""Import a web page (URL or saved HTML file): trafilatura finds the text and the metadata.

The page's chrome (navigation, sidebar, share buttons, cookie banner, footer) is left behind by
trafilatura; what it keeps is sanitised with nh3 and written as Markdown by html_markdown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from configparser import ConfigParser
from dataclasses import dataclass, field, fields
from datetime import date
from functools import cache
from html import unescape
from typing import Any
from urllib.parse import urljoin, urlsplit

import trafilatura
from lxml import etree
from trafilatura.metadata import extract_metadata

from pipeline import markdown
from pipeline.errors import ImportFailed
from pipeline.importers import footnotes
from pipeline.importers.attachments import audio_url, pdf_link, with_audio, with_pdf
from pipeline.importers.bylines import (
    BYLINE,
    ORGANISATION,
    byline,
    is_placeholder,
    is_role,
    name_initial,
    person_name,
)
from pipeline.importers.cms_cards import PUBLISHER_PAYWALL_NOTE, before_paywall, cards_as_text
from pipeline.importers.dates import labelled_date, parse_date, posted_date
from pipeline.importers.draft import (
    ContentDraft,
    canonical_url,
    declared_language,
    no_date_note,
    normal_words,
    primary_language,
    slug_from_url,
    slugify,
)
from pipeline.importers.embargo import held_until
from pipeline.importers.events import (
    field_of_label,
    json_ld_objects,
    page_event,
    page_event_from_text,
    page_job,
)
from pipeline.importers.furniture import footer_start, hidden_address_note, is_chrome
from pipeline.importers.html_markdown import (
    find_video,
    html_to_markdown,
    parse_html,
    plain_text,
    trafilatura_xml_to_html,
    unwrap_layout_tables,
)
from pipeline.importers.https_hosts import HttpsHosts
from pipeline.importers.language_guess import LATIN_LANGUAGES, guess_language
from pipeline.importers.lost_blocks import restore_lost_blocks
from pipeline.importers.scrape import TYPE_LABEL, kind_of_label
from pipeline.importers.scrape_event import ANNOUNCES
from pipeline.importers.words import ends_sentence, word_count

MIN_WORDS = 20
"""Fewer words of prose than this is a navigation page or an error page, not a commentary."""
_SEPARATORS = (" | ", " – ", " — ", " - ", " :: ", " · ", " » ")
_CJK_PARTS = re.compile(r"^[^_]{4,}_[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3][^_ ]*(?:_[^_ ]+)*$")
"""A Chinese CMS's <title>: the headline, then the section and the site after underscores."""
# Meta descriptions that are the first words of the text, cut off: the first paragraph is better.
TRUNCATED = re.compile(r"(\[?(…|\.\.\.|&hellip;)\]?|\b(read more|continue reading)\W*)$", re.I)


# Lines of site furniture trafilatura keeps: each pattern is a whole paragraph, and a
# paragraph is only ever dropped when it is short (FURNITURE_WORDS), never a sentence of text.
_FURNITURE = re.compile(
    r"""^\W*(?:
        subscribe\ to\ .{0,60}?newsletters?
      | sign\ up\ (?:for|to)\ .{0,60}?newsletters?
      | (?:got|have)\ a\ (?:news\ )?tip\b.*
      | (?:send\ us\ )?(?:news\ )?tips?\ (?:to|at|line)\b.*
      | \d*\s*comments?
      | (?:leave|post|add)\ a\ comment | no\ comments(?:\ yet)?
      | see\ (?:tweets?|posts?)\W*
      | you\ (?:may|might)\ also\ like\b.*
      | (?:related|recommended|more)\ (?:articles?|stories|posts|reading)\W*
      | (?:read|see)\ (?:also|more)\b.*  | lire\ aussi\b.* | mehr\ zum\ thema\b.*
      | exit\ mobile\ version
      | share\ (?:this|on|via|the)\b.* | click\ to\ share\b.*
      | (?:facebook|twitter|x|linkedin|whatsapp|email|print|copy\ link)
        (?:\s*[|·,/]?\s*(?:facebook|twitter|x|linkedin|whatsapp|email|print|copy\ link))*
      | advertisement | anzeige | publicité
      | printer-friendly\ version | (?:log\ in|register)\ to\ post\ comments
      | (?:never\ miss\ an?\ \w+\W+)?subscribe\ to\ our\ (?:youtube|podcast)\b.*
      | (?!(?:1[5-9]|20)\d\d\W*$)\d{1,6}  # a count of claps or responses, not a year
    )\W*$""",
    re.I | re.X,
)
FURNITURE_WORDS = 14


def drop_furniture(body: str) -> tuple[str, list[str]]:
    """`body` without the site's furniture paragraphs; the paragraphs removed, for a note.

    Also drops a first paragraph that is only a link of a few words: a section kicker.
    """
    kept: list[str] = []
    removed: list[str] = []
    blocks = body.split("\n\n")
    for number, block in enumerate(blocks):
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", block).strip()
        text = re.sub(r"[*_\\#>]", "", text).strip()
        short = word_count(text) <= FURNITURE_WORDS
        kicker = number == 0 and re.fullmatch(r"\[[^\]]+\]\([^)]+\)", block.strip())
        if re.fullmatch(r"[\s\\*_=~·•–—-]{2,}", block):  # "___", "* *** *": a separator, no text
            continue
        if (
            short
            and text
            and (_FURNITURE.match(text) or is_chrome(text) or (kicker and word_count(text) <= 3))
        ):  # (the scrape's furniture too: share, print, subscribe lines in more languages)
            removed.append(text)
            continue
        kept.append(block)
    return "\n\n".join(kept), removed


@dataclass(frozen=True)
class Known:
    """What a feed entry already told us about a page we fetch for its text."""

    title: str | None = None
    date: str | None = None
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    guid: str | None = None


@dataclass
class Imported:
    """A draft and the warnings an editor should see (also kept as `review` notes if serious)."""

    draft: ContentDraft
    warnings: list[str] = field(default_factory=list)


def _without_label(title: str) -> tuple[str, str | None]:
    """The headline without a label after it (" – Analysis", " | Op-Ed"), and that label."""
    for separator in _SEPARATORS:
        head, found, tail = title.rpartition(separator)
        if found and head.strip() and TYPE_LABEL.match(tail.strip()):
            return head.strip(), tail.strip()
    return title, None


def clean_title(title: str, site_names: list[str]) -> str:
    """`title` without a "| Site", "– Site" suffix (or "Site | " prefix) naming the site."""
    names = {normal_words(name) for name in site_names if name and normal_words(name)}
    if _CJK_PARTS.search(title):  # "全球人工智能治理…的风险_观点评论_海河国际战略研究院"
        return title.split("_")[0]
    for separator in _SEPARATORS:
        head, found, tail = title.rpartition(separator)
        if found and head.strip() and normal_words(tail) in names:
            return clean_title(head.strip(), site_names)
        head, found, tail = title.partition(separator)
        if found and tail.strip() and normal_words(head) in names:
            return clean_title(tail.strip(), site_names)
    head, found, _ = title.rpartition(" | ")
    return head.strip() if found and head.strip() else title  # "Title | Anything": the site


def split_tags(values: list[str]) -> list[str]:
    """One tag per keyword: meta keywords come comma-joined ("EU, methane"), citation
    keywords ";"-joined; each tag once."""
    tags: dict[str, str] = {}
    for value in values:
        for part in re.split(r"[,;]", str(value)):
            tag = plain_text(part)
            if tag:
                tags.setdefault(tag.casefold(), tag)
    return list(tags.values())


def _texts(tree: etree._Element, xpath: str) -> list[str]:
    return [t for t in (plain_text(str(v)) for v in tree.xpath(xpath)) if t]


def _one_language(headline: etree._Element) -> etree._Element:
    """A bilingual headline's part in the page's language (`<h1><span lang="es">…</span><br>
    <span lang="en">…</span></h1>`: the Spanish one on a Spanish page), else its first part;
    any other headline as it is."""
    parts = [c for c in headline if isinstance(c.tag, str) and c.get("lang")]
    if len(parts) < 2 or len({primary_language(str(c.get("lang"))) for c in parts}) < 2:
        return headline
    declared = primary_language(str(headline.getroottree().getroot().get("lang") or ""))
    return next((c for c in parts if primary_language(str(c.get("lang"))) == declared), parts[0])


def _h1s(tree: etree._Element) -> list[str]:
    """The page's <h1> texts, those inside <article> or <main> first."""

    def texts(xpath: str) -> list[str]:
        return [  # ("CTBT<br/>Déclaration": two words; "30<sup>e</sup>": one)
            plain_text(
                re.sub(r"<br\s*/?>", " ", etree.tostring(_one_language(h), encoding="unicode"))
            )
            for h in tree.xpath(xpath)
        ]

    # the site's logo or name as an <h1> (WordPress themes: <h1 class="site-title">), where
    # the page has another
    logos = set(texts(
        "//h1[contains(@class, 'site-title') or contains(@class, 'site-name') or "
        "contains(@class, 'logo') or contains(@class, 'brand') or "
        "(ancestor::header[not(ancestor::article or ancestor::main)] and .//a[@rel='home'])]"
    ))  # fmt: skip
    found = list(dict.fromkeys(t for t in texts("//article//h1 | //main//h1") + texts("//h1") if t))
    return [t for t in found if t not in logos] or found


def _furniture_names(tree: etree._Element) -> set[str]:
    """Names that label the site or one of its sections, never one article: a headline is none."""
    names = _texts(
        tree,
        "//meta[@property='og:site_name' or @name='application-name' "
        "or @property='article:section' or @name='apple-mobile-web-app-title']/@content",
    )
    # Section names: the page's own menus and breadcrumbs (never a linked headline, nor the
    # <header> of the article itself, where WordPress puts its <h1>).
    links = tree.xpath(
        "//nav//a | //*[contains(@class, 'breadcrumb')]//a | //header[not(ancestor::article)]//a"
        " | //*[contains(@class, 'category')]//a"
    )
    names += [
        plain_text(" ".join(a.itertext()))
        for a in links
        if not a.xpath("ancestor::h1 | ancestor::h2 | descendant::h1")
    ]
    # A menu entry of a few words names a section; a long one may be a featured article.
    return {normal_words(n) for n in names if normal_words(n) and len(n.split()) <= 4}


def _affixes(title: str, others: list[str]) -> list[str]:
    """What `title` adds around another title of the same page: "Headline | DW" vs "Headline"."""
    found = []
    shown = {normal_words(o) for o in others if o}
    for other in others:
        if other == title or not other:
            continue
        for separator in _SEPARATORS:
            if title.startswith(other + separator):
                found.append(title[len(other) + len(separator) :])
            if title.endswith(separator + other):
                found.append(title[: -len(other) - len(separator)])
    # a part that is itself another of the page's titles (its article's <h1>) is the headline,
    # and the part around it (the logo's <h1>) the site: "Proliferation Watch | Iraq's …"
    return [part for part in found if normal_words(part) not in shown]


def pick_title(tree: etree._Element, site_names: list[str], fallback: str = "") -> str:
    """The headline the page shows: its <h1>, og:title and <title> compared, site names removed.

    A site-name suffix or prefix is what <title> or og:title adds around the other (or around the
    <h1>), or a part naming the site (og:site_name, the host, our own name). A text naming the
    site or one of its sections ("Opinion", from the menus) is not a headline.
    """
    og = _texts(tree, "//meta[@property='og:title' or @name='twitter:title']/@content")
    titles = _texts(tree, "//title//text()")
    h1s = _h1s(tree)
    raw = list(dict.fromkeys(og[:1] + titles[:1]))
    names = list(site_names) + _texts(tree, "//meta[@property='og:site_name']/@content")
    for text in raw:
        names += _affixes(text, [*raw, *h1s])
    furniture = _furniture_names(tree) | {normal_words(n) for n in names if normal_words(n)}

    def headline(text: str) -> bool:
        return bool(normal_words(text)) and normal_words(text) not in furniture

    cleaned = [c for c in (clean_title(t, names) for t in raw) if headline(c)]
    shown = [h for h in h1s if headline(h)]
    # The <h1> the metadata agrees with is the headline; else the first <h1> of the article;
    # else the metadata's title (a page whose <h1> is a logo or a section name).
    for h1 in shown:
        if any(normal_words(h1) == normal_words(c) for c in cleaned):
            return h1
    inner = tree.xpath("//article//h1 | //main//h1")
    if shown and (inner or len(shown) == 1) and word_count(shown[0]) >= 3:
        return shown[0]
    classed = None if shown else _classed_headline(tree, furniture)
    if classed and (
        not cleaned
        or word_count(cleaned[0]) < 3
        or any(normal_words(classed) in normal_words(t) for t in raw)
    ):  # no <h1>: the element the page styles as its headline, which <title> names too
        return classed
    if cleaned:
        return cleaned[0]
    if shown:
        return shown[0]
    # trafilatura's title (JSON-LD headline, <h2>…) when the page has no usable <h1> or meta.
    fallback = clean_title(fallback, names)
    return fallback if headline(fallback) else ""


_REGEX = {"re": "http://exslt.org/regular-expressions"}
_HEADLINE_CLASS = (
    "//*[self::h2 or self::h3 or self::div or self::span or self::p][not(*[not(self::a or "
    "self::span or self::em or self::strong)])][not(ancestor::nav or ancestor::aside or "
    "ancestor::footer or ancestor::*[contains(@class, 'related') or contains(@class, 'widget')"
    " or contains(@class, 'sidebar')])][re:test(@class, "
    r"'(^|[\s_-])(headline|title|entry-title|post-title|newstitle|article-title|page-title)"
    r"($|[\s_-])', 'i')]"
)


def _classed_headline(tree: etree._Element, furniture: set[str]) -> str | None:
    """The first element whose class says it is the headline (`<h2 class="newstitle">`,
    `<div class="headline">`), on a page with no `<h1>`: a line of three words or more."""
    for element in tree.xpath(_HEADLINE_CLASS, namespaces=_REGEX)[:5]:
        text = plain_text(" ".join(element.itertext()))
        if word_count(text) >= 3 and len(text) <= 300 and normal_words(text) not in furniture:
            return text
    return None


def _site_names(site_name: str, page_site: str | None, url: str | None) -> list[str]:
    names = [site_name, page_site or ""]
    host = urlsplit(url).hostname if url else None
    if host:
        host = host.removeprefix("www.")
        names += [host, host.split(".")[0]]
    return names


_CREDIT_CLASS = re.compile(r"credit|copyright|photographer|byline|source|author", re.I)
_CREDIT_TEXT = re.compile(
    r"\s*\(?((?:photo(?:graph)?|picture|image|foto|bild|crédit|credit|source|quelle|фото|"
    r"写真|撮影|图片|照片|صورة)s?(?:\s+credit)?\s*[:：©]|©|\(c\)).*$",
    re.I,
)
"""A credit at the end of a caption ("… Photo: AP", "…（写真：IAEA）", "… (Photo: X)")."""


def _stem(src: str) -> str:
    """An image's file name without a size ("-1024x683") or extension: one picture."""
    return re.sub(r"(-\d+x\d+)?(\.\w+)?$", "", _size_free(src).rsplit("/", 1)[-1])


@dataclass(frozen=True)
class LeadFigure:
    src: str
    alt: str
    caption: str
    credit: str


def lead_figure(tree: etree._Element, base: str | None) -> LeadFigure | None:
    """The article's first <figure> with an image: its caption and the photo credit apart."""
    pictures = "[.//img or .//amp-img]"  # (AMP pages show <amp-img>)
    for scope in (
        f"//article//figure{pictures}",
        f"//main//figure{pictures}",
        f"//figure{pictures}",
    ):
        for figure in tree.xpath(scope)[:1]:
            img = figure.xpath(".//img | .//amp-img")[0]
            src = img.get("src") or img.get("data-src") or ""
            if not src:
                continue
            src = urljoin(base, src) if base else src
            credit = ""
            caption_parts = []
            for node in figure.xpath(".//figcaption"):
                text = plain_text(" ".join(node.itertext()))
                for part in node.xpath(".//*[@class]"):
                    if _CREDIT_CLASS.search(part.get("class") or "") and not credit:
                        credit = plain_text(" ".join(part.itertext()))
                        text = plain_text(text.replace(credit, " "))
                caption_parts.append(text)
            caption = " ".join(p for p in caption_parts if p)
            if not credit:
                found = _CREDIT_TEXT.search(caption)
                if found and found.start() > 0:
                    credit = found.group(0).strip()
                    caption = caption[: found.start()].strip()
                    if credit.startswith("(") and credit.endswith(")"):  # "(Photo: X)"
                        credit = credit[1:-1].strip()
            return LeadFigure(src, plain_text(img.get("alt")), caption, credit)
    return None


def _image(
    tree: etree._Element, src: str | None, base: str | None
) -> tuple[dict[str, str], str | None, str | None]:
    """The hero image (og:image, else the lead figure) with alt, caption and credit.

    Returns the image, one review note when the page gives no alt text (the image's address
    is in the note: an image needs alt text to build), and the body image the hero repeats.
    """
    figure = lead_figure(tree, base)
    src = (urljoin(base, src) if base else src) if src else None
    if figure and (not src or _stem(figure.src) == _stem(src)):
        src = src or figure.src
    elif figure:
        figure = None  # the lead figure shows another picture than the page's image
    if not src:
        return {}, None, None
    extra = {"caption": figure.caption, "credit": figure.credit} if figure else {}
    extra = {k: v for k, v in extra.items() if v}
    repeated = figure.src if figure else None
    if not src.startswith("https://"):  # the build takes only https images: the same picture
        shown = [figure.src] if figure else []  # over https in the page, else none
        shown += [urljoin(base or "", str(i.get("src"))) for i in tree.xpath("//img[@src]")]
        stem = _stem(src)
        secure = [u for u in shown if u.startswith("https://") and _stem(u) == stem]
        if not secure:
            return extra, (
                f"image: the page's image {src} is not served over https, which the email and "
                "feeds need; add image.src with its https address and image.alt (describe the "
                "image), or leave the commentary without one."
            ), repeated  # fmt: skip
        src = secure[0]
    alts = tree.xpath("//meta[@property='og:image:alt' or @name='twitter:image:alt']/@content")
    alt = next((plain_text(a) for a in alts if plain_text(a)), "")
    if not alt and figure:
        alt = figure.alt
    if not alt:
        stem = _stem(src)
        for img in tree.xpath("//img[@src and @alt]"):
            if _stem(str(img.get("src"))) == stem and plain_text(img.get("alt")):
                alt = plain_text(img.get("alt"))
                break
    if alt:
        return {"src": src, "alt": alt, **extra}, None, repeated
    what = " (caption and credit kept)" if extra else ""
    return (
        extra,
        f"image: the page's image {src} has no alt text{what}; add image.src: {src} and "
        "image.alt (describe the image), or leave the commentary without one.",
        repeated,
    )


def page_language(tree: etree._Element) -> str | None:
    """The language the page declares: `<html lang>`, else `og:locale`, else the
    Content-Language of a `<meta http-equiv>`."""
    return declared_language(
        tree.get("lang"),
        tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
        *_texts(tree, "//meta[@property='og:locale']/@content"),
        *_texts(tree, "//meta[translate(@http-equiv, 'CONTENT-LANGUAGE', 'content-language')"
                "='content-language']/@content"),
    )  # fmt: skip


def import_page(
    text: str,
    *,
    source: str,
    page_url: str | None,
    site_name: str,
    today: date,
    url: str | None = None,
    on: date | None = None,
    known: Known | None = None,
    https: HttpsHosts | None = None,
) -> Imported:
    """A content draft from a page's HTML.

    `page_url` is where the page was fetched (None for a file); `url` and `on` are an editor's
    overrides; `known` is what a feed entry said about the page; `https`, the hosts whose
    `http://` links are written as https (the page's own https host is added).
    """
    known = known or Known()
    text = text.translate(_JOINERS_KEPT)  # trafilatura drops what is not printable
    tree = parse_html(text)
    # htmldate leaves out dates after max_date, which is the machine's clock unless given: the
    # import day is the injected clock's (SOURCE_DATE_EPOCH), so the same page gives one date.
    dates = {"original_date": True, "extensive_search": False, "max_date": today.isoformat()}
    meta = extract_metadata(text, default_url=page_url, date_config=dates, extensive=False)
    review: list[str] = []
    warnings: list[str] = []

    # The canonical URL: an AMP page, a tracking link or a redirect all map to the one address.
    cited = _texts(tree, "//meta[@name='citation_abstract_html_url' or "
                         "@name='DC.Identifier.URI' or @name='dc.identifier.uri']/@content")  # fmt: skip
    found_url = url or meta.url or (cited[0] if cited else None) or page_url  # (an OJS article's)
    canonical = canonical_url(urljoin(page_url or "", found_url)) if found_url else None
    guid = known.guid
    if canonical and not canonical.startswith("https://"):
        note = (
            f"url: the page's address {canonical} is not https; set `url` to the commentary's "
            "https address on the website."
        )
        review.append(note)
        warnings.append(note)
        guid = guid or canonical
        canonical = None
    elif not canonical:
        note = "url: the page names no canonical URL; set `url` to its https address (--url)."
        review.append(note)
        warnings.append(note)

    names = _site_names(site_name, meta.sitename, canonical or page_url)
    title = (
        clean_title(known.title, names)
        if known.title
        else pick_title(tree, names, plain_text(meta.title))
    )
    if not title:
        raise ImportFailed(
            f"{source}: the page has no headline (no <title>, og:title or <h1> other than "
            "the site's or a section's name)"
        )
    title, label = _without_label(title)  # "Japan's Plutonium Problem Is Back – Analysis"

    comments: dict[str, str] = {}
    posted = _labelled_date(tree, today, posted_only=True) if on is None else None
    when: date | str
    undated: str | None = None  # the note that the page shows no date, until one is found
    if on is not None:
        when = on
        comments["date"] = "the editor's choice (--date)"
    elif (shown_date := _published(tree)) and not (
        posted and abs((date.fromisoformat(shown_date) - posted).days) == 1
    ):  # what the page marks as its date, over a guess (a day off: its time in UTC, the
        when = shown_date  # page's own day shown as "Published …")
    elif posted:  # "Published 11 December 2026 · Last updated 15 December" over a modified
        when = posted  # time (htmldate's guess), or JSON-LD's stale datePublished
    elif meta.date:
        when = meta.date
    elif labelled := _labelled_date(tree, today):  # "등록일 2026.12.04" in the post's fields
        when = labelled
    elif known.date:
        when = known.date
    else:
        when = today
        undated = no_date_note(today)
        review.append(undated)
        warnings.append(undated)

    cited_authors = list(
        dict.fromkeys(_first_name_first(a) for a in _texts(tree, _CITATION_AUTHORS))
    )
    authors = cited_authors or [
        name
        for text in (meta.author or "").split(";")
        for name in _names_in(plain_text(text))  # "Por Valeria Quispe Mamani y Diego Alarcón"
        if name
    ]
    authors = [a for a in authors if not is_role(a) and not is_placeholder(a)]  # ("Guest User")
    # "Amara Nwosu, Geneva Disarmament Forum", "Press Office, University of Northbridge": the
    # person, not where she works (an organisation alone stays: it signs the piece)
    people = [a for a in authors if not ORGANISATION.search(a)]
    if not people and len(authors) > 1:  # an organisation in parts: "Press Office", "University"
        review.append(f"authors: the page names an organisation ({', '.join(authors)}), no "
                      "person: none are written. Add the authors if the piece has any.")  # fmt: skip
    authors = people if people or len(authors) > 1 else authors  # one organisation signs it
    guesses = [a for a in authors if not _reads_as_a_name(a)]
    for guess in guesses:
        authors.remove(guess)  # trafilatura's reading of the page's text around the article
    one = _one_word_author(tree)
    if (
        one
        and not is_placeholder(one)
        and one not in authors
        and (not authors or any(one in a for a in authors))
    ):
        authors = [one]  # trafilatura sets a name without a space ("李明") aside for a guess
    shown_authors = tuple(a for a in page_byline(tree) if not is_placeholder(a))
    run_together = " ".join(authors) == " ".join(shown_authors)  # "A B C D" for "A B", "C D"
    organisations = bool(authors) and all(ORGANISATION.search(a) for a in authors)
    if shown_authors and (set(authors) <= set(shown_authors) or run_together or organisations):
        authors = list(shown_authors)
    description = plain_text(meta.description)
    summary = None if not description or TRUNCATED.search(description) else description
    image, image_note, repeated = _image(tree, meta.image, canonical or page_url)
    if image_note:
        review.append(image_note)
    tags = split_tags(list(known.tags) or list(meta.tags or []) or _other_keywords(tree))

    video, language = find_video(tree), page_language(tree)
    base = canonical or page_url
    # These change `tree`, as `take` does:
    changed = (
        _times_kept(tree)
        | _styled_headings(tree)
        | _drop_repeats(tree)
        | _decode_addresses(tree)
        | _captions_kept(tree)
        | _quote_sources_kept(tree)
        | cards_as_text(tree)  # Ghost's bookmark and call-to-action cards
    )
    taken = footnotes.take(text, base, tree)  # markers the extractor keeps; changes `tree`
    if base and _relative_links(tree):  # the extractor resolves them against the host's root
        tree.make_links_absolute(base, resolve_base_href=True)
        html = _html_of(tree)
    else:
        html = taken.html if taken else _html_of(tree) if changed else text
    if tree.xpath(_LAYOUT_TABLE) and not tree.xpath("//table//table"):  # a page set in a table
        html = unwrap_layout_tables(html)
        tree = parse_html(html)
    xml = _extract(html, base)
    xml = restore_lost_blocks(xml, tree, authors) if xml else xml
    hosts = https.with_url(canonical) if https else None
    converted = html_to_markdown(trafilatura_xml_to_html(xml), base, hosts) if xml else None
    body, removed = drop_furniture(converted.markdown) if converted else ("", [])
    body, keywords = _without_keyword_list(body, tags)
    removed += keywords
    body, paywalled = before_paywall(body)
    if paywalled:
        review.append(PUBLISHER_PAYWALL_NOTE)
    body, kicker, header_lines = _drop_heading_and_kicker(
        body, title, _furniture_names(tree), authors
    )
    removed += [kicker] if kicker else []
    removed += header_lines
    lines = [b for b in map(byline, header_lines) if b is not None]
    named = [name for names, _ in lines for name in names if not is_placeholder(name)]
    if named and (
        not authors
        or all(ORGANISATION.search(a) for a in authors)  # the account that posted it
        or set(authors) <= set(named)
        or " ".join(authors) == " ".join(named)
    ):
        authors = named  # the byline under the headline: "By Dr Mele Taufa, Joseph Kaitu'u and …"
    if not authors:
        review += [f'authors: left out "{g[:80]}", which reads as no name. Add the authors.'
                   for g in guesses]  # fmt: skip
    dated = next((d for line in header_lines if (d := _date_in(line))), None)
    dated = dated or next((d for line in _under_headline(tree) if (d := _date_in(line))), None)
    if undated and dated is not None and dated <= today:  # "بقلم: … · ٢٨ نوفمبر ٢٠٢٦" under it
        when, comments["date"] = dated, "from the date line under the headline"
        review.remove(undated)
        warnings.remove(undated)
        undated = None  # (dated now: an embargo below removes no note again)
    body, footer = _without_closing_notes(body, authors)
    removed += footer
    kicker = kicker or _label_over_headline(tree)  # (the extractor dropped it)
    kind = kind_of_label(kicker) if kicker else None
    if kind is not None:
        comments["kind"] = f'the page\'s label "{kicker}" above the title'
    elif label and (kind := kind_of_label(label)) is not None:
        comments["kind"] = f'the label "{label}" after the headline'
    elif (prefix := re.match(r"^([^:]{2,20}):\s", title)) and (
        kind := kind_of_label(prefix.group(1))
    ) is not None:
        comments["kind"] = f'the headline says so ("{prefix.group(1)}:")'  # "Op-Ed: …"
    elif any(
        t.casefold() in {"report", "technical report", "research report"}
        for t in _texts(tree, "//meta[translate(@name, 'DCTYPE', 'dctype')='dc.type']/@content")
    ):
        kind, comments["kind"] = "report", "the page's metadata (DC.type) says so"
    event = _ahead(page_event(tree, base, title, review), when, review)
    call = page_job(tree, base, title) if event is None else None
    said = "the page's event data (schema.org Event) says so"
    announced = ANNOUNCES.match(title) is not None  # "Webinar: …"
    if (
        event is None
        and call is None
        and (event := _ahead(page_event_from_text(tree, base, review, announced), when, review))
    ):
        said = (
            "the headline and the page's Date field say so"
            if announced
            else "the page's address and its Date field say so"
        )
        body = _without_field_lists(body, event)  # the fields read: in `event:`, not twice
    if event is not None:
        kind, comments["kind"] = "event", said
        place = event.get("place", "")
        authors = [a for a in authors if a not in place]  # the venue's hCard ("author fn org")
    elif call is not None:
        kind, comments["kind"] = "job", "the page's vacancy data (schema.org JobPosting) says so"
    body = footnotes.placed(body, taken, base, hosts, review)
    body = with_pdf(body, pdf_link(tree, base), review)
    body = with_audio(body, audio_url(tree, base), title, review)
    if on is None and (held := held_until(body.split("\n\n"), when)) is not None:
        when, comments["date"] = held.moment, held.comment
        review.append(held.note)
        body = "\n\n".join(held.rest)
        if undated:
            review.remove(undated)
            warnings.remove(undated)
    words = sum(word_count(p) for p in markdown.paragraphs(body))
    if words < MIN_WORDS:
        found = f" (only {words} word{'' if words == 1 else 's'} of prose)" if words else ""
        raise ImportFailed(f"{source}: no article text found on the page{found}")
    if removed:
        shown = "; ".join(f'"{line}"' for line in removed)
        review.append(
            f"body: removed {len(removed)} line(s) of site furniture: {shown}. "
            "Restore any that belong to the text."
        )
    if converted:
        if repeated or image:  # the hero in the text again: shown once, one note
            body = drop_lead_image(body, repeated or image.get("src", ""), image)
        review.extend(
            n for n in converted.notes if not (repeated and n.startswith(f"body image {repeated} "))
        )

    if hidden := hidden_address_note(body):  # one no script of Cloudflare's gave back
        review.append(hidden)
    guessed = guess_language(f"{title}\n{body}")
    if language is None and guessed is not None:
        language = guessed
        comments["language"] = "read from the text (the page declares none)"
    elif (
        language
        and guessed
        and primary_language(language) in LATIN_LANGUAGES  # (a script tells Persian from Arabic
        and primary_language(guessed) != primary_language(language)  # less surely than a page)
    ):
        review.append(
            f'language: the page declares "{language}", but its text reads as "{guessed}", '
            "which is written. Correct `language` if the page was right."
        )
        language, comments["language"] = guessed, f'read from the text (the page says "{language}")'

    slug = (slug_from_url(canonical) if canonical else None) or slugify(title)
    draft = ContentDraft(
        slug=slug,
        title=title,
        date=when,
        body=body,
        url=canonical,
        guid=guid,
        summary=summary,
        authors=authors or list(known.authors),
        tags=tags,
        image=image,
        video=video,
        review=review,
        comments=comments,
        language=language,
        kind=kind,
        event=event or {},
        call=call or {},
    )
    return Imported(_joiners_again(draft), [w.translate(_JOINERS_BACK) for w in warnings])


_JOINERS_KEPT = str.maketrans({"\u200c": "\ua66e", "\u200d": "\ua66d"})
"""The zero-width non-joiner and joiner (Persian "هسته‌ای", Indic scripts, emoji sequences) as
two letters no text uses (ꙮ, ꙭ) while the extractor reads the page: it keeps only printable
characters, and the words would be misspelt."""
_JOINERS_BACK = str.maketrans({"\ua66e": "\u200c", "\ua66d": "\u200d"})


def _joiners_again(draft: ContentDraft) -> ContentDraft:
    """`draft` with the joiners `_JOINERS_KEPT` stood in for written back, in every field."""

    def back(value: Any) -> Any:
        if isinstance(value, str):
            return value.translate(_JOINERS_BACK)
        if isinstance(value, list):
            return [back(v) for v in value]
        if isinstance(value, dict):
            return {k: back(v) for k, v in value.items()}
        return value

    for item in fields(draft):
        setattr(draft, item.name, back(getattr(draft, item.name)))
    return draft


def _reads_as_a_name(text: str) -> bool:
    """A person's or an organisation's name ("Center for Strategic and International
    Studies"), not a sentence of the page ("About the authors Jane Doe is a Fellow at …")."""
    words = text.split()
    return 0 < len(words) <= 8 and name_initial(text[0]) and not re.search(r"\d|//|[.!?:]$", text)


@cache
def _short_text_config() -> ConfigParser:
    """trafilatura's settings, but a text shorter than 250 characters (a statement of two
    paragraphs; a Chinese piece of five sentences) is no failed extraction to rescue: its
    rescue reads the whole page as one paragraph, headline and byline in it."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    return config


_REPEATS = (
    "//blockquote[contains(@class, 'pullquote') or contains(@class, 'pull-quote')] | "
    "//figure[contains(@class, 'pullquote')] | //aside[contains(@class, 'pull')] | "
    "//*[contains(@class, 'wp-block-pullquote')]"
)
"""Pull quotes: a sentence of the text shown again, large (kept, it would be said twice)."""
_WIDGETS = (
    "//*[contains(@class, 'tribe-events-notices') or contains(@class, 'ajax-loading') or "
    "contains(concat(' ', normalize-space(@class), ' '), ' spinner ') or "
    "contains(@class, 'tribe-events-spinner')]"
)
"""A plugin's widgets in the text: The Events Calendar's "This event has passed." notice and
its "Loading Events" spinner."""
_ANCHOR_SIGNS = {"#", "¶", "§", "🔗", "⚓", "link", "permalink"}


def _drop_repeats(tree: etree._Element) -> bool:
    """Take the page's pull quotes, a plugin's notices and spinners, and its headings' anchor
    links ("What it says #") out of `tree`; whether there were any."""
    found = False
    for element in tree.xpath(f"{_REPEATS} | {_WIDGETS}"):
        if element.getparent() is not None:
            element.drop_tree()  # (the text after it in its parent stays)
            found = True
    for link in tree.xpath("//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5]"
                           "//a[contains(@href, '#')]"):  # fmt: skip
        if link.text_content().strip().lower() in _ANCHOR_SIGNS and link.getparent() is not None:
            link.drop_tree()
            found = True
    return found


_CLOUDFLARE = "/cdn-cgi/l/email-protection"


def _cloudflare_address(code: str) -> str | None:
    """The address Cloudflare's email obfuscation hid in `code`: hex bytes, the first the key
    the others are XORed with (what its script does in the reader's browser)."""
    try:
        data = bytes.fromhex(code)
    except ValueError:
        return None
    address = "".join(chr(b ^ data[0]) for b in data[1:]) if data else ""
    return address if re.fullmatch(r"[^@\s<>]+@[^@\s<>]+\.\w+", address) else None


def _decode_addresses(tree: etree._Element) -> bool:
    """Write the addresses back that Cloudflare replaced with "[email protected]" (a span or
    link with `data-cfemail`, a link to /cdn-cgi/l/email-protection#…); whether there were any.
    """
    found = False
    for element in tree.xpath("//*[@data-cfemail]"):
        address = _cloudflare_address(element.get("data-cfemail", ""))
        if address is None:
            continue
        for child in list(element):
            element.remove(child)
        element.text = address
        del element.attrib["data-cfemail"]
        if element.tag == "a" and _CLOUDFLARE in element.get("href", ""):
            element.set("href", f"mailto:{address}")
        found = True
    for link in tree.xpath(f"//a[contains(@href, '{_CLOUDFLARE}#')]"):
        address = _cloudflare_address(link.get("href", "").rsplit("#", 1)[1])
        if address is not None:
            link.set("href", f"mailto:{address}")
            found = True
    return found


def _captions_kept(tree: etree._Element) -> bool:
    """Make each picture's <figcaption> a paragraph in italics, which the extractor keeps (it
    drops captions, and with them the credits the pictures owe); whether there were any."""
    found = False
    for foot in tree.xpath("//table/tfoot[count(.//td | .//th) = 1]"):  # "Quelle: …" under it
        text, table = plain_text(" ".join(foot.itertext())), foot.getparent()
        foot.drop_tree()
        if text and table is not None:
            table.addnext(_paragraph(text, emphasis=True))
            found = True
    for caption in tree.xpath(
        "//figure[.//img or .//amp-img or .//picture or .//table]//figcaption | //table/caption"
    ):
        text = plain_text(" ".join(caption.itertext()))
        parent = caption.getparent()
        if parent is None:
            continue
        if text and caption.tag == "caption":  # a table's own: above it, not a row of it
            table = parent
            paragraph = _paragraph(text, emphasis=True)
            caption.drop_tree()
            table.addprevious(paragraph)
            paragraph.tail = None
        elif text:
            paragraph = _paragraph(text, emphasis=True)
            paragraph.tail = caption.tail
            parent.replace(caption, paragraph)
        else:
            caption.drop_tree()
        found = True
    return found


def _paragraph(text: str, *, emphasis: bool = False) -> etree._Element:
    paragraph = etree.Element("p")
    if emphasis:
        etree.SubElement(paragraph, "em").text = text
    else:
        paragraph.text = text
    return paragraph


_STYLED_HEADING = (
    r"//*[self::div or self::p][re:test(@class, '(^|[\s_-])(subtitle|sub-?heading|subhead|"
    r"intertitle|intertitre|zwischentitel|zwischenueberschrift|section-title)($|[\s_-])', 'i')]"
    "[not(*[not(self::a or self::span or self::em or self::strong or self::b or self::i)])]"
    "[preceding-sibling::p]"
)


def _styled_headings(tree: etree._Element) -> bool:
    """Make each line the text styles as a subheading (Plone's `<div class="subtitle">`, an
    "intertitre") an `<h2>`, which the extractor keeps (it drops the `<div>`); whether there
    were any. Only a short line after a paragraph: a standfirst under the headline stays."""
    found = False
    for element in tree.xpath(_STYLED_HEADING, namespaces=_REGEX):
        text = plain_text(" ".join(element.itertext()))
        if text and word_count(text) <= 15 and not ends_sentence(text):
            element.tag = "h2"
            element.attrib.pop("class", None)
            found = True
    return found


def _times_kept(tree: etree._Element) -> bool:
    """Make each `<time>` a `<span>`, whose text the extractor keeps (it deletes `<time>`, and
    with it the dates of an event's sessions, "Published: 3 March 2026"); whether any."""
    found = False
    for element in tree.iter("time"):
        element.tag = "span"  # (its `datetime` stays, for what reads it after this)
        found = True
    return found


def _quote_sources_kept(tree: etree._Element) -> bool:
    """Make who a quotation is from (`<blockquote>…<footer>— <cite>Reagan</cite></footer>`, or
    a `<cite>` of its own) a paragraph of the quote, which the extractor keeps (it drops
    `<footer>` and a bare `<cite>`); whether there were any."""
    found = False
    for source in tree.xpath("//blockquote/footer | //blockquote/cite"):
        text = plain_text(" ".join(source.itertext()))
        if text and source.getparent() is not None:
            paragraph = _paragraph(text)
            paragraph.tail = source.tail
            source.getparent().replace(source, paragraph)
            found = True
    return found


def _relative_links(tree: etree._Element) -> bool:
    """Whether a link or picture of the page is relative to it ("next/", "../report.pdf")."""
    for value in tree.xpath("//a/@href | //img/@src"):
        if value and not re.match(r"^(?:[a-z][a-z0-9+.-]*:|#|/)", str(value), re.I):
            return True
    return False


def _html_of(tree: etree._Element) -> str:
    from lxml import html as lxml_html

    return str(lxml_html.tostring(tree, encoding="unicode"))


def _extract(html: str, base: str | None) -> str | None:
    """The article as trafilatura's XML: its own reading of the page, and its rescues (other
    extractors, the page's whole text) only where that finds no text of a commentary's size."""
    from trafilatura.settings import DEFAULT_CONFIG

    xml = _trafilatura(html, base, _short_text_config())
    text = (
        etree.tostring(etree.fromstring(xml.encode()), method="text", encoding=str) if xml else ""
    )
    return xml if word_count(text) >= MIN_WORDS else _trafilatura(html, base, DEFAULT_CONFIG)


def _trafilatura(html: str, base: str | None, config: ConfigParser) -> str | None:
    return trafilatura.extract(
        html, url=base, output_format="xml", include_links=True, include_images=True,
        include_formatting=True, include_tables=True, include_comments=False,
        deduplicate=False, config=config,
    )  # fmt: skip


_LAYOUT_TABLE = "//table[.//p or .//div or .//h2 or .//h3 or .//ul or .//ol]"
"""A table that may lay the page out (`unwrap_layout_tables` decides). Tables in tables (a
newsletter's email) are left to the extractor: unwrapped, their sidebars read as text."""

_PUBLISHED = (
    "//meta[@property='article:published_time' or @property='og:published_time' or "
    "@itemprop='datePublished' or @name='citation_publication_date' or "
    "@name='dc.date.issued' or @name='DC.date.issued']/@content",
    "//*[contains(concat(' ', normalize-space(@property), ' '), ' dc:date ') or "
    "contains(concat(' ', normalize-space(@property), ' '), ' dc:created ')]"
    "[not(ancestor::aside or ancestor::nav or ancestor::footer)]/@content",  # Drupal 7's RDFa
    "//*[self::article or self::main]//time[@datetime][contains(@class, 'entry-date') or "
    "contains(@class, 'published') or contains(@class, 'post-date') or @itemprop='datePublished']"
    "[not(ancestor::aside or ancestor::nav or ancestor::footer[not(ancestor::article)] or "
    "ancestor::*[contains(@class, 'related') or contains(@class, 'comment')])]/@datetime",
)
"""Where a page marks its own date: its metadata, or the article's `<time class="entry-date">`
(not a related post's date, nor a comment's, which trafilatura's guess may take)."""


def _published(tree: etree._Element) -> str | None:
    """The page's own date as YYYY-MM-DD, or None."""
    for xpath in _PUBLISHED:
        for value in tree.xpath(xpath):
            day = re.match(r"\s*(\d{4}-\d{2}-\d{2})", str(value))
            if day:
                try:
                    return date.fromisoformat(day.group(1)).isoformat()
                except ValueError:
                    continue
    return None


def _other_keywords(tree: etree._Element) -> list[str]:
    """Keywords a page gives where trafilatura does not look, as `split_tags` reads them:
    `news_keywords` (news sites, AMP), `citation_keywords`, else the JSON-LD `keywords` of
    its article (Yoast)."""
    found = _texts(tree, "//meta[@name='news_keywords' or @name='citation_keywords']/@content")
    if found:
        return found
    for item in json_ld_objects(tree):
        if "Article" not in str(item.get("@type", "")):
            continue
        keywords = item.get("keywords")
        if isinstance(keywords, str):
            return [keywords]
        if isinstance(keywords, list):
            return [k for k in keywords if isinstance(k, str)]
    return []


def _one_word_author(tree: etree._Element) -> str | None:
    """The page's `<meta name="author">` when it is one word (a Chinese, Japanese or Korean
    name, or a single name), which trafilatura's metadata sets aside."""
    found = _texts(tree, "//meta[@name='author']/@content")
    name = plain_text(found[0]) if found else ""
    if name and " " not in name and "://" not in name and not name.startswith("@"):
        return name
    return None


_OUTSIDE_ASIDES = "[not(ancestor::aside or ancestor::nav or ancestor::footer)]"
"""Not in a sidebar, a menu or the footer (where other articles' bylines are)."""


_AUTHOR_LABEL = re.compile(
    r"^(?:authors?|author\(s\)|autor(?:in|en|es|a|zy)?|auteur(?:e|s)?|autori|автор(?:ы)?|"
    r"作者|著者|執筆者|저자|필자|작성자)\s*[:：]?\s",
    re.I,
)
_LABELLED = (
    "(//li | //dd | //p | //span[not(ancestor::p or ancestor::li)] | //div[not(*)])"
    + _OUTSIDE_ASIDES
    + "[not(ancestor::*[contains(@class, 'related') or contains(@class, 'comment')])]"
)


def _labelled_lines(tree: etree._Element) -> list[str]:
    """The short lines of the page that may be a labelled field ("등록일 2026.12.04", "Autor:
    Jan Nowak"), the first 200, in order."""
    lines = (plain_text(" ".join(e.itertext())) for e in tree.xpath(_LABELLED)[:200])
    return [line for line in lines if line and len(line) <= 80]


def _labelled_date(tree: etree._Element, today: date, posted_only: bool = False) -> date | None:
    """The date a field labelled as the publication's gives ("Published: 3 March 2026"), if
    it is not after `today` (no page is published after the day it is read). `posted_only`:
    a label that says it was published or posted, not "Date:" (an event's)."""
    for line in _labelled_lines(tree):
        if day := (posted_date(line) if posted_only else labelled_date(line)):
            return day if day <= today else None
    return None


def page_byline(tree: etree._Element) -> tuple[str, ...]:
    """The authors the page's byline shows ("By A and B | 5 March 2026", in an element whose
    class says byline, or right under the <h1>), else its `rel=author` links; () when it shows
    none. Those inside the article (or main) come first; none in a sidebar, a menu or the
    footer counts."""
    bylines = f"//*[contains(translate(@class, 'BYLINE', 'byline'), 'byline')]{_OUTSIDE_ASIDES}"
    inner = tree.xpath(f"//article{bylines} | //main{bylines}")
    under_headline = _headline_siblings(
        tree
    )  # the lines right under the <h1>, whatever their class
    candidates = [*inner, *(e for e in tree.xpath(bylines) if e not in inner), *under_headline]
    for element in candidates:
        found = byline(plain_text(" ".join(element.itertext())))
        if found and found[0]:
            return found[0]
    for line in _labelled_lines(tree):  # a field: "작성자 정민호 선임연구위원", "Autor: Jan Nowak"
        if _AUTHOR_LABEL.match(line) and (found := byline(line)) and found[0]:
            return found[0]
    authored = tree.xpath(
        f"//*[contains(translate(@class, 'AUTHOR', 'author'), 'author')]{_OUTSIDE_ASIDES}"
    )
    for element in authored:
        # a list of the authors' pages (Drupal's field--name-field-authors, "article-authors"),
        # or one element an author beside it (Plone's documentAuthor, each with its role)
        siblings = [e for e in authored if e.getparent() is element.getparent()]
        names = [
            person_name(plain_text(" ".join(a.itertext())))
            for one in (siblings if len(siblings) > 1 else [element])
            for a in one.xpath(".//a[@href]")
        ]
        if names and all(_reads_as_a_name(n) and len(n.split()) >= 2 for n in names):
            return tuple(dict.fromkeys(names))
    linked = _texts(tree, f"//a[@rel='author']{_OUTSIDE_ASIDES}//text()")
    return tuple(dict.fromkeys(linked))


def _drop_heading_and_kicker(
    markdown: str, title: str, sections: set[str], authors: Sequence[str]
) -> tuple[str, str | None, list[str]]:
    """`markdown` without what the extractor keeps above the text: the headline as a heading,
    a label above it (a type of piece, "Op-Ed", a section's name from the menus, or a series
    line such as "Note de la FRS n°04/2026" right above the headline), and the byline and date
    lines under it; that label, and the lines dropped besides."""
    blocks = markdown.split("\n\n")
    kicker = None
    dropped: list[str] = []
    at = next(
        (i for i, b in enumerate(blocks[:3]) if b.startswith("#") and _is_headline(b, title)),
        None,
    )
    if at is not None and all(_is_label(b) for b in blocks[:at]):
        labels = [_plain(b) for b in blocks[:at]]
        kicker, dropped = (labels[-1], labels[:-1]) if labels else (None, [])
        blocks = blocks[at + 1 :]
    for _ in range(2):
        if len(blocks) < 2:
            break
        first, text = blocks[0], _plain(blocks[0])
        if _is_headline(first, title):  # (a heading, or a paragraph: a board's title cell)
            blocks = blocks[1:]
        elif (
            kicker is None
            and not first.startswith("#")  # a first heading ("## Iran") is the text's
            and word_count(text) <= 3
            and (TYPE_LABEL.match(text) or normal_words(text) in sections)
        ):
            blocks, kicker = blocks[1:], text
        else:
            break
    while len(blocks) > 1 and (
        _is_byline_or_date(_plain(blocks[0]), authors) or _is_field_list(blocks[0], authors)
    ):
        dropped.append(_plain(blocks.pop(0)))
    return "\n\n".join(blocks), kicker, dropped


def _without_closing_notes(markdown: str, authors: Sequence[str]) -> tuple[str, list[str]]:
    """`markdown` without the notes under the text that the extractor keeps (the authors'
    biographies, "Sobre os autores", the site's disclaimer), as the scrape importer reads
    them (`furniture.footer_start`); and those lines."""
    blocks = markdown.split("\n\n")
    plain = [_plain(b).lstrip("#").strip() for b in blocks]
    cut = footer_start(plain, tuple(authors))
    if not 0 < cut < len(blocks):
        return markdown, []
    return "\n\n".join(blocks[:cut]), plain[cut:]


def _plain(block: str) -> str:
    return re.sub(r"[*_\\]", "", block).strip()


def _is_field_list(block: str, authors: Sequence[str]) -> bool:
    """A list of the post's fields under the headline ("- 작성자 정민호", "- 등록일 2026.11.24",
    "- 조회수 1,284"): its byline, date and counts."""
    items = [line[2:].strip() for line in block.split("\n")]
    return all(line.startswith(("- ", "* ")) for line in block.split("\n")) and all(
        _is_byline_or_date(item, authors) or re.fullmatch(r"\S{1,12}\s*[:：]?\s*[\d.,/-]+", item)
        for item in items
    )


def _is_headline(block: str, title: str) -> bool:
    return normal_words(block.lstrip("#")) == normal_words(title)


def _is_label(block: str) -> bool:
    """A short line above the headline: a label or a series' number, no sentence."""
    text = _plain(block)
    return (
        not block.startswith(("#", "!", "-", ">"))
        and word_count(text) <= 8
        and not (text.endswith((".", "!", "?", ":")))
    )


def _label_over_headline(tree: etree._Element) -> str | None:
    """A type label right above the article's <h1> ("Análisis", "Аналитика"), or None."""
    for h1 in tree.xpath(f"//article//h1 | //main//h1 | //h1{_OUTSIDE_ASIDES}")[:1]:
        for sibling in list(h1.itersiblings(preceding=True))[:2]:
            text = plain_text(" ".join(sibling.itertext())) if isinstance(sibling.tag, str) else ""
            if text and TYPE_LABEL.match(text):
                return text
    return None


def _without_field_lists(body: str, event: dict[str, str]) -> str:
    """`body` without an event's date, time and place as the extractor lists them from a
    `<dl>` ("- Date", "- 20–21 January 2027", "- Time", …) where `event` has them: not twice.
    Other fields of the list stay ("- Cost", "- Free"), and a time `event` could not read."""
    read = (
        {"date"}
        | ({"time"} if "T" in event["start"] else set())
        | ({"place"} if "place" in event else set())
    )
    blocks = []
    for block in body.split("\n\n"):
        lines = block.split("\n")
        if not all(line.startswith("- ") for line in lines):
            blocks.append(block)
            continue
        kept, skip = [], False
        for line in lines:
            if skip:
                skip = False
            elif field_of_label(line[2:].strip()) in read:
                skip = True  # the label and the value under it
            else:
                kept.append(line)
        if kept:
            blocks.append("\n".join(kept))
    return "\n\n".join(blocks)


_CITATION_AUTHORS = (
    "//meta[@name='citation_author' or @name='DC.creator' or @name='dc.creator']/@content"
)
"""A journal's authors (Highwire Press tags, Dublin Core): one element each, often "Last, First"."""


def _first_name_first(name: str) -> str:
    """ "Lindqvist, Anna" as "Anna Lindqvist"; a name without one comma as it is."""
    last, comma, first = plain_text(name).partition(",")
    if comma and "," not in first and first.strip() and len(last.split()) <= 3:
        return person_name(f"{first.strip()} {last.strip()}")
    return person_name(plain_text(name))


def _names_in(text: str) -> list[str]:
    """The people a page's author metadata names: one, or a byline's ("Par A et B")."""
    found = byline(text)
    said = BYLINE.match(text) and not re.match(r"d[ai]\s", text, re.I)  # ("Di Wang": a name)
    if found is not None and found[0] and (len(found[0]) > 1 or said):
        return [person_name(name) for name in found[0]]
    return [person_name(text)]


def _ahead(
    event: dict[str, str] | None, published: date | str, review: list[str]
) -> dict[str, str] | None:
    """`event`, unless it began before the page was published: the page reports on it ("Event
    Recap: …"), it announces nothing (a note says so)."""
    if event is None:
        return None
    day = date.fromisoformat(event["start"][:10])
    on = published if isinstance(published, date) else date.fromisoformat(str(published)[:10])
    if day >= on:
        return event
    review[:] = [note for note in review if not note.startswith("event: read from the page")]
    review.append(
        f"event: the page describes an event of {day.isoformat()}, before its publication "
        f"({on.isoformat()}): a report of it, not a notice. Set `kind: event` and `event:` if "
        "it announces one."
    )
    return None


_KEYWORDS_HEADING = re.compile(
    r"^#{2,6} (?:keywords|key words|schlagw[öo]rter|mots-cl[ée]s|palabras clave|parole chiave|"
    r"palavras-chave|trefwoorden|słowa kluczowe|ключевые слова|关键词|キーワード|키워드)\s*:?$",
    re.I,
)


def _without_keyword_list(markdown: str, tags: Sequence[str]) -> tuple[str, list[str]]:
    """`markdown` without a "Keywords" heading over a list of them, when they are the page's
    `tags` (a journal's), and that heading, for the note of what was removed."""
    blocks = markdown.split("\n\n")
    known = {normal_words(t) for t in tags}
    for i, block in enumerate(blocks[:-1]):
        items = [line.lstrip("-* ").strip() for line in blocks[i + 1].split("\n")]
        if (
            _KEYWORDS_HEADING.match(block)
            and blocks[i + 1].lstrip().startswith(("- ", "* "))
            and all(normal_words(item) in known for item in items)
        ):
            heading = block.lstrip("# ").strip()
            return "\n\n".join(blocks[:i] + blocks[i + 2 :]), [heading]
    return markdown, []


def _headline_siblings(tree: etree._Element) -> list[etree._Element]:
    """The three elements right after the page's first `<h1>` outside its asides."""
    return [
        sibling
        for h1 in tree.xpath(f"//h1{_OUTSIDE_ASIDES}")[:1]
        for sibling in list(h1.itersiblings())[:3]
        if isinstance(sibling.tag, str)
    ]


def _under_headline(tree: etree._Element) -> list[str]:
    """The text of the elements right after the page's `<h1>` (its byline and date line,
    which the extractor may drop: "Von A und B · 03.12.2026")."""
    texts = (" ".join(sibling.itertext()) for sibling in _headline_siblings(tree))
    return [plain_text(text) for text in texts if len(text) <= 200]


def _date_in(line: str) -> date | None:
    """The date a line under the headline gives: a date line, or a byline's date."""
    found = byline(line)
    return found[1] if found is not None and found[1] else parse_date(line)


def _is_byline_or_date(text: str, authors: Sequence[str]) -> bool:
    """A line under the headline that is its byline ("Benjamin Hautecouverture, maître de
    recherche", "By A and B") or its date ("Publié le 5 février 2026")."""
    if word_count(text) > 25:
        return False
    if parse_date(text) is not None or byline(text) is not None:
        return True
    names = [normal_words(a) for a in authors if a]
    shown = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1 ", text)  # a linked name: its text
    first = normal_words(re.split(r"[,|·–—]", shown, maxsplit=1)[0])
    named = any(n and f" {n} " in f" {first} " for n in names)
    if named and word_count(first) <= 8 and not ends_sentence(text):
        return True  # "[Dr Samuel Osei](…)Research Associate — published Dec 08, 2026"
    if word_count(text) > 12 or ends_sentence(text):  # a sentence that names them
        return False
    return bool(names) and first in names


_SHOWN = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)\)")


def lead_image_alt(markdown: str, src: str) -> str | None:
    """The alt text the text gives the hero `src` where it shows it near its top, or None."""
    for block in markdown.split("\n\n")[:3]:
        shown = _SHOWN.fullmatch(block.strip())
        if shown and _size_free(shown["src"]) == _size_free(src) and shown["alt"].strip():
            alt = re.sub(r"\\([\\`*\[\]_])", r"\1", shown["alt"].strip())  # escape_text undone
            return unescape(alt)
    return None


def drop_lead_image(markdown: str, src: str, image: dict[str, str]) -> str:
    """`markdown` without the hero picture where the text shows it again near its top (at any
    size: "/size/w1200/" or "-1200x630" beside the original), nor the caption or credit line
    under it (or left at the top without it), which `image:` carries."""
    blocks = markdown.split("\n\n")
    said = {plain_text(image.get(k, "")) for k in ("caption", "credit")} - {""}

    def is_caption(i: int) -> bool:
        under = _plain(blocks[i]) if i < len(blocks) else ""
        return bool(said) and bool(under) and (under in said or all(p in under for p in said))

    for i, block in enumerate(blocks[:3]):
        shown = _SHOWN.fullmatch(block.strip())
        if shown and _size_free(shown["src"]) == _size_free(src):  # (so the stems agree)
            del blocks[i]
            if is_caption(i):
                del blocks[i]  # the caption, its credit, or both
            return "\n\n".join(blocks)
    if blocks and blocks[0].startswith(("*", "_")) and is_caption(0):
        del blocks[0]  # the extractor dropped the picture and kept its caption
    return "\n\n".join(blocks)


def _size_free(src: str) -> str:
    """An image's address without the size a CMS serves it at (Ghost's "/size/w1200/",
    WordPress's "-1200x630", "?w=1200", Blogger's "/s640/", Medium's "resize:fit:1400",
    Astro's "natanz.B7xk2Q_Z1Hd3v.webp" for "natanz.B7xk2Q.webp")."""
    path = urlsplit(src).path
    path = re.sub(r"/size/w\d+(?:h\d+)?/", "/", path)
    path = re.sub(
        r"/(?:s\d+|w\d+-h\d+)(?:-[a-z0-9]+)*/", "/", path
    )  # Blogger's "/w1200-h630-p-k-no-nu/"
    path = re.sub(r"/(?:v2/)?resize:[^/]+/|/max/\d+/", "/", path)  # Medium's "resize:fit:1200"
    path = re.sub(r"(\.[A-Za-z0-9_-]{6,8})_[A-Za-z0-9_-]{6,8}(?=\.\w+$)", r"\1", path)  # Astro's
    return re.sub(r"-\d+x\d+(?=\.\w+$)", "", path).lower()
