"""Subheadings and lists trafilatura's fallback leaves out, put back.

A page with no container trafilatura knows (no `<article>`, no `entry-content`: a Sitefinity or
an old ASP.NET page) is read by its "wild text" recovery, which takes paragraphs, quotes and
tables but never headings or lists: every `<h2>` and every `<ol>` of the text is lost. One is
put back only where it certainly belongs: its text is not in the extraction, and the text
blocks right before and right after it in the page are two blocks the extraction kept next to
each other. A sidebar's "Related" heading, a list of links, or a heading between the text and
the comments is never put back.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence

from lxml import etree

_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_LISTS = frozenset({"ul", "ol", "dl"})
_BLOCKS = frozenset({"p", "ul", "ol", "table", "blockquote", "pre", "dl"})
"""Elements whose text trafilatura keeps as one of its blocks (or part of one)."""
_KEPT_BLOCKS = frozenset({"p", "list", "quote", "code", "table"})
_SPACE = re.compile(r"\s+")
_KEY_LENGTH = 60
"""A block is known by the start of its text: trafilatura changes the inside of a paragraph
(its footnote markers, its line breaks) but not how it starts."""
_LINKED = 0.5
"""A list more than half of whose text is links is a menu or a list of other pages."""
_OUTSIDE = re.compile(
    r"(?<![a-z])(?:authors?|byline|meta|share|sharing|related|newsletter|signup|subscribe"
    r"|comments?|sidebar|menu|nav|breadcrumbs?|social)(?![a-z])|(?<![a-z])tags?(?![a-z-])"
)
"""A class or id of the page's furniture around the text: a Ghost byline is an `<h4>`. (Not
WordPress's "tag-kazakhstan" on the post itself.)"""
_FURNITURE_TAGS = frozenset({"header", "nav", "aside", "footer"})
"""(Not `<form>`: an ASP.NET page is one form.)"""


def _in_furniture(element: etree._Element) -> bool:
    for node in (element, *element.iterancestors()):
        if node.tag in _FURNITURE_TAGS:
            return True
        names = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
        if _OUTSIDE.search(names):
            return True
    return False


def _text(element: etree._Element) -> str:
    return _SPACE.sub(" ", "".join(element.itertext())).strip()


def _key(text: str) -> str:
    return _SPACE.sub(" ", text).strip()[:_KEY_LENGTH]


def _names(element: etree._Element, authors: Sequence[str]) -> bool:
    text = _text(element)
    return any(name in text for name in authors if name)


def _mostly_links(element: etree._Element) -> bool:
    linked = sum(len(_text(a)) for a in element.iter("a"))
    return linked > _LINKED * max(len(_text(element)), 1)


def _page_sequence(tree: etree._Element) -> list[tuple[str, str, etree._Element]]:
    """The page's headings and text blocks in document order, each (tag, text key, element);
    a block inside another block is part of it (not inside a layout table: an old CMS sets
    the whole page in one)."""
    layout = {
        table for table in tree.iter("table") if table.find(".//p") is not None
        or table.find(".//div") is not None or table.find(".//table") is not None
    }  # fmt: skip
    found = []
    for element in tree.iter(*_HEADINGS, *_BLOCKS):
        if element in layout or any(
            (a.tag in _BLOCKS and a not in layout) or a.tag in _HEADINGS
            for a in element.iterancestors()
        ):
            continue
        text = _key("".join(element.itertext()))
        if text:
            found.append((str(element.tag), text, element))
    return found


def _restorable(element: etree._Element, authors: Sequence[str]) -> bool:
    if _in_furniture(element) or _names(element, authors):
        return False
    return element.tag in _HEADINGS or not _mostly_links(element)


def _restored(element: etree._Element) -> etree._Element:
    """The heading as trafilatura writes one; a list as the page has it (its HTML passes
    through `trafilatura_xml_to_html` as it is)."""
    if element.tag in _HEADINGS:
        heading = etree.Element("head", rend=str(element.tag))
        heading.text = _text(element)
        return heading
    kept = copy.deepcopy(element)
    kept.tail = None
    return kept


def restore_lost_blocks(xml: str, tree: etree._Element, authors: Sequence[str] = ()) -> str:
    """trafilatura's XML with the page's lost subheadings and lists back in place (see the
    module). A heading or list in the page's furniture (a header, a byline's class), a list of
    links, or a heading naming one of the `authors`, is none of the text's."""
    root = etree.fromstring(xml.encode(), etree.XMLParser(recover=True, resolve_entities=False))
    main = root.find("main")
    if main is None:
        return xml
    blocks = [b for b in main if b.tag in _KEPT_BLOCKS]
    where: dict[str, int] = {}
    for index, block in enumerate(blocks):
        where.setdefault(_key("".join(block.itertext())), index)
    kept_headings = {_key("".join(h.itertext())) for h in main.iter("head")}
    inserted = False
    previous: str | None = None  # the last kept block seen
    run: list[etree._Element] = []  # the lost headings and lists seen since
    for tag, text, element in _page_sequence(tree):
        if text in where:
            if (
                run
                and previous is not None
                and where[text] == where[previous] + 1
                and all(_restorable(e, authors) for e in run)
            ):
                for lost in run:
                    blocks[where[text]].addprevious(_restored(lost))
                inserted = True
            previous, run = text, []
        elif (tag in _HEADINGS or tag in _LISTS) and text not in kept_headings:
            run.append(element)
        else:  # a block the extraction left out on purpose, or a heading it kept
            previous, run = None, []
    return etree.tostring(root, encoding="unicode") if inserted else xml
