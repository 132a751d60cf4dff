"""The hook and key points of a commentary, chosen from the structure of its body.

The single post opens with the headline, the thread (and Mastodon) with the body's opening
question when it stands alone, else the headline. The argument follows, and what the Markdown
marks as the argument is preferred (`structure.py`): list items, block quotes (shown in
quotation marks), the last section (the conclusion), and recommendations (sentences with a
modal verb, `language.py`). Points are taken across blocks, best of each block first, so a
thread covers the argument instead of one paragraph of it.

No post may open with a sentence that leans on the one before it ("He added: …", "Each was
deferred…"): such a sentence is taken together with its antecedent, or not at all. A sentence
that opens with a concessive clause pointing back ("While this approach …, X") keeps its main
clause X. A notice (event, call, job: `Article.is_notice`) puts its date sentences and the
sentence linking the registration or application form (with that link) first.

Within these rules sentences are weighed by structure alone, in every language: a sentence's
block (list item, quote, the last section or paragraph), its place (a paragraph's first
sentence; the opening paragraph sets the scene), whether it reports a named person (an author,
or someone named with an honorific), and its length. The only words read are `language.py`'s
per-language lists (modal verbs, honorifics, connectives); no word of the content is scored.

Sentence splitting is pysbd's (`pipeline.text.split_fast`), which costs 2–4 ms a paragraph,
so only the blocks that can carry the argument are split, best first, until there are enough
good sentences; a block that is one sentence is not split at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.article import Article
from pipeline.render.social.language import (
    depends_on_context,
    has_date,
    is_concession,
    is_form_link,
    is_recommendation,
    words,
)
from pipeline.render.social.structure import Block, Body, body_structure
from pipeline.text import ONE_SENTENCE
from pipeline.text import split_fast as split_block  # pysbd's split, faster

QUESTION_END = re.compile(r"\?[\"'”’)\]]*$")
LONG_SENTENCE = 260
SHORT_WORDS = 5
MAX_SPLIT_PARAGRAPHS = 2
MAX_SPLIT_BLOCKS = 4
BASE_SCORE = 1.0
"""A whole sentence of the body: a candidate before anything marks it."""
ROLE_WEIGHT = {"item": 2.5, "quote": 2.5, "paragraph": 0.0}
RECOMMENDATION_WEIGHT = 2.0
CONCLUSION_WEIGHT = 1.0
ATTRIBUTED_WEIGHT = 1.0
"""A sentence that names a person the article reports (an author, "Ms. Kane"): a view."""
TOPIC_WEIGHT = 0.5
"""The first sentence of a paragraph of several: the paragraph's point."""
LEAD_WEIGHT = -2.0
"""The opening paragraph of a commentary sets the scene; the hook and the link card's
description already carry it."""
DATE_WEIGHT = 4.0
FORM_WEIGHT = 5.0
_QUOTE_MARKS = "\"“”„«»‘’'"


@dataclass(frozen=True)
class Sentence:
    """One sentence of the body, cleaned to stand alone, with where it came from."""

    text: str
    paragraph: int
    position: int
    """Its index within the paragraph."""
    score: float
    last: int = -1
    """The index of its last sentence, when it was joined with the one it leans on."""

    @property
    def order(self) -> tuple[int, int]:
        return (self.paragraph, self.position)


@dataclass(frozen=True)
class KeyPoints:
    """What the drafts are made of."""

    question: str | None
    """The commentary's question, from its opening (a sentence ending in `?`)."""
    headline: str
    """The title: what the single post opens with."""
    points: tuple[Sentence, ...]
    """Key points, best first (present them in text order, `by_order`)."""

    @property
    def long_hook(self) -> str:
        """The opener with room to spare: the body's opening question, else the headline."""
        return self.question or self.headline

    @property
    def short_hook(self) -> str:
        """The opener for a tight post: the headline."""
        return self.headline


def by_order(points: tuple[Sentence, ...] | list[Sentence]) -> list[Sentence]:
    """Points in the order of the text, so a post reads like the argument does."""
    return sorted(points, key=lambda s: s.order)


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\u200b\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]")


def clean(sentence: str, language: str = "en") -> str:
    """A sentence made to stand alone: one line, no leading "In this regard," or "Moreover,"
    (the connectives of `language`, `language.py`)."""
    w = words(language)
    text = " ".join(_CONTROL.sub(" ", sentence).split())
    text = w.speaker_label.sub("", text, count=1)
    for _ in range(2):  # "However, in addition, ..." is rare; two passes are enough
        stripped = w.leading_connective.sub("", text, count=1)
        if stripped == text or not stripped:
            break
        text = stripped[0].upper() + stripped[1:]
    return w.inner_backreference.sub("", text)


def is_question(sentence: str) -> bool:
    return QUESTION_END.search(sentence) is not None


_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*?(?=['’]s\b|[^\w'’-]|$)")
"""A word as a name is written, without a possessive "'s" ("Kane's" -> "Kane", "O'Brien")."""


@dataclass(frozen=True)
class People:
    """Who the article reports: its authors' surnames, and people named with an honorific."""

    surnames: frozenset[str]
    language: str

    @classmethod
    def of(cls, article: Article, body: Body, language: str) -> People:
        found = {name.split()[-1] for name in article.authors if name.split()}
        honorific = words(language).honorific
        for block in body.blocks:
            found.update(m.group(0).split()[-1] for m in honorific.finditer(block.text))
        return cls(frozenset(n for n in found if len(n) > 1), language)

    def reported(self, text: str) -> bool:
        """True when `text` names one of them (as a whole word)."""
        return bool(self.surnames) and not self.surnames.isdisjoint(_NAME_WORD.findall(text))


@dataclass(frozen=True)
class Place:
    """Where a sentence stands in the body."""

    block: Block
    conclusion: bool
    first_block: bool
    topic: bool
    """The first of several sentences of its block."""


def score_sentence(text: str, place: Place, *, notice: bool, people: People) -> float:
    """Higher for the argument as the structure marks it (lists, quotes, the conclusion,
    recommendations, reported views, a paragraph's first sentence), lower for the opening
    scene, fragments and overlong sentences. No word of the content is weighed."""
    language = people.language
    score = BASE_SCORE + ROLE_WEIGHT[place.block.role]
    if is_recommendation(text, language):
        score += RECOMMENDATION_WEIGHT
    if people.reported(text):
        score += ATTRIBUTED_WEIGHT
    if place.topic:
        score += TOPIC_WEIGHT
    if is_concession(text, language):
        score -= 0.5
    if len(text.split()) < SHORT_WORDS:
        score -= 2.0
    if len(text) > LONG_SENTENCE:  # too long to stand as a post of its own on X or Bluesky
        score -= 2.5
    if place.conclusion:
        score += CONCLUSION_WEIGHT
    if notice:
        score += DATE_WEIGHT if has_date(text, language) else 0.0
        score += 1.0 if place.first_block else 0.0
    elif place.first_block:
        score += LEAD_WEIGHT
    return score


def _block_order(
    body: Body, notice: bool, form: tuple[int, str, str] | None, language: str
) -> list[int]:
    """Block indexes, the likeliest to carry the argument first (no splitting needed)."""

    def rank(index: int) -> tuple[float, int]:
        block = body.blocks[index]
        score = ROLE_WEIGHT[block.role]
        score += CONCLUSION_WEIGHT if body.is_conclusion(index) else 0.0
        score += RECOMMENDATION_WEIGHT if is_recommendation(block.text, language) else 0.0
        if notice:
            score += 3.0 if index == 0 else 0.0
            score += FORM_WEIGHT if form and form[0] == index else 0.0
            score += DATE_WEIGHT if has_date(block.text, language) else 0.0
        elif index == 0:
            score += LEAD_WEIGHT
        return (-score, -index)  # ties: the later block, nearer the conclusion

    return sorted(range(len(body.blocks)), key=rank)


def _first_question(article: Article, language: str) -> str | None:
    # The summary is the opening (or the editor's own summary): split it only if it asks.
    if "?" not in article.summary:
        return None
    for sentence in split_block(article.summary, language):
        text = clean(sentence, language)
        if is_question(text) and len(text.split()) >= 4:
            return None if depends_on_context(text, language) else text
    return None


def form_link(body: Body, own_url: str, language: str) -> tuple[int, str, str] | None:
    """(block, link text, href) of the registration or application form a notice links to:
    the first link that says so, else the first link elsewhere than the article itself."""
    links = [
        (i, text, href)
        for i, block in enumerate(body.blocks)
        for text, href in block.links
        if href.startswith(("https://", "http://")) and href.rstrip("/") != own_url.rstrip("/")
    ]
    named = [link for link in links if is_form_link(link[1], link[2], language)]
    chosen = named or links
    return chosen[0] if chosen else None


def _main_clause(text: str, language: str) -> str:
    """ "While this approach has failed, X says Y." -> "X says Y.": the concessive clause leans
    on what came before; the main clause does not."""
    if not is_concession(text, language):
        return text
    comma = re.search(r",\s+(?=[A-Z])", text)
    if not comma:
        return text
    clause, main = text[: comma.start()], text[comma.end() :]
    if len(main.split()) < 6 or not BACK_REFERENCE.search(clause):
        return text
    return main


BACK_REFERENCE = re.compile(r"\b(this|that|these|those|such)\b", re.I)
"""English: the concessive clause points back ("While this approach …"): only then is it
dropped (other languages keep the whole sentence)."""


def _quoted(text: str, block: Block) -> str:
    if block.role != "quote" or text[0] in _QUOTE_MARKS:
        return text
    return f"“{text}”"


def _candidates(
    body: Body,
    index: int,
    people: People,
    notice: bool,
    form: tuple[int, str, str] | None,
) -> list[Sentence]:
    language = people.language
    block = body.blocks[index]
    texts = [clean(raw, language) for raw in split_block(block.text, language)]
    found: list[Sentence] = []
    for position, text in enumerate(texts):
        if not text or is_question(text) or text.endswith(":"):
            continue  # a question is a hook; a sentence ending in ":" only leads to what follows
        first_position = position
        if depends_on_context(text, language):
            before = texts[position - 1] if position else ""
            if not before or is_question(before) or depends_on_context(before, language):
                continue  # its antecedent is not in this block: it cannot stand alone
            text, first_position = f"{before} {text}", position - 1
        text = _quoted(_main_clause(text, language), block)
        place = Place(
            block, body.is_conclusion(index), index == 0, first_position == 0 and len(texts) > 1
        )
        score = score_sentence(text, place, notice=notice, people=people)
        if form and form[0] == index and form[1] and form[1] in text:
            text, score = f"{text} {form[2]}", score + FORM_WEIGHT
        found.append(Sentence(text, index, first_position, score, position))
    return found


def _spread(ranked: list[Sentence]) -> list[Sentence]:
    """Best first, but each block's best before any block's second: a thread covers the
    argument. Sentences that overlap a better one (a sentence and its antecedent) are dropped."""
    taken: dict[int, list[tuple[int, int]]] = {}
    rounds: list[tuple[int, int, Sentence]] = []
    for rank, sentence in enumerate(ranked):
        spans = taken.setdefault(sentence.paragraph, [])
        end = max(sentence.last, sentence.position)
        if any(a <= end and sentence.position <= b for a, b in spans):
            continue
        rounds.append((len(spans), rank, sentence))
        spans.append((sentence.position, end))
    return [sentence for _, _, sentence in sorted(rounds, key=lambda r: (r[0], r[1]))]


def key_points(
    article: Article, language: str, wanted: int, notice: bool | None = None
) -> KeyPoints:
    """The hook and up to `wanted` key points of `article` (deterministic); `notice`: whether
    it announces something (default: its kind is a notice's)."""
    body = body_structure(article.body_markdown, language)
    notice = article.is_notice if notice is None else notice
    form = form_link(body, article.url, language) if notice else None
    people = People.of(article, body, language)
    candidates: list[Sentence] = []
    split = good = 0
    # The authors ask, when someone else answers (a transcript of the authors alone: all count).
    speakers = {block.speaker for block in body.blocks if block.speaker}
    interviewers = set(article.authors) if speakers - set(article.authors) else set()
    for index in _block_order(body, notice, form, language):
        if body.blocks[index].speaker in interviewers:
            continue  # a transcript's lines of its author, who asks: the answers are the point
        # Two blocks at least (a thread covers the argument), then until a good one is found.
        if split >= MAX_SPLIT_PARAGRAPHS and (good > 0 or split >= MAX_SPLIT_BLOCKS):
            break
        split += ONE_SENTENCE.search(body.blocks[index].text) is not None
        found = _candidates(body, index, people, notice, form)
        good += sum(1 for s in found if s.score > 0)
        candidates += found
    ranked = sorted(candidates, key=lambda s: (-s.score, s.order))
    points = [s for s in _spread(ranked) if s.score > 0]
    if len(points) < 2:  # a text with nothing marked still gets its best two sentences
        points = _spread(ranked)[:2]
    title = " ".join(article.title.split())
    # A transcript's opening question is put to the interviewee, not to the reader.
    opens_transcript = bool(body.blocks) and bool(body.blocks[0].speaker)
    question = None if opens_transcript else _first_question(article, language)
    return KeyPoints(question, title, tuple(points[:wanted]))
