"""A page trafilatura reads by its fallback keeps its subheadings, and only its own."""

from __future__ import annotations

from datetime import date

from pipeline.importers.page import import_page

PAGE = "https://institute.example.org/publications/verification-after-new-start"


def _paragraphs(topic: str, count: int = 2) -> str:
    return "".join(
        f"<p>{topic}, paragraph {n}: inspectors, data exchanges and the slow work by which two "
        f"states come to trust each other's declarations over years of negotiation.</p>"
        for n in range(count)
    )


def _soup_page() -> str:
    """An ASP.NET page: one <form> around everything, no <article>, no class trafilatura knows."""
    return f"""<!DOCTYPE html><html lang="en"><head><title>Verification After New START</title>
    </head><body><form id="aspnetForm"><div class="sfPublicWrapper">
    <div class="top"><a href="/">Home</a> <a href="/publications">Publications</a></div>
    <div class="col-lg-8"><div class="sf-news-item">
      <h1>Verification After New START</h1>
      <div class="sf-news-item__meta"><h4 class="author-name">Jane Roe</h4> 3 December 2026</div>
      <div class="sf-news-item__text">
        {_paragraphs("Opening")}
        <h2>What inspections can still do</h2>
        {_paragraphs("Inspections")}
        <h2>Recommendations</h2>
        <h3>A joint data centre</h3>
        {_paragraphs("Centre")}
      </div>
    </div></div>
    <div class="col-lg-4"><h3>Most read</h3>
      <ul><li><a href="/a">Nuclear Energy in Southeast Asia</a></li><li><a href="/b">AUKUS</a></li></ul>
      <h3>Contact</h3><p><a href="mailto:info@institute.example.org">info@institute.example.org</a></p>
    </div>
    </div></form></body></html>"""


def test_subheadings_the_fallback_drops_come_back_in_place() -> None:
    draft = import_page(
        _soup_page(), source="p.html", page_url=PAGE, site_name="Institute", today=date(2026, 12, 4)
    ).draft
    body = draft.body
    headings = [line for line in body.splitlines() if line.startswith("#")]
    assert headings == [
        "## What inspections can still do",
        "## Recommendations",
        "### A joint data centre",
    ]
    assert body.index("Opening, paragraph 1") < body.index("## What inspections")
    assert body.index("## What inspections") < body.index("Inspections, paragraph 0")
    assert body.index("### A joint data centre") < body.index("Centre, paragraph 0")
    # The byline's heading and the sidebar's are not the text's.
    assert "Jane Roe" not in body and "Most read" not in body and "Contact" not in body
