"""What a notice's first post must say besides its headline: when, where, and the form.

An event (`kind: event`) says when and where it takes place and links its registration form;
a call or vacancy (`kind: call`, `job`) says its deadline and links its application form. The
front matter (`event: {start, end, place, register}`, `call: {deadline, apply}`) says so
exactly, formatted for the article's language and shown in the site's timezone (babel). Without
it, the body's first sentence with a date stands for "when", and the body's form link (the
first link that says it is one, `language.py`) for the form.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from babel import Locale
from babel.dates import format_date, format_interval, format_time

from pipeline.article import Article
from pipeline.render.social.keypoints import clean, form_link
from pipeline.render.social.language import has_date, words
from pipeline.render.social.structure import Body
from pipeline.text import split_fast


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


def _first_dated_sentence(body: Body, language: str) -> str | None:
    for block in body.blocks:
        if not has_date(block.text, language):
            continue
        for raw in split_fast(block.text, language):
            text = clean(raw, language)
            if has_date(text, language) and not text.endswith(":"):
                return text
    return None


@dataclass(frozen=True)
class Notice:
    """What a notice's first posts must say, and the versions of it that a post may carry."""

    when: str | None
    """ "Thursday, 19 March 2026, 15:00–16:30 CET · Online (Zoom)", "Deadline: …", or the
    body's first sentence with a date."""
    form: str | None
    """The registration or application form's URL."""
    from_front_matter: bool

    def versions(self, language: str, kind: str) -> tuple[str, ...]:
        """Fullest first: "when" and "Register: <form>" on two lines, then "when" alone, then
        the form alone (for a post too short for both)."""
        w = words(language)
        label = w.register if kind == "event" else w.apply
        form_line = f"{label}: {self.form}" if self.form else None
        versions = [
            "\n".join(line for line in (self.when, form_line) if line),
            self.when or "",
            form_line or "",
        ]
        return tuple(v for v in dict.fromkeys(versions) if v)


def notice_of(article: Article, body: Body, zone: tzinfo, language: str) -> Notice | None:
    """The notice's when, where and form; None for kinds that are not notices."""
    if not article.is_notice:
        return None
    w = words(language)
    moment: str | None = None
    form: str | None = None
    if article.event is not None:
        event = article.event
        moment = when(event.start, event.end, event.timed, zone, language)
        moment = f"{moment} · {event.place}" if event.place else moment
        form = event.form
    elif article.call is not None:
        call = article.call
        moment = f"{w.deadline}: {when(call.deadline, None, call.timed, zone, language)}"
        form = call.form
    else:
        moment = _first_dated_sentence(body, language)
    if form is None:
        found = form_link(body, article.url, language)
        form = found[2] if found else None
    return Notice(moment, form, article.event is not None or article.call is not None)
