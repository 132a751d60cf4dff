"""Subheadings trafilatura's fallback leaves out, put back.

A page with no container trafilatura knows (no `<article>`, no `entry-content`: a Sitefinity or
an old ASP.NET page) is read by its "wild text" recovery, which takes paragraphs, quotes and
tables but never headings: every `<h2>` of the text is lost. A heading is put back only where it
certainly belongs: its text is not in the extraction, and the text blocks right before and right
after it in the page are two blocks the extraction kept next to each other. A sidebar's "Related"
heading, or one between the text and the comments, is never next to two kept blocks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_BLOCKS = frozenset({"p", "ul", "ol", "table", "blockquote", "pre", "dl"})
"""Elements whose text trafilatura keeps as one of its blocks (or part of one)."""
_KEPT_BLOCKS = frozenset({"p", "list", "quote", "code", "table"})
_SPACE = re.compile(r"\s+")
_KEY_LENGTH = 60
"""A block is known by the start of its text: trafilatura changes the inside of a paragraph
(its footnote markers, its line breaks) but not how it starts."""


_OUTSIDE = re.compile(
    r"(?<![a-z])(?:authors?|byline|meta|share|sharing|related|newsletter|signup|subscribe"
    r"|comments?|sidebar)(?![a-z])"
)
"""A class or id of the page's furniture around the text: a Ghost byline is an `<h4>`."""
_FURNITURE_TAGS = frozenset({"header", "nav", "aside", "footer"})
"""(Not `<form>`: an ASP.NET page is one form.)"""


def _in_furniture(heading: etree._Element) -> bool:
    for element in (heading, *heading.iterancestors()):
        if element.tag in _FURNITURE_TAGS:
            return True
        names = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
        if _OUTSIDE.search(names):
            return True
    return False


def _key(text: str) -> str:
    return _SPACE.sub(" ", text).strip()[:_KEY_LENGTH]


def _names(heading: etree._Element, authors: Sequence[str]) -> bool:
    text = "".join(heading.itertext())
    return any(name in text for name in authors if name)


def _page_sequence(tree: etree._Element) -> list[tuple[str, str, etree._Element]]:
    """The page's headings and text blocks in document order, each (tag, text key, element);
    a block inside another block is part of it."""
    found = []
    for element in tree.iter(*_HEADINGS, *_BLOCKS):
        if any(a.tag in _BLOCKS or a.tag in _HEADINGS for a in element.iterancestors()):
            continue
        text = _key("".join(element.itertext()))
        if text:
            found.append((str(element.tag), text, element))
    return found


def restore_headings(xml: str, tree: etree._Element, authors: Sequence[str] = ()) -> str:
    """trafilatura's XML with the page's lost subheadings back in place (see the module).
    A heading in the page's furniture (a header, a byline's class), or naming one of the
    `authors`, is none of the text's."""
    root = etree.fromstring(xml.encode(), etree.XMLParser(recover=True, resolve_entities=False))
    main = root.find("main")
    if main is None:
        return xml
    blocks = [b for b in main if b.tag in _KEPT_BLOCKS]
    where: dict[str, int] = {}
    for index, block in enumerate(blocks):
        where.setdefault(_key("".join(block.itertext())), index)
    kept = {_key("".join(h.itertext())) for h in main.iter("head")}
    inserted = False
    previous: str | None = None  # the last text block seen
    run: list[tuple[str, etree._Element]] = []  # the headings seen since
    for tag, text, element in _page_sequence(tree):
        if tag in _HEADINGS:
            run.append((text, element))
            continue
        if (
            run
            and previous in where
            and text in where
            and where[text] == where[previous] + 1
            and not any(key in kept or key in where for key, _ in run)
            and not any(_in_furniture(h) or _names(h, authors) for _, h in run)
        ):
            for _, heading in run:
                restored = etree.Element("head", rend=str(heading.tag))
                restored.text = _SPACE.sub(" ", "".join(heading.itertext())).strip()
                blocks[where[text]].addprevious(restored)
            inserted = True
        previous, run = text, []
    return etree.tostring(root, encoding="unicode") if inserted else xml
