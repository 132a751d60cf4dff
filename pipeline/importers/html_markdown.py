"""Sanitised HTML to clean Markdown, plain text from HTML, and embedded videos found in HTML.

Every path from imported HTML to a content file goes through `sanitise` (nh3): no script, style,
event handler or `javascript:` URL survives. The Markdown writer then emits only CommonMark
constructs (and `<sup>`/`<sub>`), with text escaped so that prose never turns into markup.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, quote, urljoin, urlsplit

import nh3
from lxml import etree
from lxml import html as lxml_html

# What the Markdown writer understands; nh3 keeps the text of anything else and drops the tag.
SAFE_TAGS = {
    "p", "br", "hr", "a", "em", "i", "strong", "b", "code", "pre", "blockquote", "cite",
    "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "img", "figure", "figcaption",
    "sup", "sub", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "div", "section",
    "article", "span",
}  # fmt: skip
SAFE_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
_BLOCK_CONTAINERS = {"div", "section", "article", "body", "main"}
_BLOCKS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre", "figure", "hr",
    "table", "img", "figcaption", *_BLOCK_CONTAINERS,
}  # fmt: skip


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


_BREAK = "\ue000"  # a hard line break, kept apart from the whitespace that is collapsed
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^(\s*)([#>+-])(?=\s|$)", re.M)
_LINE_NUMBER = re.compile(r"^(\s*)(\d{1,9})([.)])(?=\s|$)", re.M)
_SETEXT = re.compile(r"^(\s*)(=+|-+)\s*$", re.M)


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
    return _SETEXT.sub(r"\1\\\2", text)


def _url(value: str | None, base_url: str | None) -> str | None:
    if not value or not value.strip():
        return None
    absolute = urljoin(base_url, value.strip()) if base_url else value.strip()
    if urlsplit(absolute).scheme.lower() not in URL_SCHEMES:
        return None
    return quote(absolute, safe=":/?#@!$&'*+,;=%~[]")


def _wrap(marker: str, text: str) -> str:
    """`*text*` with the whitespace kept outside the markers (CommonMark needs that)."""
    stripped = text.strip()
    if not stripped:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
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


class _Writer:
    def __init__(self, base_url: str | None) -> None:
        self.base_url = base_url
        self.notes: list[str] = []

    # inline ---------------------------------------------------------------------------------

    def inline(self, element: etree._Element) -> str:
        parts = [escape_text(element.text or "")]
        for child in element:
            parts.append(self.inline_element(child))
            parts.append(escape_text(child.tail or ""))
        return _SPACES.sub(" ", "".join(parts))

    def inline_element(self, element: etree._Element) -> str:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "br":
            return _BREAK
        if tag == "img":
            return self.image(element)
        if tag == "code":
            return _code_span(element.text_content())
        inner = self.inline(element)
        if tag == "a":
            href = _url(element.get("href"), self.base_url)
            if not inner.strip():
                return ""
            return f"[{inner.strip()}]({href})" if href else inner
        if tag in {"em", "i", "cite"}:
            return _wrap("*", inner)
        if tag in {"strong", "b"}:
            return _wrap("**", inner)
        if tag in {"sup", "sub"}:
            return f"<{tag}>{inner.strip()}</{tag}>" if inner.strip() else ""
        return inner

    def image(self, element: etree._Element) -> str:
        src = _url(element.get("src"), self.base_url)
        if not src or src.startswith("mailto:"):
            return ""
        alt = " ".join((element.get("alt") or "").split())
        if not alt:
            self.notes.append(
                f"body image {src} has no alt text: describe it for readers who cannot see it, "
                "or remove it"
            )
        return f"![{escape_text(alt)}]({src})"

    # blocks ---------------------------------------------------------------------------------

    def blocks(self, container: etree._Element, paragraph: bool = False) -> list[str]:
        """Markdown blocks of a container's children; loose inline runs become paragraphs.

        In a paragraph an image stays inline; elsewhere it is a block of its own.
        """
        out: list[str] = []
        run: list[str] = [escape_text(container.text or "")]

        def flush() -> None:
            text = _SPACES.sub(" ", "".join(run)).strip(f" {_BREAK}")
            text = re.sub(f" ?{_BREAK}[ {_BREAK}]*", "\\\n", text)
            if text:
                out.append(_escape_line_starts(text))
            run.clear()

        for child in container:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in _BLOCKS and not (paragraph and tag == "img"):
                flush()
                out.extend(self.block(child, tag))
            elif tag:
                run.append(self.inline_element(child))
            run.append(escape_text(child.tail or ""))
        flush()
        return out

    def block(self, element: etree._Element, tag: str) -> list[str]:
        if tag == "p":
            return self.blocks(element, paragraph=True)
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            text = _flat(self.inline(element))
            level = max(2, int(tag[1]))  # the title is the only h1
            return [f"{'#' * level} {text}"] if text else []
        if tag in {"ul", "ol"}:
            return self.list_block(element, ordered=tag == "ol")
        if tag == "blockquote":
            inner = "\n\n".join(self.blocks(element))
            return [re.sub(r"^", "> ", inner, flags=re.M).replace("> \n", ">\n")] if inner else []
        if tag == "pre":
            code = element.text_content().strip("\n")
            longest = max((len(r) for r in re.findall(r"`{3,}", code)), default=2)
            fence = "`" * (longest + 1)
            return [f"{fence}\n{code}\n{fence}"] if code.strip() else []
        if tag == "img":
            image = self.image(element)
            return [image] if image else []
        if tag == "figcaption":
            caption = _flat(self.inline(element))
            return [_wrap("*", caption)] if caption else []
        if tag == "hr":
            return ["* * *"]
        if tag == "table":
            return self.table(element)
        return self.blocks(element)  # figure, div, section, article

    def list_block(self, element: etree._Element, ordered: bool) -> list[str]:
        start = element.get("start")
        number = int(start) if ordered and start and start.isdigit() else 1
        items: list[str] = []
        for child in element:
            if child.tag != "li":
                continue
            marker = f"{number}. " if ordered else "- "
            number += 1
            body = "\n\n".join(self.blocks(child)) or ""
            indent = " " * len(marker)
            lines = body.split("\n")
            text = (
                marker + lines[0] + "".join(f"\n{indent}{ln}" if ln else "\n" for ln in lines[1:])
            )
            items.append(text.rstrip())
        return ["\n".join(items)] if items else []

    def table(self, element: etree._Element) -> list[str]:
        rows = [
            [
                _flat(self.inline(cell)).replace("|", "\\|")
                for cell in row
                if cell.tag in {"td", "th"}
            ]
            for row in element.iter("tr")
        ]
        rows = [row for row in rows if row]
        if not rows:
            return []
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
        lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
        return ["\n".join(lines)]


def html_to_markdown(fragment: str, base_url: str | None) -> Converted:
    """Sanitise `fragment` and write it as Markdown; relative links resolved against `base_url`."""
    clean = sanitise(fragment)
    if not clean.strip():
        return Converted("")
    root = lxml_html.fragment_fromstring(clean, create_parent="div")
    writer = _Writer(base_url)
    blocks = [b for b in writer.blocks(root) if b.strip()]
    return Converted("\n\n".join(blocks).strip() + "\n" if blocks else "", writer.notes)


# --- trafilatura's XML --------------------------------------------------------------------------

_TEI_TO_HTML = {"list": "ul", "item": "li", "quote": "blockquote", "ref": "a", "graphic": "img"}
_TEI_ROWS = {"row": "tr", "cell": "td", "lb": "br"}


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
