"""One newsletter issue rendered: Jinja2 (`templates/email/`) writes MJML, mjml-python compiles
it to HTML; the plain-text part is written from the Markdown; the `.eml` joins both.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from jinja2 import StrictUndefined
from markupsafe import Markup

from pipeline.article import Article
from pipeline.errors import BuildError, ContentError, Problem
from pipeline.outputs import Output
from pipeline.render.email import message, mjml
from pipeline.render.email.issue import Issue
from pipeline.render.email.links import LinkTracker, is_allowed_href, rewrite_hrefs
from pipeline.render.email.plaintext import PlainText, markdown_to_text
from pipeline.render.email.templates import render_template
from pipeline.render.when import announced
from pipeline.site import Site, lang_attributes, text_direction

__all__ = ["RenderedIssue", "issue_outputs", "render_issue"]

# Icons MRML knows (served from its default origin); other networks are text links.
LINK_STYLE = "color:#0b5cad;text-decoration:underline;"
# The article body is sanitised HTML (nh3): tags are regular, attributes double-quoted, and no
# tag carries a style, so inline styles for mail clients can be added by tag name.
BODY_STYLES = {
    "p": "margin:0 0 16px;",
    "h2": "margin:28px 0 12px;font-size:22px;line-height:1.3;",
    "h3": "margin:24px 0 10px;font-size:19px;line-height:1.3;",
    "h4": "margin:20px 0 8px;font-size:17px;",
    "blockquote": "margin:0 0 16px;padding:0 0 0 16px;border-left:3px solid #c9d1da;color:#3d4650;",
    "ul": "margin:0 0 16px;padding:0 0 0 24px;",
    "ol": "margin:0 0 16px;padding:0 0 0 24px;",
    "li": "margin:0 0 6px;",
    "img": "display:block;max-width:100%;height:auto;border:0;",
    "pre": "margin:0 0 16px;padding:12px;background:#f3f5f7;font-size:14px;white-space:pre-wrap;",
    "table": "border-collapse:collapse;margin:0 0 16px;font-size:15px;",
    "th": "border:1px solid #dfe3e8;padding:6px 8px;text-align:left;",
    "td": "border:1px solid #dfe3e8;padding:6px 8px;",
    "figcaption": "font-size:13px;color:#5b6470;",
    # A footnote's number keeps its line's height; the notes follow a thin rule.
    "sup": "font-size:0.75em;line-height:0;vertical-align:super;",
    "hr": "border:0;border-top:1px solid #dfe3e8;margin:24px 0 16px;",
    "a": LINK_STYLE,
}
OPEN_TAG_RE = re.compile(r"<(" + "|".join(BODY_STYLES) + r")(?=[\s>/])")


@dataclass(frozen=True)
class NoticeView:
    """When an event takes place (and where), or when a call closes, and its form."""

    kind: Literal["event", "call"]
    when: str
    """Formatted for the site's language and timezone: "Friday, March 20, 2026, 2:00 – 3:30 PM
    CET · Vienna" (a call's deadline without its label: the template says "Deadline")."""
    form: str
    """The registration or application form (with UTM parameters); empty when none."""


def notice_view(article: Article, site: Site, link: LinkTracker) -> NoticeView | None:
    """What a newsletter says of an event or a call beside its summary; None for other kinds,
    and for an event over (or a call closed) by the article's date."""
    told = announced(article, site.tz, site.language)
    if told is None:
        return None
    return NoticeView(told.kind, told.when, link(told.form) if told.form else "")


@dataclass(frozen=True)
class ImageView:
    src: str
    alt: str
    caption: str
    credit: str


@dataclass(frozen=True)
class VideoView:
    url: str
    title: str
    thumbnail: str | None


@dataclass(frozen=True)
class ArticleView:
    """What a template may show of an article: text already formatted for the site."""

    slug: str
    title: str
    url: str
    """With UTM parameters when configured."""
    date: str
    """Formatted for the site's language and timezone (babel, long form)."""
    authors: str
    """Formatted list ("A, B and C" in the site's language); empty when none."""
    summary: str
    image: ImageView | None
    video: VideoView | None
    body_html: Markup | StrictUndefined
    """The full text, styled for mail clients; only in a single issue with `content = "full"`."""
    text: PlainText | StrictUndefined
    """The full text as plain text; only where `body_html` is."""
    lang: Markup
    """` lang="ar" dir="rtl"` for the title, summary and text of a piece in another language
    than the site's (`site.lang_attributes`); empty otherwise."""
    align: Markup
    """` align="right"` for an `mj-text` holding right-to-left text in a left-to-right issue."""
    notice: NoticeView | None
    """An event's time, place and registration, or a call's deadline and form."""


@dataclass(frozen=True)
class SocialLink:
    network: str
    """The network's name, the link's text."""
    url: str
    label: str
    """The link's title: "<centre> on <network>"."""


@dataclass(frozen=True)
class RenderedIssue:
    """One issue in every form the build writes."""

    issue: Issue
    mjml: str
    html: str
    text: str
    eml: bytes


def style_body(body_html: str, link: LinkTracker) -> str:
    """The article body with inline styles for mail clients and tracked links."""
    styled = OPEN_TAG_RE.sub(
        lambda m: f'<{m.group(1)} style="{BODY_STYLES[m.group(1)]}"', body_html
    )
    return rewrite_hrefs(styled, link)


def social_links(site: Site) -> tuple[SocialLink, ...]:
    """The centre's profiles, as text links: icons would have to be hotlinked from a third
    party (mjml's default) or hosted by us, and most clients block images until asked."""
    social = site.social
    found: list[tuple[str, str]] = []
    if social.x_handle:
        found.append(("X", f"https://x.com/{social.x_handle.lstrip('@')}"))
    if social.bluesky_handle:
        found.append(("Bluesky", f"https://bsky.app/profile/{social.bluesky_handle.lstrip('@')}"))
    if social.mastodon_handle:
        user, _, server = social.mastodon_handle.lstrip("@").partition("@")
        if user and server:
            found.append(("Mastodon", f"https://{server}/@{user}"))
    if page := social.linkedin_page:
        url = page if page.startswith("https://") else f"https://www.linkedin.com/company/{page}/"
        found.append(("LinkedIn", url))
    return tuple(SocialLink(name, url, f"{site.name} on {name}") for name, url in found)


def _https(url: str) -> bool:
    return url.startswith("https://")


def content_problems(articles: Sequence[Article]) -> list[Problem]:
    """What an email cannot carry: an image without alt, a link or image that is not https."""
    found: list[Problem] = []

    def problem(article: Article, field: str, message: str) -> None:
        found.append(Problem(article.source_path, None, field, message))

    for article in articles:
        image, video = article.image, article.video
        if image and image.src:
            if not (image.alt or "").strip():
                problem(article, "image.alt", "required when image.src is given")
            if not _https(image.src):
                problem(article, "image.src", "must be an absolute https:// URL in email")
        if video and not _https(video.url):
            problem(article, "video.url", "must be an absolute https:// URL in email")
        if video and video.thumbnail and not _https(video.thumbnail):
            problem(article, "video.thumbnail", "must be an absolute https:// URL in email")
        kept = set(article.body_http_links)  # read once: it scans the whole body
        for attribute, value in re.findall(r'\b(href|src)="([^"]*)"', article.body_html):
            url = html.unescape(value)
            if attribute == "href" and url in kept:
                continue  # kept as written: a content warning (check --strict), not an error
            if not (is_allowed_href(url) if attribute == "href" else _https(url)):
                what = "link" if attribute == "href" else "image"
                problem(article, "body", f"{what} {url!r} must be absolute https:// in email")
    return found


def _not_here(name: str) -> StrictUndefined:
    hint = f"{name} exists only in a single issue with newsletter.content = 'full'"
    return StrictUndefined(hint=hint, name=name)


def article_view(
    article: Article,
    site: Site,
    link: LinkTracker,
    locale: Locale,
    with_body: bool,
    past: bool = False,
) -> ArticleView:
    """The article for a template; the body (slow to prepare) only when `with_body`; no
    notice when its event or call is `past`."""
    image = article.image
    video = article.video
    rtl = article.language is not None and (
        text_direction(article.language) == "rtl" != text_direction(site.language)
    )
    return ArticleView(
        slug=article.slug,
        title=article.title,
        url=link(article.url),
        date=format_date(article.date.astimezone(site.tz).date(), format="long", locale=locale),
        authors=format_list(list(article.authors), locale=locale) if article.authors else "",
        summary=article.summary,
        image=(
            ImageView(image.src, image.alt or "", image.caption or "", image.credit or "")
            if image is not None and image.src
            else None
        ),
        video=(
            VideoView(link(video.url), video.title or article.title, video.thumbnail)
            if video is not None
            else None
        ),
        body_html=(
            Markup(style_body(article.body_html, link))
            if with_body
            else _not_here("article.body_html")
        ),
        text=(
            markdown_to_text(article.body_markdown, article.url, link)
            if with_body
            else _not_here("article.text")
        ),
        lang=Markup(lang_attributes(article.language, site.language)),
        align=Markup(' align="right"' if rtl else ""),
        notice=None if past else notice_view(article, site, link),
    )


def template_context(issue: Issue, site: Site) -> dict[str, Any]:
    """Everything the templates see (StrictUndefined: nothing else exists)."""
    link = LinkTracker.for_issue(site, issue.id)
    locale = site.locale
    newsletter = site.newsletter
    view_url = f"{site.public_url}email/{issue.id}/email.html"
    with_body = issue.kind == "single" and newsletter.content == "full"
    more = None
    if issue.more:
        more = {"count": len(issue.more), "url": link(site.base_url)}
    return {
        "lang": site.language,
        "full_text": newsletter.content == "full",
        "issue": {
            "id": issue.id,
            "kind": issue.kind,
            "subject": issue.subject,
            "preheader": issue.preheader,
            "heading": newsletter.digest_title,
            "intro": newsletter.digest_intro or "",
            "view_url": view_url,
        },
        "site": {
            "name": site.name,
            "url": link(site.base_url),
            "logo_url": newsletter.logo_url,
            "logo_alt": newsletter.logo_alt or site.name,
        },
        "articles": [
            article_view(a, site, link, locale, with_body, a.slug in issue.past)
            for a in issue.shown
        ],
        "more": more,
        "footer": {
            "reason": newsletter.reason,
            "postal_address": newsletter.postal_address,
            "unsubscribe_url": newsletter.unsubscribe_url,
            "social": social_links(site),
        },
    }


def render_issue(
    issue: Issue, site: Site, templates_dir: Path, compiled: Path | None = None
) -> RenderedIssue:
    """MJML, HTML, plain text and .eml of `issue`; BuildError on a template, check or budget.
    `compiled`: where Jinja keeps the compiled templates, if anywhere."""
    problems = content_problems(issue.shown)
    if problems:
        raise ContentError(problems)
    folder = templates_dir / "email"
    context = template_context(issue, site)
    template = f"{issue.kind}.mjml.j2"
    source = render_template(folder, template, context, compiled)
    page = mjml.add_missing_alt(mjml.compile_mjml(source, str(folder / template)))
    found = mjml.problems(page, {u for a in issue.shown for u in a.body_http_links})
    if found:
        raise BuildError(f"newsletter issue {issue.id} ({folder / template}): " + "; ".join(found))
    size = len(page.encode("utf-8"))
    budget = site.newsletter.html_budget_bytes
    if size > budget:
        sources = ", ".join(a.source_path for a in issue.shown)
        raise BuildError(
            f"newsletter issue {issue.id} ({sources}): email.html is {size:,} bytes, over the "
            f"budget of {budget:,} (newsletter.html_budget_bytes; newsletter.max_digest_articles "
            "caps a digest; shorten the content or set newsletter.content = 'excerpt')"
        )
    text = render_template(folder, f"{issue.kind}.txt.j2", context, compiled)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
    eml = message.serialize(message.build_message(issue, site, text, page))
    return RenderedIssue(issue, source, page, text, eml)


def issue_outputs(rendered: RenderedIssue, site: Site) -> list[Output]:
    """The four files of an issue under `email/<issue-id>/`, with the manifest's facts."""
    issue = rendered.issue
    html_bytes = rendered.html.encode("utf-8")
    meta = {
        "issue_id": issue.id,
        "issue_kind": issue.kind,
        "subject": issue.subject,
        "preheader": issue.preheader,
        "html_bytes": len(html_bytes),
        "budget_bytes": site.newsletter.html_budget_bytes,
        "articles": [a.slug for a in issue.articles],
        "shown": [a.slug for a in issue.shown],
        "issue_hash": issue.content_hash,
    }
    announces = {
        a.slug: until.isoformat()
        for a in issue.shown
        if a.slug not in issue.past and (until := a.announced_until(site.tz)) is not None
    }
    if announces:  # until when each announced event or call is current: not sent after
        meta["announces"] = announces
    slug = issue.shown[0].slug if issue.kind == "single" else None
    folder = f"email/{issue.id}/"
    return [
        Output(folder + "email.html", html_bytes, "email/html", slug, meta),
        Output(folder + "email.txt", rendered.text.encode("utf-8"), "email/text", slug, meta),
        Output(folder + "message.eml", rendered.eml, "email/eml", slug, meta),
        Output(folder + "email.mjml", rendered.mjml.encode("utf-8"), "email/mjml", slug, meta),
    ]
