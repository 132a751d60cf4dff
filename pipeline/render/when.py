"""When an event takes place or a call closes, as readers read it, and whether it is over.

Shared by the social drafts' notices and the newsletter: formatted for a language and shown in
the site's timezone (babel).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Literal

from babel import Locale
from babel.dates import format_date, format_interval, format_time

from pipeline.article import Article


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language, sep="-")
    except (ValueError, LookupError):
        return Locale.parse("en")


def _zone(moment: datetime) -> str:
    name = moment.tzname() or ""
    if not name or name[0] in "+-":
        offset = moment.strftime("%z")
        return f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    return name


def _hours(locale: Locale) -> str:
    """The interval skeleton of the locale's clock: 'hm' (3:00 – 4:30 PM) or 'Hm' (15:00–16:30)."""
    pattern = str(locale.time_formats["short"].pattern)
    return "hm" if "h" in pattern else "Hm"


def when(start: datetime, end: datetime | None, timed: bool, zone: tzinfo, language: str) -> str:
    """ "Thursday, 19 March 2026, 15:00–16:30 CET" in `language`, in the site's `zone`."""
    locale = _locale(language)
    start = start.astimezone(zone)
    end = end.astimezone(zone) if end else None
    if not timed:
        if end is None or end.date() == start.date():
            return format_date(start.date(), "full", locale=locale)
        return format_interval(start.date(), end.date(), "yMMMMEEEEd", locale=locale)
    day = format_date(start.date(), "full", locale=locale)
    if end is None:
        return f"{day}, {format_time(start, 'short', tzinfo=zone, locale=locale)} {_zone(start)}"
    if end.date() == start.date():
        hours = format_interval(start, end, _hours(locale), tzinfo=zone, locale=locale)
        return f"{day}, {hours} {_zone(start)}"
    later = format_date(end.date(), "full", locale=locale)
    begin = format_time(start, "short", tzinfo=zone, locale=locale)
    finish = format_time(end, "short", tzinfo=zone, locale=locale)
    return f"{day}, {begin} – {later}, {finish} {_zone(end)}"


def over_when_published(article: Article, zone: tzinfo) -> bool:
    """True when the event had ended, or the call closed, by the time the article is due (a
    date alone: the start of its day): the piece reports on it (a recording, the results) and
    announces nothing."""
    over = article.over_at(zone)
    return over is not None and over <= article.due_at


@dataclass(frozen=True)
class Announced:
    """What the front matter says an event or call announces, formatted to be read."""

    kind: Literal["event", "call"]
    when: str
    """An event's "Friday, 20 March 2026, 14:00–15:30 CET · Vienna" (with its place), or a
    call's deadline (without the word "Deadline": each output says it in its own words)."""
    form: str | None
    """The registration or application form's URL."""


def announced(article: Article, zone: tzinfo, language: str) -> Announced | None:
    """The `event:` or `call:` front matter of `article` in `language`; None without one, and
    for an event over (or a call closed) by the article's date (`over_when_published`)."""
    if over_when_published(article, zone):
        return None
    if article.event is not None:
        event = article.event
        moment = when(event.start, event.end, event.timed, zone, language)
        return Announced(
            "event", f"{moment} · {event.place}" if event.place else moment, event.form
        )
    if article.call is not None:
        call = article.call
        return Announced("call", when(call.deadline, None, call.timed, zone, language), call.form)
    return None
