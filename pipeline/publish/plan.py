"""Deciding what to publish: a pure function of dist/, content, the ledger and the clock.

The dry run prints the plan; a live run carries it out. Nothing here touches the network.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from pipeline.article import Article
from pipeline.ledger import Ledger, Record
from pipeline.publish.dist import Dist, EmailIssue, SocialDrafts, XPost

Action = Literal["send", "resume", "done", "skip", "hold", "refuse"]
"""send/resume: will go out. done: already out. skip: not a candidate (outside the window,
not ready). hold: edited after it went out, not re-sent without --resend. refuse: cannot go
out as built (a stale draft, an article already sent in another issue): rebuild."""
XForm = Literal["single", "thread"]
FAILING_ACTIONS = frozenset({"refuse"})
RenderDrafts = Callable[[], Mapping[str, str]]


@dataclass(frozen=True)
class XItem:
    drafts: SocialDrafts
    action: Action
    reason: str
    form: XForm = "thread"
    posts: tuple[XPost, ...] = ()
    sent_ids: tuple[str, ...] = ()
    """Ids of the posts of this thread already out (a resume starts after the last)."""
    resend: bool = False
    content_hash: str = ""
    """The article's content hash now (content/), which the ledger records."""

    @property
    def key(self) -> str:
        return self.drafts.slug


@dataclass(frozen=True)
class EmailItem:
    issue: EmailIssue
    action: Action
    reason: str
    resend: bool = False

    @property
    def key(self) -> str:
        return self.issue.issue_id

    @property
    def content_hash(self) -> str:
        return self.issue.sha256


@dataclass(frozen=True)
class ChannelPlan:
    channel: str
    items: tuple[XItem, ...] | tuple[EmailItem, ...]
    blocked: tuple[Record, ...] = ()
    """Open steps (unconfirmed or possibly sent): the whole channel waits for a person."""
    problem: str | None = None
    """A reason the channel cannot send at all (e.g. no list address)."""

    @property
    def to_send(self) -> list[XItem] | list[EmailItem]:
        return [i for i in self.items if i.action in ("send", "resume")]  # type: ignore[return-value]


def in_window(article: Article, now: datetime, window_days: int) -> bool:
    return article.date >= now - timedelta(days=window_days)


def _window_reason(article: Article, window_days: int) -> str:
    return (
        f"outside the publishing window (dated {article.date.date().isoformat()}, "
        f"window {window_days} days)"
    )


def _absent_reason(slugs: Sequence[str], scheduled: Mapping[str, Article]) -> str:
    """Why an output whose articles are not (all) ready and due now is not sent."""
    later = [scheduled[slug] for slug in slugs if slug in scheduled]
    if later:
        when = max(a.due_at for a in later)
        return f"scheduled: not due before {when.isoformat()} ({', '.join(a.slug for a in later)})"
    return f"not ready commentary in content/: {', '.join(slugs) or 'none'} (rebuild)"


def _review_reason(articles: Sequence[Article]) -> str | None:
    """Why an item whose articles still carry open `review` notes may not go out, or None."""
    open_notes = [(a, note) for a in articles for note in a.review]
    if not open_notes:
        return None
    listed = "; ".join(f"{a.source_path}: {note}" for a, note in open_notes)
    return f"open review notes (resolve them and rebuild before it can be sent): {listed}"


def _edited_reason(previous: Sequence[Record], current: str) -> str:
    last = previous[-1]
    return (
        f"edited after it went out (sent {last.at[:16]} as {last.content_hash[:12]}, "
        f"now {current[:12]}): not re-sent; use --resend {last.key} to send it again"
    )


def plan_x(
    dist: Dist,
    articles: Mapping[str, Article],
    ledger: Ledger,
    *,
    now: datetime,
    window_days: int,
    render_drafts: RenderDrafts,
    form: XForm | None = None,
    resend: Collection[str] = (),
    scheduled: Mapping[str, Article] | None = None,
) -> ChannelPlan:
    """One item per social draft file, in `form` when given (the command line), else in the
    article's front-matter choice (`social.x_form`), else as a thread."""
    blocked = tuple(ledger.open_steps("x"))
    items: list[XItem] = []
    rendered: Mapping[str, str] | None = None
    for drafts in dist.drafts:
        slug = drafts.slug
        article = articles.get(slug)
        if article is None:
            items.append(XItem(drafts, "skip", _absent_reason([slug], scheduled or {})))
            continue
        if not in_window(article, now, window_days):
            items.append(XItem(drafts, "skip", _window_reason(article, window_days)))
            continue
        content_hash = article.content_hash
        if (review := _review_reason([article])) is not None:
            items.append(XItem(drafts, "refuse", review, content_hash=content_hash))
            continue
        done = ledger.item_receipt("x", slug, content_hash)
        if done is not None:
            ids = ", ".join(done.data.get("post_ids", [])) or "confirmed by a person"
            items.append(XItem(drafts, "done", f"already posted {done.at[:16]} ({ids})"))
            continue
        wants_resend = slug in resend
        previous = ledger.sent_versions("x", slug)
        if previous and not wants_resend:
            items.append(XItem(drafts, "hold", _edited_reason(previous, content_hash)))
            continue
        unfinished = [h for h in ledger.unfinished_items("x", slug) if h != content_hash]
        if unfinished and not wants_resend:
            items.append(
                XItem(
                    drafts,
                    "hold",
                    f"a thread of an earlier version ({unfinished[0][:12]}) is half-posted: "
                    f"use --resend {slug} to post this version instead",
                )
            )
            continue
        if rendered is None:
            rendered = render_drafts()
        if rendered.get(slug) != drafts.drafts_hash:
            items.append(
                XItem(
                    drafts,
                    "refuse",
                    "stale draft: the content would now produce different posts; "
                    "rebuild and review again",
                )
            )
            continue
        resend_flag = wants_resend and bool(previous or unfinished)
        wanted: XForm = form or drafts.x_form or "thread"
        items.append(_x_steps(drafts, content_hash, ledger, wanted, resend_flag))
    return ChannelPlan("x", tuple(items), blocked)


def _x_steps(
    drafts: SocialDrafts, content_hash: str, ledger: Ledger, wanted: XForm, resend: bool
) -> XItem:
    # A started item is finished as it was started: same form, same posts. Its first intent says
    # what that was (a `receipt` or `resolved` record does not carry it).
    started = ledger.first_intent("x", drafts.slug, content_hash, 1)
    recorded = started.data.get("form") if started is not None else None
    form: XForm = recorded if recorded in ("single", "thread") else wanted  # never switch mid-way
    posts = drafts.x_thread if form == "thread" else drafts.x_single
    if not posts and recorded is None:  # a thread of one is the single post
        form = "single" if form == "thread" else "thread"
        posts = drafts.x_thread if form == "thread" else drafts.x_single
    if not posts:
        return XItem(drafts, "refuse", f"no X {form} in the drafts", content_hash=content_hash)
    if started is not None:
        begun_with = started.data.get("drafts_hash")
        parts = started.data.get("parts")
        if (begun_with and begun_with != drafts.drafts_hash) or (parts and parts != len(posts)):
            return XItem(
                drafts,
                "refuse",
                f"this {form} was started from other drafts ({parts} posts"
                + (f", drafts {str(begun_with)[:12]}" if begun_with else "")
                + f"; now {len(posts)} posts, drafts {drafts.drafts_hash[:12]}): finishing it "
                "would attach unreviewed posts. Rebuild with the settings it was started with, "
                "or record the rest with `pipeline ledger resolve`",
                content_hash=content_hash,
            )
    sent_ids: list[str] = []
    for part in range(1, len(posts) + 1):
        record = ledger.last_step("x", drafts.slug, content_hash, part)
        if ledger.step_status("x", drafts.slug, content_hash, part) != "sent":
            break
        post_id = record.data.get("post_id") if record is not None else None
        if not post_id:
            return XItem(
                drafts,
                "refuse",
                f"post {part} was confirmed sent without its id: resolve it again with --post-id",
                content_hash=content_hash,
            )
        sent_ids.append(str(post_id))
    n = len(posts)
    what = "a single post" if form == "single" else f"a thread of {n} posts"
    if sent_ids:
        reason = f"resume {what} after post {len(sent_ids)} ({sent_ids[-1]})"
        return XItem(drafts, "resume", reason, form, posts, tuple(sent_ids), resend, content_hash)
    reason = ("re-post (--resend) as " if resend else "post ") + what
    return XItem(drafts, "send", reason, form, posts, (), resend, content_hash)


def plan_email(
    dist: Dist,
    articles: Mapping[str, Article],
    ledger: Ledger,
    *,
    now: datetime,
    window_days: int,
    recipients: Sequence[str],
    resend: Collection[str] = (),
    scheduled: Mapping[str, Article] | None = None,
) -> ChannelPlan:
    """One item per built issue. An issue is a candidate when its newest article is in the
    window (a digest may carry an older piece from the same edition)."""
    blocked = tuple(ledger.open_steps("email"))
    items: list[EmailItem] = []
    for issue in dist.issues:
        missing = [slug for slug in issue.articles if slug not in articles]
        if missing or not issue.articles:
            items.append(EmailItem(issue, "skip", _absent_reason(missing, scheduled or {})))
            continue
        newest = max((articles[slug] for slug in issue.articles), key=lambda a: a.date)
        if not in_window(newest, now, window_days):
            items.append(EmailItem(issue, "skip", _window_reason(newest, window_days)))
            continue
        if (review := _review_reason([articles[slug] for slug in issue.articles])) is not None:
            items.append(EmailItem(issue, "refuse", review))
            continue
        done = ledger.item_receipt("email", issue.issue_id, issue.sha256)
        if done is not None:
            items.append(
                EmailItem(
                    issue,
                    "done",
                    f"already sent {done.at[:16]} ({done.data.get('message_id', 'confirmed by a person')})",
                )
            )
            continue
        wants_resend = issue.issue_id in resend
        previous = ledger.sent_versions("email", issue.issue_id)
        if previous and not wants_resend:
            items.append(EmailItem(issue, "hold", _edited_reason(previous, issue.sha256)))
            continue
        elsewhere = sorted(
            set(issue.articles) & (ledger.articles_sent("email") - _articles_of(previous))
        )
        if elsewhere and not wants_resend:
            items.append(
                EmailItem(
                    issue,
                    "refuse",
                    f"already emailed in another issue: {', '.join(elsewhere)} (rebuild)",
                )
            )
            continue
        resend_flag = wants_resend and bool(previous or elsewhere)
        to = ", ".join(recipients) or "(no list address: set site.newsletter.to)"
        verb = "re-send (--resend)" if resend_flag else "send"
        items.append(EmailItem(issue, "send", f"{verb} to {to}", resend_flag))
    problem = None
    if not recipients and any(i.action == "send" for i in items):
        problem = "site.newsletter.to is empty: there is no list address to send to"
    return ChannelPlan("email", tuple(items), blocked, problem)


def _articles_of(records: Sequence[Record]) -> set[str]:
    slugs: set[str] = set()
    for record in records:
        slugs.update(record.data.get("articles", []))
    return slugs
