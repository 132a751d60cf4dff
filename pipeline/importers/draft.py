"""What every importer produces: a content file draft, written atomically, never clobbering."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import yaml

from pipeline.errors import ImportFailed
from pipeline.writer import write_atomic

# Query parameters that never belong in a canonical URL.
_NON_CANONICAL_PARAMS = re.compile(r"^(amp|utm_\w+|fbclid|gclid|mc_cid|mc_eid|output)$", re.I)


def canonical_url(url: str) -> str:
    """`url` without AMP markers, tracking parameters or fragment; https kept as given."""
    parts = urlsplit(url.strip())
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not _NON_CANONICAL_PARAMS.match(k)
    ]
    path = re.sub(r"/amp/?$", "/", parts.path) or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(query), ""))


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by '-' (accents folded), at most 80 characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:80].rstrip("-") or "untitled"


def slug_from_url(url: str) -> str | None:
    segments = [s for s in urlsplit(url).path.split("/") if s]
    return slugify(segments[-1]) if segments else None


@dataclass
class ContentDraft:
    """A commentary about to become `content/<collection>/<slug>.md`."""

    slug: str
    title: str
    date: date | str
    body: str
    url: str | None = None
    guid: str | None = None
    summary: str | None = None
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    image: dict[str, str] = field(default_factory=dict)
    video: dict[str, str] = field(default_factory=dict)
    review: list[str] = field(default_factory=list)
    comments: dict[str, str] = field(default_factory=dict)
    """A YAML comment to put after a key, e.g. why the date is what it is."""
    collection: str = "commentary"

    def front_matter(self) -> dict[str, Any]:
        data: dict[str, Any] = {"title": self.title, "date": str(self.date)}
        optional: dict[str, Any] = {
            "url": self.url,
            "guid": self.guid,
            "summary": self.summary,
            "authors": self.authors,
            "tags": self.tags,
            "image": self.image,
            "video": self.video,
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


def escape_markdown(paragraph: str) -> str:
    """Plain scraped text made safe as a Markdown paragraph (no accidental lists, HTML, emphasis)."""
    text = re.sub(r"([\\`*<\[\]])", r"\\\1", paragraph)
    return re.sub(r"^(\s*)([#>+-]|\d+[.)])(?=\s)", r"\1\\\2", text)
