"""How long a line of text is and whether it ends a sentence, in any script: the importers'
measures of a block (a menu item, a footer line, a paragraph), for Chinese and Japanese too."""

from __future__ import annotations

import re

UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]")
"""Chinese, Japanese and Thai: scripts written without spaces between words."""

SENTENCE_END = (".", "!", "?", "。", "！", "？", "．", "؟", "۔", "।")
"""What ends a sentence: Latin, CJK full-width, Arabic, Urdu and Devanagari marks."""


def word_count(text: str) -> int:
    """About how many words `text` has: those spaces separate, and a word for every two
    characters of a script written without spaces (a Chinese word is one to three)."""
    unspaced = len(UNSPACED.findall(text))
    return len(UNSPACED.sub(" ", text).split()) + (unspaced + 1) // 2


def ends_sentence(text: str, *more: str) -> bool:
    """Whether `text` ends with a sentence's mark (or one of `more`, such as a quote mark)."""
    return text.rstrip().endswith(SENTENCE_END + more)
