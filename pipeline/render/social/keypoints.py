"""The commentary's hook and key points, chosen deterministically from its text.

A comms person opens with the commentary's question (or its main claim) and then gives the
argument: the obstacle, the recommendation, what should happen. So sentences are scored for
argument cues ("argues", "recommended", "the biggest obstacle", "should", "needed") and against
scene-setting ("spoke in a video published by", "webinar", "along with"), with a bonus for the
closing paragraph, where commentaries usually land their point.

Sentence splitting is pysbd (`pipeline.text.split_sentences`), which costs 2–4 ms a paragraph,
so only the paragraphs that can carry the argument are split: paragraphs are ranked by the same
cues (a plain search, no splitting), and split best first until there are enough good sentences.

The cue lists are English; for other languages every sentence scores on position alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.article import Article
from pipeline.text import split_sentences


@dataclass(frozen=True)
class Cue:
    """Words (and phrases) of one kind; a sentence scores `weight` once if it has any."""

    words: frozenset[str]
    phrases: tuple[str, ...]
    weight: float


def _cue(words: str, phrases: tuple[str, ...], weight: float) -> Cue:
    return Cue(frozenset(words.split()), phrases, weight)


# Looked up as whole lowercase words (a set lookup is ~20x faster than a \b-alternation regex).
ARGUMENT_CUES: tuple[Cue, ...] = (
    _cue("argue argues argued arguing recommend recommends recommended recommending "
         "recommendation recommendations urge urges urged urging propose proposes proposed "
         "proposal conclude concludes concluded warn warns warned advocate advocates advocated "
         "advocating insist insists insisted", ("call for", "calls for", "called for"), 3.0),
    _cue("should must ought need needs needed necessary essential crucial critical vital "
         "priority imperative", (), 2.0),
    _cue("obstacle obstacles challenge challenges problem problems risk risks threat threats "
         "danger dangers barrier barriers hurdle hurdles difficulty difficulties solution "
         "solutions lesson lessons", ("way forward",), 2.0),
    _cue("biggest greatest main central primary best only largest worst key", (), 1.5),
    _cue("because therefore thus hence given", ("in order to",), 1.0),
    _cue("uncertain unlikely likely doubtful unclear", (), 1.0),
    _cue("could would can may might", (), 0.5),
    _cue("note notes noted said says believe believes sees", ("according to", "point out",
         "points out"), 0.5),
)  # fmt: skip
SCENE_CUE = _cue(
    "spoke speaks speaking published video webinar podcast panel panelist panelists interview "
    "interviewed event hosted moderated joined presented launched available recording "
    "conference yesterday",
    ("along with", "took place", "was held", "on this topic", "this week"),
    1.0,
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_BY_GERUND = re.compile(r" by \w+ing ")
SCENE_WEIGHT = -4.0
# A sentence that opens with one of these leans on the sentence before it.
PRONOUN_START = re.compile(
    r"^(it|this|that|these|those|they|he|she|such|its|their|his|her)\b", re.I
)
CONCESSION_START = re.compile(r"^(while|although|though|whereas)\b", re.I)
# Connectives that only make sense after the previous sentence: dropped at the start.
LEADING_CONNECTIVE = re.compile(
    r"^(in this (regard|respect|context|sense)|in that (regard|respect)|to (this|that) end|"
    r"in addition|additionally|moreover|furthermore|also|as such|meanwhile|hence|thus|"
    r"therefore|however|nevertheless|nonetheless|likewise|similarly|indeed|in turn|"
    r"for this reason|consequently|that said|accordingly|then)\s*,\s*",
    re.I,
)
# The same phrases inside a sentence point back to a sentence the reader does not have.
INNER_BACKREFERENCE = re.compile(r",?\s+in (this|that) (regard|respect|context)\b", re.I)
QUESTION_END = re.compile(r"\?[\"'”’)\]]*$")
LONG_SENTENCE = 260
SHORT_WORDS = 5
MAX_SPLIT_PARAGRAPHS = 2
ENOUGH_POINTS = 3
"""Splitting stops once this many (or all `wanted`) good sentences are found."""
CUE_CAP = 6.0
"""One sentence piling up cue words should not outweigh two sentences that each make a point."""


@dataclass(frozen=True)
class Sentence:
    """One sentence of the body, cleaned to stand alone, with where it came from."""

    text: str
    paragraph: int
    position: int
    """Its index within the paragraph."""
    score: float

    @property
    def order(self) -> tuple[int, int]:
        return (self.paragraph, self.position)


@dataclass(frozen=True)
class KeyPoints:
    """What the drafts are made of."""

    question: str | None
    """The commentary's question, from its opening (a sentence ending in `?`)."""
    title_question: str | None
    """The title, when it is a question."""
    claim: str | None
    """The best-scoring sentence, when there is no question to open with."""
    points: tuple[Sentence, ...]
    """Key points, best first (present them in text order, `by_order`)."""
    claim_point: Sentence | None = None
    """The claim as a key point, for posts that open otherwise (LinkedIn)."""

    @property
    def long_hook(self) -> str | None:
        """The opener with room to spare: the body's question, else the title's, else the claim."""
        return self.question or self.title_question or self.claim

    @property
    def short_hook(self) -> str | None:
        """The opener for a tight post: the title's question, else the body's, else the claim."""
        return self.title_question or self.question or self.claim


def by_order(points: tuple[Sentence, ...] | list[Sentence]) -> list[Sentence]:
    """Points in the order of the text, so a post reads like the argument does."""
    return sorted(points, key=lambda s: s.order)


@lru_cache(maxsize=8192)
def sentences_of(text: str, language: str) -> tuple[str, ...]:
    """pysbd's sentences of one paragraph, cached: the same paragraph is never split twice."""
    return tuple(split_sentences(text, language))


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\u200b\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]")


def clean(sentence: str) -> str:
    """A sentence made to stand alone: one line, no leading "In this regard," or "Moreover,"."""
    text = " ".join(_CONTROL.sub(" ", sentence).split())
    for _ in range(2):  # "However, in addition, ..." is rare; two passes are enough
        stripped = LEADING_CONNECTIVE.sub("", text, count=1)
        if stripped == text or not stripped:
            break
        text = stripped[0].upper() + stripped[1:]
    return INNER_BACKREFERENCE.sub("", text)


def is_question(sentence: str) -> bool:
    return QUESTION_END.search(sentence) is not None


def _has(cue: Cue, words: set[str], spaced: str) -> bool:
    return not cue.words.isdisjoint(words) or any(f" {p} " in spaced for p in cue.phrases)


def _cue_score(text: str, cap: float | None = None) -> float:
    tokens = _WORD.findall(text.lower())
    words = set(tokens)
    spaced = f" {' '.join(tokens)} "
    score = sum(cue.weight for cue in ARGUMENT_CUES if _has(cue, words, spaced))
    if " by " in spaced and _BY_GERUND.search(spaced):  # "By acknowledging ..., she argues"
        score += 1.0
    if cap is not None:
        score = min(score, cap)
    if _has(SCENE_CUE, words, spaced):
        score += SCENE_WEIGHT
    return score


def score_sentence(text: str, paragraph: int, last_paragraph: int) -> float:
    """Higher for the argument, lower for scene-setting, fragments and dangling references."""
    score = _cue_score(text, CUE_CAP)
    if PRONOUN_START.search(text):
        score -= 2.5
    if CONCESSION_START.search(text):
        score -= 0.5
    if len(text.split()) < SHORT_WORDS:
        score -= 2.0
    if len(text) > LONG_SENTENCE:
        score -= 1.5
    if paragraph == last_paragraph and paragraph > 0:
        score += 1.0
    elif paragraph == 0:
        score -= 1.0
    return score


def _paragraph_order(paragraphs: tuple[str, ...]) -> list[int]:
    """Paragraph indexes, the likeliest to carry the argument first (no splitting needed)."""
    last = len(paragraphs) - 1

    def rank(index: int) -> tuple[float, int]:
        text = paragraphs[index]
        score = _cue_score(text) + (1.0 if index == last and index > 0 else 0.0)
        score -= 1.0 if index == 0 else 0.0
        return (-score, -index)  # ties: the later paragraph, nearer the conclusion

    return sorted((i for i, p in enumerate(paragraphs) if p.strip()), key=rank)


def _first_question(article: Article, language: str) -> str | None:
    # The summary is the opening (or the editor's own summary): split it only if it asks.
    if "?" not in article.summary:
        return None
    for sentence in sentences_of(article.summary, language):
        text = clean(sentence)
        if is_question(text) and len(text.split()) >= 4:
            return text
    return None


def key_points(article: Article, language: str, wanted: int) -> KeyPoints:
    """The hook and up to `wanted` key points of `article` (deterministic)."""
    paragraphs = article.paragraphs
    last = len(paragraphs) - 1
    candidates: list[Sentence] = []
    for done, index in enumerate(_paragraph_order(paragraphs)):
        good = sum(1 for s in candidates if s.score > 0)
        if done >= MAX_SPLIT_PARAGRAPHS or (good >= min(wanted, ENOUGH_POINTS) and done > 0):
            break
        for position, raw in enumerate(sentences_of(paragraphs[index], language)):
            text = clean(raw)
            if not text or is_question(text):
                continue
            candidates.append(Sentence(text, index, position, score_sentence(text, index, last)))
    ranked = sorted(candidates, key=lambda s: (-s.score, s.order))
    points = [s for s in ranked if s.score > 0]
    if len(points) < 2:  # a text with no cue at all still gets its best two sentences
        points = ranked[:2]
    title = " ".join(article.title.split())
    title_question = title if is_question(title) else None
    question = _first_question(article, language)
    claim = None
    if question is None and title_question is None and points:
        claim = points[0]
        points = points[1:]
    return KeyPoints(
        question, title_question, claim.text if claim else None, tuple(points[:wanted]), claim
    )
