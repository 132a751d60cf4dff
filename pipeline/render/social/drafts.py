"""One article's drafts for every network, and their JSON form (see the package docstring)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from pipeline import text
from pipeline.article import Article
from pipeline.render.social import compose
from pipeline.render.social.compose import Material, Post
from pipeline.render.social.counting import COUNTING, NETWORKS, Network
from pipeline.render.social.keypoints import by_order, key_points
from pipeline.render.social.language import credit, has_date
from pipeline.render.social.names import NameBook, mention_pattern
from pipeline.render.social.notice import Notice, notice_of
from pipeline.render.social.overrides import override_posts
from pipeline.render.social.read_more import read_more
from pipeline.render.social.structure import body_structure
from pipeline.schema import DRAFTS_SCHEMA
from pipeline.site import Site

SCHEMA = DRAFTS_SCHEMA
PREVIOUS_POST = {"previous_post": True}
"""Stands for the id of the thread's previous post, known only once that post is published."""


@dataclass(frozen=True)
class Drafts:
    """Everything `dist/social/<slug>.json` holds."""

    article: Article
    key_points: tuple[str, ...]
    posts: tuple[Post, ...]
    language: str = "en"
    notice: Notice | None = None

    def post_json(self) -> list[dict[str, Any]]:
        posts = [post_json(p) for p in self.posts]
        for post in posts:
            if post["network"] == "bluesky" and post["index"] == 0:
                post["embed"] = link_card(self.article)
        return posts

    @cached_property
    def drafts_hash(self) -> str:
        return drafts_hash(self.post_json())

    def to_json(self) -> dict[str, Any]:
        posts = self.post_json()
        if "drafts_hash" not in self.__dict__:  # hash the posts built here: built once
            self.__dict__["drafts_hash"] = drafts_hash(posts)
        return {
            "schema": SCHEMA,
            "slug": self.article.slug,
            "url": self.article.url,
            "title": self.article.title,
            "source_path": self.article.source_path,
            "content_hash": self.article.content_hash,
            "drafts_hash": self.drafts_hash,
            "language": self.language,
            "kind": self.article.kind,
            "authors": list(self.article.authors),
            "image": image_json(self.article),
            "notice": (
                {"when": self.notice.when, "form": self.notice.form} if self.notice else None
            ),
            "x_form": self.article.social.x_form,
            "key_points": list(self.key_points),
            "posts": posts,
        }

    def slot(self, network: Network, kind: str = "single") -> list[Post]:
        return [p for p in self.posts if p.network == network and p.kind == kind]


def image_json(article: Article) -> dict[str, str] | None:
    """The article's image and its alt text, for a publisher that attaches it."""
    image = article.image
    if image is None or not image.src:
        return None
    return {"url": image.src, "alt": image.alt or ""}


def link_card(article: Article) -> dict[str, Any]:
    """The Bluesky link card (app.bsky.embed.external): Bluesky never makes one itself.
    `thumb` is the article image's URL (or absent): the publisher uploads it with
    `upload_blob` and puts the returned blob in its place."""
    external: dict[str, Any] = {
        "uri": article.url,
        "title": article.title,
        "description": article.summary,
    }
    if article.image is not None and article.image.src:
        external["thumb"] = article.image.src
    return {"$type": "app.bsky.embed.external", "external": external}


def drafts_hash(posts: list[dict[str, Any]]) -> str:
    """sha256 of the canonical JSON of the posts: sorted keys, no spaces, UTF-8."""
    canonical = json.dumps(posts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def post_json(post: Post) -> dict[str, Any]:
    data: dict[str, Any] = {
        "network": post.network,
        "kind": post.kind,
        "index": post.index,
        "text": post.text,
        "length": post.length,
        "limit": post.limit,
        "counting": COUNTING[post.network],
        "source": post.source,
    }
    if post.network == "x":
        kwargs: dict[str, Any] = {"text": post.text}
        if post.kind == "thread" and post.index > 0:
            kwargs["in_reply_to_tweet_id"] = dict(PREVIOUS_POST)
        data["create_tweet"] = kwargs
    if post.network in ("bluesky", "mastodon") and post.kind == "thread" and post.index > 0:
        data["in_reply_to"] = dict(PREVIOUS_POST)
    if post.network == "bluesky":
        data["facets"] = list(post.facets)
        data["mentions_to_resolve"] = list(post.mentions)
    return data


def _handle(network: Network, value: str) -> str:
    value = value.strip()
    return value if network == "linkedin" or value.startswith("@") else f"@{value}"


SHORT_CREDIT_FROM, SHORT_CREDIT_NAMES = 4, 2
"""A single post credits four or more authors as the first two "and N others" when naming
them all would leave out a key point (or cut the headline)."""


def _credit(
    article: Article, site: Site, language: str, shown: int | None = None
) -> dict[Network, str]:
    """Per network: "By A (@a) and B", each author with the handle `[social.people]` gives
    (only the first `shown` of them, then how many others)."""
    people = site.social.handles
    out: dict[Network, str] = {}
    for network in NETWORKS:
        names = []
        for name in article.authors[:shown]:
            handle = getattr(people[name], network) if name in people else None
            names.append(f"{name} ({_handle(network, handle)})" if handle else name)
        out[network] = credit([*names, *article.authors[len(names) :]], language, shown)
    return out


def material(article: Article, site: Site, notice: Notice | None = None) -> Material:
    """What the posts of `article` are made from (the expensive part: sentence splitting)."""
    social = site.social
    language = article.language_or(site.language)
    # A piece dated after its event or deadline reports on it: no notice (`notice_of`).
    points = key_points(article, language, social.thread_max_posts - 1, notice is not None)
    if notice and notice.from_front_matter:  # the front matter says when: no dated point repeats it
        kept = tuple(p for p in points.points if not has_date(p.text, language))
        points = dataclasses.replace(points, points=kept)
    texts = [article.title, article.summary, *article.paragraphs]
    handles: dict[Network, dict[str, str]] = {network: {} for network in NETWORKS}
    for name, per_network in social.handles.items():
        if name in article.authors:
            continue  # credited by name and handle already
        pattern = mention_pattern(name)  # (it matches only where the name is written)
        if not any(name in text and pattern.search(text) for text in texts):
            continue
        for network in NETWORKS:
            value = getattr(per_network, network)
            if value:
                handles[network][name] = _handle(network, value)
    by_tag = {tag.casefold(): hashtag for tag, hashtag in social.hashtags.items()}
    hashtags = [by_tag[t.casefold()] for t in article.tags if t.casefold() in by_tag]
    return Material(
        url=article.url,
        points=points,
        names=NameBook.from_texts([article.title, *article.paragraphs]),
        opening=compose.opening_paragraph(article.paragraphs, article.summary, language),
        hashtags=tuple(dict.fromkeys(hashtags))[: social.max_hashtags],
        handles=handles,
        credit=_credit(article, site, language),
        short_credit=(
            _credit(article, site, language, SHORT_CREDIT_NAMES)
            if len(article.authors) >= SHORT_CREDIT_FROM
            else {}
        ),
        read_more=read_more(language, article.kind),
        notice=notice.versions(language, article.kind) if notice else (),
    )


def _reuse_reader_sentences(article: Article, language: str) -> None:
    """The reader already split the first paragraph (and so the summary made from it): tell
    the sentence splitter, so drafting does not run pysbd on them again."""
    lead = article.lead_sentences
    if not (article.paragraphs and lead):
        return
    text.remember(article.paragraphs[0], language, lead)
    for count in range(1, len(lead) + 1):
        if " ".join(lead[:count]) == article.summary:
            text.remember(article.summary, language, lead[:count])
            break


def build_drafts(article: Article, site: Site) -> Drafts:
    """The drafts of one article; editor overrides replace generated posts slot by slot.

    Overrides are taken as written: check them first with `override_problems`.
    """
    language = article.language_or(site.language)
    _reuse_reader_sentences(article, language)
    overrides = override_posts(article)
    body = body_structure(article.body_markdown, language)
    notice = notice_of(article, body, site.tz, language)
    mat = material(article, site, notice)
    most = site.social.thread_max_posts
    x_thread, choice = compose.x_thread(mat, most)
    slots: list[list[Post]] = [
        overrides.get("x") or [compose.x_single(mat)],
        overrides.get("x_thread") or x_thread,
        overrides.get("bluesky") or [compose.bluesky_post(mat)],
        compose.bluesky_thread(mat, most, choice),
        overrides.get("mastodon") or [compose.mastodon_post(mat)],
        compose.mastodon_thread(mat, most, choice),
        overrides.get("linkedin") or [compose.linkedin_post(mat)],
    ]
    points = tuple(p.text for p in by_order(list(mat.points.points)))
    posts = tuple(post for slot in slots for post in slot)
    return Drafts(article, points, posts, language, notice)
