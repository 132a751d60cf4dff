"""pysbd's abbreviation pass, faster and with the same result (it was half of pysbd's time).

pysbd's `AbbreviationReplacer.search_for_abbreviations_in_string` runs, for each of ~190
abbreviations found anywhere in a line as a substring ("co" in "council"), a case-insensitive
`findall` of `(?:^|\\s)abbr` over the line, and then for each hit a `re.sub` that replaces the
period after `abbr`. Exact shortcuts skip most of that work:

- in an ASCII line, such a `findall` finds exactly the whitespace-separated words that start
  with the abbreviation (for an abbreviation of lower-case letters and digits), each with the
  space before it: the line's words, grouped by first letter, give the same list;
- its second `findall` looks behind for a literal "{abbr} " (pysbd's braces are not a
  quantifier), so it runs only when the line holds that text;
- each `re.sub` looks for the hit followed by a period (case-sensitive): when the line has no
  such text, nothing is replaced.

Anything else (non-ASCII lines, abbreviations with regex characters such as "e.g") takes pysbd's
own path; the regular expressions are compiled once instead of going through `re`'s cache, which
pysbd's hundreds of patterns overflow. tests/test_text.py compares the splits with pysbd's.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

import pysbd
from pysbd.abbreviation_replacer import AbbreviationReplacer
from pysbd.processor import Processor

_LOWER_WORD = re.compile(r"[a-z0-9]+")
_WORD = re.compile(r"[A-Za-z0-9]+")


@cache
def _compiled(pattern: str, flags: int) -> re.Pattern[str]:
    return re.compile(pattern, flags)


_NOT_SPACE = re.compile(r"\S+")


def _words_by_initial(lowered: str) -> dict[str, list[tuple[int, str]]]:
    """The words of `lowered` (runs of non-space) with where they start, by first character."""
    words: dict[str, list[tuple[int, str]]] = {}
    for word in _NOT_SPACE.finditer(lowered):
        text = word.group()
        words.setdefault(text[0], []).append((word.start(), text))
    return words


class _Shortcuts:
    """The shortcuts, mixed into a language's own AbbreviationReplacer."""

    text: str
    lang: Any

    def search_for_abbreviations_in_string(self, text: str) -> str:
        # pysbd's method, line for line, with the two `findall`s answered from the word starts
        # when the line is ASCII and the abbreviation a lower-case word. Replacements turn a
        # "." into "∯" (one character for one, neither a space nor a letter), so the starts
        # found before them stay right.
        lowered = text.lower()
        abbreviations = self.lang.Abbreviation.ABBREVIATIONS
        words = _words_by_initial(lowered) if text.isascii() else None
        for abbr in abbreviations:
            stripped = abbr.strip()
            if stripped not in lowered:
                continue
            if words is not None and _LOWER_WORD.fullmatch(stripped):
                # `(?:^|\s|\r|\n)abbr` matched case-insensitively: the space before a word
                # (none at the very start) and the word's first letters.
                size = len(stripped)
                abbrev_match = [
                    text[start - 1 : start + size] if start else text[:size]
                    for start, word in words.get(stripped[0], ())
                    if word.startswith(stripped)
                ]
                if not abbrev_match:
                    continue
            else:
                abbrev_match = _compiled(rf"(?:^|\s|\r|\n){stripped}", re.IGNORECASE).findall(text)
                if not abbrev_match:
                    continue
            # (sic: the braces are literal, so this finds something only after "{abbr} ".)
            next_word_start = r"(?<={" + str(re.escape(stripped)) + "} ).{1}"
            if "{" + str(re.escape(stripped)) + "} " in text:
                char_array = _compiled(next_word_start, 0).findall(text)
            else:
                char_array = []
            for ind, match in enumerate(abbrev_match):
                text = self.scan_for_replacements(text, match, ind, char_array)
        return text

    def scan_for_replacements(self, txt: str, am: str, ind: int, char_array: list[str]) -> str:
        stripped = am.strip()
        if _WORD.fullmatch(stripped) and stripped + "." not in txt:
            return txt  # every replacement pysbd would try needs `stripped` and a period
        return super().scan_for_replacements(txt, am, ind, char_array)  # type: ignore[misc,no-any-return]


@lru_cache(maxsize=32)
def _fast_replacer(base: type) -> type | None:
    """`base` with the shortcuts, or None when `base` changes the methods they replace."""
    for name in ("search_for_abbreviations_in_string", "scan_for_replacements"):
        if getattr(base, name) is not getattr(AbbreviationReplacer, name):
            return None
    return type(f"Fast{base.__name__}", (_Shortcuts, base), {})


class _Processor(Processor):  # type: ignore[misc]
    def abbreviations_replacer(self) -> Any:
        base = getattr(self.lang, "AbbreviationReplacer", AbbreviationReplacer)
        fast = _fast_replacer(base)
        return (fast or base)(self.text, self.lang)


def processor(segmenter: pysbd.Segmenter, text: str) -> Any:
    """What `segmenter.processor(text)` gives, with the faster abbreviation pass where the
    language uses pysbd's own Processor and abbreviation search."""
    if hasattr(segmenter.language_module, "Processor"):
        return pysbd.Segmenter.processor(segmenter, text)
    return _Processor(text, segmenter.language_module, char_span=segmenter.char_span)
