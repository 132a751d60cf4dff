"""A page's footnotes, however the site writes them, become Markdown footnotes."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline import markdown
from pipeline.importers.page import import_page

URL = "https://www.example-institute.org/analysis/beyond-new-start/"
PROSE = (
    "<p>Washington and Moscow have three options. They can negotiate a successor treaty, agree "
    "on informal limits, or let the numbers drift while both sides modernise their forces.</p>"
    "<p>A new treaty would take years to negotiate and ratify, and the Senate has not approved "
    "an arms control treaty in more than fifteen years of trying.</p>"
)


def page(text: str, notes: str) -> str:
    return (
        "<html><head><title>Beyond New START</title>"
        f'<link rel="canonical" href="{URL}"></head><body><main><article>'
        f"<h1>Beyond New START</h1>{text}{PROSE}{notes}</article></main>"
        '<footer><p>© Example Institute</p><a href="#top">1</a></footer></body></html>'
    )


def body_of(html: str) -> str:
    return import_page(
        html,
        source="page.html",
        page_url=URL,
        site_name="Example Institute",
        today=date(2026, 3, 2),
    ).draft.body


STYLES = {
    "superscript links to a list (WordPress, Pandoc, markdown-it)": page(
        '<p>The treaty expired in February.<sup><a href="#fn1" id="fnref1">1</a></sup> No '
        'limits remain.<sup><a href="#fn2" id="fnref2">2</a></sup></p>',
        '<section class="footnotes"><hr><ol><li id="fn1"><p>Department of State, <em>Aggregate '
        'Numbers</em>. <a href="#fnref1" class="footnote-back">↩︎</a></p></li><li id="fn2">'
        'See <a href="https://example.org/limits/">the limits</a>. <a href="#fnref2">↩</a>'
        "</li></ol></section>",
    ),
    "bracketed anchors to paragraphs (Word)": page(
        '<p>The treaty expired in February.<a href="#_ftn1" name="_ftnref1">[1]</a> No limits '
        'remain.<a href="#_ftn2" name="_ftnref2">[2]</a></p>',
        '<div><br clear="all"><hr align="left" size="1" width="33%">'
        '<div id="ftn1"><p><a href="#_ftnref1" name="_ftn1">[1]</a> Department of State, '
        "<em>Aggregate Numbers</em>.</p></div>"
        '<div id="ftn2"><p><a href="#_ftnref2" name="_ftn2">[2]</a> See <a '
        'href="https://example.org/limits/">the limits</a>.</p></div></div>',
    ),
}


@pytest.mark.parametrize("style", sorted(STYLES))
def test_references_and_notes_become_markdown_footnotes(style):
    body = body_of(STYLES[style])
    assert body.startswith("The treaty expired in February.[^1] No limits remain.[^2]\n"), body
    assert body.endswith(
        "\n\n[^1]: Department of State, *Aggregate Numbers*.\n"
        "[^2]: See [the limits](https://example.org/limits/).\n"
    ), body
    assert "↩" not in body and "#fn" not in body and "#_ftn" not in body
    paragraphs, html = markdown.rendered_body(body, URL)
    assert paragraphs[0] == "The treaty expired in February. No limits remain."
    assert "<sup>1</sup>" in html and "<li><p>Department of State" in html


def test_mediawiki_back_links_leave_no_arrow():
    body = body_of(
        page(
            '<p>The treaty expired in February.<sup id="cite_ref-1"><a href="#cite_note-1">[1]'
            '</a></sup> No limits remain.<sup id="cite_ref-b_2-0"><a href="#cite_note-b-2">[2]'
            '</a></sup> Still none.<sup id="cite_ref-b_2-1"><a href="#cite_note-b-2">[2]</a>'
            "</sup></p>",
            '<ol class="references"><li id="cite_note-1"><span class="mw-cite-backlink"><b><a '
            'href="#cite_ref-1">^</a></b></span> <span class="reference-text">Department of '
            'State.</span></li><li id="cite_note-b-2"><span class="mw-cite-backlink">^ <a href='
            '"#cite_ref-b_2-0"><sup><i><b>a</b></i></sup></a> <a href="#cite_ref-b_2-1"><sup><i>'
            '<b>b</b></i></sup></a></span> <span class="reference-text">See <a href="https://'
            'example.org/limits/">the limits</a>.</span></li></ol>',
        )
    )
    assert body.endswith(
        "[^1]: Department of State.\n[^2]: See [the limits](https://example.org/limits/).\n"
    ), body


def test_a_note_referred_to_twice_has_one_number_in_the_order_first_referred_to():
    body = body_of(
        page(
            '<p>The first claim.<sup><a href="#n-b">b</a></sup> The second claim, which '
            'is sourced elsewhere.<sup><a href="#n-a">a</a></sup> The first claim again, '
            'with the same source as before.<sup><a href="#n-b">b</a></sup></p>',
            '<ol><li id="n-a">Note A.</li><li id="n-b">Note B.</li></ol>',
        )
    )
    assert body.startswith(
        "The first claim.[^1] The second claim, which is sourced elsewhere.[^2] The first "
        "claim again, with the same source as before.[^1]\n"
    ), body
    assert body.endswith("\n\n[^1]: Note B.\n[^2]: Note A.\n")


def test_numbered_links_to_headings_or_missing_anchors_are_left_alone():
    body = body_of(
        page(
            "<p>The options are set out below, each with what it would take from both "
            'governments: see part <a href="#part-2">2</a> and note <a href="#gone">3</a>.</p>'
            '<h2 id="part-2">Part two</h2>',
            "",
        )
    )
    assert "[^" not in body
    assert f"[2]({URL}#part-2)" in body  # an in-page link is to this page, not the site's root


FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Institute</title><link>https://www.example-institute.org/</link>
<description>Analysis</description>
<item><title>Beyond New START</title><link>{url}</link><guid>{url}</guid>
<pubDate>Tue, 10 Feb 2026 09:00:00 +0000</pubDate>
<content:encoded><![CDATA[{html}]]></content:encoded></item>
</channel></rss>"""


def test_a_feed_entrys_footnotes_become_markdown_footnotes(content_tree, tmp_path):
    from pipeline.content import load_content
    from tests.importers.conftest import run_import

    html = STYLES["superscript links to a list (WordPress, Pandoc, markdown-it)"]
    inner = html.split("<h1>Beyond New START</h1>", 1)[1].split("</article>", 1)[0]
    feed = tmp_path / "feed.xml"
    feed.write_text(FEED.format(url=URL, html=inner), encoding="utf-8")
    result = run_import(content_tree.root, str(feed))
    assert result.exit_code == 0, result.output
    (article,) = load_content(content_tree.root).articles
    assert article.body_markdown.startswith("The treaty expired in February.[^1] No limits")
    assert article.body_markdown.endswith("[^2]: See [the limits](https://example.org/limits/).\n")
    assert "<sup>1</sup>" in article.body_html


def test_a_note_that_cites_another_note_refers_to_it_by_its_number():
    body = body_of(
        page(
            '<p>The treaty expired in February, as both governments confirmed.<sup><a href="#fn1">'
            "1</a></sup></p>",
            '<ol><li id="fn1">State Department, 2026; see also<sup><a href="#fn2">2</a></sup></li>'
            '<li id="fn2">Russian Foreign Ministry, 2026.</li></ol>',
        )
    )
    assert body.endswith(
        "[^1]: State Department, 2026; see also[^2]\n[^2]: Russian Foreign Ministry, 2026.\n"
    ), body


def test_a_jump_list_to_sections_is_no_footnote():
    body = body_of(
        page(
            '<p>Jump to: <a href="#a">A</a> <a href="#b">B</a> <a href="#s1">1</a></p>'
            '<div id="a"><h3>Alpha</h3><p>The alpha section says what the first option is and '
            "why both governments could take it.</p></div>"
            '<section id="s1"><h3>One</h3><p>The first section.</p></section>',
            "",
        )
    )
    assert "[^" not in body and "### Alpha" in body


ATOM = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://www.example-institute.org/">
<title>Example Institute</title><id>tag:example-institute.org,2026:feed</id>
<updated>2026-02-10T09:00:00Z</updated>
<entry><title>Beyond New START</title><link href="analysis/beyond-new-start/"/>
<id>tag:example-institute.org,2026:beyond-new-start</id><updated>2026-02-10T09:00:00Z</updated>
<content type="html"><![CDATA[{html}]]></content></entry></feed>"""


def _feed_body(content_tree, source: str, *args: str):
    from pipeline.content import load_content
    from tests.importers.conftest import run_import

    result = run_import(content_tree.root, source, *args)
    assert result.exit_code == 0, result.output
    (article,) = load_content(content_tree.root).articles
    return article


def _inner() -> str:
    html = STYLES["superscript links to a list (WordPress, Pandoc, markdown-it)"]
    return html.split("<h1>Beyond New START</h1>", 1)[1].split("</article>", 1)[0]


def test_footnotes_survive_a_feeds_base_address(content_tree, tmp_path, web):
    """A feed reader resolves "#fn1" against the feed's address or xml:base; the note is
    still the entry's own, not a link to the feed or the site's root."""
    atom = tmp_path / "atom.xml"
    atom.write_text(ATOM.format(html=_inner()), encoding="utf-8")
    article = _feed_body(content_tree, str(atom))
    assert article.url == URL  # the entry's relative link, resolved against xml:base
    assert article.body_markdown.startswith("The treaty expired in February.[^1] No limits")
    assert "#fn" not in article.body_markdown


def test_footnotes_survive_a_served_feeds_address(content_tree, web):
    feed = web.add("/feed/", FEED.format(url=URL, html=_inner()), "application/rss+xml")
    article = _feed_body(content_tree, feed, "--allow-private")
    assert article.body_markdown.startswith("The treaty expired in February.[^1] No limits")
    assert "/feed/#" not in article.body_markdown
