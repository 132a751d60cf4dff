"""Turn one source (URL or file: page, feed or text scrape) into content files, all or nothing.

    source ─► fetch/read ─► kind (detected, or --kind) ─► drafts ─► dedupe ─► check ─► write

Drafts are checked exactly as the build reads content (pipeline.content.read_article) before
anything is written, so a failing source leaves `content/` as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from pipeline.errors import ImportFailed
from pipeline.importers.draft import (
    ContentDraft,
    ImportedIndex,
    check_drafts,
    give_distinct_slug,
    write_drafts,
)
from pipeline.importers.feed import JSON_TYPES, import_feed
from pipeline.importers.fetch import Fetched, Fetcher, decode_text, is_url, looks_binary, read_file
from pipeline.importers.https_hosts import HttpsHosts
from pipeline.importers.json_feed import LOOKS_LIKE
from pipeline.importers.page import Imported, Known, import_page
from pipeline.importers.scrape import import_scrape_text, read_scrape_text
from pipeline.site import Site

Kind = Literal["page", "feed", "scrape"]
KINDS = ("auto", "page", "feed", "scrape")

PAGE_TYPES = {"text/html", "application/xhtml+xml"}
FEED_TYPES = {
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    *JSON_TYPES,
}
TEXT_TYPES = {"text/plain"}
_SUFFIXES: dict[str, Kind] = {
    ".html": "page",
    ".htm": "page",
    ".xhtml": "page",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
    ".json": "feed",
    ".txt": "scrape",
}


@dataclass(frozen=True)
class ImportRequest:
    """One `pipeline import` source and the editor's options."""

    source: str
    kind: Literal["auto", "page", "feed", "scrape"] = "auto"
    url: str | None = None
    """The page's canonical URL (page and scrape only)."""
    on: date | None = None
    """The publication date (page and scrape only)."""
    force: bool = False
    """Overwrite: re-import a page already imported, or replace a file of the same name."""


@dataclass
class ImportReport:
    """What one source gave: files written, entries already imported, warnings."""

    source: str
    kind: Kind
    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, Path]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    review_notes: int = 0
    entries: int | None = None


def sniff(body: bytes) -> Kind | None:
    """The kind, "feed" or "page", from the document's first element, or None when neither shows."""
    head = re.sub(
        rb"<!--.*?-->", b"", body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n"), flags=re.S
    ).lower()
    if re.search(rb"<(rss|feed|rdf:rdf)[\s>]", head) or LOOKS_LIKE.match(body):
        return "feed"  # (a JSON Feed too)
    if re.search(rb"<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", head):
        return "page"
    return None


def _textual(media: str) -> bool:
    return (
        media in PAGE_TYPES or media in FEED_TYPES or media in TEXT_TYPES or media.endswith("+xml")
    )


def detect_kind(fetched: Fetched) -> Kind:
    """The kind of a fetched URL (Content-Type, then content) or a file (suffix, then content)."""
    media = fetched.media_type
    if fetched.url is not None and media and not _textual(media):
        raise ImportFailed(
            f"{fetched.source}: the server says this is {media}, not an HTML page, a feed or text"
        )
    if looks_binary(fetched.body):
        raise ImportFailed(
            f"{fetched.source}: looks binary (contains NUL bytes), "
            "not an HTML page, a feed or a text scrape"
        )
    sniffed = sniff(fetched.body)
    if fetched.url is not None and media:
        if media in PAGE_TYPES:
            return "feed" if sniffed == "feed" else "page"
        if media in TEXT_TYPES:
            return sniffed or "scrape"
        return "page" if sniffed == "page" else "feed"
    suffix = Path(fetched.source).suffix.lower() if fetched.url is None else ""
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    if sniffed:
        return sniffed
    if fetched.url is None:
        return "scrape"
    raise ImportFailed(
        f"{fetched.source}: neither an HTML page nor a feed; pass --kind to say which"
    )


def _check_declared(fetched: Fetched, kind: Kind) -> None:
    """With --kind, the content must still be text: never parse an image as a page."""
    media = fetched.media_type
    if fetched.url is not None and media and not _textual(media):
        raise ImportFailed(f"{fetched.source}: the server says this is {media}, not a {kind}")
    if looks_binary(fetched.body):
        raise ImportFailed(f"{fetched.source}: looks binary (contains NUL bytes), not a {kind}")


class Importer:
    """Imports sources into one content folder; one HTTP client for all of them."""

    def __init__(self, content_dir: Path, site: Site, today: date, fetcher: Fetcher) -> None:
        self.content_dir = content_dir
        self.site = site
        self.today = today
        self.fetcher = fetcher
        settings = site.import_
        self.https = (
            HttpsHosts.from_settings(settings.https_hosts, site.base_url, site.public_url)
            if settings.https_upgrade
            else None
        )

    def load(self, source: str) -> Fetched:
        return self.fetcher.get(source) if is_url(source) else read_file(Path(source))

    def run(self, request: ImportRequest) -> ImportReport:
        """Import `request.source`; ImportFailed (nothing written) or the report."""
        fetched = self.load(request.source)
        if request.kind == "auto":
            kind = detect_kind(fetched)
        else:
            kind = request.kind
            _check_declared(fetched, kind)
        if kind == "feed" and (request.url or request.on):
            raise ImportFailed("--url and --date describe one page or scrape, not a feed")
        index = ImportedIndex.scan(self.content_dir, self.site.base_url)
        report = ImportReport(request.source, kind)
        if kind == "feed":
            result = import_feed(
                fetched,
                index=index,
                zone=self.site.tz,
                today=self.today,
                fetch_page=self._entry_page,
                https=self.https,
            )
            drafts = result.drafts
            report.skipped, report.warnings, report.entries = (
                result.skipped,
                result.warnings,
                result.entries,
            )
            targets = [(d, self._target(d)) for d in drafts]
        else:
            imported = self._single(fetched, kind, request)
            draft = imported.draft
            found = index.find(draft.url, draft.guid)
            if found and not request.force:  # nothing written: the draft's warnings do not apply
                report.skipped.append((draft.url or draft.guid or request.source, found))
                return report
            report.warnings = imported.warnings
            if not found:  # a new article: never the file of another one, --force or not
                renamed = give_distinct_slug(draft, set(index.by_slug))
                if renamed:
                    report.warnings.append(renamed)
            targets = [(draft, found or self._target(draft))]
        for draft, _ in targets:
            draft.for_site(self.site.language)
        check_drafts(targets, self.site)
        report.written = write_drafts(targets, force=request.force)
        report.review_notes = sum(len(d.review) for d, _ in targets)
        return report

    def _target(self, draft: ContentDraft) -> Path:
        return self.content_dir / draft.collection / f"{draft.slug}.md"

    def _single(self, fetched: Fetched, kind: Kind, request: ImportRequest) -> Imported:
        if kind == "scrape" and fetched.url is None:
            text, note = read_scrape_text(Path(fetched.source)), None  # strict UTF-8, as before
        else:
            text, note = decode_text(fetched)
        if kind == "scrape":
            page_url = request.url or (fetched.url if fetched.url else None)
            draft, warnings = import_scrape_text(
                text, fetched.source, self.site.name, page_url, request.on, self.today
            )
            imported = Imported(draft, warnings)
        else:
            imported = import_page(
                text,
                source=fetched.source,
                page_url=fetched.url,
                site_name=self.site.name,
                today=self.today,
                url=request.url,
                on=request.on,
                https=self.https,
            )
        if note:
            imported.warnings.insert(0, note)
        return imported

    def _entry_page(self, link: str, known: Known) -> Imported:
        fetched = self.fetcher.get(link, from_entry=True)
        kind = detect_kind(fetched)
        if kind != "page":
            raise ImportFailed(f"{link}: the entry's link is a {kind}, not a page")
        text, note = decode_text(fetched)
        imported = import_page(
            text,
            source=link,
            page_url=fetched.url,
            site_name=self.site.name,
            today=self.today,
            known=known,
            https=self.https,
        )
        if note:
            imported.warnings.insert(0, note)
        return imported
