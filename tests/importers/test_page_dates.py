"""A page's date is the one it shows as its publication's, over metadata that says otherwise."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.importers.page import import_page

PAGE = "https://www.ccpew.org/news/joint-ngo-statement/"
TEXT = "".join(
    f"<p>Paragraph {n}: the coalition's members urge states to avoid the use of explosive "
    "weapons with wide-area effects in populated areas, and to report on what they do.</p>"
    for n in range(4)
)


def _date_of(head: str, under_headline: str) -> date | str:
    html = (
        f"<!DOCTYPE html><html lang='en'><head><title>Joint NGO Statement</title>{head}</head>"
        f"<body><main><article><h1>Joint NGO Statement</h1>{under_headline}{TEXT}</article>"
        "</main></body></html>"
    )
    draft = import_page(html, source="p.html", page_url=PAGE, site_name="CCPEW",
                        today=date(2026, 12, 16)).draft  # fmt: skip
    return draft.date


@pytest.mark.parametrize(
    ("head", "under", "day"),
    [
        # a modified time only, and the page's own line
        ('<meta property="article:modified_time" content="2026-12-15T17:45:09+00:00">',
         '<p class="page-dates">Published 11 December 2026 · Last updated 15 December 2026</p>',
         date(2026, 12, 11)),
        # JSON-LD's stale datePublished, and the page's own line
        ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": '
         '"Article", "headline": "Joint NGO Statement", "datePublished": "2026-10-02"}</script>',
         "<p>Published 9 December 2026</p>", date(2026, 12, 9)),
        # the publication time in UTC, the page's day in Tokyo
        ('<meta property="article:published_time" content="2026-11-30T22:00:00+00:00">',
         "<p>Published 1 December 2026</p>", date(2026, 12, 1)),
        # a byline's date the extractor drops
        ("", '<p class="news-meta">Von <a href="/a">Dr. Katrin Albers</a> und '
         '<a href="/b">Jonas Petersen</a> · 03.12.2026</p>', date(2026, 12, 3)),
        # the metadata's date, far from an event's "Date:" line, stands
        ('<meta property="article:published_time" content="2026-11-20T09:00:00+00:00">',
         "<p>Date: 27 January 2027</p>", "2026-11-20"),
    ],
    ids=["modified", "stale json-ld", "utc", "byline", "event date"],
)  # fmt: skip
def test_the_page_date_is_the_one_it_shows(head: str, under: str, day: date | str) -> None:
    assert str(_date_of(head, under)) == str(day)
