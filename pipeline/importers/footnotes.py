"""A page's footnotes as Markdown footnotes (`[^1]` in the text, `[^1]: the note` after it).

Sites write them many ways: a superscript number linking to a list of notes (WordPress
plugins, Pandoc, markdown-it: `<sup><a href="#fn1">1</a></sup>` … `<li id="fn1">`), or a
bracketed number linking to a paragraph that starts with an anchor (Word: `<a href="#_ftn1">[1]</a>`
… `<p><a name="_ftn1" href="#_ftnref1">[1]</a> The note.</p>`). What they share: a link to an
anchor in the same page whose text is only a number or a note mark, and a target that holds
the note. The text extractor keeps neither the anchors nor, often, the notes: each reference
becomes a marker first (`take`), and the marker `[^n]` once the body is Markdown (`place`).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from urllib.parse import unquote

from lxml import etree
from lxml import html as lxml_html

from pipeline.importers.html_markdown import html_to_markdown
from pipeline.importers.https_hosts import HttpsHosts

MARKER = "⟦fn:{}⟧"
"""A reference while the page goes through the extractor (which keeps these characters)."""
MARKED = re.compile(r"⟦fn:(\d+)⟧")
"""A reference `MARKER` wrote, its number the group."""
_MARKER = re.compile(rf"(?:<sup>)?{MARKED.pattern}(?:</sup>)?")
_LABEL = re.compile(
    r"\s*[\[(]?\s*(?:\d{1,3}[a-z]?|[a-z]|[ivxlc]{1,6}|[*†‡§¶]{1,3})\s*[\])]?\.?\s*", re.I
)
_BACK = re.compile(r"\s*(?:[↩↑⤴^]\ufe0e?|back|return|retour|zurück)?\s*", re.I)
_BLOCK = {"li", "p", "div", "dd", "td", "aside", "section", "footer"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_NOT_NOTES = {"html", "body", "main", "article", *_HEADINGS}
_MAX_NOTE = 3000
"""Characters: a target longer than this is a section, not a note."""


@dataclass(frozen=True)
class Taken:
    """The page with markers for references, and the notes' HTML in number order."""

    html: str
    notes: tuple[str, ...]


_IN_PAGE_LINK = re.compile(r"""href\s*=\s*["']?#""", re.I)


def take(html: str, page_url: str | None, tree: etree._Element | None = None) -> Taken | None:
    """Replace the footnote references of the page `html` (parsed, or its `tree`, which is then
    changed) with markers and remove the notes, and write its other in-page links (`#part-2`)
    as links to `page_url` (the extractor would resolve them against the site's root); None,
    and nothing parsed or changed, when the page has neither."""
    if _IN_PAGE_LINK.search(html) is None:
        return None  # no link to an anchor in the page: no footnote, and no parse
    if tree is None:
        tree = lxml_html.document_fromstring(html)
    anchors: dict[str, etree._Element] = {}
    position: dict[int, int] = {}
    elements = list(tree.iter())  # held, so that each element keeps one proxy (and id)
    for index, element in enumerate(elements):
        position[id(element)] = index
        for name in ("id", "name"):
            value = element.get(name)
            if isinstance(element.tag, str) and value and value not in anchors:
                anchors[value] = element
    pairs: list[tuple[etree._Element, etree._Element]] = []
    for link in tree.iter("a"):
        href = link.get("href") or ""
        label = link.text_content()
        if len(href) < 2 or not href.startswith("#") or not _LABEL.fullmatch(label):
            continue
        if label.strip(" []()").isalpha() and len(label.strip(" []()")) == 1 and not _marked(link):
            continue  # "A", "B": a jump list's letters, unless set as a note mark
        target = anchors.get(unquote(href[1:]))
        note = _note_of(target) if target is not None else None
        # A note follows its reference; a link back from a note to the text (Word's "[1]"
        # before each note) precedes what it points to, and is no reference.
        if note is not None and not _inside(link, note) and position[id(link)] < position[id(note)]:
            pairs.append((link, note))
    in_page = any((a.get("href") or "").startswith("#") for a in tree.iter("a"))
    if not pairs and not (page_url and in_page):
        return None
    numbers: dict[int, int] = {}
    ordered: list[etree._Element] = []
    for link, note in pairs:
        if id(note) not in numbers:
            numbers[id(note)] = len(ordered) + 1
            ordered.append(note)
        reference = link.getparent() if _only_child_text(link) else link
        _replace_with_text(reference, MARKER.format(numbers[id(note)]))
    texts = tuple(_note_html(note) for note in ordered)
    for note in ordered:
        _remove_with_empty_parents(note)
    if page_url:
        for link in tree.iter("a"):
            href = link.get("href") or ""
            if href.startswith("#"):
                link.set("href", page_url.split("#")[0] + href)
    return Taken(lxml_html.tostring(tree, encoding="unicode"), texts)


def placed(
    markdown: str,
    taken: Taken | None,
    base_url: str | None,
    https: HttpsHosts | None,
    review: list[str],
) -> str:
    """`markdown` with each marker as `[^n]` and the notes it refers to after it, numbered in
    the order the text (then a note) refers to them, each converted as the body was (what
    their conversion notes, an https upgrade, goes to `review`)."""
    if taken is None:
        return markdown
    notes = taken.notes
    order: dict[int, int] = {}
    met: list[int] = []

    def mark(match: re.Match[str]) -> str:
        found = int(match.group(1))
        if not 1 <= found <= len(notes):
            return ""
        if found not in order:
            order[found] = len(order) + 1
            met.append(found)
        return f"[^{order[found]}]"

    body = _MARKER.sub(mark, markdown)
    definitions = []
    for found in met:  # grows while it runs: a note may cite another note
        note = html_to_markdown(notes[found - 1], base_url, https)
        review.extend(note.notes)
        text = _MARKER.sub(mark, " ".join(note.markdown.split())) or "(empty note)"
        definitions.append(f"[^{order[found]}]: {text}")
    if not definitions:
        return body
    return body.rstrip("\n") + "\n\n" + "\n".join(definitions) + "\n"


def _marked(link: etree._Element) -> bool:
    """Set as a note mark: in a superscript, or named a footnote by its class or role."""
    for element in (link, link.getparent()):
        if element is None:
            continue
        if element.tag == "sup":
            return True
        named = f"{element.get('class') or ''} {element.get('role') or ''}".lower()
        if "foot" in named or "note" in named or "fn" in named.split():
            return True
    return False


def _note_of(target: etree._Element) -> etree._Element | None:
    note: etree._Element | None = target
    while note is not None and (note.tag not in _BLOCK or not note.text_content().strip()):
        if note.tag in _NOT_NOTES:
            return None
        note = note.getparent()
    if note is None or note.tag in _NOT_NOTES or len(note.text_content()) > _MAX_NOTE:
        return None
    if any(isinstance(e.tag, str) and e.tag in _HEADINGS for e in note.iter()):
        return None  # a section of the text (a jump list's target), not a note
    return note


def _inside(element: etree._Element, container: etree._Element) -> bool:
    return any(ancestor is container for ancestor in element.iterancestors()) or (
        element is container
    )


def _only_child_text(link: etree._Element) -> bool:
    parent = link.getparent()
    return (
        parent is not None
        and parent.tag == "sup"
        and parent.text_content().strip() == link.text_content().strip()
    )


def _replace_with_text(element: etree._Element, text: str) -> None:
    parent = element.getparent()
    if parent is None:
        return
    joined = text + (element.tail or "")
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + joined
    else:
        parent.text = (parent.text or "") + joined
    parent.remove(element)


def _note_html(note: etree._Element) -> str:
    """The note's content without its back-links and leading number."""
    copied = copy.deepcopy(note)
    for link in list(copied.iter("a")):
        href = link.get("href") or ""
        text = link.text_content()
        if href.startswith("#") and (_LABEL.fullmatch(text) or _BACK.fullmatch(text)):
            _replace_with_text(link, "")
    for element in list(copied.iter()):  # what is left of them: MediaWiki's "^ a b"
        if element is not copied and _ARROWS.fullmatch(element.text_content()):
            _replace_with_text(element, "")
    copied.text = _ARROWS.sub("", copied.text or "", count=1)
    copied.tag = "div"
    for name in list(copied.attrib):
        del copied.attrib[name]
    inner = (copied.text or "") + "".join(
        lxml_html.tostring(child, encoding="unicode") for child in copied
    )
    # what a back-link written as the note's number leaves ("<a href=#ref1>1</a>. Voir …")
    return _LEADING_NUMBER.sub("", _LEFT_OF_NUMBER.sub("", inner.strip()))


_LEADING_NUMBER = re.compile(r"^(?:\[\d{1,3}\]|\(\d{1,3}\)|\d{1,3}[.)])\s+")
"""A note's own number before its text ("1. ", "[1] "); a list's numbers are the list's."""
_LEFT_OF_NUMBER = re.compile(r"^[.):\]](?=\s)\s*")
_ARROWS = re.compile(r"^\s*(?:[\^↑↩]\ufe0e?\s*)+")
"""Back-link arrows written as text before the links' letters (MediaWiki's "^ a b")."""


def _remove_with_empty_parents(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    _replace_with_text(element, "")
    while parent is not None and parent.tag not in _NOT_NOTES and not parent.text_content().strip():
        grandparent = parent.getparent()
        if grandparent is None:
            break
        _replace_with_text(parent, "")
        parent = grandparent
