"""Deciding what to post on a social network: a pure function of dist/, content, the folded
ledger and the clock (the newsletter's is `plan_email.py`, the plan's shape `items.py`).

The dry run prints the plan; a live run carries it out (`runner.py`). No network here.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from pipeline.article import Article
from pipeline.edition import in_window
from pipeline.ledger import Record
from pipeline.ledger_state import ItemState, LedgerState
from pipeline.publish.channel import LABELS, Receipt
from pipeline.publish.dist import Dist, SocialDrafts
from pipeline.publish.items import Action, ChannelPlan, Form, Item, StepPlan

RenderDrafts = Callable[[], Mapping[str, str]]


def window_reason(article: Article, window_days: int) -> str:
    return (
        f"outside the publishing window (dated {article.date.date().isoformat()}, "
        f"window {window_days} days)"
    )


def absent_reason(slugs: Sequence[str], scheduled: Mapping[str, Article]) -> str:
    """Why an output whose articles are not (all) ready and due now is not sent."""
    later = [scheduled[slug] for slug in slugs if slug in scheduled]
    if later:
        when = max(a.due_at for a in later)
        return f"scheduled: not due before {when.isoformat()} ({', '.join(a.slug for a in later)})"
    return f"not ready commentary in content/: {', '.join(slugs) or 'none'} (rebuild)"


def review_reason(articles: Sequence[Article]) -> str | None:
    """Why an item whose articles still carry open `review` notes may not go out, or None."""
    open_notes = [(a, note) for a in articles for note in a.review]
    if not open_notes:
        return None
    listed = "; ".join(f"{a.source_path}: {note}" for a, note in open_notes)
    return f"open review notes (resolve them and rebuild before it can be sent): {listed}"


def past_notice_reason(
    article: Article, drafts: SocialDrafts, now: datetime, zone: tzinfo
) -> str | None:
    """Why drafts announcing an event or a call are not posted now: it is over (they would
    invite people to something past). None when they announce nothing, or it is not over."""
    over = article.over_at(zone)
    if drafts.document.notice is None or over is None or over > now:
        return None
    what = "the event ended" if article.event is not None else "the call closed"
    return (
        f"{what} {over.isoformat()}: its notice is not posted after that. To post about it "
        "now, make it a piece about what happened (another `kind:`, or a date after it) and "
        "rebuild; its drafts are then reviewed again"
    )


def edited_reason(previous: Sequence[Record], current: str) -> str:
    last = previous[-1]
    return (
        f"edited after it went out (sent {last.at[:16]} as {last.content_hash[:12]}, "
        f"now {current[:12]}): not re-sent; use --resend {last.key} to send it again"
    )


@dataclass(frozen=True)
class SocialChoices:
    """How each article is posted: the command line's X form, the site's thread networks."""

    x_form: Form | None = None
    threads: Collection[str] = ()
    resend: Collection[str] = ()

    def form(self, channel: str, drafts: SocialDrafts) -> Form:
        if channel == "x":
            return self.x_form or drafts.x_form or "thread"
        if channel == "linkedin":
            return "single"
        return "thread" if channel in self.threads else "single"


def plan_social(
    channel: str,
    dist: Dist,
    articles: Mapping[str, Article],
    state: LedgerState,
    *,
    now: datetime,
    window_days: int,
    render_drafts: RenderDrafts,
    choices: SocialChoices = SocialChoices(),
    scheduled: Mapping[str, Article] | None = None,
    daily_cap: int | None = None,
    zone: tzinfo = UTC,
) -> ChannelPlan:
    """One item per social draft file: the post or thread of `channel` for each article
    (`zone`: the site's, in which an event or call given as a date alone ends)."""
    items: list[Item] = []
    rendered: Mapping[str, str] | None = None
    for drafts in dist.drafts:
        slug = drafts.slug

        def item(action: Action, reason: str, **more: Any) -> Item:
            return Item(channel, slug, action, reason, drafts=drafts, **more)  # noqa: B023

        article = articles.get(slug)
        if article is None:
            items.append(item("skip", absent_reason([slug], scheduled or {})))
            continue
        if not in_window(article, now, window_days):
            items.append(item("skip", window_reason(article, window_days)))
            continue
        content_hash = article.content_hash
        if (review := review_reason([article])) is not None:
            items.append(item("refuse", review, content_hash=content_hash))
            continue
        version = state.item(channel, slug, content_hash)
        if version is not None and version.done is not None:
            done = version.done
            ids = ", ".join(done.data.get("post_ids", [])) or "confirmed by a person"
            items.append(item("done", f"already posted {done.at[:16]} ({ids})"))
            continue
        wants_resend = slug in choices.resend
        previous = state.sent_versions(channel, slug)
        if previous and not wants_resend:
            items.append(
                item("hold", edited_reason(previous, content_hash), content_hash=content_hash)
            )
            continue
        unfinished = [h for h in state.unfinished_versions(channel, slug) if h != content_hash]
        if unfinished and not wants_resend:
            items.append(
                item(
                    "hold",
                    f"a thread of an earlier version ({unfinished[0][:12]}) is half-posted: "
                    f"use --resend {slug} to post this version instead",
                    content_hash=content_hash,
                )
            )
            continue
        started = version is not None and version.started  # (a post of it went out)
        if not started and (past := past_notice_reason(article, drafts, now, zone)) is not None:
            items.append(item("skip", past, content_hash=content_hash))
            continue  # (a thread begun before is finished: half a thread is worse)
        if rendered is None:
            rendered = render_drafts()
        if rendered.get(slug) != drafts.drafts_hash:
            items.append(
                item(
                    "refuse",
                    "stale draft: the content would now produce different posts; "
                    "rebuild and review again",
                )
            )
            continue
        resend = wants_resend and bool(previous or unfinished)
        items.append(
            _social_steps(
                channel, drafts, content_hash, version, choices.form(channel, drafts), resend
            )
        )
    blocked = tuple(state.open_steps(channel))
    problem = _cap_problem(channel, state, now, daily_cap, items)
    return ChannelPlan(channel, tuple(items), blocked, problem)


def _cap_problem(
    channel: str, state: LedgerState, now: datetime, cap: int | None, items: Sequence[Item]
) -> str | None:
    """A network's daily posting cap, counted from the ledger over the last 24 hours."""
    if cap is None or not any(i.pending for i in items):
        return None
    since = (now - timedelta(hours=24)).replace(microsecond=0)  # ledger times are to the second
    recent = [
        r
        for r in state.steps(channel)
        if r.event == "receipt" and r.part is not None and datetime.fromisoformat(r.at) >= since
    ]
    if len(recent) < cap:
        return None
    return f"its daily cap of {cap} posts is reached ({len(recent)} in the last 24 hours)"


def _social_steps(
    channel: str,
    drafts: SocialDrafts,
    content_hash: str,
    version: ItemState | None,
    wanted: Form,
    resend: bool,
) -> Item:
    # A started item is finished as it was started: same form, same posts. Its first intent says
    # what that was (a `receipt` or `resolved` record does not carry it).
    first = version.step(1) if version is not None else None
    started = first.first_intent if first is not None else None
    recorded = started.data.get("form") if started is not None else None
    form: Form = recorded if recorded in ("single", "thread") else wanted  # never switch mid-way
    payloads = drafts.payloads(channel, form)
    if not payloads and recorded is None:  # a thread of one is the single post
        form = "single" if form == "thread" else "thread"
        payloads = drafts.payloads(channel, form)
    if form == "single":
        payloads = payloads[:1]

    def refuse(reason: str) -> Item:
        return Item(channel, drafts.slug, "refuse", reason, content_hash, drafts=drafts)

    if not payloads:
        return refuse(f"no {LABELS.get(channel, channel)} {form} in the drafts")
    if started is not None:
        begun_with = started.data.get("drafts_hash")
        parts = started.data.get("parts")
        if (begun_with and begun_with != drafts.drafts_hash) or (parts and parts != len(payloads)):
            return refuse(
                f"this {form} was started from other drafts ({parts} posts"
                + (f", drafts {str(begun_with)[:12]}" if begun_with else "")
                + f"; now {len(payloads)} posts, drafts {drafts.drafts_hash[:12]}): finishing it "
                "would attach unreviewed posts. Rebuild with the settings it was started with, "
                "or record the rest with `pipeline ledger resolve`"
            )
    steps: list[StepPlan] = []
    resuming = True
    for part, payload in enumerate(payloads, start=1):
        step = version.step(part) if version is not None else None
        receipt = None
        if resuming and step is not None and step.status == "sent":
            post_id = step.latest.data.get("post_id")
            if not post_id:
                return refuse(
                    f"post {part} was confirmed sent without its id: resolve it again with --post-id"
                )
            receipt = _receipt(step.latest)
        else:
            resuming = False
        steps.append(StepPlan(part, payload, receipt, step.first_intent if step else None))
    n = len(steps)
    what = "a single post" if form == "single" else f"a thread of {n} posts"
    out = [s.done for s in steps if s.done is not None]
    common: dict[str, Any] = {
        "content_hash": content_hash,
        "steps": tuple(steps),
        "form": form,
        "resend": resend,
        "articles": (drafts.slug,),
        "context": drafts.context(),
        "drafts": drafts,
    }
    if out:
        reason = f"resume {what} after post {len(out)} ({out[-1].post_id})"
        return Item(channel, drafts.slug, "resume", reason, **common)
    reason = ("re-post (--resend) as " if resend else "post ") + what
    return Item(channel, drafts.slug, "send", reason, **common)


def _receipt(record: Record) -> Receipt:
    extra = {k: str(record.data[k]) for k in ("cid",) if k in record.data}
    url = record.data.get("url")
    return Receipt(str(record.data["post_id"]), str(url) if url else None, extra)
