"""Posts per network, fitted to each network's limit by adding whole parts while they fit.

Every post is built the same way: the hook, then key points (best first, shown in text order),
then the link, then mentions and hashtags, each added only if the post still fits. Nothing is
cut mid-word: a part that cannot fit whole is left out, and only a hook (or a thread's single
point) that is too long on its own is cut after a word, with an ellipsis.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any, Literal

from pipeline.render.social import facets as bsky
from pipeline.render.social.counting import LIMITS, Network, cached_length, fits, length
from pipeline.render.social.keypoints import KeyPoints, Sentence, by_order, clean
from pipeline.render.social.names import NameBook, place_mentions

Kind = Literal["single", "thread"]
Source = Literal["generated", "override"]
ELLIPSIS = "…"
OPENING_MAX = 700
"""LinkedIn opens with the whole first paragraph when it is at most this long."""
SLACK = 12
"""Full names and handles change a post's length by a few characters: a subset of key points
whose raw length is more than this over the limit is not tried."""


@dataclass(frozen=True)
class Post:
    """One post as it will be published, with its length as its network counts it."""

    network: Network
    kind: Kind
    index: int
    text: str
    source: Source
    length: int
    facets: tuple[dict[str, Any], ...] = ()
    """Bluesky: app.bsky.richtext.facet objects (links, tags)."""
    mentions: tuple[dict[str, Any], ...] = ()
    """Bluesky: handles whose #mention facet the publisher adds once it knows their DID."""

    @property
    def limit(self) -> int:
        return LIMITS[self.network]


def make_post(
    network: Network,
    kind: Kind,
    index: int,
    text: str,
    source: Source,
    facets: Sequence[dict[str, Any]] = (),
    mentions: Sequence[dict[str, Any]] = (),
) -> Post:
    """A Post, counted once (exactly, with the network's own rules)."""
    return Post(
        network, kind, index, text, source, length(network, text), tuple(facets), tuple(mentions)
    )


@dataclass(frozen=True)
class Material:
    """Everything the posts of one article are made from."""

    url: str
    points: KeyPoints
    names: NameBook
    opening: str
    """The first paragraph (or the summary), for LinkedIn's longer post."""
    hashtags: tuple[str, ...]
    read_more: str
    """The words before LinkedIn's link, in the article's language and for its kind."""
    handles: Mapping[Network, Mapping[str, str]] = field(default_factory=dict)
    """Per network: name -> handle, for the configured names the article mentions."""
    credit: Mapping[Network, str] = field(default_factory=dict)
    """Per network: the author credit ("By Angela Kane (@handle)"), empty without authors."""
    short_credit: Mapping[Network, str] = field(default_factory=dict)
    """Per network, for many authors: the credit naming the first few ("By A, B and 5
    others"), which a single post takes when naming all would cost it a point."""
    notice: tuple[str, ...] = ()
    """A notice's when, where and form (`notice.py`), fullest version first: every single
    post and thread opener carries the fullest version that fits with the whole headline."""
    memo: dict[tuple[Network, tuple[str, ...]], tuple[list[str], set[str]]] = field(
        default_factory=dict, compare=False, repr=False
    )
    introduced: dict[tuple[str, ...], list[str]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """Texts with full names put in (the same on every network)."""
    """Texts with names and mentions put in, by network and texts (many candidates share them)."""
    tails: dict[tuple[Network, tuple[str, ...]], list[str]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """The handles and hashtags that may follow those texts, by network and texts."""

    def polish(
        self, network: Network, texts: tuple[str, ...]
    ) -> tuple[Sequence[str], AbstractSet[str]]:
        """`texts` with full names on first mention and handles placed; the names placed
        (remembered: not to be changed)."""
        key = (network, texts)
        found = self.memo.get(key)
        if found is None:
            introduced = self.introduced.get(texts)
            if introduced is None:
                introduced = self.introduced[texts] = self.names.introduce(texts)
            found = self.memo[key] = place_mentions(introduced, self.handles.get(network, {}))
        return found


Part = tuple[int, str]
"""(group, text): parts of one group share a paragraph; the hook is group -3, the credit -2,
a notice's when and form -1."""
HOOK, CREDIT, NOTICE = -3, -2, -1


def head_parts(
    material: Material,
    network: Network,
    hook: str | None,
    notice: str | None = None,
    short_credit: bool = False,
) -> list[Part]:
    """The hook, the author credit (`short_credit`: the one naming the first few authors) and
    a notice's when and form, each its own paragraph."""
    parts: list[Part] = [(HOOK, hook)] if hook else []
    credit = (material.short_credit if short_credit else material.credit).get(network)
    parts = [*parts, (CREDIT, credit)] if credit else parts
    return [*parts, (NOTICE, notice)] if notice else parts


def pick_notice(material: Material, fits_with: Callable[[str | None], bool]) -> str | None:
    """The fullest version of the notice that fits with the whole hook (else the shortest)."""
    if not material.notice:
        return None
    return next((n for n in material.notice if fits_with(n)), material.notice[-1])


def not_in_notice(notice: str | None, points: Sequence[Sentence]) -> list[Sentence]:
    """The points that do not repeat the notice's sentence or its form link."""
    if not notice:
        return list(points)
    links = [word for word in notice.split() if "://" in word]
    return [p for p in points if p.text not in notice and not any(u in p.text for u in links)]


@dataclass(frozen=True)
class Built:
    """A post's text, where its link starts, and the pieces it is made of (for estimating)."""

    text: str
    link_at: int
    pieces: tuple[str, ...]


class Measure:
    """Does a built post fit? Estimated from its pieces' cached lengths, or counted exactly.

    A post is its pieces (sentences, link, hashtags) joined by spaces and newlines, so adding
    up the pieces' lengths gives its length without counting the whole text again: twitter-text
    scans every text for URLs and emoji, which would cost ~0.2 ms each of the many candidate
    posts tried per article. The estimate can be off only for odd text (a piece starting with a
    combining mark joins the space before it), so every post is counted exactly at the end and
    fitted again exactly if it must be.
    """

    def __init__(self, network: Network, exact: bool) -> None:
        self.network = network
        self.exact = exact
        self.limit = LIMITS[network]

    def estimate(self, built: Built) -> int:
        # The joiners (spaces, newlines) count 1 each; every piece as its network counts it.
        network, total = self.network, len(built.text)
        for piece in built.pieces:
            total += cached_length(network, piece) - len(piece)
        return total

    def __call__(self, built: Built) -> bool:
        if self.exact:
            return fits(self.network, built.text)
        return self.estimate(built) <= self.limit

    def texts(self, texts: Sequence[str]) -> bool:
        return all(self(Built(t, 0, (t,))) for t in texts)


def shorten(text: str, ok: Callable[[str], bool]) -> str | None:
    """`text`, or its longest start cut after a whole word plus "…" for which `ok` holds."""
    if ok(text):
        return text
    cuts = [m.start() for m in re.finditer(r"\s+", text)]
    candidates = [c for c in (text[:cut].rstrip(" ,;:-–—(\"'“‘") for cut in cuts) if c]

    def attempt(i: int) -> bool:
        return ok(candidates[i] + ELLIPSIS)

    lo, hi, best = 0, len(candidates) - 1, -1
    while lo <= hi:  # longer cuts make longer posts: find the longest that passes by halving
        mid = (lo + hi) // 2
        if attempt(mid):
            best, lo = mid, mid + 1
        else:
            hi = mid - 1
    while best >= 0 and not attempt(best):  # (URL counting can bend monotony; stay exact)
        best -= 1
    return candidates[best] + ELLIPSIS if best >= 0 else None


class _Unit:
    """The texts of one post (or one thread) after names and mentions are put in."""

    def __init__(self, material: Material, network: Network, parts: Sequence[Part]) -> None:
        key = (network, tuple([text for _, text in parts]))
        texts, placed = material.polish(*key)
        self.material, self.network, self.placed, self._key = material, network, placed, key
        self.parts: list[Part] = [(part[0], text) for part, text in zip(parts, texts, strict=True)]
        self._tail_parts = self.parts
        """The parts whose handles and hashtags the tail leaves out (a thread's: all of it)."""

    @property
    def tail_options(self) -> list[str]:
        """Handles not placed in the text and hashtags not in it, in order: what may follow."""
        # The same texts (before names are put in) on the same network: the same tail.
        tail = self.material.tails.get(self._key)
        if tail is None:
            handles = self.material.handles.get(self.network, {})
            joined = "\n".join(text for _, text in self._tail_parts).casefold()
            tail = self.material.tails[self._key] = [
                handle
                for name, handle in handles.items()
                if name not in self.placed and handle.casefold() not in joined
            ] + [tag for tag in self.material.hashtags if tag.casefold() not in joined]
        return tail

    def opener(self) -> _Unit:
        """A thread's first post: the hook and the credit, with the whole thread's tail."""
        first = object.__new__(_Unit)
        first.__dict__.update(self.__dict__)
        first.parts = [part for part in self.parts if part[0] < 0]
        return first

    def paragraphs(self) -> list[str]:
        out: list[str] = []
        group: int | None = None
        for part_group, text in self.parts:
            if out and part_group == group:
                out[-1] += " " + text
            else:
                out.append(text)
            group = part_group
        return out

    def build(self, link: str, tail: Sequence[str], read_more: str = "") -> Built:
        """Paragraphs, a blank line, `read_more` and the link, then the tail on its own line."""
        head = "\n\n".join(self.paragraphs())
        prefix = f"{head}\n\n{read_more}" if head else read_more
        shown_tail = [t for t in self.tail_options if t in tail] if tail else []
        text = prefix + link + ("\n" + " ".join(shown_tail) if shown_tail else "")
        pieces = (*(t for _, t in self.parts), read_more, link, *shown_tail)
        return Built(text, len(prefix), tuple(p for p in pieces if p))


@dataclass(frozen=True)
class _Shape:
    """How one network's single post is laid out."""

    network: Network
    link: str
    read_more: str = ""
    paragraph_each: bool = False
    """Every point its own paragraph (LinkedIn), instead of one per paragraph of the article."""


def _single(
    shape: _Shape, material: Material, hook: str | None, points: Sequence[Sentence]
) -> Built:
    """One post: the hook, the key points that fit, the link, then mentions and hashtags.
    Many authors are all named unless the short credit lets more points (or the whole
    headline) in."""
    built, rank = _single_with(shape, material, hook, points, short_credit=False)
    if shape.network in material.short_credit and rank < (len(points), True):
        shorter, shorter_rank = _single_with(shape, material, hook, points, short_credit=True)
        if shorter_rank > rank:
            return shorter
    return built


Rank = tuple[int, bool]
"""How much of the article a single post carries: its key points, and its headline whole."""


def _single_with(
    shape: _Shape, material: Material, hook: str | None, points: Sequence[Sentence],
    short_credit: bool,
) -> tuple[Built, Rank]:  # fmt: skip
    fitted = _fit_single(shape, material, hook, points, Measure(shape.network, exact=False),
                         short_credit)  # fmt: skip
    if fits(shape.network, fitted[0].text):
        return fitted
    return _fit_single(shape, material, hook, points, Measure(shape.network, exact=True),
                       short_credit)  # fmt: skip


def _fit_single(
    shape: _Shape,
    material: Material,
    hook: str | None,
    points: Sequence[Sentence],
    ok: Measure,
    short_credit: bool = False,
) -> tuple[Built, Rank]:
    notice: str | None = None
    whole_hook = hook
    units: dict[tuple[str | None, str | None, tuple[int, ...]], _Unit] = {}

    def unit(hook_text: str | None, chosen: Sequence[Sentence]) -> _Unit:
        # The same hook, notice and points are built again and again (each tail option).
        key = (hook_text, notice, tuple(id(s) for s in chosen))
        found = units.get(key)
        if found is None:
            ordered = by_order(list(chosen))
            parts = head_parts(material, shape.network, hook_text, notice, short_credit)
            parts += [
                (i if shape.paragraph_each else s.paragraph, s.text) for i, s in enumerate(ordered)
            ]
            found = units[key] = _Unit(material, shape.network, parts)
        return found

    def build(hook_text: str | None, chosen: Sequence[Sentence], tail: Sequence[str] = ()) -> Built:
        return unit(hook_text, chosen).build(shape.link, tail, shape.read_more)

    def fits_with(version: str | None) -> bool:  # (`notice` is then set to the one picked)
        nonlocal notice
        notice = version
        return ok(build(hook, []))

    notice = pick_notice(material, fits_with)
    points = not_in_notice(notice, points)
    if hook is not None:
        hook = shorten(hook, lambda h: ok(build(h, [])))
    # A subset whose raw length is clearly over is skipped without building it.
    base = ok.estimate(build(hook, [])) + 2
    own = {id(p): cached_length(shape.network, p.text) + 1 for p in points}
    chosen = _best_subset(
        points,
        lambda subset: (
            base + sum(own[id(p)] for p in subset) <= ok.limit + SLACK and ok(build(hook, subset))
        ),
    )
    options = unit(hook, chosen).tail_options
    tail: list[str] = []
    for option in options:
        if ok(build(hook, chosen, [*tail, option])):
            tail.append(option)
    return build(hook, chosen, tail), (len(chosen), hook == whole_hook)


def _best_subset(
    points: Sequence[Sentence], ok: Callable[[Sequence[Sentence]], bool]
) -> list[Sentence]:
    """The key points that fit together with the most weight of argument (ties: more points,
    then the earlier ones). Subsets are tried best first; there are few (at most 2**4 - 1 by
    default), and each try is an estimate from cached lengths."""
    subsets = [
        [i for i in range(len(points)) if mask >> i & 1] for mask in range(1, 1 << len(points))
    ]
    subsets.sort(key=lambda ix: (-sum(points[i].score for i in ix), -len(ix), ix))
    for ix in subsets:
        subset = [points[i] for i in ix]
        if ok(subset):
            return subset
    return []


def x_single(material: Material) -> Post:
    """The X post: short hook, the argument, the canonical link, mentions and hashtags."""
    kp = material.points
    built = _single(_Shape("x", material.url), material, kp.short_hook, kp.points)
    return make_post("x", "single", 0, built.text, "generated")


Choice = tuple[str | None, tuple[Sentence, ...]]
"""A thread's hook and key points: X's, which the other networks' threads start from."""


def x_thread(material: Material, max_posts: int) -> tuple[list[Post], Choice]:
    """An X thread: the hook and the link, then one key point a post, numbered 2/n … n/n; and
    its hook and points, for the other networks' threads to start from."""
    texts, choice = _thread_texts(material, max_posts, "x", material.url)
    return [make_post("x", "thread", i, text, "generated") for i, text, _ in texts], choice


def bluesky_thread(material: Material, max_posts: int, start: Choice | None = None) -> list[Post]:
    """A Bluesky thread from the same material as X's: the opener shows the shortened link and
    carries its facet (and the link card, `drafts.py`); every post facets its tags and any URL
    written out (a notice's form)."""
    shown = bsky.display_link(material.url)
    handles = list(material.handles.get("bluesky", {}).values())
    posts = []
    for index, text, link_at in _thread_texts(material, max_posts, "bluesky", shown, start)[0]:
        facets = bsky.url_facets(text, full_only=True) + bsky.tag_facets(text)
        if index == 0:
            facets.append(bsky.link_facet(text, link_at, link_at + len(shown), material.url))
        posts.append(make_post(
            "bluesky", "thread", index, text, "generated",
            facets=bsky.sorted_facets(facets), mentions=bsky.mention_spans(text, handles),
        ))  # fmt: skip
    return posts


def mastodon_thread(material: Material, max_posts: int, start: Choice | None = None) -> list[Post]:
    """A Mastodon thread from the same material as X's, counted and limited as Mastodon does."""
    texts = _thread_texts(material, max_posts, "mastodon", material.url, start)[0]
    return [make_post("mastodon", "thread", i, text, "generated") for i, text, _ in texts]


def _thread_texts(
    material: Material, max_posts: int, network: Network, link: str, start: Choice | None = None
) -> tuple[list[tuple[int, str, int]], Choice]:
    """(index, text, where the opener's link starts) of each post of `network`'s thread."""
    built, choice = _fit_thread(material, max_posts, Measure(network, exact=False), link, start)
    if not all(fits(network, b.text) for b in built):
        built, choice = _fit_thread(material, max_posts, Measure(network, exact=True), link)
    return [(i, b.text, b.link_at) for i, b in enumerate(built)], choice


def _fit_thread(
    material: Material, max_posts: int, ok: Measure, link: str, start: Choice | None = None
) -> tuple[list[Built], Choice]:
    """The thread: the first hook that fits, then key points (best first) while each fits as a
    post of its own. With `start` (the X thread's choice, which a roomier network can take
    whole), its points are taken at once when they fit and only the others are tried."""
    network = ok.network
    kp = material.points
    hooks = [h for h in dict.fromkeys([kp.long_hook, kp.short_hook]) if h]
    wanted = max_posts - 1

    notice: str | None = None

    def thread_unit(hook: str | None, chosen: Sequence[Sentence]) -> _Unit:
        ordered = by_order(list(chosen))
        parts = head_parts(material, network, hook, notice)
        parts += [(s.paragraph, s.text) for s in ordered]
        return _Unit(material, network, parts)

    def posts(unit: _Unit, tail: Sequence[str]) -> Iterator[Built]:
        yield unit.opener().build(link, tail)
        texts = [text for group, text in unit.parts if group >= 0]
        # Numbered as positions in the whole thread ("2/5"), the opener being 1/5: what a
        # reader sees in the thread, and what the review page and the publisher count.
        for i, text in enumerate(texts, start=2):
            number = f"{i}/{len(texts) + 1} "
            yield Built(number + text, 0, (number, text))

    def render(
        hook: str | None, chosen: Sequence[Sentence], tail: Sequence[str] = ()
    ) -> tuple[_Unit, list[Built]]:
        unit = thread_unit(hook, chosen)
        return unit, list(posts(unit, tail))

    def all_fit(hook: str | None, chosen: Sequence[Sentence], tail: Sequence[str] = ()) -> bool:
        # Post by post, built only until one does not fit.
        return all(ok(post) for post in posts(thread_unit(hook, chosen), tail))

    def fits_with(version: str | None) -> bool:  # (`notice` is then set to the one picked)
        nonlocal notice
        notice = version
        return any(all_fit(h, []) for h in hooks)

    notice = pick_notice(material, fits_with)
    hook = next((h for h in hooks if all_fit(h, [])), None)
    if hook is None and hooks:
        hook = shorten(hooks[-1], lambda h: all_fit(h, []))
    chosen: list[Sentence] = []
    candidates = not_in_notice(notice, kp.points)
    if start is not None and start[0] == hook and start[1] and all_fit(hook, start[1]):
        chosen = list(start[1])
        candidates = [p for p in candidates if all(p is not c for c in chosen)]
    for point in candidates:
        if len(chosen) >= wanted:
            break
        if all_fit(hook, [*chosen, point]):
            chosen.append(point)
    unit = thread_unit(hook, chosen)
    opener = unit.opener()  # the tail goes on the opener alone: the other posts fit already
    tail: list[str] = []
    for option in unit.tail_options:
        if ok(opener.build(link, [*tail, option])):
            tail.append(option)
    return render(hook, chosen, tail)[1], (hook, tuple(chosen))


def bluesky_post(material: Material) -> Post:
    """The Bluesky post: like X's, with the link shortened on screen and carried by a facet."""
    kp = material.points
    shown = bsky.display_link(material.url)
    built = _single(_Shape("bluesky", shown), material, kp.short_hook, kp.points)
    text = built.text
    facets = [bsky.link_facet(text, built.link_at, built.link_at + len(shown), material.url)]
    facets += bsky.url_facets(text, full_only=True)  # a notice's form link, written out
    facets += bsky.tag_facets(text)
    handles = list(material.handles.get("bluesky", {}).values())
    return make_post(
        "bluesky", "single", 0, text, "generated",
        facets=bsky.sorted_facets(facets), mentions=bsky.mention_spans(text, handles),
    )  # fmt: skip


def mastodon_post(material: Material) -> Post:
    """The Mastodon post: the full question, more of the argument, the link, hashtags."""
    kp = material.points
    built = _single(_Shape("mastodon", material.url), material, kp.long_hook, kp.points)
    return make_post("mastodon", "single", 0, built.text, "generated")


def linkedin_post(material: Material) -> Post:
    """The LinkedIn post: the opening paragraph, the argument in paragraphs, the link, hashtags."""
    opening = material.opening or material.points.long_hook
    headline = material.points.headline
    hook = opening if opening.startswith(headline) else f"{headline}\n\n{opening}"
    points = [
        p
        for p in material.points.points
        if not (p.paragraph == 0 and opening and p.text in opening)
    ]
    shape = _Shape("linkedin", material.url, material.read_more, paragraph_each=True)
    built = _single(shape, material, hook, points)
    return make_post("linkedin", "single", 0, built.text, "generated")


def opening_paragraph(paragraphs: Sequence[str], summary: str, language: str) -> str:
    """LinkedIn's opener: the first paragraph if it is short enough, else the summary."""
    first = clean(paragraphs[0], language) if paragraphs else ""
    return first if first and len(first) <= OPENING_MAX else clean(summary, language)
