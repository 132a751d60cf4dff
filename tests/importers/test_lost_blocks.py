"""A page trafilatura reads by its fallback keeps its subheadings and lists, and only its own."""

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


_LIST = """<ol><li>Pre-launch notification of test flights:
  <ul><li>covering all missiles with a range above 500 km;</li><li>given 24 hours ahead.</li></ul>
  </li><li>A declared separation between nuclear and conventional units.</li></ol>"""


def _list_page(layout_table: bool) -> str:
    text = f"""<h1>Hypersonic Weapons and Crisis Stability</h1>
      {_paragraphs("Opening")}<h2>What could be done</h2>
      <p>None of the measures below requires a treaty; several were practised before 2014.</p>
      {_LIST}{_paragraphs("Closing")}
      <h4>Related publications</h4>
      <ul><li><a href="/p/1">Missile Defence in Romania</a></li><li><a href="/p/2">Crimea</a></li></ul>"""
    if layout_table:
        text = f'<table class="layout"><tr><td id="maincol">{text}</td></tr></table>'
    return (
        '<!DOCTYPE html><html lang="en"><head><title>Hypersonic Weapons</title></head><body>'
        f'<form id="aspnetForm"><div id="wrapper">{text}</div></form></body></html>'
    )


def test_a_list_the_fallback_drops_comes_back_nested_and_a_list_of_links_does_not() -> None:
    for layout_table in (False, True):
        draft = import_page(
            _list_page(layout_table), source="p.html", page_url=PAGE, site_name="Institute",
            today=date(2026, 12, 4),
        ).draft  # fmt: skip
        body = draft.body
        assert (
            "before 2014.\n\n1. Pre-launch notification of test flights:\n"
            "   - covering all missiles with a range above 500 km;\n"
            "   - given 24 hours ahead.\n"
            "2. A declared separation between nuclear and conventional units.\n\nClosing"
        ) in body, (layout_table, body)
        assert "## What could be done" in body
        assert "Missile Defence in Romania" not in body


def test_a_plone_page_keeps_its_styled_subheadings_and_both_authors() -> None:
    html = f"""<!DOCTYPE html><html lang="en"><head><title>Five Lessons</title></head><body>
    <div id="content"><h1 class="documentFirstHeading">Five Lessons from a Decade of Talks</h1>
    <div class="documentByLine" id="plone-document-byline">
      <span class="documentAuthor"><a href="/p/ew">Prof. Eleanor Whitcombe</a>
        <span class="role">Director</span></span>,
      <span class="documentAuthor"><a href="/p/so">Dr Samuel Osei</a>
        <span class="role">Research Associate</span></span>
      &mdash; <span class="documentPublished"><span>published</span> Dec 08, 2026 11:14 AM</span>
    </div>
    <div class="documentDescription description">What ten years of talks have taught us</div>
    <div id="content-core"><div id="parent-fieldname-text">
      {_paragraphs("Opening")}<div class="subtitle">Lessons from Geneva</div>
      {_paragraphs("Lessons")}<div class="subtitle">What comes next</div>{_paragraphs("Next")}
    </div></div></div></body></html>"""
    draft = import_page(html, source="p.html", page_url=PAGE, site_name="Institute",
                        today=date(2026, 12, 16)).draft  # fmt: skip
    headings = [line for line in draft.body.splitlines() if line.startswith("#")]
    assert headings == ["## Lessons from Geneva", "## What comes next"]
    assert draft.authors == ["Eleanor Whitcombe", "Samuel Osei"]
    assert "Research Associate" not in draft.body  # the byline's lines are out


def test_an_elementor_post_keeps_its_heading_widgets_under_wordpress_tag_classes() -> None:
    def widget(inner: str) -> str:
        return (
            '<div class="elementor-element elementor-widget elementor-widget-text-editor">'
            f'<div class="elementor-widget-container">{inner}</div></div>'
        )

    heading = (
        '<div class="elementor-element elementor-widget elementor-widget-heading"><div '
        'class="elementor-widget-container"><h2 class="elementor-heading-title">{}</h2></div></div>'
    )
    html = f"""<!DOCTYPE html><html lang="en"><head><title>Kazakhstan's Uranium</title></head>
    <body class="single-post"><div class="elementor elementor-412 post type-post hentry
    category-analysis tag-kazakhstan tag-uranium"><div class="e-con-inner">
    <h1>Kazakhstan's Uranium and the New Fuel Geopolitics</h1>
    {widget(_paragraphs("Opening"))}{heading.format("Three buyers, one supply")}
    {widget(_paragraphs("Buyers"))}{heading.format("What Astana should do")}
    {widget(_paragraphs("Astana"))}</div></div></body></html>"""
    draft = import_page(html, source="p.html", page_url=PAGE, site_name="Institute",
                        today=date(2026, 12, 16)).draft  # fmt: skip
    headings = [line for line in draft.body.splitlines() if line.startswith("#")]
    assert headings == ["## Three buyers, one supply", "## What Astana should do"]
