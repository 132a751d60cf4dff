"""Social drafts as the review page shows them: each post as it will look, with its count."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from markupsafe import Markup

from pipeline.cache import Cache
from pipeline.outputs import Output
from pipeline.publish.names import NETWORK_NAMES
from pipeline.render.review.email import Gauge
from pipeline.render.review.memo import remembered
from pipeline.render.review.paths import href_to
from pipeline.render.review.qa import QaItem
from pipeline.render.social.findings import Finding
from pipeline.site import Site, lang_attributes

FILE_LABELS = {"social/json": "JSON for the publisher", "social/review": "Markdown for review"}
SegmentKind = Literal["text", "link", "tag", "mention"]
# What a network's app turns into a link or highlights in a post's text.
ENTITY_RE = re.compile(
    r"(?P<link>https?://[^\s]+)|(?<![\w#@])(?P<tag>#\w+)|(?<![\w@])(?P<mention>@\w+(?:@[\w.-]+\w)?)"
)
TRAILING = ".,;:!?)]}'\""


@dataclass(frozen=True)
class Segment:
    """A run of a post's text: plain, or a link, hashtag or mention as the app shows it."""

    kind: SegmentKind
    text: str
    href: str = ""


@dataclass(frozen=True)
class PostView:
    network: str
    kind: str
    index: int
    segments: tuple[Segment, ...]
    count: Gauge
    counting: str
    source: str


@dataclass(frozen=True)
class PostGroup:
    """One slot of the drafts: a single post, or a thread in order."""

    network: str
    label: str
    account: str
    counting: str
    """How the network counts a post's length, in words."""
    posts: tuple[PostView, ...]


NO_ATTRIBUTES = Markup("")


@dataclass(frozen=True)
class SocialView:
    slug: str
    anchor: str
    title: str
    url: str
    source_path: str
    files: tuple[tuple[str, str], ...]
    key_points: tuple[str, ...]
    groups: tuple[PostGroup, ...]
    findings: tuple[Finding, ...] = ()
    """Editorial checks (checks.py): each a warning for an editor."""
    image: tuple[str, str] | None = None
    """(URL, alt text) of the image a publisher attaches, if any."""
    notice: tuple[tuple[str, str], ...] = ()
    """A notice's ("When", …) and ("Form", …), as the drafts found them."""
    lang: Markup = NO_ATTRIBUTES
    """` lang="ar" dir="rtl"` for the title, key points and posts of drafts in another
    language than the page's (`site.lang_attributes`)."""

    @property
    def posts(self) -> tuple[PostView, ...]:
        return tuple(post for group in self.groups for post in group.posts)


def segments(text: str) -> tuple[Segment, ...]:
    """`text` split into plain runs, links, hashtags and mentions (as X, Mastodon and LinkedIn
    highlight them)."""
    found: list[Segment] = []
    position = 0
    for match in ENTITY_RE.finditer(text):
        start, end = match.span()
        kind: SegmentKind = (
            "link" if match.group("link") else "tag" if match.group("tag") else "mention"
        )
        entity = match.group(0)
        if kind == "link":
            entity = entity.rstrip(TRAILING)
            end = start + len(entity)
        if start > position:
            found.append(Segment("text", text[position:start]))
        found.append(Segment(kind, entity, entity if kind == "link" else ""))
        position = end
    if position < len(text):
        found.append(Segment("text", text[position:]))
    return tuple(found)


def facet_segments(text: str, post: Mapping[str, Any]) -> tuple[Segment, ...]:
    """A Bluesky post split by its facets (UTF-8 byte offsets): the link facet carries the full
    URL behind the shortened text, as the Bluesky app shows it."""
    data = text.encode("utf-8")
    spans: list[tuple[int, int, SegmentKind, str]] = []
    for facet in post.get("facets") or []:
        index, features = facet.get("index", {}), facet.get("features") or [{}]
        feature = features[0]
        kind: SegmentKind = "link" if "uri" in feature else "tag"
        spans.append(
            (index.get("byteStart", 0), index.get("byteEnd", 0), kind, feature.get("uri", ""))
        )
    for mention in post.get("mentions_to_resolve") or []:
        index = mention.get("index", {})
        spans.append((index.get("byteStart", 0), index.get("byteEnd", 0), "mention", ""))
    found: list[Segment] = []
    position = 0
    for start, end, kind, href in sorted(spans):
        if start < position or end > len(data) or end <= start:
            continue  # overlapping or out of range: show the text plain rather than guess
        if start > position:
            found.append(Segment("text", data[position:start].decode("utf-8", "replace")))
        found.append(Segment(kind, data[start:end].decode("utf-8", "replace"), href))
        position = end
    if position < len(data):
        found.append(Segment("text", data[position:].decode("utf-8", "replace")))
    return tuple(found)


def account(site: Site, network: str) -> str:
    """The centre's account as the post shows it (the site's name where none is configured)."""
    social = site.social
    handle = {
        "x": social.x_handle,
        "bluesky": social.bluesky_handle,
        "mastodon": social.mastodon_handle,
        "linkedin": social.linkedin_page,
    }.get(network)
    return handle or site.name


def post_view(post: Mapping[str, Any]) -> PostView:
    text = str(post.get("text", ""))
    network = str(post.get("network", ""))
    length, limit = int(post.get("length", 0)), int(post.get("limit", 0))
    return PostView(
        network=network,
        kind=str(post.get("kind", "single")),
        index=int(post.get("index", 0)),
        segments=facet_segments(text, post) if network == "bluesky" else segments(text),
        count=Gauge(length, limit, "fail" if length > limit else "pass"),
        counting=str(post.get("counting", "")),
        source=str(post.get("source", "generated")),
    )


def _groups(posts: Sequence[Mapping[str, Any]], site: Site) -> tuple[PostGroup, ...]:
    groups: list[PostGroup] = []
    slots: dict[tuple[str, str], list[PostView]] = {}
    for post in posts:
        view = post_view(post)
        slots.setdefault((view.network, view.kind), []).append(view)
    for (network, kind), views in slots.items():
        name = NETWORK_NAMES.get(network, network)
        if kind == "thread":
            label = f"{name} thread, {len(views)} posts"
        elif network == "x":
            label = "X single post"
        else:
            label = f"{name} post"
        ordered = tuple(sorted(views, key=lambda v: v.index))
        counting = ordered[0].counting
        groups.append(PostGroup(network, label, account(site, network), counting, ordered))
    return tuple(groups)


def social_views(
    outputs: Sequence[Output], slugs: Sequence[str], site: Site, cache: Cache | None = None
) -> list[SocialView]:
    """The drafts of the articles `slugs`, in that order (those without drafts are skipped);
    `cache` remembers each drafts file's editorial checks."""
    files: dict[str, list[Output]] = {}
    drafts: dict[str, Output] = {}
    for output in outputs:
        if output.kind.startswith("social/") and output.slug:
            files.setdefault(output.slug, []).append(output)
            if output.kind == "social/json":
                drafts[output.slug] = output
    views = []
    for slug in slugs:
        if slug not in drafts:
            continue
        doc = json.loads(drafts[slug].data)
        views.append(
            SocialView(
                slug=slug,
                anchor=f"social-{slug}",
                title=str(doc.get("title", slug)),
                url=str(doc.get("url", "")),
                source_path=str(doc.get("source_path", "")),
                files=tuple(
                    (FILE_LABELS.get(o.kind, o.path.rsplit("/", 1)[-1]), href_to(o.path))
                    for o in sorted(files[slug], key=lambda o: o.path)
                ),
                key_points=tuple(str(p) for p in doc.get("key_points") or ()),
                groups=_groups(doc.get("posts") or [], site),
                findings=_findings(drafts[slug].data, doc, cache),
                image=_image(doc.get("image")),
                notice=_notice(doc.get("notice")),
                lang=Markup(lang_attributes(doc.get("language"), site.language)),
            )
        )
    return views


def _findings(data: bytes, doc: Mapping[str, Any], cache: Cache | None) -> tuple[Finding, ...]:
    """`checks.draft_findings` of the drafts file `data` (parsed: `doc`), remembered for it."""

    def check() -> tuple[Finding, ...]:
        from pipeline.render.social.checks import draft_findings  # the language rules

        return tuple(draft_findings(doc))

    return remembered(
        cache, "review-findings", [data], check,
        lambda found: tuple(Finding(str(c), str(p), str(m)) for c, p, m in
                            ((f["check"], f["post"], f["message"]) for f in found)),
    )  # fmt: skip


def _image(value: Any) -> tuple[str, str] | None:
    if not isinstance(value, Mapping) or not value.get("url"):
        return None
    return (str(value["url"]), str(value.get("alt") or ""))


def _notice(value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, Mapping):
        return ()
    when = str(value.get("when") or "not found: give `event:` or `call:` front matter")
    return (("When", " ".join(when.split())), ("Form", str(value.get("form") or "none found")))


def draft_count(outputs: Sequence[Output]) -> int:
    """How many articles have social drafts in this build."""
    return sum(1 for o in outputs if o.kind == "social/json")


def social_items(view: SocialView) -> list[QaItem]:
    """A fail for every post over its network's limit; one pass when all fit."""
    subject = f"Social: {view.title}"
    target = f"#{view.anchor}"
    over = [post for post in view.posts if post.count.status == "fail"]
    items = [
        QaItem(
            "fail",
            "Post length",
            subject,
            f"{NETWORK_NAMES.get(p.network, p.network)} {p.kind}"
            + (f" post {p.index + 1}" if p.kind == "thread" else "")
            + f" is {p.count.value} / {p.count.limit}, {p.count.over} over.",
            target,
        )
        for p in over
    ]
    items += [
        QaItem("warn", finding.check, subject, f"{finding.post} {finding.message}.", target)
        for finding in view.findings
    ]
    if not over:
        items.append(
            QaItem(
                "pass",
                "Post length",
                subject,
                f"all {len(view.posts)} posts are within their limits.",
                target,
            )
        )
    return items
