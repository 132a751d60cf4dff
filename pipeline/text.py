"""Plain-text helpers shared by the renderers: sentences and summaries."""

from __future__ import annotations

from functools import lru_cache

import pysbd


@lru_cache(maxsize=8)
def _segmenter(language: str) -> pysbd.Segmenter:
    try:
        return pysbd.Segmenter(language=language, clean=False)
    except ValueError:  # pysbd knows ~20 languages; English rules are the safest fallback
        return pysbd.Segmenter(language="en", clean=False)


# Splits already known in this process (see `remember`): pysbd costs milliseconds a paragraph.
_KNOWN: dict[tuple[str, str], tuple[str, ...]] = {}
_KNOWN_MAX = 20_000


def remember(text: str, language: str, sentences: tuple[str, ...]) -> None:
    """Record that `text` splits into `sentences` (e.g. carried by an Article from the reader),
    so that `split_sentences` need not run pysbd on it again in this process."""
    if len(_KNOWN) >= _KNOWN_MAX:
        _KNOWN.clear()
    _KNOWN[(text, language)] = sentences


def split_sentences(text: str, language: str = "en") -> list[str]:
    """Sentences of `text`, surviving "Ms.", "U.S.", "i.e." and quotes (pysbd)."""
    if not text.strip():
        return []
    if (known := _KNOWN.get((text, language))) is not None:
        return list(known)
    lang = language.split("-")[0].lower()
    return [s.strip() for s in _segmenter(lang).segment(text) if s.strip()]


def join_within(sentences: list[str] | tuple[str, ...], limit: int) -> str:
    """As many of `sentences` as fit in `limit` characters, joined (always at least one)."""
    kept: list[str] = []
    for sentence in sentences:
        if kept and len(" ".join([*kept, sentence])) > limit:
            break
        kept.append(sentence)
    return " ".join(kept)
