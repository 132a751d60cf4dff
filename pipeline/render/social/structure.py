"""The body as an editor structured it: paragraphs, list items, quotes, sections and links.

Drafts prefer what the Markdown marks as the argument (list items, block quotes, the last
section), so the blocks are read from the parsed body rather than guessed from words.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from markdown_it.token import Token

from pipeline import markdown
from pipeline.markdown import plain_paragraphs
from pipeline.render.social.language import is_boilerplate

Role = Literal["paragraph", "item", "quote"]


@dataclass(frozen=True)
class Block:
    """One block of text of the body, with where it stands."""

    text: str
    role: Role
    section: int
    """0 before the first heading, then 1, 2, … after each heading."""
    links: tuple[tuple[str, str], ...] = ()
    """(link text, href) of the links in this block, in order."""
    speaker: str = ""
    """Who speaks it, in a transcript (`**Name:** …`, the label left out of `text`)."""


@dataclass(frozen=True)
class Body:
    blocks: tuple[Block, ...]
    boilerplate: tuple[str, ...]
    """Blocks left out as page chrome ("You may also like…", "Share this")."""

    @property
    def last_section(self) -> int:
        return self.blocks[-1].section if self.blocks else 0

    def is_conclusion(self, index: int) -> bool:
        """The last section after a heading, or the last block of a body without headings."""
        block = self.blocks[index]
        if block.section > 0:
            return block.section == self.last_section
        return index == len(self.blocks) - 1 and index > 0


_LABEL_WORDS = 6


def _speaker_label(inline: Token) -> str:
    """The text a paragraph opens with when it is a transcript's speaker label, a short bold
    run ending in a colon ("**Rafael Grossi:** It is part of it", "**Grossi**: It is"), as
    `inline_text` gives it; "" for any other paragraph. Like "Q:" and "A:" it is dropped, so a
    sentence that leans on the question is seen to (the headline names the interview)."""
    children = list(inline.children or [])
    while children and children[0].type == "text" and not children[0].content:
        children.pop(0)  # markdown-it opens with an empty text before emphasis
    if len(children) < 4 or [c.type for c in children[:3]] != [
        "strong_open",
        "text",
        "strong_close",
    ]:
        return ""
    label, after = children[1].content, children[3]
    if not label.endswith(":"):
        if after.type != "text" or not after.content.startswith(":"):
            return ""
        label += ":"
    name = label[:-1].strip()
    if not name or len(name.split()) > _LABEL_WORDS or any(c in name for c in "!?:;"):
        return ""
    return label


def _links(inline: Token) -> tuple[tuple[str, str], ...]:
    found: list[tuple[str, str]] = []
    href: str | None = None
    text: list[str] = []
    for child in inline.children or []:
        if child.type == "link_open":
            href, text = str(child.attrGet("href") or ""), []
        elif child.type == "link_close" and href is not None:
            found.append(("".join(text).strip(), href))
            href = None
        elif href is not None and child.type in {"text", "code_inline"}:
            text.append(child.content)
    return tuple(found)


@lru_cache(maxsize=1024)
def body_structure(body_markdown: str, language: str) -> Body:
    """The text blocks of `body_markdown`, boilerplate left out."""
    plain = plain_paragraphs(body_markdown)
    if plain is None:
        return parsed_structure(body_markdown, language)
    blocks: list[Block] = []  # no need to parse it: paragraphs only, no links, no sections
    chrome: list[str] = []
    for text in plain:
        if is_boilerplate(text, language):
            chrome.append(text)
        elif text:
            blocks.append(Block(text, "paragraph", 0))
    return Body(tuple(blocks), tuple(chrome))


def parsed_structure(body_markdown: str, language: str) -> Body:
    """`body_structure` from markdown-it's tokens."""
    tokens = markdown.parse(body_markdown)
    blocks: list[Block] = []
    chrome: list[str] = []
    quotes = lists = section = 0
    notes = False
    found: list[tuple[Token, str, Role, int]] = []
    figures = markdown.figure_paragraphs(tokens)  # pictures and captions: nothing to post
    for index, token in enumerate(tokens):
        kind = token.type
        if kind in {"footnote_block_open", "footnote_block_close"}:
            notes = kind == "footnote_block_open"  # the footnotes: sources, not points to post
        elif notes:
            continue
        elif kind == "blockquote_open":
            quotes += 1
        elif kind == "blockquote_close":
            quotes -= 1
        elif kind in {"bullet_list_open", "ordered_list_open"}:
            lists += 1
        elif kind in {"bullet_list_close", "ordered_list_close"}:
            lists -= 1
        elif kind == "heading_open":
            section += 1
        elif kind == "paragraph_open" and index not in figures:
            inline = tokens[index + 1]
            role: Role = "quote" if quotes else "item" if lists else "paragraph"
            found.append((inline, _speaker_label(inline), role, section))
    # Bold run-in labels make a transcript only when speakers take turns: two of them at least,
    # one speaking twice ("**In brief:**" or "**Bottom line:**" alone lead into a paragraph).
    said = Counter(label for _, label, _, _ in found if label)
    transcript = len(said) >= 2 and max(said.values()) >= 2
    for inline, label, role, section in found:
        text = markdown.inline_text(inline)
        speaker = label if transcript else ""
        if speaker:
            text = text.removeprefix(speaker).lstrip()
        if not text:
            continue
        if is_boilerplate(text, language):
            chrome.append(text)
            continue
        blocks.append(Block(text, role, section, _links(inline), speaker[:-1].strip()))
    return Body(tuple(blocks), tuple(chrome))
