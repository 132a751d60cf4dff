"""An event's time as its page writes it ("10:00 AM – 11:30 AM EDT", "14.00–15.30 Uhr MEZ",
"13:15 - 14:30 (UTC+1)", "14:00–15:30 SAST (UTC+2)") read on its day: ISO 8601 start and end with the UTC offset of that day.

A time is taken only with its zone: a UTC offset, or an abbreviation of one zone ("EDT", "CET",
"JST"). "CST" (China or the American Central?) and "IST" (India, Israel or Ireland?) name
several, and a time without its zone names no moment: both stay for the editor.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

_ZONES = {
    **dict.fromkeys(("ET", "EST", "EDT"), "America/New_York"),
    **dict.fromkeys(("CT", "CDT"), "America/Chicago"),
    **dict.fromkeys(("MT", "MST", "MDT"), "America/Denver"),
    **dict.fromkeys(("PT", "PST", "PDT"), "America/Los_Angeles"),
    **dict.fromkeys(("BST", "UK"), "Europe/London"),
    **dict.fromkeys(("CET", "CEST", "MEZ", "MESZ", "HEC", "HNEC", "HAEC"), "Europe/Berlin"),
    **dict.fromkeys(("EET", "EEST", "OEZ", "OESZ"), "Europe/Athens"),
    **dict.fromkeys(("MSK", "МСК"), "Europe/Moscow"),
    **dict.fromkeys(("TSİ", "TRT"), "Europe/Istanbul"),
    **dict.fromkeys(("PKT",), "Asia/Karachi"),
    **dict.fromkeys(("WIB",), "Asia/Jakarta"),
    **dict.fromkeys(("ICT",), "Asia/Bangkok"),
    **dict.fromkeys(("JST",), "Asia/Tokyo"),
    **dict.fromkeys(("KST",), "Asia/Seoul"),
    **dict.fromkeys(("SGT",), "Asia/Singapore"),
    **dict.fromkeys(("HKT",), "Asia/Hong_Kong"),
    **dict.fromkeys(("AEST", "AEDT"), "Australia/Sydney"),
    **dict.fromkeys(("GMT", "UTC", "Z"), "UTC"),
}
"""Zone abbreviations that name one zone; its offset on the event's day is the zone's (an
"EST" in July is read as New York's time then)."""

_CLOCK = r"\d{1,2}(?:[:.h]\d{2})?\s*(?:[ap]\.?\s?m\.?)?"
_TIME = re.compile(
    rf"(?<![\d:.])(?P<start>{_CLOCK})(?:\s*(?:[–—-]|to|until|bis|à|a|до)\s*(?P<end>{_CLOCK}))?"
    r"(?:\s*(?:uhr|h|horas?|ч\.?))?\s*(?:[A-Z]{2,5}\s*(?=\(\s*(?:UTC|GMT)))?\(?\s*"
    r"(?:(?:UTC|GMT)\s*(?P<offset>[+−-]\s*\d{1,2}(?::?\d{2})?)"
    rf"|(?P<zone>{'|'.join(sorted(_ZONES, key=len, reverse=True))})\b)",
    re.I,
)


_HALF_DAY = re.compile(r"([ap])\.?\s?m\.?\s*$", re.I)


def _hour_minute(clock: str) -> tuple[int, int] | None:
    found = re.fullmatch(r"(\d{1,2})(?:[:.h](\d{2}))?\s*(?:([ap])\.?\s?m\.?)?", clock.strip(), re.I)
    if found is None or (found[2] is None and found[3] is None):
        return None  # "10" alone is no time ("10 – 12 EDT" is read by its end's "am"/"pm")
    hour, minute = int(found[1]), int(found[2] or 0)
    if found[3]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if found[3].lower() == "p" else 0)
    return (hour, minute) if hour < 24 and minute < 60 else None


def _offset(text: str) -> timezone | None:
    found = re.fullmatch(r"([+-])(\d{1,2})(?::?(\d{2}))?", text.replace("−", "-").replace(" ", ""))
    if found is None or int(found[2]) > 14:
        return None
    delta = timedelta(hours=int(found[2]), minutes=int(found[3] or 0))
    return timezone(-delta if found[1] == "-" else delta)


def put_times(event: dict[str, str], times: tuple[str, str | None]) -> None:
    """Set `event`'s start, and its end where `times` has one (what `clock_times` gives)."""
    event["start"] = times[0]
    if times[1]:
        event["end"] = times[1]


def is_time_line(text: str) -> bool:
    """Whether `text` is a time and nothing else ("13:15 - 14:30 (CET)")."""
    found = _TIME.search(text)
    return (
        found is not None
        and not text[: found.start()].strip()
        and not (text[found.end() :].strip(" )"))
    )


def clock_times(day: date, text: str) -> tuple[str, str | None] | None:
    """(start, end or None) of the time `text` gives on `day`, ISO 8601 with the offset; None
    when it gives no time with a zone."""
    found = _TIME.search(text)
    if found is None:
        return None
    offset = found["offset"]
    zone = _offset(offset) if offset else ZoneInfo(_ZONES[found["zone"].upper()])
    start_text, end_text = found["start"], found["end"]
    half = _HALF_DAY.search(end_text or "")
    if half and not _HALF_DAY.search(start_text):
        start_text += f" {half[1]}m"  # "10 – 11:30 am": both in the morning
    start = _hour_minute(start_text)
    end = _hour_minute(end_text) if end_text else None
    if zone is None or start is None or (end_text and end is None):
        return None

    def moment(hour_minute: tuple[int, int]) -> datetime:
        return datetime(day.year, day.month, day.day, *hour_minute, tzinfo=zone)

    begins = moment(start)
    ends = moment(end) if end else None
    if ends is not None and ends <= begins:
        ends += timedelta(days=1)  # "22:00 – 01:00": past midnight
    return begins.isoformat(timespec="minutes"), (
        ends.isoformat(timespec="minutes") if ends else None
    )
