"""A press release's embargo ("EMBARGOED UNTIL 00:01 CET, TUESDAY 8 DECEMBER 2026"): the moment
it may be made public, which is its publication time here (nothing goes out before it)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pipeline.importers.dates import date_in
from pipeline.importers.event_times import clock_times

_EMBARGO = re.compile(
    r"^\W*(?:strictly )?(?:embargo(?:ed)?|under embargo|sperrfrist|sous embargo)\b\s*"
    r"(?:until|till|to|for release|bis|jusqu['’]au|jusqu['’]à|hasta)?\s*:?\s*(?P<when>.{6,90}?)\W*$",
    re.I,
)
_LOOKED = 3
"""An embargo line heads the release: among its first paragraphs."""


@dataclass(frozen=True)
class Embargo:
    """An embargo line found, and what the importer writes of it."""

    moment: str
    """ISO 8601: the publication time it gives the piece."""
    line: str
    """The line as the source shows it (without emphasis), for the date's comment."""
    rest: list[str]
    """The blocks without the line."""

    @property
    def comment(self) -> str:
        return f'the embargo ("{self.line}")'

    @property
    def note(self) -> str:
        return (
            f"date: the release is embargoed until {self.moment}, taken as its publication "
            "time (nothing goes out before it). Check it."
        )


def held_until(blocks: list[str], dated: date | str) -> Embargo | None:
    """The embargo the first `blocks` name, where it is later than the piece is `dated`."""
    found = embargo(blocks)
    if found is None or not later(found[1], dated):
        return None
    index, moment = found
    line = re.sub(r"[*_\\]", "", blocks[index]).strip()
    return Embargo(moment, line, blocks[:index] + blocks[index + 1 :])


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
