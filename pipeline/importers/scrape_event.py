"""An event notice's details in a scrape ("Time: 10:00 AM – 11:30 AM EDT", "Location: Online via
Zoom", "Register here"): read into `event:` and out of the text, which would say them twice; and
the event a feed entry's text announces ("Webinar: …", "Join us on Thursday 21 January 2027,
14:00–15:30 SAST (UTC+2)")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from pipeline.importers.dates import date_in
from pipeline.importers.event_times import clock_times, is_time_line, put_times
from pipeline.importers.events import PLACE_WORDS, REGISTER, TIME_WORDS

_LABELS = {
    "time": rf"{TIME_WORDS}|horario|orario|godzina|时间|時間|시간",
    "place": rf"{PLACE_WORDS}|sede|luogo|miejsce|地点|場所|장소|المكان",
}
_DETAIL = re.compile(
    rf"^(?:(?P<time>{_LABELS['time']})|(?P<place>{_LABELS['place']}))\s*(?:[:：]\s*(?P<value>.+))?$",
    re.I,
)
_REGISTER = re.compile(
    r"^(?:register(?: here| now| today| to attend(?: in person| online)?)?|registration|rsvp|"
    r"sign up(?: here| now)?|watch online|join online|livestream|"
    r"(?:jetzt )?anmelden|anmeldung|s'inscrire|inscription|inscr[ií]bete|inscr[ií]base|"
    r"inscripci[óo]n|iscriviti|iscrizione|zarejestruj się|rejestracja|регистрация|"
    r"зарегистрироваться|报名|登録|신청)"
    r"(?:\s*[:：]\s*(?P<url>https://\S+))?\s*[.!]?$",
    re.I,
)
"""The registration button ("Register here") or link ("Registration: https://…")."""
DATE_LABELS = (
    r"date|dates|date (?:&|and) time|when|datum|datum (?:&|und) uhrzeit|fecha|fecha y hora|"
    r"date et heure|data|data e ora|дата"
)
"""The labels of an event's date field, on a line of their own over the date."""
_DATE_LABEL_ALONE = re.compile(rf"^(?:{DATE_LABELS})\s*:?$", re.I)
_ONLINE = re.compile(
    r"^(?:online|virtual(?:ly)?|hybrid|en ligne|virtuell|en l[íi]nea|онлайн|オンライン|온라인|线上)"
    r"\b.{0,60}$|^.{0,40}\bvia (?:zoom|webex|(?:microsoft )?teams)\b.{0,30}$",
    re.I,
)
"""Where an online event takes place, on a line of its own ("Online via Zoom")."""
_SCAN = 12
"""The details sit at the top of a notice, around its description: its first paragraphs."""


@dataclass
class Details:
    event: dict[str, str] = field(default_factory=dict)
    """`start` (with the time, when it names its zone), `end`, `place`, `register`."""
    taken: list[str] = field(default_factory=list)
    """The lines read, as the scrape showed them."""
    untimed: str | None = None
    """A time that names no zone ("14:00 – 15:30"), which stays in the text."""
    paragraphs: list[str] = field(default_factory=list)
    """The text without the lines read."""


def event_details(paragraphs: list[str], day: date) -> Details:
    """The details among the first paragraphs of an event notice on `day`."""
    found = Details()
    taken: set[int] = set()
    for index, line in enumerate(paragraphs):
        if index in taken or len(line) > 160:
            continue
        if (button := _REGISTER.match(line)) is not None and (button["url"] or index < _SCAN):
            if button["url"]:  # the link, wherever it is; a button without one, at the top
                found.event.setdefault("register", button["url"])
            taken.add(index)
            continue
        if index >= _SCAN:
            continue
        if _DATE_LABEL_ALONE.match(line):  # "Date & Time" over the date the header read
            taken.add(index)
            continue
        detail = _DETAIL.match(line)
        online = detail is None and _ONLINE.match(line) and len(line.split()) <= 8
        if "place" not in found.event and online:
            found.event["place"] = line.strip()
            taken.add(index)
            continue
        if detail is not None:
            is_place, is_time, value = bool(detail["place"]), bool(detail["time"]), detail["value"]
        elif is_time_line(line):  # the time alone, under the date
            is_place, is_time, value = False, True, line
        else:
            continue
        lines = [index]
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
        if value is None and following and len(following) <= 120:  # "Venue" over its value
            value, lines = following, [index, index + 1]
        if value is None:
            continue
        if is_place and "place" not in found.event:
            found.event["place"] = value.strip()
            taken.update(lines)
        elif is_time and "start" not in found.event:
            times = clock_times(day, value)
            if times is None:
                found.untimed = value.strip()
                continue
            put_times(found.event, times)
            taken.update(lines)
    found.taken = [paragraphs[i] for i in sorted(taken)]
    found.paragraphs = [p for i, p in enumerate(paragraphs) if i not in taken]
    return found


ANNOUNCES = re.compile(
    r"^(?:(?:online|virtual|hybrid|public|expert|closed-door|in-person|high-level)\s+)?"
    r"(?:webinar|online event|seminar|roundtable|round table|panel(?: discussion)?|workshop|"
    r"conference|event|book launch|report launch|launch event|briefing|lecture|symposium|"
    r"s[ée]minaire|colloque|conf[ée]rence|tagung|veranstaltung|podiumsdiskussion|seminario|"
    r"evento|conferencia|jornada|webinaire)\b",
    re.I,
)
"""A title that says it announces an event ("Webinar: …", "Roundtable on …")."""
_LINK = re.compile(r"\[(?P<text>[^\]]{2,60})\]\((?P<url>https://[^)\s]+)\)")


def announced_event(title: str, paragraphs: list[str], published: date) -> dict[str, str]:
    """The event a feed entry announces: its title says it does ("Webinar: …") and its first
    paragraphs name a day after `published`, maybe a time with its zone and a registration
    link; {} where it announces none."""
    if not ANNOUNCES.match(title):
        return {}
    for paragraph in paragraphs[:4]:
        day = date_in(paragraph)
        if day is None or day <= published:
            continue
        event = {"start": day.isoformat()}
        if times := clock_times(day, paragraph.replace("*", "")):
            put_times(event, times)
        for text in paragraphs:
            for link in _LINK.finditer(text):
                if REGISTER.search(link["text"]) and "register" not in event:
                    event["register"] = link["url"]
        return event
    return {}
