"""`dist/social/<slug>.md`: the drafts for a person to review, each exactly as it will be posted."""

from __future__ import annotations

import re

from pipeline.render.social.compose import Post
from pipeline.render.social.counting import COUNTING, NETWORK_NAMES
from pipeline.render.social.drafts import Drafts, image_json, link_card

_BACKTICKS = re.compile(r"`+")


def _fenced(text: str) -> str:
    """`text` in a code fence longer than any backtick run inside it, so it shows verbatim."""
    runs = _BACKTICKS.findall(text) if "`" in text else []
    longest = max((len(run) for run in runs), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


def _count(post: Post) -> str:
    source = " (the editor's text)" if post.source == "override" else ""
    return f"{post.length} / {post.limit}{source}"


def _bluesky_notes(post: Post) -> list[str]:
    lines = []
    data = post.text.encode("utf-8")
    for facet in post.facets:
        start, end = facet["index"]["byteStart"], facet["index"]["byteEnd"]
        shown = data[start:end].decode("utf-8")
        for feature in facet["features"]:
            target = feature.get("uri") or f"#{feature.get('tag')}"
            kind = "link" if "uri" in feature else "tag"
            lines.append(f"- {kind} `{shown}` → {target} (bytes {start}–{end})")
    for mention in post.mentions:
        lines.append(f"- mention @{mention['handle']}: the publisher resolves its DID")
    return lines


def _image_line(drafts: Drafts) -> str:
    image = image_json(drafts.article)
    if image is None:
        return "- Image: none (posts go without one)"
    return f"- Image: <{image['url']}>, alt text: {image['alt']}"


def _notice_lines(drafts: Drafts) -> list[str]:
    notice = drafts.notice
    if notice is None:
        return []
    when = (notice.when or "not found: give `event:` or `call:` front matter").replace("\n", " ")
    return [f"- When: {when}", f"- Form: {notice.form or 'none found'}"]


def render_review(drafts: Drafts) -> str:
    """Markdown: the image, a notice's when and form, the key points, then per network the
    single post and the thread as posted, each with its counted length (Bluesky: facets and
    the link card)."""
    article = drafts.article
    out = [
        f"# Social drafts: {article.title}",
        "",
        f"- Article: <{article.url}>",
        f"- Source: `{article.source_path}` (content hash `{article.content_hash[:12]}`)",
        f"- Drafts hash: `{drafts.drafts_hash[:12]}`",
        _image_line(drafts),
        *_notice_lines(drafts),
        "",
        "## Key points, in the order of the text",
        "",
    ]
    out += [f"{i}. {point}" for i, point in enumerate(drafts.key_points, start=1)] or [
        "(none found)"
    ]
    for network in ("x", "bluesky", "mastodon", "linkedin"):
        for kind in ("single", "thread"):
            posts = drafts.slot(network, kind)
            if not posts:
                continue
            counting = f"Counted {COUNTING[network]}."
            if kind == "thread":
                out += ["", f"## {NETWORK_NAMES[network]} thread: {len(posts)} posts", "", counting]
                for post in posts:
                    out += [
                        "",
                        f"### Post {post.index + 1} of {len(posts)}: {_count(post)}",
                        "",
                        _fenced(post.text),
                    ]
                    if network == "bluesky" and (post.facets or post.mentions):
                        out += ["", *_bluesky_notes(post)]
                    if network == "bluesky" and post.index == 0:
                        out += ["", _card_note(drafts)]
                continue
            post = posts[0]
            label = "single post" if network == "x" else "post"
            out += [
                "",
                f"## {NETWORK_NAMES[network]} {label}: {_count(post)}",
                "",
                counting,
                "",
                _fenced(post.text),
            ]
            if network == "bluesky" and (post.facets or post.mentions):
                out += ["", *_bluesky_notes(post)]
            if network == "bluesky":
                out += ["", _card_note(drafts)]
    return "\n".join(out) + "\n"


def _card_note(drafts: Drafts) -> str:
    card = link_card(drafts.article)["external"]
    thumb = f", thumbnail {card['thumb']}" if "thumb" in card else ", no thumbnail"
    return f"- link card: {card['title']} → {card['uri']}{thumb}"
