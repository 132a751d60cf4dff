"""The language of a text that declares none (a raw text scrape, a page without `lang`).

By its script where the script says it (Cyrillic, Arabic, Greek, Hebrew, Chinese, Japanese,
Korean…), else by how often the commonest words of each Latin-script language a centre
publishes in occur. None when the text is too short or no language is clearly ahead: the
importer then writes no `language:`, and the piece is drafted in the site's language, as
before.
"""

from __future__ import annotations

import re
from collections import Counter

_COMMON = {
    "en": "the and of to in is that for it with as on this are be by was not have which from has "
    "its will would",
    "fr": "le la les des et est une un du dans que pour qui pas sur au aux sont avec par plus ce "
    "cette il ne",
    "de": "der die das und ist nicht mit den von zu ein eine sich auch auf dem des im für sind "
    "wird werden bei nach aus",
    "es": "el la los las y de que en es por con una un del se para su al lo más como sus pero ha "
    "son",
    "it": "il la le gli di che e è per un una del della non con sono nel alla dei delle si anche "
    "ha più come",
    "pt": "o a os as de que e do da em um uma para com não dos das no na por se mais ao é são",
    "nl": "de het een en van is dat niet op te in voor met zijn die aan er ook om wordt door bij "
    "naar maar dan",
    "pl": "i w na z się nie do że jest to o jak po dla od przez oraz są być jego ich tym które "
    "który która ale także może",
}
_WORDS = {language: frozenset(words.split()) for language, words in _COMMON.items()}
LATIN_LANGUAGES = frozenset([*_COMMON, "ca"])
"""The languages told apart by their words: a page declaring one of them, whose text reads
as another (or in another script), declared it wrong."""
_CATALAN = frozenset(
    [
        "i",
        "els",
        "amb",
        "és",
        "als",
        "dels",
        "aquest",
        "aquesta",
        "aquests",
        "seva",
        "perquè",
        "també",
    ]
)
_SPANISH_ONLY = frozenset(["y", "los", "las", "con", "por", "para", "pero", "más", "también"])
_MIN_WORDS = 20
"""Fewer words than this say too little to tell one language from another."""
_MIN_SHARE = 0.15
"""The leading language's common words are at least this share of the text's words…"""
_LEAD = 1.4
"""…and this many times the next language's share."""

_SCRIPTS = (
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
)
_LETTER = re.compile(r"[^\W\d_]")
_UKRAINIAN = re.compile(r"[іїєґІЇЄҐ]")
_PERSIAN = re.compile(r"[پچژگ]")
_RUSSIAN = re.compile(r"[ыэЫЭ]")
_SERBIAN = re.compile(r"[ђћљњџјЂЋЉЊЏЈ]")
_KAZAKH = re.compile(r"[әғқңөұүһӘҒҚҢӨҰҮҺ]")
_BELARUSIAN = re.compile(r"[ўЎ]")
_SIMPLIFIED = re.compile(r"[国这说对发经们会为时过还关与实现门长问题]")
_TRADITIONAL = re.compile(r"[國這說對發經們會為時過還關與實現門長問題]")


def guess_language(text: str) -> str | None:
    """A BCP 47 tag for the language `text` is written in ("fr", "ru", "zh-Hans"), or None."""
    letters = len(_LETTER.findall(text))
    if letters < _MIN_WORDS:
        return None
    count = {code: len(pattern.findall(text)) for code, pattern in _SCRIPTS}
    if count["ja"] * 10 > letters and (count["ja"] + count["zh"]) * 2 > letters:
        return "ja"  # kana among the Chinese characters
    code = max(count, key=lambda c: count[c])
    if count[code] * 2 > letters:
        return _refine(code, text)
    if count[code] * 10 > letters:  # another script for a tenth of the text or more: unsure
        return None
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < _MIN_WORDS:
        return None
    shares = Counter(
        {
            language: sum(w in common for w in words) / len(words)
            for language, common in _WORDS.items()
        }
    ).most_common(2)
    (best, share), (_, second) = shares
    if not (share >= _MIN_SHARE and share >= _LEAD * second):
        return None
    if best == "es":  # Catalan shares Spanish's commonest words, but not these
        catalan = sum(w in _CATALAN for w in words)
        return "ca" if catalan > sum(w in _SPANISH_ONLY for w in words) else "es"
    return best


def _refine(code: str, text: str) -> str | None:
    """A script's language, told apart where letters say it (Ukrainian і, Persian پ)."""
    if code == "ru":  # Cyrillic: Russian only where its own letters are, and no others'
        if _SERBIAN.search(text) or _KAZAKH.search(text):
            return None
        if len(_UKRAINIAN.findall(text)) * 100 > len(text):
            return "uk"
        if not _RUSSIAN.search(text) or _BELARUSIAN.search(text):
            return None  # (Bulgarian, Macedonian… write no ы or э)
        return "ru"
    if code == "ar" and len(_PERSIAN.findall(text)) * 200 > len(text):
        return "fa"
    if code == "zh":
        simplified, traditional = len(_SIMPLIFIED.findall(text)), len(_TRADITIONAL.findall(text))
        return "zh-Hant" if traditional > simplified else "zh-Hans"
    return code
