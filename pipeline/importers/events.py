"""An event or vacancy page's schema.org data (JSON-LD) as `event:` or `call:` front matter.

Event plugins and CMSs (The Events Calendar, Drupal, Eventbrite embeds) describe the event in
a `<script type="application/ld+json">`: when it starts and ends, where, and where to
register. The importer turns it into `kind: event` and `event: {start, end, place, register}`,
which the build reads as it reads an editor's (`content.EventFront`). A vacancy's
`JobPosting` (what job boards read) gives `kind: job` and `call: {deadline, apply}`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any
from urllib.parse import urljoin

from lxml import etree

_ONLINE = "OnlineEventAttendanceMode"


def _objects(value: Any) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object in `value`: lists and `@graph`s unpacked."""
    if isinstance(value, list):
        for item in value:
            yield from _objects(item)
    elif isinstance(value, dict):
        yield value
        yield from _objects(value.get("@graph"))


def _types(item: dict[str, Any]) -> list[str]:
    types = item.get("@type")
    names = types if isinstance(types, list) else [types]
    return [t.rsplit("/", 1)[-1] for t in names if isinstance(t, str)]


def _is_event(item: dict[str, Any]) -> bool:
    return any(t.endswith("Event") for t in _types(item))


def _moment(value: Any) -> str | None:
    """An ISO 8601 date or date-time as the page gives it ("2026-03-19T15:00:00+01:00"),
    checked; None for anything else."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            date.fromisoformat(text)
        else:
            datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return text


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


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


def _after(end: str, start: str) -> bool:
    try:
        return datetime.fromisoformat(end.replace("Z", "+00:00")) > datetime.fromisoformat(
            start.replace("Z", "+00:00")
        )
    except TypeError:  # one with an offset, one without: the build reads both in its zone
        return end > start


def _register(item: dict[str, Any], base: str | None) -> str | None:
    offers = item.get("offers")
    for offer in offers if isinstance(offers, list) else [offers]:
        if isinstance(offer, dict) and isinstance(offer.get("url"), str):
            url = urljoin(base or "", str(offer["url"]).strip())
            if url.startswith("https://") and not _same(url, base):
                return url  # (the event's own page is no registration form)
    return None


_REGISTER = re.compile(
    r"\b(register|registration|sign up|rsvp|anmeld\w*|inscri\w*|reg[íi]str\w*)\b", re.I
)
_APPLY = re.compile(r"\b(apply|application|bewerb\w*|postuler|candidat\w*|solicit\w*)\b", re.I)


def _form_link(tree: etree._Element, base: str | None, says: re.Pattern[str]) -> str | None:
    """The text's link that says it is the form ("Register here", "Apply now"), when the
    structured data names none: the extractor may leave out a paragraph that is only a link."""
    for link in tree.xpath("//article//a[@href] | //main//a[@href]"):
        url = urljoin(base or "", str(link.get("href")).strip())
        text = " ".join(link.itertext())
        if says.search(text) and url.startswith("https://") and not _same(url, base):
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


def _scripts(tree: etree._Element) -> Iterator[dict[str, Any]]:
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        yield from _objects(data)


def page_job(tree: etree._Element, base: str | None, title: str) -> dict[str, str] | None:
    """The page's own schema.org JobPosting with a deadline (`validThrough`) it can read, as
    front matter `call:` (deadline, apply: its `url` or the text's application link, unless
    the page itself); None when the page describes none."""
    for item in _scripts(tree):
        if "JobPosting" not in _types(item):
            continue
        named = _words(_text(item.get("title")) or _text(item.get("name")))
        if named != _words(title) and not _about(item, base, title):
            continue
        if (deadline := _moment(item.get("validThrough"))) is None:
            continue
        call = {"deadline": deadline}
        url = item.get("url") if isinstance(item.get("url"), str) else None
        apply = urljoin(base or "", url.strip()) if url else None
        if not apply or not apply.startswith("https://") or _same(apply, base):
            apply = _form_link(tree, base, _APPLY)
        if apply:
            call["apply"] = apply
        return call
    return None


def _same(url: str, base: str | None) -> bool:
    return url.rstrip("/") == (base or "").rstrip("/")


def page_event(tree: etree._Element, base: str | None, title: str) -> dict[str, str] | None:
    """The page's own schema.org Event (`_about`: at `base`, or named `title`) with a start it
    can read, as front matter `event:` (start, end, place, register); None when the page
    describes none. An end written otherwise than its start (a time and a date alone) is left
    out: it would not say when the event ends."""
    for item in _scripts(tree):
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
        if register := _register(item, base) or _form_link(tree, base, _REGISTER):
            event["register"] = register
        return event
    return None
