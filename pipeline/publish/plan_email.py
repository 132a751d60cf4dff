"""Deciding which newsletter issue to send: a pure function of dist/, content, the folded
ledger and the clock."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime

from pipeline.article import Article
from pipeline.edition import in_window
from pipeline.ledger import Record
from pipeline.ledger_state import LedgerState
from pipeline.publish.dist import Dist
from pipeline.publish.items import Action, ChannelPlan, Item, StepPlan
from pipeline.publish.plan import (
    absent_reason,
    edited_reason,
    review_reason,
    window_reason,
)


def plan_email(
    dist: Dist,
    articles: Mapping[str, Article],
    state: LedgerState,
    *,
    now: datetime,
    window_days: int,
    recipients: Sequence[str],
    resend: Collection[str] = (),
    scheduled: Mapping[str, Article] | None = None,
) -> ChannelPlan:
    """One item per built issue. An issue is a candidate when its newest article is in the
    window (a digest may carry an older piece from the same edition)."""
    items: list[Item] = []
    emailed = state.articles_sent("email")
    for issue in dist.issues:

        def item(action: Action, reason: str, resend_flag: bool = False) -> Item:
            return Item(
                "email",
                issue.issue_id,  # noqa: B023
                action,
                reason,
                issue.sha256,  # noqa: B023
                steps=(StepPlan(None, {}),) if action == "send" else (),
                resend=resend_flag,
                articles=issue.articles,  # noqa: B023
                issue=issue,  # noqa: B023
            )

        missing = [slug for slug in issue.articles if slug not in articles]
        if missing or not issue.articles:
            items.append(item("skip", absent_reason(missing, scheduled or {})))
            continue
        newest = max((articles[slug] for slug in issue.articles), key=lambda a: a.date)
        if not in_window(newest, now, window_days):
            items.append(item("skip", window_reason(newest, window_days)))
            continue
        if (review := review_reason([articles[slug] for slug in issue.articles])) is not None:
            items.append(item("refuse", review))
            continue
        version = state.item("email", issue.issue_id, issue.sha256)
        if version is not None and version.done is not None:
            done = version.done
            sent_id = done.data.get("message_id", "confirmed by a person")
            items.append(item("done", f"already sent {done.at[:16]} ({sent_id})"))
            continue
        if past := _past(issue.announces, now):  # (a sent issue is done, whatever it announced)
            items.append(item("refuse", past))
            continue
        wants_resend = issue.issue_id in resend
        previous = state.sent_versions("email", issue.issue_id)
        if previous and not wants_resend:
            items.append(item("hold", edited_reason(previous, issue.sha256)))
            continue
        elsewhere = sorted(set(issue.articles) & (emailed - _articles_of(previous)))
        if elsewhere and not wants_resend:
            items.append(
                item(
                    "refuse", f"already emailed in another issue: {', '.join(elsewhere)} (rebuild)"
                )
            )
            continue
        resend_flag = wants_resend and bool(previous or elsewhere)
        to = ", ".join(recipients) or "(no list address: set site.newsletter.to)"
        verb = "re-send (--resend)" if resend_flag else "send"
        items.append(item("send", f"{verb} to {to}", resend_flag))
    problem = None
    if not recipients and any(i.action == "send" for i in items):
        problem = "site.newsletter.to is empty: there is no list address to send to"
    return ChannelPlan("email", tuple(items), tuple(state.open_steps("email")), problem)


def _past(announces: Mapping[str, str], now: datetime) -> str | None:
    """Why an issue that invites readers to an event now over (or to apply to a call now
    closed) is not sent, or None."""
    over = []
    for slug, until in sorted(announces.items()):
        try:
            moment = datetime.fromisoformat(until)
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:  # the build writes an offset: not its own
            over.append(f"{slug} (until {until!r}, unreadable)")
            continue
        if moment <= now:
            over.append(f"{slug} (over {until})")
    if not over:
        return None
    return (
        f"it announces what is over: {', '.join(over)}; rebuild (the issue then leaves the "
        "notice out) and review it again"
    )


def _articles_of(records: Sequence[Record]) -> set[str]:
    slugs: set[str] = set()
    for record in records:
        slugs.update(record.data.get("articles", []))
    return slugs
