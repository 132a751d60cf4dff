"""An event or vacancy page's schema.org data (JSON-LD) as `event:` or `call:` front matter.

Event plugins and CMSs (The Events Calendar, Drupal, Eventbrite embeds) describe the event in
a `<script type="application/ld+json">`: when it starts and ends, where, and where to
register. The importer turns it into `kind: event` and `event: {start, end, place, register}`,
which the build reads as it reads an editor's (`content.EventFront`). A vacancy's
`JobPosting` (what job boards read) gives `kind: job` and `call: {deadline, apply}`.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from lxml import etree

from pipeline.content import is_date_alone
from pipeline.content import parse_date as parse_moment
from pipeline.importers.dates import last_day, parse_date
from pipeline.importers.event_times import clock_times
from pipeline.textcheck import https_url_problem

_ONLINE = "OnlineEventAttendanceMode"
_DEPTH = 6
"""How deep objects are looked for: a page's own event is at the top, in its `@graph`, or the
`mainEntity` of its WebPage."""
_UTC = ZoneInfo("UTC")


def _objects(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object in `value`: lists, `@graph`s and a page's `mainEntity` unpacked."""
    if depth > _DEPTH:
        return
    if isinstance(value, list):
        for item in value:
            yield from _objects(item, depth + 1)
    elif isinstance(value, dict):
        yield value
        yield from _objects(value.get("@graph"), depth + 1)
        yield from _objects(value.get("mainEntity"), depth + 1)


def _types(item: dict[str, Any]) -> list[str]:
    """The object's types without their vocabulary ("schema:Event", "https://schema.org/Event")."""
    types = item.get("@type")
    names = types if isinstance(types, list) else [types]
    return [_local_name(t) for t in names if isinstance(t, str)]


def _local_name(term: str) -> str:
    """A schema.org term without its vocabulary ("https://schema.org/EventCancelled")."""
    return re.split(r"[/:#]", term)[-1]


def _is_event(item: dict[str, Any]) -> bool:
    return any(t.endswith("Event") for t in _types(item))


def _moment(value: Any) -> str | None:
    """An ISO 8601 date or date-time as the page gives it ("2026-03-19T15:00:00+01:00") that
    the build reads (`content.parse_date`: not a week date, nor an hour alone, nor 1850);
    None for anything else."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        parse_moment(text, _UTC)
    except ValueError:
        return None
    return text


def _text(value: Any) -> str:
    return " ".join(html.unescape(value).split()) if isinstance(value, str) else ""


def _place(item: dict[str, Any]) -> str | None:
    """ "Andromeda Tower, Vienna", "Online", or "Andromeda Tower, Vienna · Online"."""
    places: list[str] = []
    locations = item.get("location")
    for location in locations if isinstance(locations, list) else [locations]:
        if isinstance(location, str):
            places.append(_text(location))
        elif isinstance(location, dict):
            if "VirtualLocation" in str(location.get("@type")):
                places.append("Online")
                continue
            address = location.get("address")
            if isinstance(address, dict):
                street = _text(address.get("streetAddress"))
                town = _text(address.get("addressLocality"))
                address = ", ".join(p for p in (street, town) if p)
            parts = [_text(location.get("name")), _text(address)]
            parts = [p for p in parts if p]
            if len(parts) == 2 and parts[1].startswith(parts[0]):
                parts = parts[1:]
            places.append(", ".join(parts))
    if _ONLINE in str(item.get("eventAttendanceMode")) and "Online" not in places:
        places.append("Online")
    shown = [p for p in dict.fromkeys(places) if p]
    return " · ".join(shown) or None


def _has_offset(moment: str) -> bool:
    """A date-time that says its UTC offset ("…T15:00+01:00", "…Z"); a date alone has none."""
    if is_date_alone(moment):
        return False
    return datetime.fromisoformat(moment.replace("Z", "+00:00")).tzinfo is not None


def _marks_offset(moment: str) -> bool:
    """`_has_offset`, and False for what is no ISO 8601 moment."""
    try:
        return _has_offset(moment)
    except ValueError:
        return False


def _after(end: str, start: str) -> bool:
    """`end` is after `start`, both written alike (both with a UTC offset, or both without:
    the build reads a time without one in the site's zone, which the importer does not know)."""
    if _has_offset(end) != _has_offset(start):
        return False
    return parse_moment(end, _UTC) > parse_moment(start, _UTC)


def _form(url: str, base: str | None) -> str | None:
    """`url` (against `base`) if it is an https address the build takes that is not the page."""
    url = urljoin(base or "", url.strip())
    if https_url_problem(url, ascii_only=False) is not None or _same(url, base):
        return None
    return url


def _register(item: dict[str, Any], base: str | None) -> str | None:
    offers = item.get("offers")
    for offer in offers if isinstance(offers, list) else [offers]:
        url = offer.get("url") if isinstance(offer, dict) else None
        if isinstance(url, str) and (form := _form(url, base)):
            return form  # (the event's own page is no registration form)
    return None


REGISTER = re.compile(
    r"\b(register|registration|sign up|rsvp|anmeld\w*|inscri\w*|reg[íi]str\w*)\b", re.I
)
_APPLY = re.compile(
    r"\b(apply|application|bewerb\w*|postuler|candidate[rz]|candidatura|solicitar|solicitud)\b",
    re.I,
)
_NOT_A_FORM = re.compile(
    r"\b(newsletters?|mailing list|updates|subscri\w+|terms|conditions|privacy|log ?in)\b", re.I
)
"""Links that say "sign up" or "apply" but are no form for this event or vacancy."""


def _form_link(tree: etree._Element, base: str | None, says: re.Pattern[str]) -> str | None:
    """The text's link that says it is the form ("Register here", "Apply now"), when the
    structured data names none: the extractor may leave out a paragraph that is only a link."""
    outside = "[not(ancestor::aside or ancestor::nav or ancestor::footer or ancestor::form)]"
    for link in tree.xpath(f"//article//a[@href]{outside} | //main//a[@href]{outside}"):
        text = " ".join(link.itertext())
        says_so = says.search(text) and not _NOT_A_FORM.search(text)
        if says_so and (url := _form(str(link.get("href")), base)):
            return url
    return None


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _about(item: dict[str, Any], base: str | None, title: str) -> bool:
    """The event is the page's own (its name is the headline, or its address the page's), not
    one of the upcoming events a sidebar lists."""
    url = item.get("url") if isinstance(item.get("url"), str) else ""
    same_page = bool(base and url) and urljoin(base or "", url).rstrip("/") == (base or "").rstrip(
        "/"
    )
    return same_page or (_words(_text(item.get("name"))) == _words(title) != "")


def json_ld_objects(tree: etree._Element) -> Iterator[dict[str, Any]]:
    """Every object of the page's JSON-LD scripts (lists, `@graph`s and `mainEntity`s
    unpacked); a script that is no JSON is skipped."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):  # not JSON, or nested past the parser's depth
            continue
        yield from _objects(data)


def page_job(tree: etree._Element, base: str | None, title: str) -> dict[str, str] | None:
    """The page's own schema.org JobPosting with a deadline (`validThrough`) it can read, as
    front matter `call:` (deadline, apply: its `url` or the text's application link, unless
    the page itself); None when the page describes none."""
    for item in json_ld_objects(tree):
        if "JobPosting" not in _types(item):
            continue
        named = _words(_text(item.get("title")) or _text(item.get("name")))
        if named != _words(title) and not _about(item, base, title):
            continue
        if (deadline := _moment(item.get("validThrough"))) is None:
            continue
        call = {"deadline": deadline}
        url = item.get("url") if isinstance(item.get("url"), str) else None
        apply = (_form(url, base) if url else None) or _form_link(tree, base, _APPLY)
        if apply:
            call["apply"] = apply
        return call
    return None


def _same(url: str, base: str | None) -> bool:
    return url.rstrip("/") == (base or "").rstrip("/")


_STATUS = {"EventCancelled": "cancelled", "EventPostponed": "postponed",
           "EventRescheduled": "rescheduled", "EventMovedOnline": "moved online"}  # fmt: skip


def page_event(
    tree: etree._Element, base: str | None, title: str, review: list[str] | None = None
) -> dict[str, str] | None:
    """The page's own schema.org Event (`_about`: at `base`, or named `title`) with a start it
    can read, as front matter `event:` (start, end, place, register); None when the page
    describes none. An end written otherwise than its start (a time and a date alone, or one
    with a UTC offset and one without) is left out: it would not say when the event ends.
    What an editor must check goes to `review`: a time without a UTC offset (the build reads
    it in the site's timezone), and an event the page says is cancelled or postponed (whose
    registration link is then left out)."""
    notes = review if review is not None else []
    for item in json_ld_objects(tree):
        if not _is_event(item) or not _about(item, base, title):
            continue
        if (start := _moment(item.get("startDate"))) is None:
            continue
        event = {"start": start}
        end = _moment(item.get("endDate"))
        if end is not None and (len(end) == 10) == (len(start) == 10) and _after(end, start):
            event["end"] = end
        if place := _place(item):
            event["place"] = place
        said = item.get("eventStatus")
        status = _STATUS.get(_local_name(said), "") if isinstance(said, str) else ""
        if status in ("cancelled", "postponed"):
            notes.append(f"event: the page's event data says it is {status}. Check before "
                         "it is announced; no registration link was taken.")  # fmt: skip
        elif register := _register(item, base) or _form_link(tree, base, REGISTER):
            event["register"] = register
        if status in ("rescheduled", "moved online"):
            notes.append(f"event: the page's event data says it was {status}. Check the "
                         "date and place.")  # fmt: skip
        if not is_date_alone(start) and not _has_offset(start):
            notes.append(f"event.start: the page gives {start} without a UTC offset; the build "
                         "reads it in the site's timezone. Check it, or add the offset.")  # fmt: skip
        return event
    return None


TIME_WORDS = (
    "time|times|zeit|uhrzeit|heure|hora|horário|ora|godzina|tijd|saat|время|час|aika|"
    "időpont|ώρα|време|時間|时间|時刻|시간"
)
PLACE_WORDS = (
    "venue|location|place|where|ort|veranstaltungsort|lieu|lugar|local|luogo|miejsce|locatie|"
    "plaats|yer|место|місце|paikka|helyszín|τόπος|χώρος|место одржавања|地點|地点|場所|会場|장소"
)
"""The labels of an event's time and place fields ("Time:", "Venue:"), which the scrape
importer knows too."""
_FIELD_LABELS = {
    "date": re.compile(r"^(date|dates|when|datum|wann|fecha|cu[áa]ndo|quand|дата)\s*:?$", re.I),
    "time": re.compile(rf"^({TIME_WORDS}|horario)\s*:?$", re.I),
    "place": re.compile(rf"^({PLACE_WORDS}|sede)\s*:?$", re.I),
}


def field_of_label(text: str) -> str | None:
    """The field ("date", "time", "place") `text` is the label of ("Venue:"), or None."""
    return next((f for f, pattern in _FIELD_LABELS.items() if pattern.match(_text(text))), None)


_EVENT_PAGE = re.compile(
    r"/(events?|veranstaltungen|evenements?|événements?|eventos?|webinars?)/", re.I
)


_DRUPAL_LABEL = (
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' field__label ')]"
    "[not(ancestor::*[contains(@class, 'views-row') or contains(@class, 'related')])]"
)
"""A Drupal field's label ("Date", "Venue"), its value the next element (not a listed event's)."""


_HEADING_LABEL = (
    "//*[self::h2 or self::h3 or self::h4 or self::h5 or self::h6 or self::strong]"
    "[not(ancestor::*[contains(@class, 'widget') or contains(@class, 'related')])]"
)
"""A field's label as a calendar plugin sets it (Modern Events Calendar: "<h3>Date</h3>"), its
value in the next element with text."""


def _joined(value: etree._Element) -> str:
    """A field's value; its `<dd>`s one after another ("Palais Niederösterreich, Herrengasse
    13, 1010 Vienna")."""
    parts = [_text(" ".join(d.itertext())) for d in value.iter("dd")]
    parts = [p for p in parts if p]
    return ", ".join(parts) if parts else _text(" ".join(value.itertext()))


def _fields(tree: etree._Element) -> tuple[dict[str, str], list[str]]:
    """The page's "Date", "Time", "Venue" fields (a `<dl>` or `<th>`/`<td>` rows, Drupal's
    labelled fields, or lines "Date: …" in the article), by what they say; and the moments
    the date field marks (`<time datetime="2027-01-21T12:00:00Z">`), when it marks times."""
    found: dict[str, str] = {}
    moments: list[str] = []
    pairs: list[tuple[str, etree._Element | str]] = []
    for term in tree.xpath("//dt | //th"):
        value = term.getnext()
        if value is not None and value.tag in ("dd", "td"):
            pairs.append((" ".join(term.itertext()), value))
    for term in tree.xpath(_DRUPAL_LABEL):
        if (value := term.getnext()) is not None:
            pairs.append((" ".join(term.itertext()), value))
    for term in tree.xpath(_HEADING_LABEL):  # "<h3>Date</h3><dl><dd>Jan 27 2027</dd></dl>"
        if field_of_label(" ".join(term.itertext())) is None:
            continue
        value = next((v for v in term.itersiblings() if _text(" ".join(v.itertext()))), None)
        if value is not None:
            pairs.append((" ".join(term.itertext()), _joined(value)))
    for line in tree.xpath("//article//p | //main//p | //article//li | //main//li")[:40]:
        label, colon, rest = " ".join(line.itertext()).partition(":")
        if colon and len(label) <= 20:
            pairs.append((label, rest))
    for label, value in pairs:
        text = value if isinstance(value, str) else " ".join(value.itertext())
        field = field_of_label(label)
        if field is not None and field not in found and _text(text):
            found[field] = _text(text)
            if field == "date" and not isinstance(value, str):
                marked = [
                    str(t).replace("Z", "+00:00") for t in value.xpath(".//*[@datetime]/@datetime")
                ]
                moments = [m for m in marked if "T" in m and _marks_offset(m)]
    return found, moments


def page_event_from_text(
    tree: etree._Element, base: str | None, review: list[str], announced: bool = False
) -> dict[str, str] | None:
    """An event page without event data ("/events/…" in its address, or a headline that
    `announced` one, "Webinar: …"; a "Date" field): its date, time with the UTC offset it
    gives, place and registration link, as `event:`, with a review note; None when the page
    names no date it can read."""
    if not announced and not (base and _EVENT_PAGE.search(urlsplit(base).path)):
        return None
    fields, moments = _fields(tree)
    day = parse_date(fields["date"]) if "date" in fields else None
    if day is None and moments:
        day = datetime.fromisoformat(moments[0].replace("Z", "+00:00")).date()
    if day is None:
        return None
    event = {"start": day.isoformat()}
    if moments:  # the page marks the moments: "2027-01-21T12:00:00Z" - "…T13:30:00Z"
        event["start"] = moments[0]
        if len(moments) > 1 and _after(moments[1], moments[0]):
            event["end"] = moments[1]
    elif times := clock_times(day, fields.get("time", "")):  # "14.00–15.30 (CET)" on the day
        event["start"] = times[0]
        final = last_day(fields["date"]) if "date" in fields else None
        if final is not None and final > day and times[1]:  # "20–21 January 2027", 09:30–17:00
            ends = clock_times(final, fields["time"])
            event["end"] = ends[1] if ends and ends[1] else times[1]
        elif times[1]:
            event["end"] = times[1]
    if "place" in fields:
        event["place"] = fields["place"]
    if register := _form_link(tree, base, REGISTER):
        event["register"] = register
    said = (
        f' (the time "{fields["time"]}" names no time zone: add its UTC offset)'
        if len(event["start"]) <= 10 and "time" in fields
        else ""
    )
    review.append(
        f"event: read from the page's text, which has no event data{said}. Check the start, "
        "end, place and registration link."
    )
    return event
