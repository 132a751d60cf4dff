"""How long a line of text is and whether it ends a sentence, in any script: the importers'
measures of a block (a menu item, a footer line, a paragraph), for Chinese and Japanese too."""

from __future__ import annotations

import re

UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
"""Chinese and Japanese: scripts written without spaces between words, a word in about two
characters."""
_THAI = re.compile(r"[\u0e01-\u0e30\u0e32\u0e33\u0e40-\u0e46\u0e4f-\u0e5b]")
"""Thai's letters, not its vowel and tone marks above and below them: a word in about three."""
_THAI_ANY = re.compile(r"[\u0e00-\u0e7f]+")

SENTENCE_END = (".", "!", "?", "。", "！", "？", "．", "؟", "۔", "।")
"""What ends a sentence: Latin, CJK full-width, Arabic, Urdu and Devanagari marks."""


def word_count(text: str) -> int:
    """About how many words `text` has: those spaces separate, and a word for every two
    characters of a script written without spaces (a Chinese word is one to three)."""
    unspaced = len(UNSPACED.findall(text))
    thai = len(_THAI.findall(text))
    spaced = _THAI_ANY.sub(" ", UNSPACED.sub(" ", text)) if thai else UNSPACED.sub(" ", text)
    return len(spaced.split()) + (unspaced + 1) // 2 + (thai + 2) // 3


def ends_sentence(text: str, *more: str) -> bool:
    """Whether `text` ends with a sentence's mark (or one of `more`, such as a quote mark)."""
    return text.rstrip().endswith(SENTENCE_END + more)
