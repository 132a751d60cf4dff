"""Social post drafts: `dist/social/<slug>.json` (for the publisher) and `.md` (for a person).

For each ready commentary the publisher may still post (dated within the publishing window,
`site.publish.window_days`, before the build's clock: the back catalogue is never posted, so
it gets no drafts): a single post and a thread for X, Bluesky and Mastodon, and a
LinkedIn post. Each opens with the headline (or the body's opening question), credits the
authors, and gives the argument as the body's structure marks it (`keypoints.py`,
`structure.py`, `language.py`), fits its network's limit as that network counts
(`counting.py`), and carries the canonical link, configured mentions and at most
`site.social.max_hashtags` hashtags where they fit (`compose.py`). A notice (event, call, job)
says in every single post and thread opener when (and where) and links its form
(`notice.py`: front matter `event:` / `call:`, else the body). `checks.py` holds the
editorial checks the review page and `pipeline check` run over the drafts. Editor overrides in front matter (`social:`) replace a generated post;
an override over its limit is a ContentError naming the file, the network and the length.

JSON schema of `dist/social/<slug>.json` (schema id `pipeline.social-drafts/1`)
-----------------------------------------------------------------------------
    {
      "schema": "pipeline.social-drafts/1",
      "slug": str,              # the article slug (file name)
      "url": str,               # canonical https URL of the commentary
      "title": str,
      "source_path": str,       # e.g. "content/commentary/<slug>.md"
      "content_hash": str,      # Article.content_hash (sha256 of the source file)
      "drafts_hash": str,       # sha256 hex, see below
      "language": str,          # the article's language (else the site's)
      "kind": str,              # front matter kind: commentary, analysis, …, event, call, job
      "authors": [str, ...],
      "image": {"url": str, "alt": str} | null,   # the article's image and its alt text, for
                                #   a publisher that attaches it (null: no image file)
      "notice": {"when": str | null, "form": str | null} | null,
                                # event/call/job only: what every first post says for "when"
                                #   (with "where") and the form it links; null for other kinds
      "x_form": "single" | "thread" | null,   # front matter social.x_form: the editor's choice
      "key_points": [str, ...], # the key points chosen, in text order (for review only)
      "posts": [Post, ...]      # in this order: x single, x thread (in order), bluesky
                                #   single, bluesky thread, mastodon single, mastodon thread,
                                #   linkedin
    }

    Post = {
      "network": "x" | "bluesky" | "mastodon" | "linkedin",
      "kind": "single" | "thread",   # X, Bluesky and Mastodon have both; on each network the
                                     #   single post and the thread are alternatives: publish
                                     #   one or the other (LinkedIn: single only)
      "index": int,             # 0-based position in its thread, 0..n-1 (0 for "single")
      "text": str,              # exactly what is posted
      "length": int,            # `text` counted as the network counts (counting.py)
      "limit": int,             # 280 | 300 | 500 | 3000; always length <= limit
      "counting": str,          # how `length` was counted, in words
      "source": "generated" | "override",   # override = the editor's front matter text
      # X only: the keyword arguments for tweepy.Client.create_tweet, exactly.
      "create_tweet": {"text": str}                       # single post, first thread post
                    | {"text": str,
                       "in_reply_to_tweet_id": {"previous_post": true}},
                                # thread posts 1..n-1: the publisher replaces the object
                                #   {"previous_post": true} by the id (response.data["id"])
                                #   of the post at index-1 of the same thread
      # Bluesky and Mastodon thread posts 1..n-1 only:
      "in_reply_to": {"previous_post": true},   # reply to the post at index-1 of the same
                                #   thread: Mastodon status_post(in_reply_to_id=its id), Bluesky
                                #   reply {root: the thread's first post, parent: that post}
      # Bluesky only (single and thread posts):
      "facets": [               # app.bsky.richtext.facet objects, sorted by byteStart
        {"index": {"byteStart": int, "byteEnd": int},   # UTF-8 byte offsets into `text`
         "features": [{"$type": "app.bsky.richtext.facet#link", "uri": str}]}
      | {"index": {...}, "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": str}]}
      ],
      "embed": {"$type": "app.bsky.embed.external",   # the link card: on the single post and
                                #   on the thread's first post only
                "external": {"uri": str, "title": str, "description": str,
                             "thumb": str}},   # thumb (only with an image): the image URL;
                                # the publisher uploads it (upload_blob) and puts the blob here
      "mentions_to_resolve": [  # handles in `text` whose facet needs the account's DID:
        {"index": {"byteStart": int, "byteEnd": int}, "handle": str}   # handle without "@"
      ]                         # the publisher resolves each and adds an
                                #   app.bsky.richtext.facet#mention facet {"did": ...}
    }

`drafts_hash` is `sha256(json.dumps(posts, ensure_ascii=False, sort_keys=True,
separators=(",", ":")).encode("utf-8")).hexdigest()` over the `posts` list above
(`drafts.drafts_hash`). A publisher detects a stale draft by rendering the drafts again from the
current content (`build_drafts(article, site).drafts_hash`) and comparing.

Bluesky's text shows a long link shortened (`vcdnp.org/will-biden-build…`) like the Bluesky
app does; the link facet carries the full URL. Mastodon and X get the full URL (both count any
URL as 23). The manifest entry of the JSON carries `drafts_hash`, `content_hash` and every
post's length and limit.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pipeline.article import Article
from pipeline.cache import Cache, cached_map
from pipeline.edition import in_window
from pipeline.errors import ContentError, Problem
from pipeline.jsontext import dumps_bytes
from pipeline.outputs import Output, decode_outputs, encode_outputs
from pipeline.render.social.overrides import override_problems
from pipeline.site import Site

if TYPE_CHECKING:
    from pipeline.render.social.drafts import Drafts
    from pipeline.renderer import BuildContext

_LAZY = {"Drafts": "drafts", "build_drafts": "drafts", "render_review": "review"}


def __getattr__(name: str) -> Any:
    """The drafting modules (composer, word lists, regex, babel) load when something is drafted,
    not for a build whose drafts all come from the cache or that drafts nothing."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)


__all__ = [
    "Drafts",
    "build_drafts",
    "postable",
    "prefetch_drafts",
    "render_review",
    "render_social",
    "render_social_outputs",
    "social_problems",
]

OUT_DIR = "social"


def social_problems(articles: Sequence[Article], site: Site) -> list[Problem]:
    """Every override, in every ready article, that cannot be published as written."""
    problems: list[Problem] = []
    for article in articles:
        if article.status == "ready":
            problems += override_problems(article, site.social.thread_max_posts)
    return problems


def postable(articles: Sequence[Article], site: Site, now: datetime | None) -> list[Article]:
    """The articles that get drafts: ready and, as of `now`, in the publishing window (None:
    every ready article, for a caller that drafts the whole archive on purpose)."""
    window = site.publish.window_days
    return [
        a for a in articles if a.status == "ready" and (now is None or in_window(a, now, window))
    ]


def _outputs(drafts: Drafts) -> list[Output]:
    from pipeline.render.social.review import render_review
    from pipeline.schema import SocialDraftsDocument

    article = drafts.article
    doc = drafts.to_json()
    meta = {
        "drafts_hash": doc["drafts_hash"],
        "content_hash": article.content_hash,
        "posts": [
            {"network": p["network"], "kind": p["kind"], "index": p["index"],
             "length": p["length"], "limit": p["limit"], "source": p["source"]}
            for p in doc["posts"]
        ],
    }  # fmt: skip
    SocialDraftsDocument.model_validate(doc)  # what the publisher will read (pipeline.schema)
    data = dumps_bytes(doc) + b"\n"
    review = render_review(drafts).encode("utf-8")
    return [
        Output(f"{OUT_DIR}/{article.slug}.json", data, "social/json", article.slug, meta),
        Output(f"{OUT_DIR}/{article.slug}.md", review, "social/review", article.slug,
               {"drafts_hash": doc["drafts_hash"]}),
    ]  # fmt: skip


def _article_outputs(job: tuple[Article, Site]) -> list[Output]:
    from pipeline.render.social.drafts import build_drafts

    article, site = job
    return _outputs(build_drafts(article, site))


def _key(cache: Cache, article: Article, site_key: str) -> str:
    # An Article is a function of its source path, its bytes and the settings (the reader's
    # cache is keyed so): its drafts are too.
    return cache.key("social", [article.source_path, article.content_hash, site_key])


def prefetch_drafts(
    article: Article, site: Site, cache: Cache, now: datetime
) -> list[tuple[str, str, bytes]]:
    """`article`'s drafts as the cache entry `render_social_outputs` will look for: the build
    runs this in the worker that read the article (`content.Prefetch`). An article that gets
    no drafts (`postable`), or whose overrides cannot be published (`render_social_outputs`
    reports them), gets nothing here."""
    if not postable([article], site, now) or override_problems(
        article, site.social.thread_max_posts
    ):
        return []
    key = _key(cache, article, site.model_dump_json())
    return [("social", key, encode_outputs(_article_outputs((article, site))))]


def render_social_outputs(
    articles: Sequence[Article], site: Site, cache: Cache | None = None, *, now: datetime | None
) -> list[Output]:
    """The drafts of every article `postable` at `now`; ContentError listing every bad override
    of any ready article first (a bad override is an error in the content, posted or not).

    Drafting costs a few ms an article (sentence splitting), so results are cached per article
    and settings, and the ones not cached are drafted in parallel."""
    problems = social_problems(articles, site)  # (every ready article's)
    if problems:
        raise ContentError(problems)
    ready = postable(articles, site, now)
    cache = cache or Cache(None)
    if not cache.enabled:  # nothing is read or kept: no key to compute
        keys = [""] * len(ready)
    else:
        site_key = site.model_dump_json()
        keys = [_key(cache, article, site_key) for article in ready]
    jobs = [(article, site) for article in ready]
    drafted = cached_map(
        cache, "social", keys, jobs, _article_outputs, encode_outputs, decode_outputs
    )
    return [output for outputs in drafted for output in outputs]


def render_social(ctx: BuildContext) -> list[Output]:
    """The build's renderer: drafts of the commentaries in `ctx.content` that the publisher may
    still post as of the build's clock."""
    content = ctx.content
    return render_social_outputs(content.articles, content.site, ctx.cache, now=content.now)
