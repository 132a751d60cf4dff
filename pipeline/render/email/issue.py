"""Which newsletter issue a build makes: the new commentaries, its id, subject and preheader."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pipeline.article import Article
from pipeline.site import Site

IssueKind = Literal["single", "digest"]
PREHEADER_LIMIT = 200


@dataclass(frozen=True)
class Issue:
    """One newsletter issue: one commentary, or a digest of several (newest first)."""

    id: str
    """Deterministic from the article set; names dist/email/<id>/ and the ledger key."""
    kind: IssueKind
    shown: tuple[Article, ...]
    """The articles the issue shows, newest first."""
    more: tuple[Article, ...]
    """New articles past `newsletter.max_digest_articles`: linked as "more on our website"."""
    subject: str
    preheader: str
    past: frozenset[str]
    """The slugs whose event had ended (or call closed) by the build's clock: the issue shows
    no "when" and no form for them, not to invite readers to something past."""

    @property
    def articles(self) -> tuple[Article, ...]:
        """Every article the issue covers (shown, then the ones behind "more")."""
        return self.shown + self.more

    @property
    def date(self) -> datetime:
        """The issue's date: the newest article's (not the lead's), never the clock."""
        return max(a.date for a in self.articles)

    @property
    def content_hash(self) -> str:
        """sha256 over the slugs and content hashes of the covered articles (for the ledger)."""
        digest = hashlib.sha256()
        for article in self.articles:
            digest.update(f"{article.slug}\0{article.content_hash}\n".encode())
        return digest.hexdigest()


def issue_id(articles: Sequence[Article], site: Site) -> str:
    """`<date>-<slug>` for one article; `digest-<newest date>-<hash of the slugs>` for several.

    The digest id hashes the slugs only, not the content hashes: an editor's typo fix between
    a failed send and its retry must not turn the same issue into a new one for the ledger.
    """
    newest = max(articles, key=lambda a: (a.date, a.slug))
    day = newest.date.astimezone(site.tz).date().isoformat()
    if len(articles) == 1:
        return f"{day}-{newest.slug}"
    slugs = "\n".join(sorted(a.slug for a in articles))
    return f"digest-{day}-{hashlib.sha256(slugs.encode()).hexdigest()[:10]}"


def _preheader(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= PREHEADER_LIMIT:
        return text
    return text[: PREHEADER_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def digest_order(articles: Sequence[Article], featured: Sequence[str]) -> list[Article]:
    """Featured first (in `newsletter.featured` order, then those with `featured: true`), then
    newest first; the same date falls back to the slug, so the order never depends on input."""
    rank = {slug: i for i, slug in enumerate(featured)}

    def key(article: Article) -> tuple[int, int, float, str]:
        if article.slug in rank:
            lead = 0
        elif article.featured:
            lead = 1
        else:
            lead = 2
        return (lead, rank.get(article.slug, 0), -article.date.timestamp(), article.slug)

    return sorted(articles, key=key)


def plan_issue(
    new_articles: Sequence[Article], site: Site, now: datetime | None = None
) -> Issue | None:
    """The issue for the articles new on the email channel, or None when nothing is new; as
    of `now` (the build's clock), whose past events and closed calls it does not announce."""
    if not new_articles:
        return None
    past = frozenset(
        a.slug
        for a in new_articles
        if now is not None and (over := a.over_at(site.tz)) is not None and over <= now
    )
    ordered = digest_order(new_articles, site.newsletter.featured)
    prefix = site.newsletter.subject_prefix
    if len(ordered) == 1:
        article = ordered[0]
        return Issue(
            id=issue_id(ordered, site),
            kind="single",
            shown=(article,),
            more=(),
            subject=prefix + article.title,
            preheader=_preheader(article.summary),
            past=past,
        )
    limit = site.newsletter.max_digest_articles
    shown, more = tuple(ordered[:limit]), tuple(ordered[limit:])
    return Issue(
        id=issue_id(ordered, site),
        kind="digest",
        shown=shown,
        more=more,
        subject=prefix
        + site.newsletter.digest_subject.format(lead=shown[0].title, more=len(ordered) - 1),
        preheader=_preheader(" · ".join(a.title for a in shown)),
        past=past,
    )
