"""Markdown bodies to sanitised HTML with absolute links, and to plain-text paragraphs."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import lru_cache
from urllib.parse import urljoin

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

# What an editor may use in a body. Everything else (scripts, event handlers, styles) is dropped.
ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "a",
    "em",
    "strong",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "img",
    "figure",
    "figcaption",
    "sup",
    "sub",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The one CommonMark parser (tables and footnotes on; raw HTML parsed, then sanitised)."""
    md = MarkdownIt("commonmark", {"html": True}).enable("table").use(footnote_plugin)
    for name, rule in _NOTE_RULES.items():
        md.add_render_rule(name, rule)
    return md


def note_number(token: Token) -> int:
    """The number a footnote reference or a footnote shows (1, 2, ... in order of first use)."""
    return int(token.meta["id"]) + 1


# Footnotes (`text[^1]` and `[^1]: the note`, or `^[an inline note]`) as email and feed readers
# show them: a superscript number, and the notes as a numbered list after a rule. No in-page
# anchors (ids are not kept by the sanitiser, and email clients treat `#fn1` unevenly).
_NOTE_RULES: dict[str, Callable[..., str]] = {
    "footnote_ref": lambda _r, tokens, i, _o, _e: f"<sup>{note_number(tokens[i])}</sup>",
    "footnote_block_open": lambda *_: "<hr>\n<ol>\n",
    "footnote_block_close": lambda *_: "</ol>\n",
    "footnote_open": lambda *_: "<li>",
    "footnote_close": lambda *_: "</li>\n",
    "footnote_anchor": lambda *_: "",
}


def parse(markdown: str) -> list[Token]:
    return parser().parse(markdown)


# A body without these characters, for `parser()` as it is configured (no linkify, no
# typographer, no strikethrough: turning one on must change this; footnotes need `[`), each of whose lines is blank or starts with a letter or an
# opening quote, is only paragraphs of plain text: every block construct (heading, list, quote,
# code, HTML, table, rule, link definition, setext underline) starts its line with something
# else, and every inline one (emphasis, code, link, image, autolink, HTML, entity, escape) needs
# one of these. markdown-it would give each paragraph as its lines joined by one space.
_NOT_PLAIN = re.compile(r"[\\`*_~\[\]<&\t\r\x00]")
_OPENERS = "\"'“‘„«‹(¿¡"


def plain_paragraphs(body_markdown: str) -> list[str] | None:
    """The paragraphs' texts as `inline_text` gives them after `parse`, without parsing, for a
    body of plain paragraphs only; None for any other body
    (tests/render/test_social_structure.py checks it against the parser)."""
    if _NOT_PLAIN.search(body_markdown) is not None:
        return None
    paragraphs: list[list[str]] = []
    open_paragraph = False
    for line in body_markdown.split("\n"):
        if not line.strip(" "):
            open_paragraph = False
            continue
        if not (line[0].isalpha() or line[0] in _OPENERS):
            return None
        if open_paragraph:
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
            open_paragraph = True
    # A line break drops the spaces before it; the paragraph is trimmed.
    return [" ".join(line.rstrip(" ") for line in lines).strip() for lines in paragraphs]


def _absolutize(tokens: list[Token], base_url: str) -> None:
    for token in tokens:
        if token.type == "link_open":
            href = str(token.attrGet("href") or "")
            token.attrSet("href", urljoin(base_url, href))
        elif token.type == "image":
            src = str(token.attrGet("src") or "")
            token.attrSet("src", urljoin(base_url, src))
        if token.children:
            _absolutize(token.children, base_url)


def to_html(markdown: str, base_url: str) -> str:
    """Sanitised HTML of `markdown`, relative links resolved against `base_url`."""
    return _html(parse(markdown), base_url)


@lru_cache(maxsize=64)
def rendered_body(markdown: str, base_url: str) -> tuple[tuple[str, ...], str]:
    """`paragraphs(markdown)` and `to_html(markdown, base_url)` from one parse, remembered for
    the last few bodies: an Article keeps only its Markdown and asks here for the rest
    (`Article.body_html`, `.paragraphs`), so a build of thousands holds each body once, and the
    few it shows whole are parsed once more."""
    tokens = parse(markdown)
    return tuple(_paragraphs(tokens)), _html(tokens, base_url)


def http_links(body_html: str) -> tuple[str, ...]:
    """The plain `http://` links of a body's HTML, in order, each once."""
    if 'href="http://' not in body_html:  # (a substring test: far faster than the regex)
        return ()
    found = re.findall(r'\bhref="(http://[^"]+)"', body_html)
    return tuple(dict.fromkeys(html.unescape(link) for link in found))


def _html(tokens: list[Token], base_url: str) -> str:
    md = parser()
    _absolutize(tokens, base_url)
    html = md.renderer.render(tokens, md.options, {})
    return (
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener",
        ).strip()
        + "\n"
    )


def inline_text(token: Token) -> str:
    """Plain text of an inline token (links keep their text, breaks become spaces)."""
    parts: list[str] = []
    after_note = False  # "Lead ^[note] on." reads "Lead on.", not "Lead  on."
    for child in token.children or []:
        if child.type == "footnote_ref":
            after_note = bool(parts) and parts[-1].endswith(" ")
            continue
        if child.type in {"text", "code_inline"}:
            parts.append(child.content.lstrip(" ") if after_note else child.content)
            after_note = False
        elif child.type in {"softbreak", "hardbreak"}:
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts).strip()


def paragraphs(markdown: str) -> list[str]:
    """Plain text of each top-level paragraph of prose, in order (not list items, quotes or
    footnotes, nor a picture on its own and the caption in italics under it)."""
    return _paragraphs(parse(markdown))


def _marks(inline: Token) -> list[Token]:
    """An inline token's children without the blank text between them."""
    return [c for c in inline.children or [] if not (c.type == "text" and not c.content.strip())]


def _pictures_only(inline: Token) -> bool:
    """A paragraph of images (linked or not): their alt texts are no prose."""
    marks = _marks(inline)
    kinds = {"image", "link_open", "link_close", "softbreak", "hardbreak"}
    return any(c.type == "image" for c in marks) and all(c.type in kinds for c in marks)


def _in_italics(inline: Token) -> bool:
    """A paragraph wholly in emphasis: `*The Kremlin at dusk. Photo: Reuters*`."""
    marks = _marks(inline)
    if len(marks) < 3 or marks[0].type != "em_open" or marks[-1].type != "em_close":
        return False
    depth = 0
    for mark in marks[:-1]:  # the first emphasis must close only at the end
        depth += {"em_open": 1, "em_close": -1}.get(mark.type, 0)
        if depth == 0:
            return False
    return True


def figure_paragraphs(tokens: list[Token]) -> set[int]:
    """Where in `tokens` a top-level paragraph is a picture, the caption under one or a table's
    caption over or under it (in italics): the indices of their `paragraph_open` tokens, which
    are no text to quote."""
    found: set[int] = set()
    after_figure = False
    italics: int | None = None  # the paragraph just before, when it was in italics
    for index, token in enumerate(tokens):
        if token.type == "paragraph_open" and token.level == 0:
            inline = tokens[index + 1]
            in_italics = _in_italics(inline)
            caption = after_figure and in_italics
            after_figure = _pictures_only(inline)
            italics = index if in_italics else None
            if after_figure or caption:
                found.add(index)
        elif token.level == 0 and token.nesting == 1:
            if token.type == "table_open" and italics is not None:
                found.add(italics)  # "*Table 2. Declared warheads.*" over the table
            after_figure = token.type == "table_open"  # a table's caption may follow it
            italics = None
    return found


def _paragraphs(tokens: list[Token]) -> list[str]:
    result: list[str] = []
    figures = figure_paragraphs(tokens)
    for index, token in enumerate(tokens):
        if token.type == "footnote_block_open":
            break  # the notes come last (an inline note's paragraph is at level 0 too)
        if token.type == "paragraph_open" and token.level == 0 and index not in figures:
            text = inline_text(tokens[index + 1])
            if text:
                result.append(text)
    return result
