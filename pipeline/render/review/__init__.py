"""The review page: `dist/review/index.html`, one page on which an editor checks a build.

It shows, for the newsletter issue about to go out, its subject, preheader, HTML size against
the budget, the email in frames at desktop (680 px) and phone (375 px) widths, the plain-text
part and every link marked absolute https or not; the social drafts of the commentaries new on
X, each post as it will look with its counted length against its limit; the feed entries as a
reader sees them; and a QA list (fail, warn, pass) at the top.

It is rendered after every other output, from those outputs (so it shows what was built, not a
second rendering of it), and is a static file: inline CSS, no script, no font or image of its
own; the frames load `../email/<issue-id>/email.html`, so it works from file:// and over HTTP
(`pipeline preview`). A large archive does not make it large: only drafts of commentaries new
on a channel are shown, and the page says how many exist in all.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import orjson

from pipeline.edition import new_for_channel
from pipeline.outputs import Output
from pipeline.render.review.email import IssueView, issue_items, issue_views
from pipeline.render.review.feeds import feed_entries, feed_files, feed_items
from pipeline.render.review.paths import PAGE_PATH, href_to
from pipeline.render.review.qa import QaItem, content_items, image_items, sort_items
from pipeline.render.review.social import SocialView, draft_count, social_items, social_views
from pipeline.tree import folder_parts

if TYPE_CHECKING:
    from pipeline.renderer import BuildContext

__all__ = ["KIND", "PAGE_PATH", "render_review_page"]

KIND = "review/html"
TEMPLATE = "page.html.j2"
MAX_SENT_SHOWN = 10


def _anchors(
    issues: Sequence[IssueView], social: Sequence[SocialView], ctx: BuildContext
) -> dict[str, str]:
    """Source path of an article → where the page shows it (its drafts, else its issue)."""
    path = {a.slug: a.source_path for a in ctx.content.articles}
    anchors: dict[str, str] = {}
    for issue in issues:
        for slug in issue.slugs:
            if slug in path:
                anchors.setdefault(path[slug], f"#{issue.anchor}")
    for view in social:
        if view.slug in path:
            anchors[path[view.slug]] = f"#{view.anchor}"
    return anchors


def _page(ctx: BuildContext, context: dict[str, Any]) -> str:
    """The template rendered with `context`, or the page the cache has for the same context
    and templates: the page is a function of them alone (the template sees nothing else)."""
    folder = ctx.templates_dir / "review"

    def render() -> str:
        from pipeline.render.email.templates import render_template  # Jinja: only to render

        return render_template(folder, TEMPLATE, context, ctx.cache.folder_for("templates"))

    try:
        shown = orjson.dumps(context)  # plain data and dataclasses of it
    except TypeError:  # something orjson cannot write out: render, uncached
        return render()
    parts = itertools.chain([shown], folder_parts(folder))  # (read only when the cache is on)
    return ctx.cache.memo("review", parts, render, str.encode, _text_or_none)


def _text_or_none(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:  # a damaged entry
        return None


def _scheduled(ctx: BuildContext) -> list[dict[str, str]]:
    """The ready articles not yet due, soonest first, each with when it becomes due."""
    if not ctx.content.scheduled:
        return []
    from babel.dates import format_datetime  # (its locale data takes tens of ms to load)

    site = ctx.content.site
    return [
        {
            "title": a.title,
            "url": a.url,
            "source_path": a.source_path,
            "due": format_datetime(a.due_at.astimezone(site.tz), format="long", locale=site.locale),
        }
        for a in ctx.content.scheduled
    ]


def render_review_page(ctx: BuildContext, outputs: Sequence[Output]) -> list[Output]:
    """`review/index.html` from every other output of the build (already rendered)."""
    content = ctx.content
    site = content.site
    titles = {a.slug: (a.title, a.url) for a in content.articles}
    issues, sent = issue_views(outputs, site.newsletter.html_budget_bytes, titles, ctx.cache)
    new_on_x = new_for_channel(
        content.articles, ctx.ledger, "x", site.publish.window_days, content.now
    )
    social = social_views(outputs, [a.slug for a in new_on_x], site, ctx.cache)
    files = feed_files(outputs, ctx.cache)
    anchors = _anchors(issues, social, ctx)
    # The articles going out now: in the pending issue, or new on X.
    reviewed = {slug for issue in issues for slug in issue.slugs} | {a.slug for a in new_on_x}
    under_review = [a for a in content.articles if a.slug in reviewed]

    qa: list[QaItem] = []
    for issue in issues:
        qa += issue_items(issue)
    for view in social:
        qa += social_items(view)
    qa += content_items(content.warnings, content.articles, anchors)
    qa += image_items(under_review, anchors)
    qa += feed_items(files)
    qa = sort_items(qa)
    counts = {
        status: sum(1 for i in qa if i.status == status) for status in ("fail", "warn", "pass")
    }

    context = {
        "lang": site.language,
        "site": {"name": site.name, "url": site.base_url},
        "counts": counts,
        "qa": qa,
        "issues": issues,
        "sent": sent[:MAX_SENT_SHOWN],
        "sent_more": max(0, len(sent) - MAX_SENT_SHOWN),
        "social": social,
        "social_total": draft_count(outputs),
        "window_days": site.publish.window_days,
        "articles_total": len(content.articles),
        "unready": len(content.drafts),
        "scheduled": _scheduled(ctx),
        "feeds": files,
        "entries": feed_entries(outputs, site, ctx.cache),
        "manifest_href": href_to("manifest.json"),
    }
    page = _page(ctx, context)
    meta = {
        "qa": counts,
        "issues": [issue.id for issue in issues],
        "social_shown": [view.slug for view in social],
        "social_total": context["social_total"],
    }
    return [Output(PAGE_PATH, page.encode("utf-8"), KIND, None, meta)]
