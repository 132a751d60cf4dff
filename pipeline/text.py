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


def split_sentences(text: str, language: str = "en") -> list[str]:
    """Sentences of `text`, surviving "Ms.", "U.S.", "i.e." and quotes (pysbd)."""
    if not text.strip():
        return []
    lang = language.split("-")[0].lower()
    return [s.strip() for s in _segmenter(lang).segment(text) if s.strip()]


def cut_at_sentence(text: str, limit: int, language: str = "en") -> str:
    """As many whole sentences of `text` as fit in `limit` characters (always at least one)."""
    if len(text) <= limit:
        return text
    # Only the start can matter: segmenting a window a little past the limit is much cheaper than
    # the whole paragraph. The window's last segment may be a cut-off sentence, so it is dropped
    # unless it is the only one; then the whole text is segmented after all.
    window = text[: limit + 120]
    sentences = split_sentences(window, language)[:-1] or split_sentences(text, language)[:1]
    kept: list[str] = []
    for sentence in sentences:
        if kept and len(" ".join([*kept, sentence])) > limit:
            break
        kept.append(sentence)
    return " ".join(kept)
