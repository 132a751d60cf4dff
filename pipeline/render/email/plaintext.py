"""The plain-text part, written from the Markdown tokens of the article (not from its HTML).

Paragraphs are wrapped at 72 columns; links become numbered references (`text [1]`) listed
after the body; lists, quotes, headings, code and tables keep a readable plain-text form.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urljoin

from markdown_it.token import Token

from pipeline import markdown

WIDTH = 72
GLUE = "\ue000"
"""Joins a reference number to the word before it while wrapping; a space once wrapped."""
TAG_RE = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class PlainText:
    """A body as plain text, and the URLs its `[n]` references point to (1-based)."""

    text: str
    links: tuple[str, ...]


def wrap(text: str, width: int = WIDTH, prefix: str = "", first_prefix: str | None = None) -> str:
    """Fill `text` to `width` columns; URLs and long words are never broken."""
    lines: list[str] = []
    for number, segment in enumerate(text.split("\n")):
        start = first_prefix if first_prefix is not None and number == 0 else prefix
        filled = textwrap.wrap(
            " ".join(segment.split()),
            width=max(width - len(prefix), 20),
            break_long_words=False,
            break_on_hyphens=False,
        ) or [""]
        lines.extend((start if i == 0 else prefix) + line for i, line in enumerate(filled))
    return "\n".join(line.rstrip() for line in lines).replace(GLUE, " ")


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def superscript(number: int) -> str:
    """A footnote's number as plain text shows it (`[n]` is a link's reference there)."""
    return str(number).translate(_SUPERSCRIPT)


@dataclass
class _Item:
    marker: str
    pending: bool = True


@dataclass
class _Writer:
    base_url: str
    link: Callable[[str], str]
    width: int
    lines: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    frames: list[_Item | None] = field(default_factory=list)
    """Open list items (`_Item`) and block quotes (`None`), outermost first."""
    lists: list[list[int]] = field(default_factory=list)
    """Open lists: [next number] for ordered lists, [] for bullet lists."""
    list_start: bool = False

    def prefixes(self) -> tuple[str, str]:
        first, rest = "", ""
        for frame in self.frames:
            if frame is None:
                first, rest = first + "> ", rest + "> "
            else:
                first += frame.marker if frame.pending else " " * len(frame.marker)
                rest += " " * len(frame.marker)
        return first, rest

    def emit(self, block: str, tight: bool = False, fill: bool = True) -> None:
        if self.lines and not (tight and not self.list_start):
            # The blank line keeps the quote marks the blocks on both sides share.
            depth = sum(1 for f in self.frames if f is None)
            before = self.lines[-1][: len(self.lines[-1]) - len(self.lines[-1].lstrip("> "))]
            self.lines.append(("> " * min(depth, before.count(">"))).rstrip())
        self.list_start = False
        first, rest = self.prefixes()
        if fill:
            text = wrap(block, self.width, rest, first)
        else:
            text = "\n".join(
                ((first if i == 0 else rest) + line).rstrip()
                for i, line in enumerate(block.split("\n"))
            )
        self.lines.extend(text.replace(GLUE, " ").split("\n"))
        for frame in self.frames:
            if frame is not None:
                frame.pending = False

    def reference(self, url: str) -> int:
        url = self.link(urljoin(self.base_url, url))
        if url not in self.links:
            self.links.append(url)
        return self.links.index(url) + 1

    def inline(self, token: Token) -> str:
        parts: list[str] = []
        href: str | None = None
        link_text_from = 0
        for child in token.children or []:
            kind = child.type
            if kind in {"text", "code_inline"}:
                parts.append(child.content)
            elif kind == "softbreak":
                parts.append(" ")
            elif kind == "hardbreak":
                parts.append("\n")
            elif kind in {"em_open", "em_close"}:
                parts.append("_")
            elif kind in {"strong_open", "strong_close"}:
                parts.append("*")
            elif kind == "footnote_ref":
                parts.append(superscript(markdown.note_number(child)))
            elif kind == "image":
                alt = child.content.strip()
                parts.append(f"[Image: {alt}]" if alt else "[Image]")
            elif kind == "link_open":
                href = str(child.attrGet("href") or "")
                link_text_from = len(parts)
            elif kind == "link_close" and href is not None:
                shown = "".join(parts[link_text_from:]).strip()
                if shown == href:  # an autolink: the URL itself, tracked like the others
                    parts[link_text_from:] = [self.link(urljoin(self.base_url, href))]
                elif shown == href.removeprefix("mailto:"):
                    pass  # an address shown as itself needs no reference
                else:
                    parts.append(f"{GLUE}[{self.reference(href)}]")
                href = None
        return "".join(parts).strip()

    def walk(self, tokens: Sequence[Token]) -> None:
        row: list[str] = []
        first_row = False
        for index, token in enumerate(tokens):
            kind = token.type
            if kind == "inline" and tokens[index - 1].type == "paragraph_open":
                self.emit(self.inline(token), tight=tokens[index - 1].hidden)
            elif kind == "inline" and tokens[index - 1].type == "heading_open":
                text = self.inline(token)
                if tokens[index - 1].tag in {"h1", "h2"}:
                    self.emit(f"{text}\n{'-' * len(text)}", fill=False)
                else:
                    self.emit(text)
            elif kind == "inline" and tokens[index - 1].type in {"th_open", "td_open"}:
                row.append(self.inline(token))
            elif kind == "tr_close":
                self.emit(" | ".join(row), tight=not first_row, fill=False)
                row, first_row = [], False
            elif kind == "table_open":
                first_row = True
            elif kind in {"bullet_list_open", "ordered_list_open"}:
                start = int(token.attrGet("start") or 1)
                self.lists.append([start] if kind == "ordered_list_open" else [])
                # A list right after its item's text in a tight list goes on the next line.
                self.list_start = not any(isinstance(f, _Item) for f in self.frames)
            elif kind in {"bullet_list_close", "ordered_list_close"}:
                self.lists.pop()
            elif kind == "list_item_open":
                counter = self.lists[-1]
                if counter:
                    marker = f"{counter[0]}. "
                    counter[0] += 1
                else:
                    marker = "- "
                self.frames.append(_Item(marker))
            elif kind == "blockquote_open":
                self.frames.append(None)
            elif kind in {"list_item_close", "blockquote_close"}:
                self.frames.pop()
            elif kind in {"fence", "code_block"}:
                code = "\n".join("    " + line for line in token.content.rstrip("\n").split("\n"))
                self.emit(code, fill=False)
            elif kind in {"hr", "footnote_block_open"}:  # the footnotes follow a rule
                self.emit("* * *", fill=False)
            elif kind == "footnote_open":  # a note: "¹ The source.", as its reference shows
                self.frames.append(_Item(f"{superscript(markdown.note_number(token))} "))
            elif kind == "footnote_close":
                self.frames.pop()
            elif kind == "html_block":
                text = html.unescape(TAG_RE.sub(" ", token.content)).strip()
                if text:
                    self.emit(text)


def markdown_to_text(
    body: str, base_url: str, link: Callable[[str], str] = str, width: int = WIDTH
) -> PlainText:
    """Plain text of a Markdown `body`; relative links resolve against `base_url`."""
    writer = _Writer(base_url=base_url, link=link, width=width)
    writer.walk(markdown.parse(body))
    return PlainText("\n".join(writer.lines).strip("\n"), tuple(writer.links))
