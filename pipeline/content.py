"""Read `content/` into validated Articles; report every problem with its file, line and field."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pipeline import clock, markdown
from pipeline.article import Article, Call, Event, Image, Kind, SocialOverrides, Video
from pipeline.cache import Cache, cached_map
from pipeline.errors import ContentError, Problem, shown_path
from pipeline.site import Site, language_tag, load_site
from pipeline.text import join_within, split_fast
from pipeline.textcheck import bad_character, header_text_problem, https_url_problem
from pipeline.tree import entries_under, holds
from pipeline.validation import problems_from_validation

COLLECTIONS = ("commentary",)
SUMMARY_LIMIT = 300
SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # used with fullmatch: no trailing newline
SLUG_MAX = 100
"""Longest slug: it names folders and files in dist/ and the Message-ID."""
MAX_FILE_BYTES = 1_000_000
"""Largest content file read (front matter and body); a commentary is far smaller."""
MAX_FRONT_MATTER_BYTES = 64_000
MAX_TAGS = 50
MAX_AUTHORS = 50
MAX_DIGITS = 100
"""A plain YAML number with more digits is refused before it is converted."""
FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.S | re.M)


class _Loader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """Safe YAML that keeps dates as strings: we parse ISO 8601 ourselves, in the site's zone."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _iso_text(value: Any) -> Any:
    """A date YAML read as a date, back to the text the models keep."""
    return value.isoformat() if isinstance(value, date | datetime) else value


def _https(value: str | None) -> str | None:
    problem = https_url_problem(value, ascii_only=False) if value is not None else None
    if problem:
        raise ValueError(problem)
    return value


class EventFront(BaseModel):
    """`event:` in front matter: ISO 8601 dates (a date alone: an all-day event)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: str
    end: str | None = None
    place: str | None = None
    form: str | None = Field(default=None, alias="register")
    """The registration form's https URL (the key is `register`)."""

    _dates = field_validator("start", "end", mode="before")(_iso_text)
    _url = field_validator("form")(_https)

    @field_validator("place")
    @classmethod
    def _one_line(cls, value: str | None) -> str | None:
        value = " ".join(value.split()) if value is not None else None
        if value == "":
            raise ValueError("must not be empty (leave `place` out instead)")
        return value


class CallFront(BaseModel):
    """`call:` in front matter: the deadline of a call or vacancy, and its form."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    deadline: str
    apply: str | None = None

    _dates = field_validator("deadline", mode="before")(_iso_text)
    _url = field_validator("apply")(_https)


class FrontMatter(BaseModel):
    """The keys a content file may carry; anything else is a typo and an error."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str
    date: str
    url: str | None = None
    guid: str | None = None
    summary: str | None = None
    authors: list[str] = Field(default=[], max_length=MAX_AUTHORS)
    tags: list[str] = Field(default=[], max_length=MAX_TAGS)
    image: Image | None = None
    video: Video | None = None
    status: Literal["draft", "ready"] = "ready"
    featured: bool = False
    kind: Kind = "commentary"
    language: str | None = None
    updated: str | None = None
    event: EventFront | None = None
    """When and where (`kind: event` only)."""
    call: CallFront | None = None
    """The deadline and the form (`kind: call` or `job` only)."""
    social: SocialOverrides = SocialOverrides()
    review: list[str] = []

    @field_validator("title")
    @classmethod
    def _title_text(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("must not be empty")
        # The title becomes the email Subject: one printable line, also after RFC 2047 decoding.
        problem = header_text_problem(value)
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("language")
    @classmethod
    def _language_tag(cls, value: str | None) -> str | None:
        return language_tag(value) if value is not None else None

    _date_text = field_validator("date", "updated", mode="before")(_iso_text)
    _url_https = field_validator("url")(_https)


DATE_ALONE_AT = time(12, 0)
"""A date without a time means noon in the site's timezone: as a UTC instant that is the same
calendar day for every reader from UTC-11 to UTC+11 (midnight in Vienna is the day before
west of it). Such an article is due from the start of that day (`due_from`)."""
FUTURE_WARNING = timedelta(days=60)
PAST_WARNING = timedelta(days=365 * 30)


def is_date_alone(value: str) -> bool:
    """`YYYY-MM-DD` without a time."""
    return re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()) is not None


def parse_date(value: str, zone: ZoneInfo) -> datetime:
    """ISO 8601 date or date-time; a date alone is noon in `zone`, a naive time is in `zone`."""
    text = value.strip()
    if is_date_alone(text):
        try:
            day = datetime.combine(date.fromisoformat(text), DATE_ALONE_AT, tzinfo=zone)
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a valid date: {exc}") from None
        return _plausible(day, value)
    if not re.match(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", text):
        raise ValueError(f"{value!r} is not an ISO 8601 date (YYYY-MM-DD or YYYY-MM-DDTHH:MM)")
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a valid ISO 8601 date-time: {exc}") from None
    parsed = parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)
    return _plausible(parsed, value)


def due_from(published: datetime, value: str) -> datetime:
    """When an article becomes public: its date-time, or for a date alone the start of that day
    (in the site's timezone), so a piece dated today goes out on today's first run."""
    if is_date_alone(value):
        return published.replace(hour=0, minute=0)
    return published


def _plausible(moment: datetime, value: str) -> datetime:
    # Far-off years overflow time zone arithmetic downstream; no commentary is dated there.
    if not 1900 <= moment.year <= 2999:
        raise ValueError(f"{value!r} is not a plausible publication date (years 1900 to 2999)")
    return moment


@dataclass(frozen=True)
class Content:
    """Everything the build reads: settings, ready and due articles (newest first), the ready
    ones not yet due (soonest first), drafts and warnings."""

    site: Site
    articles: tuple[Article, ...]
    """Ready and due (dated at or before now): the only ones any public output shows."""
    drafts: tuple[Article, ...]
    warnings: tuple[Problem, ...]
    now: datetime
    """The moment due-ness and the publishing window are decided at (the injected clock)."""
    scheduled: tuple[Article, ...] = ()
    """Ready but dated after now: in no public output until then (embargo)."""


def _refused_yaml(text: str) -> tuple[int, str] | None:
    """The first YAML feature front matter may not use, as (line, why), or None.

    Anchors and aliases are refused: nothing in a content file needs them, and expanding them
    is how a few lines become gigabytes (a "billion laughs") or an endless loop (`&r [*r]`).
    A huge plain number is refused before Python converts it (digit-count limit, slow)."""
    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = event.start_mark.line + 2 if event.start_mark is not None else 2
            if isinstance(event, yaml.AliasEvent):
                return line, f"YAML alias '*{event.anchor}' is not allowed: write the value out"
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                return line, f"YAML anchor '&{anchor}' is not allowed: write the value out"
            if (
                isinstance(event, yaml.ScalarEvent)
                and not event.style
                and len(event.value) > MAX_DIGITS
                and re.fullmatch(r"[-+]?[0-9_.eE]+", event.value)
            ):
                return line, f"a number of {len(event.value)} digits is not allowed (quote it)"
    except yaml.YAMLError:
        return None  # reported with its position when the document is composed
    return None


def _key_lines(
    node: yaml.Node,
    prefix: tuple[str | int, ...],
    offset: int,
    duplicates: list[tuple[int, str]],
) -> dict[tuple[str | int, ...], int]:
    """Line of every key and list item; a key given twice in one mapping goes to `duplicates`."""
    lines: dict[tuple[str | int, ...], int] = {}
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = (*prefix, str(key_node.value))
            line = key_node.start_mark.line + 1 + offset
            if str(key_node.value) in seen:
                name = ".".join(str(part) for part in key)
                first = seen[str(key_node.value)]
                duplicates.append((line, f"{name}: given twice (first on line {first})"))
            seen.setdefault(str(key_node.value), line)
            lines[key] = line
            lines.update(_key_lines(value_node, key, offset, duplicates))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            key = (*prefix, index)
            lines[key] = item.start_mark.line + 1 + offset
            lines.update(_key_lines(item, key, offset, duplicates))
    return lines


def _string_problems(
    value: Any, loc: tuple[str | int, ...], shown: str, line_of: Any
) -> list[Problem]:
    """Control characters in any front-matter text (they break XML feeds and headers)."""
    if isinstance(value, str):
        problem = bad_character(value, allow="\t\n\r")
        if problem:
            field = ".".join(str(part) for part in loc) or "front matter"
            return [Problem(shown, line_of(loc), field, f"must be printable text ({problem})")]
        return []
    found: list[Problem] = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_string_problems(item, (*loc, str(key)), shown, line_of))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_string_problems(item, (*loc, index), shown, line_of))
    return found


def _line_finder(lines: dict[tuple[str | int, ...], int], default: int) -> Any:
    def line_of(loc: tuple[str | int, ...]) -> int:
        for end in range(len(loc), 0, -1):
            if loc[:end] in lines:
                return lines[loc[:end]]
        return default

    return line_of


def read_article(
    path: Path,
    shown: str,
    site: Site,
    source_path: str | None = None,
    raw: bytes | None = None,
) -> tuple[Article | None, list[Problem]]:
    """One content file to an Article, or the list of everything wrong with it.

    `shown` names the file in problems; `source_path` (default: `shown`) is what outputs show,
    e.g. `content/commentary/<slug>.md`, the same wherever the project is checked out. `raw`:
    the file's bytes when the caller has read them already (within the size limit)."""
    problems: list[Problem] = []

    def fail(field: str, message: str, line: int | None = None) -> tuple[None, list[Problem]]:
        return None, [Problem(shown, line, field, message)]

    if raw is None:
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                return fail(
                    "file", f"{size:,} bytes; a content file may have at most {MAX_FILE_BYTES:,}"
                )
            raw = path.read_bytes()
        except OSError as exc:
            return fail("file", f"cannot be read: {exc.strerror or exc}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return fail("file", f"not UTF-8 (byte {exc.start}: {exc.reason})")
    match = FRONT_MATTER_RE.match(text)
    if not match:
        return fail("front matter", "missing: the file must start with '---', YAML, '---'", 1)
    front_text = match.group(1)
    if len(front_text.encode()) > MAX_FRONT_MATTER_BYTES:
        return fail("front matter", f"longer than {MAX_FRONT_MATTER_BYTES:,} bytes", 2)
    refused = _refused_yaml(front_text)
    if refused:
        return fail("front matter", refused[1], refused[0])
    loader = _Loader(front_text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc)
        return fail("front matter", f"malformed YAML: {reason}", line)
    except (ValueError, RecursionError) as exc:  # nesting too deep, a value Python refuses
        return fail("front matter", f"cannot be read: {type(exc).__name__}: {exc}"[:300], 2)
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        return fail("front matter", "must be a mapping of keys to values", 2)
    duplicates: list[tuple[int, str]] = []
    lines = _key_lines(node, (), 1, duplicates) if node is not None else {}
    line_of = _line_finder(lines, 1)
    problems.extend(Problem(shown, line, "front matter", why) for line, why in duplicates)
    problems.extend(_string_problems(data, (), shown, line_of))
    body_start = text.count("\n", 0, match.end()) + 1
    for number, body_line in enumerate(text[match.end() :].split("\n"), start=body_start):
        problem = bad_character(body_line, allow="\t\r")
        if problem:
            problems.append(Problem(shown, number, "body", f"must be printable text ({problem})"))
            break

    slug = path.stem
    if not SLUG_RE.fullmatch(slug):
        problems.append(
            Problem(
                shown, None, "slug", f"file name {slug!r} must be lower-case words joined by '-'"
            )
        )
    elif len(slug) > SLUG_MAX:
        problems.append(
            Problem(shown, None, "slug", f"file name is {len(slug)} characters, at most {SLUG_MAX}")
        )
    image = data.get("image")
    if isinstance(image, dict) and image.get("src") and not str(image.get("alt") or "").strip():
        problems.append(
            Problem(
                shown,
                line_of(("image",)),
                "image.alt",
                "required when image.src is given (describe the image for readers who cannot see it)",
            )
        )
        data = {**data, "image": {**image, "alt": image.get("alt") or "-"}}
    try:
        front = FrontMatter.model_validate(data)
    except ValidationError as exc:
        return None, problems + problems_from_validation(exc, shown, line_of)

    zone = site.tz
    dates: dict[str, datetime | None] = {}
    for field in ("date", "updated"):
        value = getattr(front, field)
        try:
            dates[field] = parse_date(value, zone) if value is not None else None
        except ValueError as exc:
            problems.append(Problem(shown, line_of((field,)), field, str(exc)))
    event, call = _notice(front, zone, shown, line_of, problems)
    if problems:
        return None, problems

    body = text[match.end() :].strip() + "\n"
    url = front.url or f"{site.base_url}{slug}/"
    paragraphs, body_html = markdown.rendered_body(body, url)  # (the Article asks it again)
    language = front.language or site.language
    lead = split_fast(paragraphs[0], language) if paragraphs else ()  # pysbd's split, faster
    if front.summary:
        summary = " ".join(front.summary.split())
    elif paragraphs and len(paragraphs[0]) <= SUMMARY_LIMIT:
        summary = paragraphs[0]
    else:
        summary = join_within(lead, SUMMARY_LIMIT)
    if not summary:
        problems.append(
            Problem(shown, None, "summary", "no summary and no paragraph to take one from")
        )
        return None, problems
    published = dates["date"]
    assert published is not None
    article = Article(
        slug=slug,
        collection=_collection(path),
        source_path=source_path or shown,
        content_hash=hashlib.sha256(raw).hexdigest(),
        guid=front.guid or url,
        title=front.title,
        date=published,
        due=due_from(published, str(front.date)),
        updated=dates["updated"],
        url=url,
        summary=summary,
        authors=tuple(front.authors),
        tags=tuple(front.tags),
        image=front.image,
        video=front.video,
        status=front.status,
        featured=front.featured,
        kind=front.kind,
        language=front.language,
        event=event,
        call=call,
        social=front.social,
        review=tuple(front.review),
        body_markdown=body,
        body_http_links=markdown.http_links(body_html),
        lead_sentences=lead,
    )
    return article, []


def _notice(
    front: FrontMatter, zone: ZoneInfo, shown: str, line_of: Any, problems: list[Problem]
) -> tuple[Event | None, Call | None]:
    """The `event:` and `call:` front matter as typed values; their problems go to `problems`."""
    found: dict[str, datetime] = {}
    wanted = [("event", "start"), ("event", "end"), ("call", "deadline")]
    for key, field in wanted:
        value = getattr(getattr(front, key), field, None) if getattr(front, key) else None
        if value is None:
            continue
        try:
            found[f"{key}.{field}"] = parse_date(value, zone)
        except ValueError as exc:
            problems.append(Problem(shown, line_of((key, field)), f"{key}.{field}", str(exc)))
    event = call = None
    if front.event is not None:
        if front.kind != "event":
            problems.append(Problem(shown, line_of(("event",)), "event",
                                    f"only for `kind: event` (this is kind {front.kind!r})"))  # fmt: skip
        start, end = found.get("event.start"), found.get("event.end")
        if start and end and end < start:
            problems.append(Problem(shown, line_of(("event", "end")), "event.end",
                                    f"{front.event.end!r} is before event.start"))  # fmt: skip
        elif (
            start
            and end
            and is_date_alone(front.event.start) != is_date_alone(front.event.end or "")
        ):
            problems.append(Problem(shown, line_of(("event", "end")), "event.end",
                                    f"{front.event.end!r} and event.start {front.event.start!r}: "
                                    "give both with a time of day, or both as dates"))  # fmt: skip
        if start:
            event = Event(
                start=start, end=end, timed=not is_date_alone(front.event.start),
                place=front.event.place, form=front.event.form,
            )  # fmt: skip
    if front.call is not None:
        if front.kind not in {"call", "job"}:
            problems.append(Problem(shown, line_of(("call",)), "call",
                                    f"only for `kind: call` or `job` (this is kind {front.kind!r})"))  # fmt: skip
        deadline = found.get("call.deadline")
        if deadline:
            call = Call(deadline=deadline, timed=not is_date_alone(front.call.deadline),
                        form=front.call.apply)  # fmt: skip
    return event, call


def _collection(path: Path) -> str:
    for parent in path.parents:
        if parent.name in COLLECTIONS:
            return parent.name
    return path.parent.name


Found = tuple[str, str]
"""A content file: its path, and its POSIX path under the content folder
(`commentary/<slug>.md`). Strings: a Path a file costs a large build more than it saves."""


def scan_content(content_dir: Path) -> tuple[list[Path], list[Problem]]:
    """Every content file of every collection (sub-folders such as years included), sorted,
    and a problem for each `*.md` that is not a regular file: a folder, a dangling symlink or
    a loop, a FIFO or device (never opened: reading a FIFO would wait for ever)."""
    found, problems = _scan(content_dir)
    return [Path(path) for path, _ in found], problems


def _scan(content_dir: Path) -> tuple[list[Found], list[Problem]]:
    """`scan_content`, with each file's path under `content_dir`. Listed with os.scandir, as
    `sorted(folder.rglob("*.md"))` lists (every kind of entry named `*.md`, no symlinked
    folder entered, a folder that may not be read passed over), at a tenth of the cost."""
    found: list[tuple[list[str], str]] = []
    odd: list[tuple[list[str], str]] = []
    root = os.fspath(content_dir)
    for collection in COLLECTIONS:
        folder = os.path.join(root, collection)
        if not os.path.isdir(folder):
            continue
        for parts, entry in entries_under(folder, [collection]):
            if entry.name.endswith(".md"):
                # a regular file, or a symlink to one: read; anything else: say what it is
                (found if holds(entry.is_file) else odd).append((parts, entry.path))
    files = [(path, "/".join(parts)) for parts, path in sorted(found)]
    problems = []
    for _, path in sorted(odd):
        why = _not_a_file(Path(path))
        if why:
            problems.append(Problem(shown_path(path), None, "file", why))
        else:  # made a regular file since it was listed
            files.append((path, os.path.relpath(path, root).replace(os.sep, "/")))
    return files, problems


def _not_a_file(path: Path) -> str | None:
    try:
        mode = path.stat().st_mode  # follows symlinks: a link to a regular file is fine
    except FileNotFoundError:
        return "a symbolic link to nothing (dangling): remove it or point it at a file"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link loop: remove it"
        return f"cannot be read: {exc.strerror or exc}"
    if stat.S_ISDIR(mode):
        return "a folder named like a content file: rename it (content files are *.md files)"
    if not stat.S_ISREG(mode):
        return "not a regular file (a FIFO, socket or device): skipped, remove it"
    return None


def content_files(content_dir: Path) -> list[Path]:
    """The regular content files of every collection (see `scan_content`)."""
    return scan_content(content_dir)[0]


Entry = tuple[str, str, bytes]
"""A cache entry: namespace, key, bytes."""
Prefetch = Callable[[Article, Site, Cache, datetime], list[Entry]]
"""Per-article work that the build will ask the cache for later (the social drafts), given the
build's clock: run in the worker that read the article, straight after, so the article is not
sent to a second pool.
It returns the entries to store (the build stores them: one process writes the cache)."""
_Read = tuple[Article | None, list[Problem], list[Entry]]


_Job = tuple[str, str, Site, str, str | None, Cache, tuple[Prefetch, ...], datetime]
"""A file to read: path, its shown and stable names, the settings, the sha256 of the bytes its
cache key was made from (None: not read for a key), the cache, the prefetches and the clock."""


def _read_job(job: _Job) -> _Read:
    path, shown, site, source_path, digest, cache, prefetches, now = job
    raw = None
    if digest is not None:  # the bytes the key was made from, or a file that changed since
        raw = _within_limit(path)
        if raw is None or hashlib.sha256(raw).hexdigest() != digest:
            changed = Problem(shown, None, "file", "changed while the build read it: build again")
            return None, [changed], []
    article, problems = read_article(Path(path), shown, site, source_path, raw)
    entries: list[Entry] = []
    if article is not None and article.status == "ready" and article.due_at <= now:
        for prefetch in prefetches:  # (only for what this build renders: ready and due)
            try:
                entries += prefetch(article, site, cache, now)
            except Exception:  # the build renders it again and reports it where it belongs
                continue
    return article, problems, entries


def _decode_article(data: bytes) -> _Read | None:
    try:
        return Article.model_validate_json(data), [], []
    except ValidationError:  # a damaged or foreign entry: read the file again
        return None


def _encode_article(result: _Read) -> bytes | None:
    article, _, _ = result
    return article.model_dump_json().encode() if article is not None else None


def _within_limit(path: str) -> bytes | None:
    """The file's bytes; None when it is too big or cannot be read (the reader then says which,
    as it does for any file)."""
    try:
        if os.stat(path).st_size > MAX_FILE_BYTES:
            return None
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def _digest(path: str) -> str | None:
    """sha256 of the file's bytes, for its cache key (`_within_limit`'s None when unread). The
    bytes are let go: a file not in the cache is read again by the worker that parses it, so the
    build never holds every file at once."""
    raw = _within_limit(path)
    return hashlib.sha256(raw).hexdigest() if raw is not None else None


def read_articles(
    files: Sequence[Found],
    site: Site,
    cache: Cache,
    prefetch: Sequence[Prefetch] = (),
    now: datetime | None = None,
    digests: Mapping[str, tuple[int, str]] | None = None,
) -> list[tuple[Article | None, list[Problem]]]:
    """Every file's Article or problems, in order. Cached articles are reused; the rest (parsing,
    Markdown, sentence splitting, then `prefetch` for a ready article due at `now`) run in
    parallel. Problems are never cached: they are found and reported afresh on every run.

    `digests`: (size, sha256) of files by their path under the content folder, as the build's
    input fingerprint read them; a file not among them is read for its cache key here."""
    site_key = site.model_dump_json()
    prefetches = tuple(prefetch) if cache.enabled else ()
    moment = now if now is not None else clock.now()
    known = digests or {}

    def digest(path: str, relative: str) -> str | None:
        if not cache.enabled:
            return None
        if relative in known:
            size, sha256 = known[relative]
            return sha256 if size <= MAX_FILE_BYTES else None
        return _digest(path)

    # A file is shown and named in outputs by its place: `content/commentary/<slug>.md`,
    # whatever the folder is called and wherever the checkout is.
    jobs: list[_Job] = [
        (path, shown_path(path), site, f"content/{relative}", digest(path, relative), cache,
         prefetches, moment)
        for path, relative in files
    ]  # fmt: skip
    keys = [
        cache.key("article", [shown, stable, site_key, sha256 or "\0unread"])
        if cache.enabled
        else ""
        for _, shown, _, stable, sha256, _, _, _ in jobs
    ]

    def store(result: _Read) -> _Read:  # the prefetched entries, stored and let go
        for namespace, key, data in result[2]:
            cache.put(namespace, key, data)
        return result[0], result[1], []

    read = cached_map(
        cache, "article", keys, jobs, _read_job, _encode_article, _decode_article, store
    )
    return [(article, problems) for article, problems, _ in read]


def date_warnings(articles: list[Article], now: datetime) -> list[Problem]:
    """Dates that are likely typos: far after or far before now."""
    found = []
    for a in articles:
        if a.date > now + FUTURE_WARNING:
            found.append(
                Problem(a.source_path, None, "date", f"{a.date.isoformat()} is more than "
                        f"{FUTURE_WARNING.days} days ahead ({now.date().isoformat()} now): a typo? "
                        "It stays in no public output until then", severity="warning")
            )  # fmt: skip
        elif a.date < now - PAST_WARNING:
            found.append(
                Problem(a.source_path, None, "date", f"{a.date.isoformat()} is more than "
                        f"{PAST_WARNING.days // 365} years ago: a typo?", severity="warning")
            )  # fmt: skip
    return found


def load_content(
    content_dir: Path,
    cache: Cache | None = None,
    now: datetime | None = None,
    prefetch: Sequence[Prefetch] = (),
    digests: Mapping[str, tuple[int, str]] | None = None,
) -> Content:
    """Settings and every article under `content_dir`; ContentError lists all problems at once.

    `now` (default: the clock, or SOURCE_DATE_EPOCH) decides which ready articles are due;
    `prefetch` runs on each article read (not on one the cache had) when there is a cache;
    `digests` are the files' sizes and sha256 if the caller read them already (`read_articles`)."""
    moment = now if now is not None else clock.now()
    site = load_site(content_dir)
    files, problems = _scan(content_dir)
    articles: list[Article] = []
    found_all = read_articles(files, site, cache or Cache(None), prefetch, moment, digests)
    for article, found in found_all:
        problems.extend(found)
        if article is not None:
            articles.append(article)
    problems.extend(_duplicates(articles))
    if problems:
        raise ContentError(problems)
    warnings = [
        Problem(a.source_path, None, "review", note, severity="warning")
        for a in articles
        if a.status == "ready"
        for note in a.review
    ] + [
        Problem(
            a.source_path,
            None,
            "body",
            f"link {url!r} is http, not https; kept as written (use its https address if the "
            "site has one)",
            severity="warning",
        )
        for a in articles
        if a.status == "ready"
        for url in a.body_http_links
    ]
    ready = sorted(
        (a for a in articles if a.status == "ready"), key=lambda a: (a.date, a.slug), reverse=True
    )
    warnings.extend(date_warnings(ready, moment))
    due = tuple(a for a in ready if a.due_at <= moment)
    scheduled = tuple(
        sorted((a for a in ready if a.due_at > moment), key=lambda a: (a.due_at, a.slug))
    )
    drafts = tuple(a for a in articles if a.status == "draft")
    return Content(site, due, drafts, tuple(warnings), moment, scheduled)


def _duplicates(articles: list[Article]) -> list[Problem]:
    """Slugs, URLs and guids must be unique; one problem per clashing file."""
    problems: list[Problem] = []
    reported: set[str] = set()
    for field in ("slug", "url", "guid"):
        seen: dict[str, Article] = {}
        for article in articles:
            value = getattr(article, field)
            first = seen.setdefault(value, article)
            if first is not article and article.source_path not in reported:
                reported.add(article.source_path)
                message = f"duplicate {field} {value!r}, also used by {first.source_path}"
                problems.append(Problem(article.source_path, None, field, message))
    return problems
