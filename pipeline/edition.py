"""Which articles are new for a channel: not yet sent, and recent (never the back catalogue)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from pipeline.article import Article
from pipeline.ledger import Ledger


def new_for_channel(
    articles: Sequence[Article], ledger: Ledger, channel: str, window_days: int
) -> list[Article]:
    """Ready articles not sent on `channel`, newest first.

    Only articles dated within `window_days` of the newest one are candidates, so a first run
    on an archive offers the latest week, not every piece ever written. Anchoring the window on
    the content (not the clock) keeps builds reproducible; publishing checks the clock as well.
    """
    ready = sorted(
        (a for a in articles if a.status == "ready"), key=lambda a: (a.date, a.slug), reverse=True
    )
    if not ready:
        return []
    sent = ledger.articles_sent(channel)
    cutoff = ready[0].date - timedelta(days=window_days)
    return [a for a in ready if a.slug not in sent and a.date >= cutoff]
