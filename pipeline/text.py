"""Plain-text helpers shared by the renderers: sentences and summaries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pysbd
from pysbd.utils import TextSpan

from pipeline import sbd


def sentence_spans(sentences: list[str], text: str) -> list[TextSpan]:
    r"""Where each of `sentences` (in order) lies in `text`, with its trailing whitespace.

    The same result as pysbd's `Segmenter.sentences_with_char_spans`, which compiles a regex
    `re.escape(sentence) + r"\s*"` per sentence and takes its first non-overlapping match that
    ends after the previous span; here `str.find` walks the same matches.
    """
    spans: list[TextSpan] = []
    prior_end = 0
    for sentence in sentences:
        if not sentence:  # an empty pattern matches everywhere; pysbd never yields one
            continue
        start = text.find(sentence)
        while start != -1:
            end = start + len(sentence)
            while end < len(text) and text[end].isspace():  # what re's \s matches
                end += 1
            if end > prior_end:
                spans.append(TextSpan(text[start:end], start, end))
                prior_end = end
                break
            start = text.find(sentence, end)  # finditer resumes after the match
    return spans


class _Segmenter(pysbd.Segmenter):  # type: ignore[misc]
    """pysbd's segmenter without its per-sentence regex compile (see `sentence_spans`) and with
    a faster abbreviation pass (see `pipeline.sbd`)."""

    def processor(self, text: str) -> Any:
        return sbd.processor(self, text)

    def sentences_with_char_spans(self, sentences: list[str]) -> list[TextSpan]:
        return sentence_spans(sentences, self.original_text)


@lru_cache(maxsize=8)
def _segmenter(language: str) -> pysbd.Segmenter:
    try:
        return _Segmenter(language=language, clean=False)
    except ValueError:  # pysbd knows ~20 languages; English rules are the safest fallback
        return _Segmenter(language="en", clean=False)


# Splits already known in this process (see `remember`): pysbd costs milliseconds a paragraph.
_KNOWN: dict[tuple[str, str], tuple[str, ...]] = {}
_KNOWN_MAX = 20_000


def remember(text: str, language: str, sentences: tuple[str, ...]) -> None:
    """Record that `text` splits into `sentences` (e.g. carried by an Article from the reader),
    so that `split_fast` and `split_sentences` need not run pysbd on it again in this process."""
    if len(_KNOWN) >= _KNOWN_MAX:
        _KNOWN.clear()
    _KNOWN[(text, language)] = sentences


def known_split(text: str, language: str) -> tuple[str, ...] | None:
    """The sentences `remember` recorded for `text`, if any."""
    return _KNOWN.get((text, language))


def split_sentences(text: str, language: str = "en") -> list[str]:
    """Sentences of `text`, surviving "Ms.", "U.S.", "i.e." and quotes (pysbd), and
    abbreviations pysbd does not know that a lowercase word follows (`rejoined`)."""
    if not text.strip():
        return []
    if (known := known_split(text, language)) is not None:
        return list(known)
    lang = language.split("-")[0].lower()
    return [s.strip() for s in rejoined(_segmenter(lang).segment(text), lang) if s.strip()]


def rejoined(segments: list[str], language: str) -> list[str]:
    """pysbd's segments (each with its trailing whitespace), rejoined where pysbd ended a
    sentence that goes on: after a full stop when the next begins with a lowercase letter (an
    abbreviation its list for the language lacks: "p. ex. la France", "p. ej. el", "т. е.
    речь"; scripts without case never join), and after a comma or a colon, which its Arabic
    and Persian rules count as sentence ends (Armenian's `:` is its full stop, and ends one)."""
    ends_nothing = "،,:" if language != "hy" else "،,"
    out: list[str] = []
    for segment in segments:
        before = out[-1].rstrip() if out else ""
        if before and (
            before[-1] in ends_nothing or (before[-1] == "." and segment.lstrip()[:1].islower())
        ):
            out[-1] += segment
        else:
            out.append(segment)
    return out


# A boundary no splitter can doubt: a lowercase word of three letters or more, its full stop
# (or ? !), maybe a closing quote, a space, and a capital. "Ms. Kane", "U.S. and", "e.g. Iran"
# and "No. 5" never match, and are left to pysbd.
# ("etc. The": a word the language's abbreviation list holds is left to pysbd too.)
_SURE_BOUNDARY = re.compile(r"(?<![\w.])([^\W\d_A-ZÀ-Þ]{3,})([.!?])[\"”’)]?(\s+)(?=[A-Z\"“‘(])")
# pysbd never splits inside quotes, brackets or dashes (--) ("we will wait. Then we act"), and
# how it pairs such marks depends on the whole text: a text with any is left to pysbd whole.
# (An apostrophe between letters, as in "Iran’s", is no quote mark.)
_QUOTE_MARK = re.compile(r"[\"«»“”‘()\[\]]|--|(?<![^\W\d_])['’]|['’](?![^\W\d_])")
ONE_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*\s+\S")
"""Matches only where a text may hold more than one sentence."""


@lru_cache(maxsize=8192)
def split_fast(text: str, language: str) -> tuple[str, ...]:
    """The sentences of `text`, as pysbd splits them, at a fraction of its cost: the text is cut
    at sure boundaries first, and only pieces that still hold a full stop inside go to pysbd
    (it costs milliseconds a paragraph, mostly on abbreviations). A text with quote marks,
    brackets, dashes or sentence marks other than . ! ? goes to pysbd whole. tests/test_text.py
    compares it with pysbd on hard and generated texts, tests/render/test_social_corpus on every
    block and lead paragraph of the corpus."""
    known = known_split(text, language)  # the reader split it already
    if known is not None:
        return known
    pieces: list[str] = []
    start = 0
    rules = _rules(language)
    if _QUOTE_MARK.search(text) is not None or (rules.marks and rules.marks.search(text)):
        return _split_piece(text.strip(), language)
    abbreviations = rules.abbreviations
    for match in _SURE_BOUNDARY.finditer(text):
        if match.group(2) == "." and match.group(1).lower() in abbreviations:
            continue
        pieces.append(text[start : match.start(3)])
        start = match.end(3)
    pieces.append(text[start:])
    out: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if ONE_SENTENCE.search(piece) is None:
            out.append(piece)  # one sentence: nothing for pysbd to split
        else:
            out.extend(_split_piece(piece, language))
    return tuple(out)


@dataclass(frozen=True)
class _Rules:
    abbreviations: frozenset[str]
    """The abbreviations pysbd knows in the language (the segmenter's own list)."""
    marks: re.Pattern[str] | None
    """Its sentence marks other than . ! ? (。 ！ । ؟ ; …): a text holding one goes to pysbd
    whole, since the shortcuts know only . ! ?"""


@lru_cache(maxsize=8)
def _rules(language: str) -> _Rules:
    module = _segmenter(language.split("-")[0].lower()).language_module
    others = sorted(set(module.Punctuations) - {".", "!", "?"})
    return _Rules(
        frozenset(a.lower() for a in module.Abbreviation.ABBREVIATIONS),
        re.compile("|".join(map(re.escape, others))) if others else None,
    )


@lru_cache(maxsize=8192)
def _split_piece(text: str, language: str) -> tuple[str, ...]:
    """pysbd's sentences of a piece, cached: a piece met again is never split twice."""
    return tuple(split_sentences(text, language))


def join_within(sentences: list[str] | tuple[str, ...], limit: int) -> str:
    """As many of `sentences` as fit in `limit` characters, joined (always at least one)."""
    kept: list[str] = []
    for sentence in sentences:
        if kept and len(" ".join([*kept, sentence])) > limit:
            break
        kept.append(sentence)
    return " ".join(kept)
