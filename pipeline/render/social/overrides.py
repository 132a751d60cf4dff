"""Editor-written posts (front matter `social:`) replace the generated ones, checked exactly."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.article import Article
from pipeline.errors import Problem

if TYPE_CHECKING:  # the counting and composing modules load only for an override (regex, …)
    from pipeline.render.social.compose import Post
    from pipeline.render.social.counting import Network


def _problem(
    article: Article, field: str, network: Network, text: str, what: str
) -> Problem | None:
    from pipeline.render.social.counting import COUNTING, LIMITS, NETWORK_NAMES, fits, length

    if not text.strip():
        return Problem(
            article.source_path, None, field, f"the {NETWORK_NAMES[network]} {what} is empty"
        )
    if fits(network, text):
        return None
    counted = length(network, text)
    limit = LIMITS[network]
    if counted <= limit:  # within the count, refused for another reason
        reason = "holds a character X refuses" if network == "x" else "is over 3,000 UTF-8 bytes"
        return Problem(
            article.source_path, None, field, f"the {NETWORK_NAMES[network]} {what} {reason}"
        )
    return Problem(
        article.source_path, None, field,
        f"the {NETWORK_NAMES[network]} {what} is {counted} long (counted {COUNTING[network]}), "
        f"{counted - limit} over the limit of {limit}",
    )  # fmt: skip


def override_problems(article: Article, thread_max_posts: int) -> list[Problem]:
    """Every override of `article` that cannot be published as written."""
    social = article.social
    found: list[Problem | None] = []
    for network in ("x", "bluesky", "mastodon", "linkedin"):
        text = getattr(social, network)
        if text is not None:
            found.append(_problem(article, f"social.{network}", network, text, "post"))
    if social.x_thread is not None:
        if not social.x_thread:
            found.append(
                Problem(article.source_path, None, "social.x_thread", "the X thread has no posts")
            )
        if len(social.x_thread) > thread_max_posts:
            found.append(Problem(
                article.source_path, None, "social.x_thread",
                f"the X thread has {len(social.x_thread)} posts, more than "
                f"site.social.thread_max_posts ({thread_max_posts})",
            ))  # fmt: skip
        for i, text in enumerate(social.x_thread):
            found.append(
                _problem(article, f"social.x_thread[{i}]", "x", text, f"thread post {i + 1}")
            )
    return [p for p in found if p is not None]


def override_posts(article: Article) -> dict[str, list[Post]]:
    """The editor's posts by slot (`x`, `x_thread`, `bluesky`, ...); call after the checks."""
    from pipeline.render.social import facets as bsky
    from pipeline.render.social.compose import make_post

    social = article.social
    out: dict[str, list[Post]] = {}
    if social.x is not None:
        out["x"] = [make_post("x", "single", 0, social.x, "override")]
    if social.x_thread is not None:
        out["x_thread"] = [
            make_post("x", "thread", i, t, "override") for i, t in enumerate(social.x_thread)
        ]
    if social.bluesky is not None:
        text = social.bluesky
        facets = bsky.sorted_facets(bsky.url_facets(text) + bsky.tag_facets(text))
        out["bluesky"] = [make_post("bluesky", "single", 0, text, "override", facets=facets)]
    if social.mastodon is not None:
        out["mastodon"] = [make_post("mastodon", "single", 0, social.mastodon, "override")]
    if social.linkedin is not None:
        out["linkedin"] = [make_post("linkedin", "single", 0, social.linkedin, "override")]
    return out
