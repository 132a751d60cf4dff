"""People and organisations in a post: full names on first mention, handles where configured.

The centre's house style writes "Ms. Kane" after introducing "Angela Kane"; a post quoting only
the later sentence would leave the reader asking who Ms. Kane is. So in each post (or thread) the
first "Ms. Kane" becomes "Angela Kane" when the article names her in full; later mentions stay.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from pipeline.render.social.language import EN_TITLES as _TITLES

HONORIFIC = "(?:" + "|".join(title[:-1] for title in _TITLES) + r")\."
"""Exactly the titles, literally: a text without one of them holds no HONORIFIC_NAME."""
_NAME_PART = r"[A-Z][\w'’-]+"
HONORIFIC_NAME = re.compile(
    rf"\b{HONORIFIC}\s+(?:(?P<first>{_NAME_PART})\s+(?=[A-Z]))?(?P<last>{_NAME_PART})"
)
# Words that stand before a surname but are not a first name ("Senior Fellow Angela Kane").
_NOT_FIRST_NAMES = """The A An And Of For With By To In On At As From Fellow Senior Director
President Secretary Minister Ambassador General Professor Chair Chairman Chairwoman Representative
Senator Governor Advisor Adviser Envoy Prime Foreign Deputy Chief Commissioner Admiral Colonel
Judge Justice Spokesperson Former Executive Research Associate Special Dear Mr Ms Mrs Dr Prof
Secretary-General Director-General Vice Council Security Assembly
Then When While But After Before Since Today Yesterday Tomorrow Also Now Here There
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March July September
October November December"""
NOT_FIRST_NAMES = frozenset(_NOT_FIRST_NAMES.split())
_FIRST_NAME = r"\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?"
"""A first name in any Latin script ("António", "Zoë", "Jean-Marc"): on the surname's line."""


@dataclass(frozen=True)
class NameBook:
    """Surname -> full name, as the article introduces its people."""

    full_names: Mapping[str, str]
    _patterns: tuple[tuple[str, re.Pattern[str]], ...] = field(
        default=(), compare=False, repr=False
    )

    def __post_init__(self) -> None:
        patterns = tuple(
            (surname, re.compile(rf"(?<!\. ){re.escape(full)}\b"))
            for surname, full in self.full_names.items()
        )
        object.__setattr__(self, "_patterns", patterns)

    @classmethod
    def from_texts(cls, texts: Sequence[str]) -> NameBook:
        joined = "\n".join(texts)
        surnames = {m.group("last") for m in HONORIFIC_NAME.finditer(joined)}
        found: dict[str, str] = {}
        for surname in sorted(surnames):
            pattern = regex.compile(
                rf"(?<![\w-])(?P<first>{_FIRST_NAME})[ \u00a0]+{regex.escape(surname)}\b"
            )
            for match in pattern.finditer(joined):
                if match.group("first") not in NOT_FIRST_NAMES:
                    found[surname] = f"{match.group('first')} {surname}"
                    break
        return cls(found)

    def introduce(self, texts: Sequence[str]) -> list[str]:
        """`texts` (read in order) with each person's first mention given as their full name."""
        seen: set[str] = set()
        out: list[str] = []
        for text in texts:
            events: list[tuple[int, str, re.Match[str] | None]] = []
            if any(title in text for title in _TITLES):  # else HONORIFIC_NAME cannot match
                events = [(m.start(), m.group("last"), m) for m in HONORIFIC_NAME.finditer(text)]
            if not events and all(surname in seen for surname, _ in self._patterns):
                out.append(text)
                continue
            for surname, pattern in self._patterns:
                if surname not in seen and self.full_names[surname] in text:
                    events += [(m.start(), surname, None) for m in pattern.finditer(text)]
            replacements: list[tuple[int, int, str]] = []
            for _, surname, match in sorted(events, key=lambda e: e[0]):
                if surname in seen:
                    continue
                seen.add(surname)
                if match is None:
                    continue  # already introduced in full
                first = match.group("first")
                full_name = f"{first} {surname}" if first else self.full_names.get(surname)
                if full_name:
                    replacements.append((match.start(), match.end(), full_name))
            for start, end, new in reversed(replacements):
                text = text[:start] + new + text[end:]
            out.append(text)
        return out


@lru_cache(maxsize=256)
def mention_pattern(name: str) -> re.Pattern[str]:
    """A configured name in running text, with a leading "the" that the handle replaces."""
    return re.compile(rf"(?:\b[Tt]he\s+)?(?<![\w@#]){re.escape(name)}(?!\w)")


def place_mentions(texts: Sequence[str], handles: Mapping[str, str]) -> tuple[list[str], set[str]]:
    """Replace the first mention of each configured name (across `texts`) by its handle.

    Returns the texts and the names that were placed (the rest may go at the end of a post).
    """
    out = list(texts)
    placed: set[str] = set()
    for name, handle in handles.items():
        pattern = mention_pattern(name)
        for i, text in enumerate(out):
            if name not in text:
                continue  # the pattern holds the name as written
            new, count = pattern.subn(handle, text, count=1)
            if count:
                out[i] = new
                placed.add(name)
                break
    return out, placed
