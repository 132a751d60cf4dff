"""Which articles are new for a channel: not yet sent, and recent (never the back catalogue)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from pipeline.article import Article

if TYPE_CHECKING:
    from pipeline.ledger import Ledger


def in_window(article: Article, now: datetime, window_days: int) -> bool:
    """Dated less than `window_days` before `now`: a piece the publisher may still send or post
    (it never reaches into the back catalogue). It leaves the window at the instant it is
    `window_days` old."""
    return article.date > now - timedelta(days=window_days)


def new_for_channel(
    articles: Sequence[Article], ledger: Ledger, channel: str, window_days: int, now: datetime
) -> list[Article]:
    """Ready articles not sent on `channel` and dated within `window_days` before `now` (the
    injected clock, never the newest article), newest first.

    A first run on an archive thus offers the last week, not every piece ever written, and an
    older unsent piece is never pushed out of the window by a newer one."""
    sent = ledger.state.articles_sent(channel)
    return sorted(
        (
            a
            for a in articles
            if a.status == "ready"
            and a.slug not in sent
            and in_window(a, now, window_days)
            and a.due_at <= now
        ),
        key=lambda a: (a.date, a.slug),
        reverse=True,
    )


def window_changes(articles: Sequence[Article], window_days: int, now: datetime) -> datetime | None:
    """The next moment after `now` at which an article leaves the window (`in_window`), or
    None: a build is up to date only until then. A build made at that very moment already
    leaves the article out, and is up to date until the next one."""
    ends = [a.date + timedelta(days=window_days) for a in articles]
    later = [end for end in ends if end > now]
    return min(later) if later else None
