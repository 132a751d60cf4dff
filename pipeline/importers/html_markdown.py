"""Sanitised HTML to clean Markdown, plain text from HTML, and embedded videos found in HTML.

Every path from imported HTML to a content file goes through `sanitise` (nh3): no script, style,
event handler or `javascript:` URL survives. The Markdown writer (a subclass of markdownify's
`MarkdownConverter`) then emits only CommonMark constructs (and `<sup>`/`<sub>`), with text
escaped so that prose never turns into markup.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, quote, urljoin, urlsplit

import nh3
from bs4 import BeautifulSoup, Tag
from bs4.element import PageElement
from lxml import etree
from lxml import html as lxml_html
from markdownify import MarkdownConverter

from pipeline.importers.https_hosts import HttpsHosts, upgrade_note

# What the Markdown writer understands; nh3 keeps the text of anything else and drops the tag.
SAFE_TAGS = {
    "p", "br", "hr", "a", "em", "i", "strong", "b", "code", "pre", "blockquote", "cite",
    "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "img", "figure", "figcaption",
    "sup", "sub", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "div", "section",
    "article", "span",
}  # fmt: skip
SAFE_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}


_PIXEL = re.compile(
    r"""<img\b(?=[^>]*\bwidth\s*=\s*["']?[01](?:px)?["'\s/>])"""
    r"""(?=[^>]*\bheight\s*=\s*["']?[01](?:px)?["'\s/>])[^>]*>""",
    re.I,
)
"""A tracking pixel (Medium's, Feedburner's, a mailer's): an image one pixel wide and high."""


_SHORTCODE = re.compile(r"\[/?(?:vc|et_pb|fusion|av|cs|mk|su|tatsu)_[a-z_]+(?:\s[^\]]*)?\]")
"""A page builder's shortcode left in the text (WPBakery's "[/vc_column_text]", Divi's,
Avada's): markup that did not render."""


def sanitise(fragment: str) -> str:
    """`fragment` with only SAFE_TAGS, SAFE_ATTRIBUTES and http(s)/mailto URLs left."""
    return nh3.clean(
        fragment,
        tags=SAFE_TAGS,
        attributes=SAFE_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        clean_content_tags={"script", "style", "noscript", "template", "iframe", "object"},
        link_rel=None,
        strip_comments=True,
    )


_BLOCK_END = re.compile(r"(?i)(</(?:p|div|li|h[1-6]|blockquote|td|th|tr|figcaption)>|<br\s*/?>)")


def plain_text(value: str | None) -> str:
    """Text for a front matter field: tags removed (script content too), entities decoded.

    Repeated until stable, so `&lt;script&gt;` cannot come back as a tag after decoding.
    """
    text = value or ""
    for _ in range(4):
        # A block ending where the next begins ("</p><p>") is a space, not nothing.
        spaced = _BLOCK_END.sub(r"\1 ", text)
        cleaned = html.unescape(
            nh3.clean(
                spaced, tags=set(), clean_content_tags={"script", "style"}, strip_comments=True
            )
        )
        if cleaned == text:
            break
        text = cleaned
    return " ".join(text.split())


# --- Markdown ----------------------------------------------------------------------------------


@dataclass
class Converted:
    """The Markdown body and what an editor should look at."""

    markdown: str
    notes: list[str] = field(default_factory=list)


# Private-use characters the converter uses as markers; removed from the input first.
_BREAK = "\ue000"  # a hard line break, resolved once its paragraph is known
_ROW = "\ue001"  # a table row starts
_CELL = "\ue002"  # a table cell starts
_LINK = "\ue003"  # a link starts (a "!" just before it is prose, not an image)
_MARKERS = str.maketrans("", "", _BREAK + _ROW + _CELL + _LINK)
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^(\s*)(>|~{3,}|#{1,6}(?=\s|$)|[+-](?=\s|$))", re.M)  # ">a" quotes too
_LINE_NUMBER = re.compile(r"^(\s*)(\d{1,9})([.)])(?=\s|$)", re.M)
_SETEXT = re.compile(r"^(\s*)(=+|-+)\s*$", re.M)
_THEMATIC = re.compile(r"^(\s*)(-)(?=(?:[ \t]*-){2,}[ \t]*$)", re.M)  # "- - -", "-- -"
_CLOSING_HASHES = re.compile(r"(\s)(#+)$")
_BREAKS = re.compile(f" ?{_BREAK}[ {_BREAK}]*")

# Children that are blocks of their own; any other run of children in a container is a paragraph.
_CONTAINERS = {"[document]", "div", "section", "article", "li", "blockquote", "figure"}
_BLOCKS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "figure",
    "figcaption", "hr", "table", "img", "div", "section", "article",
}  # fmt: skip


def escape_text(text: str) -> str:
    """Literal prose as Markdown: no emphasis, links, code, HTML or entities by accident."""
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([`*\[\]])", r"\\\1", text)
    text = re.sub(r"(?<!\w)_|_(?!\w)", r"\\_", text)
    text = _ENTITY.sub("&amp;", text)
    return text.replace("<", "&lt;")


def _escape_line_starts(text: str) -> str:
    text = _LINE_START.sub(r"\1\\\2", text)
    text = _LINE_NUMBER.sub(r"\1\2\\\3", text)
    text = _THEMATIC.sub(r"\1\\\2", text)
    return _SETEXT.sub(r"\1\\\2", text)


def _url(value: object, base_url: str | None) -> str | None:
    value = str(value or "").strip()
    if not value:
        return None
    absolute = urljoin(base_url, value) if base_url else value
    if urlsplit(absolute).scheme.lower() not in URL_SCHEMES:
        return None
    return quote(absolute, safe=":/?#@!$&'*+,;=%~[]")


def _wrap(marker: str, text: str) -> str:
    """`*text*` with the whitespace kept outside the markers (CommonMark needs that)."""
    stripped = text.strip(f" {_BREAK}")
    if not stripped:
        return text
    lead = text[: len(text) - len(text.lstrip(f" {_BREAK}"))]
    trail = text[len(text.rstrip(f" {_BREAK}")) :]
    return f"{lead}{marker}{stripped}{marker}{trail}"


def _flat(text: str) -> str:
    """Inline Markdown on one line (headings, captions, table cells have no hard breaks)."""
    return " ".join(text.replace(_BREAK, " ").split())


def _code_span(text: str) -> str:
    text = " ".join(text.split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


_EMPHASIS = {"em": "*", "i": "*", "cite": "*", "strong": "**", "b": "**", "code": "`"}
_RUN = "data-run"  # marks a wrapper made here (nh3 lets no data- attribute through)


def _adjacent_tag(el: Tag, forward: bool) -> Tag | None:
    """The next (or previous) sibling element, skipping whitespace between them."""
    sibling = el.next_sibling if forward else el.previous_sibling
    while sibling is not None and not isinstance(sibling, Tag) and not sibling.get_text().strip():
        sibling = sibling.next_sibling if forward else sibling.previous_sibling
    return sibling if isinstance(sibling, Tag) else None


def _list_start(listing: Tag) -> int:
    start = str(listing.get("start") or "")
    return int(start) if start.isdigit() else 1


def _item_text_before_list(el: Tag | None) -> bool:
    """`el` is an item's own loose text (no <p> in the source) followed by a nested list that
    may interrupt a paragraph (bullets, or numbers from 1).

    The two are written on adjacent lines, so the list stays tight, as it was in the HTML.
    """
    if el is None or el.name != "p" or _RUN not in el.attrs:
        return False
    if el.parent is None or el.parent.name != "li":
        return False
    following = _adjacent_tag(el, forward=True)
    if following is None:
        return False
    return following.name == "ul" or (following.name == "ol" and _list_start(following) == 1)


def _wrap_runs(soup: BeautifulSoup, container: Tag, blocks: set[str], wrapper: str) -> None:
    """Move each run of `container`'s children that are not `blocks` into a new `wrapper`."""
    run: list[PageElement] = []
    for child in [*container.children, None]:
        if child is None or (isinstance(child, Tag) and child.name in blocks):
            if any(isinstance(n, Tag) or n.get_text().strip() for n in run):
                wrapped = soup.new_tag(wrapper, attrs={_RUN: ""})
                run[0].insert_before(wrapped)
                for node in run:
                    wrapped.append(node.extract())
            run = []
        else:
            run.append(child)


def _group_paragraphs(soup: BeautifulSoup) -> None:
    """Wrap each run of inline children of a container (text, links, emphasis) in a `<p>`,
    and anything in a list that is not an item (text, a nested list) in an item of its own.

    Then every line of prose is inside a paragraph, where its line starts can be escaped.
    """
    # `<em>a</em><em>b</em>` would be `*a**b*`: adjacent emphasis (or code) of one kind is one run.
    for element in soup.find_all(list(_EMPHASIS)):
        following = element.next_sibling
        while isinstance(following, Tag) and _EMPHASIS.get(following.name) == _EMPHASIS.get(
            element.name
        ):
            for node in list(following.children):
                element.append(node.extract())
            following.decompose()
            following = element.next_sibling
    for listing in soup.find_all(["ul", "ol"]):
        _wrap_runs(soup, listing, {"li"}, "li")
    for container in [
        soup,
        *(t for t in soup.descendants if isinstance(t, Tag) and t.name in _CONTAINERS),
    ]:
        _wrap_runs(soup, container, _BLOCKS, "p")


class _Converter(MarkdownConverter):
    """markdownify with our rules: ATX headings from `##` (the title is the only h1), `*` and
    `**` emphasis, `-` bullets, absolute http(s)/mailto links and images without titles, GFM
    tables, fenced code, figure captions in italics, and every line of prose escaped so that
    it stays prose. The only HTML it writes is `<sup>`/`<sub>`, which the body sanitiser keeps.
    """

    def __init__(self, base_url: str | None, https: HttpsHosts | None) -> None:
        super().__init__(
            heading_style="atx",
            wrap=True,  # every run of whitespace outside <pre> is one space
            wrap_width=None,
            autolinks=False,
            sup_symbol="<sup>",
            sub_symbol="<sub>",
        )
        self.base_url = base_url
        self.https = https
        self.upgraded: dict[str, str] = {}
        self.notes: list[str] = []

    def url(self, value: object) -> str | None:
        """An absolute http(s)/mailto URL (https if its host is known to serve it), or None."""
        url = _url(value, self.base_url)
        if url and self.https and (upgraded := self.https.upgrade(url)):
            self.upgraded.setdefault(url, upgraded)
            return upgraded
        return url

    def escape(self, text: str, parent_tags: set[str]) -> str:
        return escape_text(text)

    # inline ---------------------------------------------------------------------------------

    def convert_br(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return " " if "_inline" in parent_tags else _BREAK

    def convert_a(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if "_noformat" in parent_tags:
            return text
        href = self.url(el.get("href"))
        if not text.strip(f" {_BREAK}"):
            return ""
        if not href:
            return text
        stripped = text.strip(f" {_BREAK}")
        if "\n\n" in text:  # a link around blocks (Substack's image, a card): no
            return text  # Markdown link can hold them; the blocks stay, the link goes
        lead = text[: len(text) - len(text.lstrip(f" {_BREAK}"))]
        trail = text[len(text.rstrip(f" {_BREAK}")) :]
        return f"{lead}{_LINK}[{stripped}]({href}){trail}"

    def convert_em(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return text if "_noformat" in parent_tags else _wrap("*", text)

    convert_i = convert_em
    convert_cite = convert_em

    def convert_strong(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return text if "_noformat" in parent_tags else _wrap("**", text)

    convert_b = convert_strong

    def convert_code(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if "_noformat" in parent_tags:
            return text
        code = el.get_text()
        if not code.strip():
            return code and " "
        lead = " " if code[0].isspace() else ""
        trail = " " if code[-1].isspace() else ""
        return f"{lead}{_code_span(code)}{trail}"

    def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        src = self.url(el.get("src"))
        if not src or src.startswith("mailto:"):
            return ""
        alt = " ".join(str(el.get("alt") or "").split())
        if not alt:
            self.notes.append(
                f"body image {src} has no alt text: describe it for readers who cannot see it, "
                "or remove it"
            )
        image = f"![{escape_text(alt)}]({src})"
        # In a paragraph, a heading or a cell an image stays inline; elsewhere it is a block.
        parent = el.parent.name if el.parent else ""
        return f"\n\n{image}\n\n" if parent in _CONTAINERS else image

    # blocks ---------------------------------------------------------------------------------

    def convert_p(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if "_inline" in parent_tags:
            return f" {_flat(text)} "
        text = re.sub(" {2,}", " ", text).strip(f" {_BREAK}")
        text = _escape_line_starts(_BREAKS.sub("\\\n", text))
        if not text:
            return ""
        return f"\n\n{text}\n" if _item_text_before_list(el) else f"\n\n{text}\n\n"

    def convert_hN(self, n: int, el: Tag, text: str, parent_tags: set[str]) -> str:
        if "_inline" in parent_tags:
            return text
        text = _CLOSING_HASHES.sub(r"\1\\\2", _flat(text))
        level = min(6, max(2, n))  # the title is the only h1
        return f"\n\n{'#' * level} {text}\n\n" if text else ""

    def convert_figure(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        text = text.strip()
        return f"\n\n{text}\n\n" if text else ""

    def convert_figcaption(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        caption = _flat(text)
        return f"\n\n{_wrap('*', caption)}\n\n" if caption else ""

    def convert_pre(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        code = el.get_text().strip("\n")
        if not code.strip():
            return ""
        longest = max((len(r) for r in re.findall(r"`{3,}", code)), default=2)
        fence = "`" * (longest + 1)
        return f"\n\n{fence}\n{code}\n{fence}\n\n"

    def convert_ul(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        text = text.strip("\n")
        if not text:
            return ""
        tight = _item_text_before_list(_adjacent_tag(el, forward=False))
        return f"\n{text}\n\n" if tight else f"\n\n{text}\n\n"

    convert_ol = convert_ul

    def convert_li(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        text = text.strip()
        if not text:
            return ""
        parent = el.parent
        if parent is not None and parent.name == "ol":
            number = _list_start(parent) + len(el.find_previous_siblings("li"))
            marker = f"{number}. "
        else:
            marker = "- "
        indent = " " * len(marker)
        lines = text.split("\n")
        return (
            marker
            + lines[0]
            + "".join(f"\n{indent}{ln}" if ln else "\n" for ln in lines[1:])
            + "\n"
        )

    def convert_td(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return _CELL + _flat(text).replace("|", "\\|")

    convert_th = convert_td

    def convert_tr(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return _ROW + text

    def convert_table(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        rows = [row.split(_CELL)[1:] for row in text.split(_ROW)[1:]]
        rows = [row for row in rows if row]
        if not rows:
            return ""
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
        lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
        return "\n\n" + "\n".join(lines) + "\n\n"


def unwrap_layout_tables(html: str) -> str:
    """`html` without the tables that only lay the page out (see `_unwrap_layout_tables`):
    the extractor reads a page set in one as a table, and drops the lists in its cells."""
    soup = BeautifulSoup(html, "html.parser")
    _unwrap_layout_tables(soup)
    return str(soup)


def _unwrap_layout_tables(soup: BeautifulSoup) -> None:
    """Take the text out of the tables that only lay the page out: a table holding a table (a
    newsletter's email, an old CMS's page), one of one cell a row that holds paragraphs or
    lists, or one whose cells hold headings or paragraphs of text."""
    for _ in range(200):  # (outermost first: each unwrapping may leave another to unwrap)
        table = next((t for t in soup.find_all("table") if _lays_out(t)), None)
        if table is None:
            return
        for cell in table.find_all(["td", "th"]):
            if cell.find_parent("table") is table:
                cell.name = "div"
        for part in table.find_all(["tr", "tbody", "thead", "tfoot"]):
            if part.find_parent("table") is table:
                part.unwrap()
        table.unwrap()


def _lays_out(table: Tag) -> bool:
    rows = [r for r in table.find_all("tr") if r.find_parent("table") is table]
    cells = [c for row in rows for c in row.find_all(["td", "th"], recursive=False)]
    if not cells:
        return False
    if table.find("table") is not None or len(cells) == 1:
        return True  # (one cell is no table of data)
    blocks = ["p", "h1", "h2", "h3", "h4", "ul", "ol", "blockquote"]
    if all(len(row.find_all(["td", "th"], recursive=False)) <= 1 for row in rows):
        return any(cell.find(blocks) for cell in cells)
    return any(
        cell.find(["h1", "h2", "h3", "h4"]) or len(cell.find_all("p")) >= 2 for cell in cells
    )


def html_to_markdown(
    fragment: str, base_url: str | None, https: HttpsHosts | None = None
) -> Converted:
    """Sanitise `fragment` and write it as Markdown; relative links resolved against `base_url`.

    With `https`, an `http://` link or image on a host known to serve https is written as
    `https://`, and one note lists every such upgrade.
    """
    clean = sanitise(_SHORTCODE.sub("", _PIXEL.sub("", fragment))).translate(_MARKERS)
    if not clean.strip():
        return Converted("")
    soup = BeautifulSoup(clean, "html.parser")
    _unwrap_layout_tables(soup)
    _group_paragraphs(soup)
    converter = _Converter(base_url, https)
    text = converter.convert_soup(soup).replace(_BREAK, " ").replace("!" + _LINK, "\\!")
    text = text.replace(_LINK, "").strip()
    notes = converter.notes + ([upgrade_note(converter.upgraded)] if converter.upgraded else [])
    return Converted(text + "\n" if text else "", notes)


# --- trafilatura's XML --------------------------------------------------------------------------

_TEI_TO_HTML = {"list": "ul", "item": "li", "quote": "blockquote", "ref": "a", "graphic": "img"}
_TEI_ROWS = {"row": "tr", "cell": "td", "lb": "br"}


def _asks(definitions: etree._Element) -> bool:
    """A `<dl>` of questions and answers (its terms are sentences: "What surprised you most?"),
    not of fields ("Date", "Venue"), which stays a list."""
    terms = ["".join(i.itertext()) for i in definitions if (i.get("rend") or "").startswith("dt")]
    return bool(terms) and any(t.rstrip().endswith("?") or len(t.split()) >= 6 for t in terms)


def trafilatura_xml_to_html(xml: str) -> str:
    """trafilatura's XML (`<head rend="h2">`, `<list rend="ol">`, `<hi rend="#b">`…) as HTML.

    Its XML keeps more than its Markdown (which drops blockquotes and keeps `javascript:` links)
    and more than its HTML (which turns ordered lists into bullets).
    """
    root = etree.fromstring(
        xml.encode("utf-8"), etree.XMLParser(recover=True, resolve_entities=False)
    )
    main = root.find("main")
    if main is None:
        return ""
    for element in main.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        rend = element.get("rend") or ""
        if tag == "head":
            element.tag = rend if re.fullmatch(r"h[1-6]", rend) else "h2"
        elif tag == "list" and rend == "dl" and _asks(element):  # an interview's <dl>
            element.tag = "div"
        elif tag == "item" and re.match(r"d[td]-\d", rend) and element.getparent().tag == "div":
            element.tag = "p"
            if rend.startswith("dt"):  # the term (the question) in bold, over its answer
                strong = etree.SubElement(element, "strong")
                strong.text, element.text = element.text, None
                for child in list(element)[:-1]:
                    strong.append(child)
        elif tag == "list":
            element.tag = "ol" if rend == "ol" else "ul"
        elif tag == "hi":
            element.tag = {
                "#b": "strong",
                "#i": "em",
                "#u": "em",
                "#t": "code",
                "#sup": "sup",
                "#sub": "sub",
            }.get(rend, "span")
        elif tag == "ref":
            element.tag = "a"
            element.set("href", element.get("target") or "")
        elif tag in _TEI_TO_HTML:
            element.tag = _TEI_TO_HTML[tag]
        elif tag == "cell":
            element.tag = "th" if element.get("role") == "head" else "td"
        elif tag in _TEI_ROWS:
            element.tag = _TEI_ROWS[tag]
        elif tag == "code" and element.getparent() is main:
            element.tag = "pre"
        for name in ("rend", "target", "role"):
            element.attrib.pop(name, None)
    main.tag = "div"
    return str(etree.tostring(main, encoding="unicode", method="html"))


# --- video ---------------------------------------------------------------------------------------

_YOUTUBE = re.compile(
    r"(?:youtube(?:-nocookie)?\.com/(?:embed/|watch\?(?:.*&)?v=|shorts/|live/)|youtu\.be/)([\w-]{11})"
)
_VIMEO = re.compile(r"(?:player\.vimeo\.com/video/|vimeo\.com/)(\d+)")


def video_url(src: str) -> str | None:
    """The watch page of an embedded YouTube or Vimeo player, or None."""
    if match := _YOUTUBE.search(src):
        return f"https://www.youtube.com/watch?v={match.group(1)}"
    if match := _VIMEO.search(src):
        return f"https://vimeo.com/{match.group(1)}"
    if "youtube" in src and (ids := parse_qs(urlsplit(src).query).get("v")):
        return f"https://www.youtube.com/watch?v={ids[0]}"
    return None


_VIDEO_XPATH = (
    "//iframe[@src or @data-src] | //amp-youtube[@data-videoid] | //amp-vimeo[@data-videoid]"
    " | //amp-iframe[@src] | //embed[@src]"
    " | //*[contains(concat(' ', normalize-space(@class), ' '), ' wp-block-embed__wrapper ')]"
)


def find_video(tree: etree._Element) -> dict[str, str]:
    """The first embedded video in the main text (article, then main, then the whole page)."""
    for scope in ("//article", "//main", "//*[contains(@class, 'entry-content')]", "/*"):
        for container in tree.xpath(scope):
            for element in container.xpath("." + _VIDEO_XPATH.replace(" | //", " | .//")):
                found = _video_of(element)
                if found:
                    return found
    return {}


def _video_of(element: etree._Element) -> dict[str, str]:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "amp-youtube":
        url: str | None = f"https://www.youtube.com/watch?v={element.get('data-videoid')}"
    elif tag == "amp-vimeo":
        url = f"https://vimeo.com/{element.get('data-videoid')}"
    elif tag in {"iframe", "amp-iframe", "embed"}:
        url = video_url(element.get("src") or element.get("data-src") or "")
    else:  # a WordPress embed wrapper holding the bare watch URL
        url = video_url(" ".join(element.itertext()))
    if not url:
        return {}
    title = plain_text(element.get("title") or element.get("aria-label") or "")
    return {"url": url, "title": title} if title else {"url": url}


def parse_html(text: str) -> etree._Element:
    """A page's HTML as an lxml tree (an XML declaration in a str is dropped first)."""
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    return lxml_html.document_fromstring(text or "<html></html>")
