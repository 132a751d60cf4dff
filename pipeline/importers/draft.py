"""What every importer produces: a content file draft, written atomically, never clobbering."""

from __future__ import annotations

import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from datetime import date as Day
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

import courlan
import yaml

from pipeline.content import FRONT_MATTER_RE, content_files, read_article
from pipeline.errors import ContentError, ImportFailed, Problem
from pipeline.importers.words import UNSPACED
from pipeline.site import Site, language_tag
from pipeline.writer import write_atomic

# Query parameters that never belong in a canonical URL.
_NON_CANONICAL_PARAMS = re.compile(
    r"^(amp|output|utm_\w+|mtm_\w+|pk_\w+|fbclid|gclid|dclid|msclkid|igshid|yclid|twclid|"
    r"mc_cid|mc_eid|_ga|_gl|ref|referrer|source|ref_src|share|via|xtor)$",
    re.I,
)
"""Query parameters that track a visit or pick a view, never which page it is. courlan's own
list drops more ("uid", "cid", "eid"), which name the article on many CMSs' pages: its
cleaning is not taken for the query."""


@lru_cache(maxsize=4096)  # an import looks one URL up several times (index, draft)
def canonical_url(url: str) -> str:
    """`url` without AMP markers, tracking parameters or fragment; https kept as given.

    courlan normalises the rest (host case, default port); the query keeps what names the
    page, in order (`?uid=11&pid=2874` is a page of its own).
    """
    try:
        normal = courlan.normalize_url(url.strip())
    except ValueError:  # not a URL courlan can parse: keep what was given, cleaned below
        normal = url.strip()
    parts = urlsplit(normal)
    given = urlsplit(url.strip()).query  # (the query as given: see _NON_CANONICAL_PARAMS)
    query = sorted(
        (k, v)
        for k, v in parse_qsl(given, keep_blank_values=True)
        if not _NON_CANONICAL_PARAMS.match(k)
    )
    path = re.sub(r"/amp/?$", "/", parts.path) or "/"
    path = path.replace("%40", "@")  # courlan quotes it; a path may hold it (/@name/)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(query), ""))


def no_date_note(today: date) -> str:
    """The review note of a piece imported without a date: importers never invent one."""
    return (
        f"date: the source has no date; {today.isoformat()} is the import day. "
        "Confirm or correct it."
    )


def normal_words(text: str) -> str:
    """`text` as words for comparing two names of one thing: lower case, accents folded,
    punctuation as spaces ("Centre d'Études" and "centre-d-etudes" are "centre d etudes");
    letters of every script kept ("Анализ", "分析")."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", folded.casefold()).split())


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by '-', at most 80 characters and whole words: accents
    folded, other scripts transliterated (anyascii: "После ДСНВ" is posle-dsnv, "核能" he-neng)."""
    return _slug_words(text) or "untitled"


def _slug_words(text: str) -> str:
    from anyascii import anyascii

    text = re.sub(r"['\u2019\u02bc]", "", unicodedata.normalize("NFKC", text))  # Japan's: japans
    # a syllable of a script without spaces is a word of the slug ("亚洲" ya-zhou)
    ascii_text = "".join(f" {anyascii(c)} " if UNSPACED.match(c) else anyascii(c) for c in text)
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) <= 80:
        return slug
    cut = slug[:81].rsplit("-", 1)[0]  # whole words (one longer word alone is cut)
    return cut if len(cut) >= 40 else slug[:80].rstrip("-")


_NO_SLUG = re.compile(
    r"\d+|index|default|article|page|post|view|detail|details|show|news|read|item|story|content",
    re.I,
)
"""Last segments of an address that name no article ("/news/12345/", "/article.php")."""


def slug_from_url(url: str) -> str | None:
    """The slug an article's address gives ("/2026/03/the-npt-at-55.html": the-npt-at-55,
    percent-encoded Cyrillic transliterated), or None where its last segment names none."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    if not segments:
        return None
    script = re.search(r"\.(?:php\d?|aspx?|jspx?|cfm|do|action|cgi)$", segments[-1], re.I)
    if script and urlsplit(url).query:
        return None  # "commentary.cfm?id=2871": the script names its section; the query, the page
    last = re.sub(r"(?:\.doc)?\.(?:s?html?|php\d?|aspx?|jspx?|cfm|do|action)$", "", unquote(segments[-1]),
                  flags=re.I)  # fmt: skip
    slug = _slug_words(last)
    # Joomla's "214-black-sea-deconfliction": the article's number is no word of it (a year is)
    slug = re.sub(r"^(?!(?:19|20)\d\d-)\d+-(?=[a-z][a-z0-9]*-[a-z])", "", slug)
    # Medium's "the-quiet-end-of-verification-3f2a1b9c8d7e": the post's id is no word of it
    slug = re.sub(r"(?<=[a-z])-(?=[a-f]*\d)(?=\d*[a-f])[0-9a-f]{10,16}$", "", slug)
    return None if not slug or _NO_SLUG.fullmatch(slug.replace("-", "")) else slug


@dataclass
class ContentDraft:
    """A commentary about to become `content/<collection>/<slug>.md`."""

    slug: str
    title: str
    date: date | str
    body: str
    updated: Day | None = None
    """The page's last update, shown on it ("Last updated 1 December 2026")."""
    url: str | None = None
    guid: str | None = None
    summary: str | None = None
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    image: dict[str, str] = field(default_factory=dict)
    video: dict[str, str] = field(default_factory=dict)
    event: dict[str, str] = field(default_factory=dict)
    """`event:` front matter (start, end, place, register), with `kind: event`."""
    call: dict[str, str] = field(default_factory=dict)
    """`call:` front matter (deadline, apply), with `kind: call` or `job`."""
    review: list[str] = field(default_factory=list)
    comments: dict[str, str] = field(default_factory=dict)
    """A YAML comment to put after a key, e.g. why the date is what it is."""
    collection: str = "commentary"
    kind: str | None = None
    """What the piece is (`article.Kind`), when the source says so; None for a commentary."""
    language: str | None = None
    """The language the source declares (`declared_language`), kept only where it is not the
    site's (`for_site`)."""

    def for_site(self, site_language: str) -> None:
        """Drop `language` when it is the site's (`en-GB` on an `en` site)."""
        if self.language and primary_language(self.language) == primary_language(site_language):
            self.language = None

    def front_matter(self) -> dict[str, Any]:
        data: dict[str, Any] = {"title": self.title, "date": str(self.date)}
        if self.updated is not None:
            data["updated"] = str(self.updated)
        optional: dict[str, Any] = {
            "kind": self.kind,
            "url": self.url,
            "guid": self.guid,
            "summary": self.summary,
            "authors": self.authors,
            "tags": self.tags,
            "image": self.image,
            "video": self.video,
            "event": self.event,
            "call": self.call,
            "language": self.language,
            "review": self.review,
        }
        data.update({key: value for key, value in optional.items() if value})
        return data

    def render(self) -> str:
        """The content file's text: YAML front matter, then the Markdown body."""
        lines = []
        for key, value in self.front_matter().items():
            dumped = yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=1000)
            if key in self.comments:
                first, _, rest = dumped.partition("\n")
                dumped = f"{first}  # {self.comments[key]}\n{rest}"
            lines.append(dumped)
        return "---\n" + "".join(lines) + "---\n\n" + self.body.strip() + "\n"

    def write(self, content_dir: Path, force: bool = False) -> Path:
        """Write atomically; refuse to overwrite an existing file unless `force`."""
        path = content_dir / self.collection / f"{self.slug}.md"
        if path.exists() and not force:
            raise ImportFailed(f"{path}: already exists; pass --force to overwrite it")
        write_atomic(path, self.render().encode("utf-8"))
        return path


def primary_language(tag: str) -> str:
    """A language tag's primary subtag ("pt-BR": "pt"), in lower case."""
    return tag.split("-")[0].lower()


def declared_language(*declared: str | None) -> str | None:
    """The first of a source's declared languages (`<html lang>`, `og:locale` "fr_FR", a feed's
    `<language>`) that is a tag the build accepts, as it writes them ("fr-FR", "zh-Hans");
    its language alone ("pt") when babel does not know the region; None when none is."""
    for value in declared:
        parts = re.split(r"[-_]", (value or "").strip())
        if not parts[0].isalpha() or not 2 <= len(parts[0]) <= 3:
            continue
        if parts[0].lower() in {"und", "mul", "zxx", "mis"}:
            continue  # undetermined, several, none, uncoded: no language to draft in
        cased = [parts[0].lower()] + [
            p.upper() if len(p) == 2 else p.title() if len(p) == 4 else p for p in parts[1:]
        ]
        for tag in ("-".join(cased), cased[0]):
            try:
                return language_tag(tag)
            except ValueError:
                continue
    return None


def escape_markdown(paragraph: str) -> str:
    """Plain scraped text made safe as a Markdown paragraph (no accidental lists, HTML, emphasis)."""
    text = re.sub(r"([\\`*<\[\]])", r"\\\1", paragraph)
    # CommonMark escapes punctuation only: "1\. text", not "\1. text" (which shows the backslash).
    text = re.sub(r"^(\s*)(\d{1,9})([.)])(?=\s)", r"\1\2\\\3", text)
    return re.sub(r"^(\s*)([#>+-])(?=\s)", r"\1\\\2", text)


def shown(path: Path) -> str:
    """`path` as a person reads it in a message: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class ImportedIndex:
    """What `content/` already holds, by canonical URL, guid and file name: the dedupe key."""

    by_url: dict[str, Path]
    by_guid: dict[str, Path]
    by_slug: dict[str, Path]

    @classmethod
    def scan(cls, content_dir: Path, base_url: str) -> ImportedIndex:
        """Read every content file's `url` and `guid` (leniently: the build reports bad files)."""
        by_url: dict[str, Path] = {}
        by_guid: dict[str, Path] = {}
        by_slug: dict[str, Path] = {}
        for path in content_files(content_dir):
            by_slug.setdefault(path.stem, path)
            try:
                match = FRONT_MATTER_RE.match(path.read_text(encoding="utf-8"))
                data = yaml.safe_load(match.group(1)) if match else None
            except (OSError, UnicodeDecodeError, yaml.YAMLError):
                continue
            if not isinstance(data, dict):
                continue
            url = data.get("url") or f"{base_url}{path.stem}/"
            by_url.setdefault(canonical_url(str(url)), path)
            if data.get("guid"):
                by_guid.setdefault(str(data["guid"]), path)
        return cls(by_url, by_guid, by_slug)

    def find(self, url: str | None, guid: str | None) -> Path | None:
        """The content file that already holds this page or entry, if any."""
        if guid and guid in self.by_guid:
            return self.by_guid[guid]
        if guid and guid.startswith("http") and (by_guid := canonical_url(guid)) in self.by_url:
            return self.by_url[by_guid]
        if url and (canonical := canonical_url(url)) in self.by_url:
            return self.by_url[canonical]
        return None


def give_distinct_slug(draft: ContentDraft, taken: set[str]) -> str | None:
    """Rename `draft` to `<slug>-2`, `-3`… when another commentary holds its file name.

    Two different articles can share a title or a last URL segment; neither is lost and
    `--force` never replaces the other one. Returns the warning to show, or None.
    """
    base_slug = draft.slug
    suffix = 2
    while draft.slug in taken:
        draft.slug = f"{base_slug}-{suffix}"
        suffix += 1
    taken.add(draft.slug)
    if draft.slug == base_slug:
        return None
    return (
        f"content/{draft.collection}/{base_slug}.md holds another commentary; "
        f"this one becomes {draft.slug}.md"
    )


def check_drafts(drafts: list[tuple[ContentDraft, Path]], site: Site) -> None:
    """Read every draft back exactly as the build will; ContentError lists every problem at once.

    Nothing is written while any draft would not build, so a feed imports whole or not at all.
    """
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="pipeline-import-") as tmp:
        for index, (draft, target) in enumerate(drafts):
            name = shown(target)
            trial = Path(tmp) / str(index) / draft.collection / target.name
            trial.parent.mkdir(parents=True)
            trial.write_bytes(draft.render().encode("utf-8"))
            article, found = read_article(trial, name, site)
            problems.extend(found)
            if article is None:
                continue
            for field_name, value in (
                ("file", str(target)),
                ("url", article.url),
                ("guid", article.guid),
            ):
                key = f"{field_name}:{value}"
                if key in seen:
                    problems.append(
                        Problem(
                            name, None, field_name, f"same {field_name} as {seen[key]}: {value}"
                        )
                    )
                seen.setdefault(key, name)
    if problems:
        raise ContentError(problems)


def write_drafts(drafts: list[tuple[ContentDraft, Path]], force: bool = False) -> list[Path]:
    """Write all drafts atomically, or none: a failure part-way undoes what this call wrote."""
    clashes = [target for _, target in drafts if target.exists() and not force]
    if clashes:
        raise ImportFailed(
            "; ".join(f"{shown(p)}: already exists; pass --force to overwrite it" for p in clashes)
        )
    written: list[tuple[Path, bytes | None]] = []
    try:
        for draft, target in drafts:
            before = target.read_bytes() if target.exists() else None
            write_atomic(target, draft.render().encode("utf-8"))
            written.append((target, before))
    except BaseException:
        for target, before in reversed(written):
            if before is None:
                target.unlink(missing_ok=True)
            else:
                write_atomic(target, before)
        raise
    return [target for target, _ in written]
