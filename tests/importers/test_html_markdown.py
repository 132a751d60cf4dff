"""HTML to Markdown: what every page and feed body goes through."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import markdown
from pipeline.importers import draft as draft_module
from pipeline.importers.draft import ContentDraft, write_drafts
from pipeline.importers.html_markdown import find_video, html_to_markdown, parse_html, plain_text


def md(fragment: str) -> str:
    return html_to_markdown(fragment, "https://vcdnp.org/a/").markdown


def test_prose_never_turns_into_markup() -> None:
    text = md(
        "<p>1. not a list, *not* emphasis, _not_ either, snake_case, [not a link], `x`, "
        "&lt;b&gt;not bold&lt;/b&gt;, &amp;amp; stays</p><p>- not an item<br># not a heading</p>"
    )
    html = markdown.to_html(text, "https://vcdnp.org/a/")
    assert html == (
        "<p>1. not a list, *not* emphasis, _not_ either, snake_case, [not a link], `x`, "
        "&lt;b&gt;not bold&lt;/b&gt;, &amp;amp; stays</p>\n<p>- not an item<br>\n# not a heading</p>\n"
    )


def test_structure_survives() -> None:
    text = md(
        '<h1>Top</h1><h3>Sub</h3><ol start="3"><li>three <code>a`b</code></li><li><p>four</p>'
        "<ul><li>nested</li></ul></li></ol><blockquote><p>q1</p><p>q2</p></blockquote>"
        '<pre><code>x = 1\n  y = 2</code></pre><p>an <img src="i.png" alt="icon"> inline image '
        '<a href="/rel">rel</a> <a href="mailto:a@b.org">mail</a></p>'
        "<table><tr><th>A</th><th>B|C</th></tr><tr><td>1</td></tr></table>"
    )
    assert text == (
        "## Top\n\n### Sub\n\n3. three ``a`b``\n4. four\n\n   - nested\n\n> q1\n>\n> q2\n\n"
        "```\nx = 1\n  y = 2\n```\n\n"
        "an ![icon](https://vcdnp.org/a/i.png) inline image [rel](https://vcdnp.org/rel) "
        "[mail](mailto:a@b.org)\n\n| A | B\\|C |\n| --- | --- |\n| 1 |  |\n"
    )


def test_an_image_without_alt_is_kept_with_a_note() -> None:
    converted = html_to_markdown('<figure><img src="/x.png"></figure>', "https://vcdnp.org/")
    assert converted.markdown == "![](https://vcdnp.org/x.png)\n"
    assert converted.notes == [
        "body image https://vcdnp.org/x.png has no alt text: describe it for readers who cannot "
        "see it, or remove it"
    ]


def test_a_page_builders_shortcodes_left_in_the_text_go() -> None:
    assert md("<p>[vc_column_text]The text.[/vc_column_text] [et_pb_text admin_label=\"T\"]More."
              "[/et_pb_text]</p>") == "The text. More.\n"  # fmt: skip
    assert md("<p>Article [5] and [see below].</p>") == "Article \\[5\\] and \\[see below\\].\n"


def test_a_one_cell_layout_table_is_its_text_and_a_data_table_stays() -> None:
    layout = md("<table><tr><td><p>The first paragraph of the text.</p><h3>A part</h3>"
                "<p>The second one.</p></td></tr></table>")  # fmt: skip
    assert layout == "The first paragraph of the text.\n\n### A part\n\nThe second one.\n"
    assert md("<table><tr><td>Year</td></tr><tr><td>2026</td></tr></table>").startswith("| Year |")
    nested = md("<table><tr><td><table><tr><td><h2>News</h2><p>One.</p><p>Two.</p></td></tr>"
                "</table></td><td><a href='/x'>Menu</a></td></tr></table>")  # fmt: skip
    assert nested.startswith("## News\n\nOne.\n\nTwo.") and "|" not in nested
    assert md("<table><tr><td><a href='/v'>View in your browser</a></td></tr></table>") == (
        "[View in your browser](https://vcdnp.org/v)\n"
    )
    data = md("<table><tr><th>Year</th><th>Tests</th></tr><tr><td>2026</td><td>2</td></tr></table>")
    assert data.startswith("| Year | Tests |")


@pytest.mark.parametrize(
    "pixel",
    ['<img src="https://medium.com/_/stat?event=post.clientViewed" width="1" height="1" alt="">',
     "<IMG height=1 src='https://feeds.feedburner.com/~r/x/~4/abc' WIDTH='1'/>",
     '<img width="0" height="0" src="https://pixel.example/t.gif">'],
)  # fmt: skip
def test_a_tracking_pixel_is_no_image(pixel: str) -> None:
    converted = html_to_markdown(f"<p>The text.{pixel}</p>{pixel}", "https://vcdnp.org/")
    assert (converted.markdown, converted.notes) == ("The text.\n", [])
    wide = html_to_markdown(
        '<img src="/m.png" width="10" height="1" alt="A map">', "https://x.org/"
    )
    assert wide.markdown == "![A map](https://x.org/m.png)\n"  # one pixel high only: a rule, kept


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        # The space before a link's text stays outside the brackets, not lost.
        ("<p>foo<a href='/x'> bar</a>baz</p>", "foo [bar](https://vcdnp.org/x)baz\n"),
        # An empty item is dropped; what is loose in a list (text, a nested list) is an item.
        ("<ul><li></li><li>a</li>stray<ul><li>b</li></ul></ul>", "- a\n- stray\n  - b\n"),
        ("<ul><li>a</li><ul><li>b</li></ul></ul>", "- a\n- - b\n"),
        # A heading ending in "#" keeps it (an ATX closing sequence would eat it).
        ("<h2>Issue #</h2>", "## Issue \\#\n"),
        # An empty code element writes nothing (not a stray pair of backticks).
        ("<p>see <code></code>this</p>", "see this\n"),
        # Breaks at the ends of a paragraph go, runs of them are one; a line after one is prose.
        ("<p><br>a<br><br>- b<br></p>", "a\\\n\\- b\n"),
        # A line start inside a <span> is still a line start.
        ("<div><span>1. one</span></div>", "1\\. one\n"),
        # Adjacent emphasis or code of one kind is one run (`*a**b*` would not be emphasis).
        ("<p><em>a</em><i>b</i> <code>c</code><code>d</code></p>", "*ab* `cd`\n"),
        # Text then a nested list in an item is tight, as in the HTML (unless the list starts
        # at another number than 1: only "1." may interrupt a paragraph in CommonMark).
        ("<ol><li>a<ol><li>b</li></ol></li></ol>", "1. a\n   1. b\n"),
        ("<ul><li>a<ol start='3'><li>c</li></ol></li></ul>", "- a\n\n  3. c\n"),
    ],
)
def test_edge_cases(fragment: str, expected: str) -> None:
    assert md(fragment) == expected


@pytest.mark.parametrize("prose", [">quoted", "##", "~~~", "-- -", "- - -", "wow!"])
def test_prose_at_a_line_start_or_before_a_link_stays_prose(prose: str) -> None:
    escaped = prose.replace(">", "&gt;")
    for fragment in (f"<p>{escaped}</p>", f"<p>a<br>{escaped}<a href='/l'>link</a></p>"):
        rendered = markdown.to_html(md(fragment), "https://vcdnp.org/")
        assert rendered == nh3_like(fragment), md(fragment)


def nh3_like(fragment: str) -> str:
    """What the paragraph renders as when its text is taken literally."""
    return (
        fragment.replace("<br>", "<br>\n").replace(
            "<a href='/l'>", '<a href="https://vcdnp.org/l" rel="noopener">'
        )
        + "\n"
    )


def test_the_markdown_renders_what_the_html_said() -> None:
    fragment = (
        "<p>a <em>b</em> <strong>c</strong> <code>d</code> x<sup>2</sup></p>"
        "<ul><li>one</li><li>two<ol><li>first</li></ol></li></ul>"
        "<blockquote><p>q</p></blockquote><hr><figure><img src='/p.png' alt='P'>"
        "<figcaption>Caption</figcaption></figure>"
    )
    assert markdown.to_html(md(fragment), "https://vcdnp.org/") == (
        "<p>a <em>b</em> <strong>c</strong> <code>d</code> x<sup>2</sup></p>\n"
        "<ul>\n<li>one</li>\n<li>two\n<ol>\n<li>first</li>\n</ol>\n</li>\n</ul>\n"
        "<blockquote>\n<p>q</p>\n</blockquote>\n<hr>\n"
        '<p><img src="https://vcdnp.org/p.png" alt="P"></p>\n<p><em>Caption</em></p>\n'
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Why x < y &amp; z", "Why x < y & z"),
        ("Hello &lt;script&gt;alert(1)&lt;/script&gt; World", "Hello World"),
        ("<b>Bold</b>  title\n", "Bold title"),
    ],
)
def test_plain_text(value: str, expected: str) -> None:
    assert plain_text(value) == expected


@pytest.mark.parametrize(
    ("html", "url"),
    [
        (
            '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ?rel=0"></iframe>',
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        ),
        (
            '<iframe data-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"></iframe>',
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        ),
        (
            '<amp-youtube data-videoid="dQw4w9WgXcQ"></amp-youtube>',
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        ),
        (
            '<iframe src="https://player.vimeo.com/video/76979871"></iframe>',
            "https://vimeo.com/76979871",
        ),
        (
            '<div class="wp-block-embed__wrapper">\nhttps://youtu.be/dQw4w9WgXcQ\n</div>',
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        ),
    ],
)
def test_videos_are_found(html: str, url: str) -> None:
    assert (
        find_video(parse_html(f"<html><body><article>{html}</article></body></html>"))["url"] == url
    )


def test_a_sidebar_video_does_not_win_over_the_article() -> None:
    page = (
        '<html><body><aside><iframe src="https://www.youtube.com/embed/SIDEBAR0000"></iframe></aside>'
        '<article><iframe src="https://www.youtube.com/embed/ARTICLE0000"></iframe></article></body></html>'
    )
    assert find_video(parse_html(page))["url"].endswith("ARTICLE0000")


def test_a_write_that_fails_half_way_undoes_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "commentary"
    folder.mkdir()
    kept = folder / "b.md"
    kept.write_text("old b\n", encoding="utf-8")
    drafts = [
        ContentDraft(slug=s, title=s, date="2026-01-01", body="Text.") for s in ("a", "b", "c")
    ]
    targets = [(d, folder / f"{d.slug}.md") for d in drafts]
    real = draft_module.write_atomic
    calls: list[Path] = []

    def failing(path: Path, data: bytes) -> None:
        calls.append(path)
        if path.name == "c.md":
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(draft_module, "write_atomic", failing)
    with pytest.raises(OSError, match="No space left"):
        write_drafts(targets, force=True)
    assert sorted(p.name for p in folder.iterdir()) == ["b.md"]
    assert kept.read_text(encoding="utf-8") == "old b\n"


def test_a_link_around_blocks_leaves_the_blocks_without_broken_markdown():
    """Substack wraps its images in a link to the full-size file, around a <div>: no Markdown
    link holds blocks, so the picture stays and the link goes."""
    html = (
        '<div><a href="https://x.org/big.jpg"><div class="inset"><picture>'
        '<img src="https://x.org/small.jpg" alt="A reactor hall"></picture></div></a>'
        "<p>Text here.</p></div>"
    )
    markdown = html_to_markdown(html, "https://x.org/", None).markdown
    assert markdown.startswith("![A reactor hall](https://x.org/small.jpg)\n\nText here.")
    assert "[\n" not in markdown and "\n](" not in markdown


def test_a_picture_and_its_caption_are_no_paragraphs_of_the_text() -> None:
    """The lead and the summary come from the first paragraph of prose: never alt text or a
    caption in italics under a picture; italics elsewhere, and a caption that goes on, stay."""
    body = (
        "![Delegates in the hall](https://example.org/a.jpg)\n\n*The hall. Photo: UN*\n\n"
        "The talks resumed.\n\n[![Logo](https://example.org/l.png)](https://example.org/)\n\n"
        "*Stressed* words begin this one.\n\n*Editor's note: updated on Monday.*"
    )
    assert markdown.paragraphs(body) == [
        "The talks resumed.", "Stressed words begin this one.", "Editor's note: updated on Monday."
    ]  # fmt: skip
