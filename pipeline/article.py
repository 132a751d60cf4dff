"""The Article: one commentary, typed, validated and frozen. Every renderer takes this."""

from __future__ import annotations

from datetime import datetime, time, timedelta, tzinfo
from typing import Literal

from pydantic import BaseModel, ConfigDict


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Image(_Frozen):
    """The hero image. Alt text is required with `src`; an importer may know only the caption."""

    src: str | None = None
    alt: str | None = None
    caption: str | None = None
    credit: str | None = None


class Video(_Frozen):
    """A video that goes with the commentary (linked, never embedded, in email)."""

    url: str
    title: str | None = None
    thumbnail: str | None = None


class SocialOverrides(_Frozen):
    """Editor-written post texts that replace the generated drafts."""

    x: str | None = None
    x_thread: tuple[str, ...] | None = None
    bluesky: str | None = None
    mastodon: str | None = None
    linkedin: str | None = None
    x_form: Literal["single", "thread"] | None = None
    """Which X draft this article is published as; None: the publisher's `--x-form`."""


class Event(_Frozen):
    """When and where an event takes place (front matter `event:`, for `kind: event`)."""

    start: datetime
    end: datetime | None = None
    timed: bool = True
    """False when `start` was given as a date alone (an all-day or multi-day event)."""
    place: str | None = None
    """Where, as readers should read it ("Andromeda Tower, Vienna", "Online (Zoom)")."""
    form: str | None = None
    """The https URL of the registration form (front matter `event.register`)."""


class Call(_Frozen):
    """The deadline of a call or vacancy (front matter `call:`, for `kind: call` or `job`)."""

    deadline: datetime
    timed: bool = True
    """False when `deadline` was given as a date alone."""
    form: str | None = None
    """The https URL of the application form or portal (front matter `call.apply`)."""


Kind = Literal[
    "commentary", "analysis", "op-ed", "interview", "statement", "report", "event", "call", "job"
]
NOTICE_KINDS: frozenset[str] = frozenset({"event", "call", "job"})
"""Kinds that announce something to attend or apply for: their drafts say what, when, where."""


class Article(_Frozen):
    """One commentary as every stage after the reader sees it."""

    slug: str
    """From the file name; names every output of this article."""
    collection: str
    """The content/ sub-folder, e.g. `commentary`."""
    source_path: str
    """The content file, relative to the project (for messages)."""
    content_hash: str
    """sha256 of the source file: the ledger and caches key on it."""
    guid: str
    """Stable id in feeds; defaults to the canonical URL, so a new title keeps it."""
    title: str
    date: datetime
    """Publication time, timezone-aware (a date alone: noon in the site's timezone)."""
    due: datetime | None = None
    """When it may first appear in any public output; default `date` (a date alone: the start
    of that day). Before then the article is scheduled (embargoed)."""
    updated: datetime | None = None
    url: str
    """Canonical https URL on the centre's website."""
    summary: str
    """Plain text: the front matter's, or the first paragraph cut at a sentence boundary."""
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    image: Image | None = None
    video: Video | None = None
    status: Literal["draft", "ready"] = "ready"
    featured: bool = False
    """Leads the newsletter digest it appears in (see `newsletter.featured`)."""
    kind: Kind = "commentary"
    """What the piece is (front matter `kind:`); event, call and job are notices."""
    language: str | None = None
    """BCP 47 language of this article when it differs from the site's (front matter)."""
    event: Event | None = None
    call: Call | None = None
    social: SocialOverrides = SocialOverrides()
    review: tuple[str, ...] = ()
    """Notes an importer left for an editor; `check --strict` fails while any remain."""
    body_markdown: str
    """The body as written. An Article holds it once; its HTML and paragraphs are made from it
    when a renderer asks (`body_html`, `paragraphs`): a build holds every article, and shows
    only the newest few whole."""
    body_http_links: tuple[str, ...] = ()
    """The body's plain `http://` links, found by the reader: kept as written, but a warning
    (check --strict)."""
    lead_sentences: tuple[str, ...] = ()
    """The first paragraph's sentences, split once by the reader (renderers reuse them)."""

    @property
    def due_at(self) -> datetime:
        return self.due or self.date

    @property
    def is_notice(self) -> bool:
        return self.kind in NOTICE_KINDS

    def over_at(self, zone: tzinfo) -> datetime | None:
        """When its event ends (or starts, without an end) or its call closes; a date alone
        lasts all that day in `zone`. None without front matter `event:` or `call:`."""
        if self.event is not None:
            last, timed = self.event.end or self.event.start, self.event.timed
        elif self.call is not None:
            last, timed = self.call.deadline, self.call.timed
        else:
            return None
        if timed:
            return last
        day = last.astimezone(zone).date() + timedelta(days=1)
        return datetime.combine(day, time(), tzinfo=zone)

    def announced_until(self, zone: tzinfo) -> datetime | None:
        """Until when the article announces its event or call (`over_at`); None when it
        announces none: no `event:` or `call:`, or over by the article's date."""
        over = self.over_at(zone)
        return over if over is not None and over > self.due_at else None

    def language_or(self, site_language: str) -> str:
        """The article's language, else the site's."""
        return self.language or site_language

    @property
    def last_modified(self) -> datetime:
        return self.updated or self.date

    @property
    def body_html(self) -> str:
        """The body as sanitised HTML with absolute links (`markdown.rendered_body`)."""
        from pipeline.markdown import rendered_body  # markdown-it: only for what is shown

        return rendered_body(self.body_markdown, self.url)[1]

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The body's top-level paragraphs as plain text (for summaries and social drafts)."""
        from pipeline.markdown import rendered_body

        return rendered_body(self.body_markdown, self.url)[0]
