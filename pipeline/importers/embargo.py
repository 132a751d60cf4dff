"""A press release's embargo ("EMBARGOED UNTIL 00:01 CET, TUESDAY 8 DECEMBER 2026"): the moment
it may be made public, which is its publication time here (nothing goes out before it)."""

from __future__ import annotations

import re
from datetime import date

from pipeline.importers.event_times import clock_times
from pipeline.importers.scrape_event import date_in

_EMBARGO = re.compile(
    r"^\W*(?:strictly )?(?:embargo(?:ed)?|under embargo|sperrfrist|sous embargo)\b\s*"
    r"(?:until|till|to|for release|bis|jusqu['’]au|jusqu['’]à|hasta)?\s*:?\s*(?P<when>.{6,90}?)\W*$",
    re.I,
)
_LOOKED = 3
"""An embargo line heads the release: among its first paragraphs."""


def embargo(blocks: list[str]) -> tuple[int, str] | None:
    """Which of the first `blocks` is an embargo line, and the moment it names (ISO 8601: the
    time with its zone's offset where it gives one, else the day); None where none is."""
    for index, block in enumerate(blocks[:_LOOKED]):
        found = _EMBARGO.match(re.sub(r"[*_]", "", block).strip())
        if found is None:
            continue
        day = date_in(found["when"])
        if day is None:
            continue
        times = clock_times(day, found["when"])
        return index, times[0] if times else day.isoformat()
    return None


def later(moment: str, than: date | str) -> bool:
    """Whether `moment` (ISO 8601) is on a later day than `than`, or later on its day."""
    shown = than.isoformat() if isinstance(than, date) else str(than)
    return moment[:10] > shown[:10] or (moment[:10] == shown[:10] and "T" in moment)
