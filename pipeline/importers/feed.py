"""Import a feed (RSS, Atom or JSON Feed; URL or file) with feedparser: one content draft per new
entry.

Entries that carry their full text use it; summary-only entries fetch their page. Nothing is
written here: the caller checks every draft first, then writes all of them or none.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit
from zoneinfo import ZoneInfo

import feedparser
from lxml import html as lxml_html

from pipeline.errors import ImportFailed
from pipeline.importers import footnotes
from pipeline.importers.attachments import with_audio
from pipeline.importers.bylines import byline, is_placeholder, names_people, person_name
from pipeline.importers.cms_cards import MEMBERS_ONLY_NOTE, cards_as_text, public_part
from pipeline.importers.draft import (
    ContentDraft,
    ImportedIndex,
    canonical_url,
    declared_language,
    give_distinct_slug,
    no_date_note,
    primary_language,
    slug_from_url,
    slugify,
)
from pipeline.importers.fetch import Fetched, decode_text
from pipeline.importers.html_markdown import (
    find_video,
    html_to_markdown,
    parse_html,
    plain_text,
)
from pipeline.importers.https_hosts import HttpsHosts
from pipeline.importers.json_feed import parse_json_feed
from pipeline.importers.language_guess import guess_language
from pipeline.importers.page import (
    MIN_WORDS,
    TRUNCATED,
    Imported,
    Known,
    drop_lead_image,
    lead_image_alt,
    split_tags,
)
from pipeline.importers.scrape import kind_of_label, kind_of_text
from pipeline.importers.scrape_event import announced_event

_XML_DECLARATION = re.compile(r"^(\s*<\?xml[^>]*?encoding\s*=\s*)([\"'])[\w.:-]+\2")
# Yoast and other plugins append this to every feed item; it is not part of the commentary.
_FEED_FOOTER = re.compile(
    r"\s*(?:The post .+? appeared first on .+?\.?"
    r"|(?:^|(?<=[.!?]\s))[^\s.!?][^.!?]{0,300}? was originally published (?:in .+? )?on Medium, "
    r".*?)\s*$",
    re.S,
)
"""WordPress's "The post X appeared first on Y." and Medium's "X was originally published in Y
on Medium, where people are continuing the conversation…": a paragraph (fullmatch), or the end
of a summary ("… […] The post X appeared first on Y.")."""
_IGNORED_TAGS = {"uncategorized", "uncategorised"}
JSON_TYPES = {"application/feed+json", "application/json"}


@dataclass
class FeedResult:
    """New drafts, entries already imported, and what an editor should know."""

    drafts: list[ContentDraft] = field(default_factory=list)
    skipped: list[tuple[str, Path]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    entries: int = 0


PageFetcher = Callable[[str, Known], Imported]
"""Fetch an entry's page and import it (given what the entry said about it)."""


def parse_feed(fetched: Fetched) -> tuple[Any, list[str]]:
    """feedparser's result for a feed's bytes (a JSON Feed's in its shape), or ImportFailed for
    anything that is not a feed."""
    text, note = decode_text(fetched)
    if fetched.media_type in JSON_TYPES or text.lstrip("\ufeff \t\r\n")[:1] == "{":
        return parse_json_feed(text, fetched.source), [note] if note else []
    # feedparser trusts a declared charset even when it is wrong: hand it UTF-8 that says so.
    data = _XML_DECLARATION.sub(r"\1\2utf-8\2", text, count=1).encode("utf-8")
    parsed = feedparser.parse(
        io.BytesIO(data),
        response_headers={"content-type": "application/xml; charset=utf-8"},
        sanitize_html=False,  # nh3 sanitises; feedparser's own pass would drop the video iframes
        resolve_relative_uris=True,
    )
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        if not isinstance(exc, feedparser.CharacterEncodingOverride):
            line = getattr(exc, "getLineNumber", lambda: None)()
            where = f" (line {line})" if line else ""
            raise ImportFailed(f"{fetched.source}: malformed feed{where}: {exc}")
    if not parsed.get("version"):
        raise ImportFailed(f"{fetched.source}: not an RSS or Atom feed")
    return parsed, [note] if note else []


def _entry_date(entry: Any, zone: ZoneInfo) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            year, month, day, hour, minute, second = value[:6]
            stamp = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
            return stamp.astimezone(zone).isoformat()
    return None


def _full_content(entry: Any) -> str | None:
    """The entry's full text (HTML), or None when it carries only a summary; its in-page links
    (`#fn1`) are in-page again where feedparser resolved them against the feed's base."""
    # feedparser files a <media:description> under `content` as text/plain: with media in the
    # entry, plain text is that caption, not the article (the page is fetched instead).
    plain = set() if entry.get("media_content") else {"text/plain"}
    contents = [
        c
        for c in entry.get("content") or []
        if c.get("type") in {"text/html", "application/xhtml+xml", *plain}
    ]
    if not contents:
        return _full_description(entry)
    value = _escaped_once(str(contents[0].get("value") or ""))
    if contents[0].get("type") == "text/plain":
        value = "".join(f"<p>{_escape(p)}</p>" for p in re.split(r"\n\s*\n", value) if p.strip())
    # feedparser copies the content into `summary` when there is none, so no comparison there.
    text = plain_text(value)
    if not text or TRUNCATED.search(text):
        return None
    return _in_page_again(value, str(contents[0].get("base") or ""))


_FULL_TEXT_WORDS = 150
"""A description this long, in paragraphs, that ends on no "…" or "Read more", is the whole
text, not a summary (as is a Drupal body field of any length)."""


def _full_description(entry: Any) -> str | None:
    """The entry's `<description>` where it is the whole text (HTML in two paragraphs or more,
    long, not cut short), with Drupal's field wrappers taken off; else None."""
    detail = entry.get("summary_detail") or {}
    value = str(detail.get("value") or "")
    if detail.get("type") != "text/html" or len(re.findall(r"<(?:p|h[2-6])\b", value)) < 2:
        return None
    body = _drupal_body(value)  # Drupal's "full content" view mode: its body field, whole
    text = plain_text(body)
    least = MIN_WORDS if body != value else _FULL_TEXT_WORDS
    if len(text.split()) < least or TRUNCATED.search(text):
        return None
    return _in_page_again(body, str(detail.get("base") or ""))


def _drupal_body(html: str) -> str:
    """The body field of a Drupal node's fields ("field--name-body"), without the title and
    author fields around it; `html` itself where it has none."""
    if "field--name-body" not in html:
        return html
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    found = root.xpath("//*[contains(concat(' ', @class, ' '), ' field--name-body ')]")
    if not found:
        return html
    return "".join(str(lxml_html.tostring(child, encoding="unicode")) for child in found[0]) or html


def _drupal_authors(entry: Any) -> list[str]:
    """The names in a Drupal description's author field ("field--name-field-authors")."""
    html = str((entry.get("summary_detail") or {}).get("value") or "")
    if "field--name-field-author" not in html:
        return []
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    items = root.xpath(
        "//*[contains(@class, 'field--name-field-author')]"
        "//*[contains(concat(' ', normalize-space(@class), ' '), ' field__item ')]"
    )
    return [name for item in items if (name := plain_text(item.text_content()))]


_ESCAPED_TAG = re.compile(r"&lt;/?(?:p|div|h[1-6]|ul|ol|li|a|br|strong|em|blockquote)\b", re.I)
_TAG = re.compile(r"<(?:p|div|h[1-6]|ul|ol|li|br|blockquote)\b", re.I)


def _escaped_once(html: str) -> str:
    """`html` unescaped once where the feed escaped its markup twice (a CDATA section holding
    "&lt;p&gt;…"): tags written as text, and none as tags."""
    if _ESCAPED_TAG.search(html) and not _TAG.search(html):
        return unescape(html)
    return html


def _in_page_again(html: str, base: str) -> str:
    """`html` with each `href="{base}#x"` (how feedparser resolves `#x`) back to `href="#x"`."""
    where = urldefrag(base)[0]
    if not where:
        return html
    prefixes = "|".join(re.escape(p) for p in sorted({where, where.replace("&", "&amp;")}))
    return re.sub(rf"""(href\s*=\s*["']?)(?:{prefixes})#""", r"\1#", html)


def media_image(entry: Any) -> tuple[dict[str, str], str | None]:
    """The entry's media:content image as caption and credit, and one note for its alt text.

    A feed gives no alt text (media:description describes the story as often as the picture),
    so the address goes to the editor in the note; the image builds once alt is added.
    """
    url = _image_url(entry)
    if url is None:
        return {}, None
    captions = [
        plain_text(c.get("value"))
        for c in entry.get("content") or []
        if c.get("type") == "text/plain"
    ]
    credits = [plain_text(c.get("content")) for c in entry.get("media_credit") or []]
    image = {
        "caption": next((c for c in captions if c), ""),
        "credit": next((c for c in credits if c), ""),
    }
    image = {k: v for k, v in image.items() if v}
    return image, (
        f"image: the feed's image {url} comes without alt text; add image.src: {url} and "
        "image.alt (describe the image), or leave the commentary without one."
    )


def _image_url(entry: Any) -> str | None:
    """The entry's https image: its media:content, else an image <enclosure> (WordPress
    plugins, Squarespace), else its media:thumbnail."""
    candidates = [
        (media.get("url"), media.get("medium") or media.get("type"))
        for media in entry.get("media_content") or []
    ]
    candidates += [(e.get("href"), e.get("type")) for e in entry.get("enclosures") or []]
    candidates += [(t.get("url"), "image") for t in entry.get("media_thumbnail") or []]
    for url, kind in candidates:
        if str(url or "").startswith("https://") and str(kind or "").startswith("image"):
            return str(url)
    return None


def _first_words(text: str, most: int = 70) -> str:
    """The text's first sentence, or its first words up to `most` characters, as a title."""
    sentence = re.split(r"(?<=[.!?。])\s", text.strip(), maxsplit=1)[0].rstrip(".")
    if len(sentence) <= most:
        return sentence
    return sentence[:most].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _entry_language(entry: Any, feed_language: str | None, body: str) -> str | None:
    """The entry's declared language (its content's `xml:lang`), else the one its text is in
    where that differs from the feed's (a bilingual feed), else the feed's."""
    own = declared_language(*(str(c.get("language") or "") for c in entry.get("content") or []))
    if own:
        return own
    read = guess_language(body)
    fed = declared_language(feed_language)
    if read and fed and read.split("-")[0] != fed.split("-")[0]:
        return read
    return fed


def _audio_url(entry: Any) -> str | None:
    """A podcast episode's recording: the entry's audio `<enclosure>` (or media:content)."""
    candidates = [(e.get("href"), e.get("type")) for e in entry.get("enclosures") or []]
    candidates += [(m.get("url"), m.get("type")) for m in entry.get("media_content") or []]
    for url, kind in candidates:
        if str(url or "").startswith("https://") and str(kind or "").startswith("audio/"):
            return str(url)
    return None


_SUMMARY_CHARS = 300


def _without_feed_footer(text: str) -> str:
    """`text` without a feed's footer at its end (`_FEED_FOOTER`, looked for only where its
    words are: the pattern would be tried at every character)."""
    if "appeared first on" in text or "originally published" in text:
        return _FEED_FOOTER.sub("", text)
    return text


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_WIDGETS = (
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' sharedaddy ') or "
    "contains(@class, 'jp-relatedposts') or contains(@class, 'wpcnt') or "
    "contains(@class, 'subscription-widget') or contains(@class, 'button-wrapper') or "
    "contains(@class, 'share-dialog') or @id='templatePreheader' or @id='templateHeader' or "
    "@id='templateFooter' or contains(@class, 'mcnFollowBlock') or "
    "contains(@class, 'mcnPreviewText')]"
)
"""What plugins put into an entry's content: Jetpack's share buttons and related posts, a
Substack subscribe or share button, a Mailchimp campaign's "View this email in your browser",
its logo, its social buttons and its footer (address, unsubscribe)."""
_READER_SUPPORTED = re.compile(
    r"^\s*.{0,80}\bis a reader-supported publication\b.*$|^\s*(subscribe now|share)\s*$", re.I
)


def _without_footer(fragment: str) -> str:
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    cards_as_text(root)  # Ghost's bookmark and call-to-action cards
    # drop_tree: the text that follows an element in its parent stays
    for widget in root.xpath(_WIDGETS):
        if widget.getparent() is not None:
            widget.drop_tree()
    for paragraph in root.findall(".//p"):  # Substack's appeal to subscribe
        if _READER_SUPPORTED.match(paragraph.text_content()) and paragraph.getparent() is not None:
            paragraph.drop_tree()
    paragraphs = root.findall(".//p")
    last = paragraphs[-1] if paragraphs else None
    if (
        last is not None
        and last.getparent() is not None
        and _without_feed_footer(last.text_content()) == ""
    ):
        rule = last.getprevious()  # Medium's <hr> over it
        if rule is not None and rule.tag == "hr" and not (rule.tail or "").strip():
            rule.drop_tree()
        last.drop_tree()
    return str(lxml_html.tostring(root, encoding="unicode"))


def import_feed(
    fetched: Fetched,
    *,
    index: ImportedIndex,
    zone: ZoneInfo,
    today: date,
    fetch_page: PageFetcher,
    https: HttpsHosts | None = None,
) -> FeedResult:
    """Drafts for every entry not yet in content/; every failure reported, nothing half-done.

    `https`: the hosts whose `http://` links in an entry's content are written as https.
    """
    parsed, warnings = parse_feed(fetched)
    feed_language = str(parsed.feed.get("language") or "") or None  # <language>, xml:lang
    result = FeedResult(warnings=warnings, entries=len(parsed.entries))
    problems: list[str] = []
    taken = set(index.by_slug)
    listed: set[str] = set()
    # Relative entry links resolve against the feed's address, or a file's channel <link>;
    # relative links in the content, against the entry's (feedparser applies xml:base to both).
    site = fetched.url or str(parsed.feed.get("link") or "")
    for number, entry in enumerate(parsed.entries, start=1):
        link = _absolute(_entry_link(entry).strip(), site)
        guid = str(entry.get("id") or link).strip() or None
        label = f"{fetched.source}: entry {number}" + (f" ({link})" if link else "")
        canonical = canonical_url(link) if link else None  # courlan: once an entry
        found = index.find(canonical, guid)
        if found:
            result.skipped.append((link or guid or label, found))
            continue
        keys = {f"guid:{guid}"} if guid else set()
        keys |= {f"url:{canonical}"} if canonical else set()
        if keys & listed:  # the feed lists this article again: imported once
            continue
        listed |= keys
        try:
            imported = _entry_draft(
                entry, link, guid, zone, today, fetch_page, label, https, feed_language
            )
        except ImportFailed as exc:
            problems.append(str(exc))
            continue
        draft = imported.draft
        found = index.find(draft.url, None)  # a page fetched for its text may name another URL
        if found:
            result.skipped.append((link or guid or label, found))
            continue
        renamed = give_distinct_slug(draft, taken)
        if renamed:
            result.warnings.append(f"{label}: {renamed}")
        result.warnings.extend(f"{label}: {w}" for w in imported.warnings)
        result.drafts.append(draft)
    if problems:
        raise FeedImportFailed(fetched.source, problems)
    return result


def _names_of(creator: str) -> list[str]:
    """The people one `<dc:creator>` names: Ghost and others join co-authors in it ("Grace
    Whitfield, Arjun Menon"); a name with a comma in it that names no two people stays whole."""
    if not re.search(r",|\s(?:and|&|und|et|y)\s", creator):
        return [creator]
    found = byline(f"By {creator}")
    parts = list(found[0]) if found else []
    return parts if len(parts) > 1 and all(names_people(p) for p in parts) else [creator]


_GUEST = re.compile(
    r"^[*_]*(?:this is )?an? guest (?:post|essay|column|contribution|piece) (?:by|from) "
    r"(?P<names>[^,.*_()]{3,80})",
    re.I,
)
"""A guest post's first line, naming its author over the feed's (the blog owner's)."""


def _entry_link(entry: Any) -> str:
    """The entry's own page: its `rel="alternate"` link in its language (a bilingual feed
    links each translation to the other too: feedparser's `link` is the last of them), else
    its first alternate, else `link`."""
    alternates = [
        link for link in entry.get("links") or []
        if link.get("rel", "alternate") == "alternate" and link.get("href")
    ]  # fmt: skip
    pages = [a for a in alternates if "html" in str(a.get("type") or "html")]
    alternates = pages or alternates
    if len(alternates) > 1:
        language = primary_language(str((entry.get("title_detail") or {}).get("language") or ""))
        same = [a for a in alternates if primary_language(str(a.get("hreflang") or "")) == language]
        return str((same or alternates)[0]["href"])
    return str(entry.get("link") or "")


def _absolute(link: str, site: str) -> str:
    """An entry's `link`, resolved against `site` when it is relative and that an address."""
    if not link or urlsplit(link).scheme or not urlsplit(site).scheme:
        return link
    return urljoin(site, link)


class FeedImportFailed(ImportFailed):
    """Some entries could not be imported: every one is listed, and nothing was written."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(f"{source}: {len(problems)} entries failed; nothing was written")

    def lines(self) -> list[str]:
        return [f"error: {p}" for p in self.problems] + [f"error: {self}"]


def _entry_draft(
    entry: Any,
    link: str,
    guid: str | None,
    zone: ZoneInfo,
    today: date,
    fetch_page: PageFetcher,
    label: str,
    https: HttpsHosts | None,
    feed_language: str | None = None,
) -> Imported:
    title = plain_text(entry.get("title"))
    when = _entry_date(entry, zone)
    names = [
        person_name(plain_text(a["name"])) for a in entry.get("authors") or [] if a.get("name")
    ]
    if not names and entry.get("author"):
        names = [person_name(plain_text(entry.get("author")))]
    # Drupal's author field over its <dc:creator>, the account that posted the node
    names = _drupal_authors(entry) or [part for name in names for part in _names_of(name)]
    authors = [a for a in names if a and not is_placeholder(a)]
    # feedparser lists a <category> and a <dc:subject> of the same name twice: each tag once.
    tags = [
        term
        for term in split_tags(  # Atom's label is the name; its term may be a slug ("nwfz")
            [str(t.get("label") or t.get("term") or "") for t in entry.get("tags") or []]
        )
        if term.lower() not in _IGNORED_TAGS
    ]
    content = _full_content(entry)
    recording = _audio_url(entry)
    if content is None and not link and recording and entry.get("summary"):
        content = str(entry.get("summary"))  # a podcast's episode: the show notes are its text
    if content is None:
        if not link:
            raise ImportFailed(f"{label}: only a summary, and no link to fetch the text from")
        known = Known(
            title=title or None, date=when, authors=tuple(authors), tags=tuple(tags), guid=guid
        )
        imported = fetch_page(link, known)
        page = imported.draft  # a podcast's page may play its recording in no <audio>
        page.body = with_audio(page.body, recording, page.title, page.review, "feed")
        return imported

    canonical = canonical_url(link) if link else None
    review: list[str] = []
    warnings: list[str] = []
    if not title:  # (Blogger's untitled posts): its first words, for the editor to replace
        title = _first_words(plain_text(content))
        if not title:
            raise ImportFailed(f"{label}: the entry has no title and no text")
        note = f'title: the entry has none; "{title}" is its first words. Write one.'
        review.append(note)
        warnings.append(note)
    if canonical and not canonical.startswith("https://"):
        note = f"url: the entry's link {canonical} is not https; set `url` to its https address."
        review.append(note)
        warnings.append(note)
        canonical = None
    if when is None:
        note = no_date_note(today)
        review.append(note)
        warnings.append(note)
    content, paywalled = public_part(content)
    if paywalled:
        review.append(MEMBERS_ONLY_NOTE)
        warnings.append(MEMBERS_ONLY_NOTE)
    fragment = _without_footer(content)
    hosts = https.with_url(canonical) if https else None
    base = canonical or link or None
    taken = footnotes.take(f"<html><body>{fragment}</body></html>", base)
    converted = html_to_markdown(taken.html if taken else fragment, base, hosts)
    if not converted.markdown.strip():
        raise ImportFailed(f"{label}: the entry's content has no text")
    review.extend(converted.notes)
    body = footnotes.placed(converted.markdown, taken, base, hosts, review)
    body = with_audio(body, recording, title, review, "feed")
    image, image_note = media_image(entry)
    shown = _image_url(entry)
    if shown and (alt := lead_image_alt(body, shown)):  # the text opens with it, described
        image = {"src": shown, "alt": alt, **image}
        body, image_note = drop_lead_image(body, shown, image), None
        if alt.casefold() == title.casefold():  # Ghost's default
            image_note = "image: its alt text repeats the title; describe the picture instead."
    if image_note:
        review.append(image_note)
    summary = " ".join(_without_feed_footer(plain_text(entry.get("summary"))).split())
    if len(summary) > _SUMMARY_CHARS:  # a summary this long may be the whole text
        whole = " ".join(plain_text(fragment).split())
        if whole and whole in summary:  # no <description> (Medium), or it is the text (Drupal)
            summary = ""
    published = date.fromisoformat(when[:10]) if when else today
    event = announced_event(title, body.split("\n\n"), published)  # "Webinar: …", "Join us on …"
    if event:
        timed = "" if "T" in event["start"] else " (no time with its zone: add it)"
        review.append(
            f"event: read from the entry's text, which has no event data{timed}. Check the "
            "start, end, place and registration link."
        )
    guest = _GUEST.match(body.lstrip())  # "A guest post by Oren Katz, …": not the blog's owner
    if guest and (guests := byline(f"By {guest['names']}")) is not None and guests[0]:
        authors = list(guests[0])
    kind: str | None = "event" if event else None
    call: dict[str, str] = {}
    comments = {"kind": "the entry's title and text announce an event"} if event else {}
    named = None if event else kind_of_text(title, body.split("\n\n"), tags)
    if named is not None:  # "Call for Papers: …", "Vacancy: …", "Interview: …"
        kind, comments["kind"], call, notes = named
        review += notes
    elif not event and len(labelled := {k for t in tags if (k := kind_of_label(t))}) == 1:
        kind = labelled.pop()  # its one category that names a kind ("Op-Eds")
        comments["kind"] = "the entry's category says so"
    draft = ContentDraft(
        slug=(slug_from_url(canonical) if canonical else None) or slugify(title),
        title=title,
        date=when or today,
        body=body,
        url=canonical,
        guid=guid if guid != canonical else None,
        summary=None if not summary or TRUNCATED.search(summary) else summary,
        authors=authors,
        tags=tags,
        image=image,
        video=find_video(parse_html(f"<html><body><article>{content}</article></body></html>")),
        review=review,
        language=_entry_language(entry, feed_language, body),
        kind=kind,
        event=event,
        call=call,
        comments=comments,
    )
    return Imported(draft, warnings)
