"""Site settings from `content/site.toml`, validated once into a typed, frozen object.

Every option has a docstring: `pipeline check` reports a typo or a wrong type as
`content/site.toml:LINE: section.key: what is wrong`.
"""

from __future__ import annotations

import re
import string
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from pipeline.errors import ContentError, Problem
from pipeline.textcheck import (
    bad_character,
    header_text_problem,
    https_url_problem,
    single_address_problem,
)
from pipeline.validation import problems_from_validation

SITE_FILE = "site.toml"
Network = Literal["x", "bluesky", "mastodon", "linkedin"]


class _Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _https_url(value: str) -> str:
    problem = https_url_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def language_tag(value: str) -> str:
    """`value` if it is a BCP 47 tag babel knows (dates and names are formatted for it)."""
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", value):
        raise ValueError(f"{value!r} is not a language tag like 'en' or 'de-AT'")
    try:
        Locale.parse(value, sep="-")
    except (UnknownLocaleError, ValueError):
        raise ValueError(f"{value!r} is not a language we can format dates for") from None
    return value


@lru_cache(maxsize=64)
def text_direction(language: str) -> Literal["ltr", "rtl"]:
    """How a language (a tag `language_tag` accepts) is written: "rtl" for Arabic, Hebrew,
    Persian, Urdu...; "ltr" for the rest (and for a tag babel does not know)."""
    try:
        direction = Locale.parse(language, sep="-").text_direction
    except (UnknownLocaleError, ValueError):
        return "ltr"
    return "rtl" if direction == "rtl" else "ltr"


def lang_attributes(language: str | None, document_language: str) -> str:
    """` lang="ar" dir="rtl"` for a piece in another language than the page it is on (`dir`
    only where the direction differs), so readers, screen readers and hyphenation follow it;
    "" for a piece in the page's language."""
    if language is None or language == document_language:
        return ""
    direction = text_direction(language)
    if direction == text_direction(document_language):
        return f' lang="{language}"'
    return f' lang="{language}" dir="{direction}"'


def _one_address(value: str) -> str:
    problem = single_address_problem(value)
    if problem:
        raise ValueError(problem)
    return value


EmailAddress = Annotated[str, AfterValidator(_one_address)]
"""Exactly one address (`Name <a@b.org>`); a list is a TOML list, never "a@x, b@y"."""


class FeedSettings(_Settings):
    """The centre's feeds: RSS 2.0, Atom and JSON Feed."""

    title: str
    """Feed title shown in readers."""
    description: str
    """One sentence on what the feed carries."""
    author: str
    """Author (a person or the centre) named on every feed."""
    author_email: str | None = None
    """Optional contact address for the author element."""
    max_entries: int = Field(default=20, ge=1, le=1000)
    """How many of the newest commentaries the feeds carry."""


class UtmSettings(_Settings):
    """UTM parameters appended to links to our own site in emails."""

    source: str = "newsletter"
    medium: str = "email"
    campaign: str | None = None
    """Campaign name; defaults to the newsletter issue id."""


class NewsletterSettings(_Settings):
    """The email newsletter. Bulk-mail rules require the postal address and unsubscribe link."""

    from_: EmailAddress = Field(alias="from")
    """Sender, e.g. `VCDNP <newsletter@vcdnp.org>`."""
    reply_to: EmailAddress | None = None
    """Where replies go."""
    to: tuple[EmailAddress, ...] = ()
    """List address(es) the issue is sent to (the provider's list or relay address)."""
    postal_address: str
    """The centre's postal address, shown in the footer (required for bulk mail)."""
    unsubscribe_url: str
    """One-click unsubscribe endpoint (https); also the visible footer link."""
    unsubscribe_mailto: str | None = None
    """Optional `mailto:` address offered in List-Unsubscribe."""
    reason: str = "You are receiving this email because you subscribed to our commentary."
    """Why the reader gets this email (footer)."""
    logo_url: str | None = None
    """Optional https URL of the logo shown in the header."""
    logo_alt: str | None = None
    """Alt text of the logo; defaults to the site name."""
    content: Literal["full", "excerpt"] = "full"
    """Full text in the email, or an excerpt with a "Read on the website" button."""
    subject_prefix: str = ""
    """Text put before every subject, e.g. `[VCDNP] `."""
    digest_title: str = "New commentary"
    """Heading of a digest of several commentaries."""
    digest_subject: str = "{lead}, and {more} more"
    """Subject of a digest: `{lead}` is the lead article's title, `{more}` how many others."""
    digest_intro: str | None = None
    """An editor's line shown under a digest's heading (e.g. "This week: the IAEA Board")."""
    featured: list[str] = []
    """Slugs to lead a digest with, in this order (front matter `featured: true` also leads);
    the rest follow newest first. Slugs not in the issue are ignored."""
    max_digest_articles: int = Field(default=10, ge=1, le=30)
    """A digest lists at most this many; the rest are linked as "more on our website".

    At most 30: thirty entries fit the default 90 KB budget (tests/render/test_email.py), fifty
    already pass Gmail's 102 KB clip, so a larger cap could never build."""
    html_budget_bytes: int = Field(default=90_000, ge=10_000, le=102_000)
    """Maximum size of the HTML part (Gmail clips at about 102 KB)."""
    utm: UtmSettings | None = None
    """Add UTM parameters to links to our site when set."""

    _check_unsubscribe = field_validator("unsubscribe_url")(_https_url)

    @field_validator("digest_subject")
    @classmethod
    def _subject_template(cls, value: str) -> str:
        fields = [name for _, name, _, _ in string.Formatter().parse(value) if name is not None]
        if unknown := sorted(set(fields) - {"lead", "more"}):
            raise ValueError(f"unknown placeholder {{{unknown[0]}}}: use {{lead}} and {{more}}")
        if "lead" not in fields:
            raise ValueError("must contain {lead}, the lead article's title")
        return value

    @field_validator("subject_prefix", "digest_title", "digest_subject", "digest_intro")
    @classmethod
    def _header_text(cls, value: str | None) -> str | None:
        problem = header_text_problem(value) if value is not None else None
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("unsubscribe_mailto")
    @classmethod
    def _mailto(cls, value: str | None) -> str | None:
        if value is None:
            return None
        address, _, query = value.removeprefix("mailto:").partition("?")
        problem = single_address_problem(address)
        if problem is None and (bad_character(query) or re.search(r"[\s<>,]", query)):
            problem = f"{value!r}: the ?query must be one line without spaces, commas or <>"
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("logo_url")
    @classmethod
    def _logo_https(cls, value: str | None) -> str | None:
        return _https_url(value) if value is not None else None


class MentionHandles(_Settings):
    """A person's or organisation's handles, per network."""

    x: str | None = None
    bluesky: str | None = None
    mastodon: str | None = None
    linkedin: str | None = None


class SocialSettings(_Settings):
    """Social post drafts."""

    x_handle: str | None = None
    """The centre's own X handle, e.g. `@VCDNP`."""
    bluesky_handle: str | None = None
    mastodon_handle: str | None = None
    linkedin_page: str | None = None
    people: dict[str, MentionHandles] = {}
    """People and organisations mapped to their handles, per network: `[social.people."Name"]`.
    Authors are credited with these handles; a name in the text gets its handle too."""
    mentions: dict[str, MentionHandles] = {}
    """The former name of `people` (still read; `people` wins for a name in both)."""
    hashtags: dict[str, str] = {}
    """Tags mapped to hashtags, e.g. `"North Korea" = "#NorthKorea"`."""
    max_hashtags: int = Field(default=2, ge=0, le=5)
    """At most this many hashtags in one post."""
    thread_max_posts: int = Field(default=5, ge=2, le=25)
    """An X thread has at most this many posts."""

    @property
    def handles(self) -> dict[str, MentionHandles]:
        """`people`, with the names only the older `mentions` map has."""
        return {**self.mentions, **self.people}

    @field_validator("hashtags")
    @classmethod
    def _hashtag_form(cls, value: dict[str, str]) -> dict[str, str]:
        for tag, hashtag in value.items():
            if not re.fullmatch(r"#\w+", hashtag):
                raise ValueError(f"{tag!r}: {hashtag!r} is not a hashtag like #NorthKorea")
        return value


class PublishSettings(_Settings):
    """Publishing to channels."""

    window_days: int = Field(default=7, ge=0, le=3650)
    """Only commentaries dated within this many days are candidates (the archive is never sent)."""
    threads: tuple[Literal["bluesky", "mastodon"], ...] = ()
    """Networks besides X that get the thread (when the drafts have one) rather than the
    single post. On X the article's `social.x_form` decides, else the thread."""


class ImportSource(_Settings):
    """A place the scheduled run imports new commentary from."""

    url: str
    kind: Literal["auto", "page", "feed"] = "auto"


_HOST = re.compile(r"(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]")


def _https_host(value: str) -> str:
    if not _HOST.fullmatch(value):
        raise ValueError(
            f"{value!r} is not a host name like 'www.iaea.org' or '*.un.org' (lower case, "
            "no scheme, port or path)"
        )
    return value


class ImportSettings(_Settings):
    """How `pipeline import` works, and its sources for `--from-config`."""

    sources: tuple[ImportSource, ...] = ()
    https_upgrade: bool = True
    """Write `http://` links and images of an imported body as `https://` when their host is
    known to serve https (never looked up on the network); each upgrade is listed in a review
    note. Known: `https_hosts`, the site's own hosts, the host of the page's own https address,
    and the HSTS-preloaded top-level domains (.app, .dev, .page, .new)."""
    https_hosts: tuple[Annotated[str, AfterValidator(_https_host)], ...] = ()
    """More hosts known to serve https: `www.iaea.org` is that host only, `*.un.org` its
    subdomains."""


class Site(_Settings):
    """All settings of one site, from `content/site.toml`."""

    name: str
    """The centre's name, e.g. `Vienna Center for Disarmament and Non-Proliferation`."""
    base_url: str
    """The website; commentary URLs default to base_url + slug + '/'."""
    public_url: str
    """Where dist/ is published (GitHub Pages): feed self links, "view in browser" pages."""
    language: str = "en"
    """BCP 47 language of the content, e.g. `en`, `de-AT`."""
    timezone: str = "UTC"
    """IANA timezone; a date without a time means midnight here."""
    feed: FeedSettings
    newsletter: NewsletterSettings
    social: SocialSettings = SocialSettings()
    publish: PublishSettings = PublishSettings()
    import_: ImportSettings = Field(default=ImportSettings(), alias="import")

    @field_validator("base_url", "public_url")
    @classmethod
    def _base_https(cls, value: str) -> str:
        _https_url(value)
        return value if value.endswith("/") else value + "/"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown IANA timezone {value!r}") from None
        return value

    @field_validator("language")
    @classmethod
    def _language_tag(cls, value: str) -> str:
        return language_tag(value)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def locale(self) -> Locale:
        """The language as babel formats dates and names for it (validated above)."""
        return Locale.parse(self.language, sep="-")


def load_site(content_dir: Path) -> Site:
    """Read and validate `content_dir/site.toml`; raise ContentError listing every problem."""
    path = content_dir / SITE_FILE
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError([Problem(shown, None, "site.toml", "file not found")]) from None
    except UnicodeDecodeError as exc:
        raise ContentError(
            [Problem(shown, None, "site.toml", f"not UTF-8 ({exc.reason})")]
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = _toml_error_line(str(exc))
        raise ContentError([Problem(shown, line, "site.toml", f"invalid TOML: {exc}")]) from None
    try:
        return Site.model_validate(data)
    except ValidationError as exc:
        raise ContentError(
            problems_from_validation(exc, shown, lambda loc: toml_key_line(text, loc))
        ) from None


def _toml_error_line(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def toml_key_line(text: str, loc: tuple[str | int, ...]) -> int | None:
    """Best-effort line of a dotted key in TOML text (tomllib keeps no positions)."""
    keys = [str(part) for part in loc if not isinstance(part, int)]
    if not keys:
        return None
    table: list[str] = []
    best: int | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        header = re.match(r"^\[\[?\s*([^\]]+?)\s*\]\]?", line)
        if header:
            table = [part.strip().strip('"') for part in header.group(1).split(".")]
            if table == keys[: len(table)] and best is None and len(table) == len(keys):
                best = number
            continue
        key = re.match(r'^("?)([^=]+?)\1\s*=', line)
        if key:
            full = [*table, *[p.strip().strip('"') for p in key.group(2).split(".")]]
            if full == keys:
                return number
            if full == keys[: len(full)] and best is None:
                best = number
    if best is None and len(keys) > 1:
        return toml_key_line(text, tuple(keys[:-1]))
    return best
