"""Cards a CMS writes into a post's HTML, as the text's own (Ghost's bookmark card: the link it
shows) or not (its call-to-action card, its paywall's teaser)."""

from __future__ import annotations

import re

from lxml import etree

from pipeline.importers.html_markdown import plain_text

MEMBERS_ONLY = "<!--members-only-->"
"""Ghost's paywall: what follows it in a feed is an appeal to subscribe, not the text."""
MEMBERS_ONLY_NOTE = (
    "body: the rest of the text is for the site's members only (its paywall: Ghost's, "
    "Substack's): this is its public part. Add the rest, or link to the post for it."
)
_PAYWALL_JUMP = re.compile(r"<div\b[^>]*\bclass=[\"'][^\"']*\bpaywall-jump\b", re.I)
"""Substack's paywall in a feed's content, where a paid post's public part ends."""
_CLASS = "contains(concat(' ', normalize-space(@class), ' '), ' {} ')"


_PUBLISHER_PAYWALL = re.compile(
    r"^#{1,6} (?:access options|get access|purchase (?:this )?article|buy (?:this )?article|"
    r"rent (?:this )?article|subscribe to (?:read|continue)|log in to (?:read|continue)|"
    r"options d'accès|zugangsoptionen)\s*$",
    re.I | re.M,
)
"""A publisher's box of ways to pay for the article, where its text stops (a journal's)."""
PUBLISHER_PAYWALL_NOTE = (
    "body: the page shows the start of the text, then the publisher's ways to pay for the "
    "rest (left out). Add the rest if the centre may publish it, or link to the article."
)


def before_paywall(markdown: str) -> tuple[str, bool]:
    """`markdown` up to a publisher's access box ("## Access options", "Add to cart"), and
    whether it has one."""
    found = _PUBLISHER_PAYWALL.search(markdown)
    return (markdown[: found.start()].rstrip() + "\n", True) if found else (markdown, False)


def public_part(html: str) -> tuple[str, bool]:
    """`html` up to Ghost's or Substack's paywall, and whether it has one."""
    head, marker, _ = html.partition(MEMBERS_ONLY)
    if jump := _PAYWALL_JUMP.search(head):
        return head[: jump.start()], True
    return head, bool(marker)


def _classed(root: etree._Element, name: str) -> list[etree._Element]:
    return list(root.xpath(f".//*[{_CLASS.format(name)}]"))


def cards_as_text(root: etree._Element) -> bool:
    """Write Ghost's bookmark cards in `root` as the link they show ("Title: description") and
    its callout cards as their text, and take its call-to-action cards out; whether there were
    any."""
    if not root.xpath("boolean(.//*[contains(@class, 'kg-')])"):
        return False  # no Ghost card: no three scans of the tree
    found = False
    for card in _classed(root, "kg-cta-card"):
        if card.getparent() is not None:
            card.drop_tree()
            found = True
    for card in _classed(root, "kg-callout-card"):  # a note set off in a box: its text
        parent = card.getparent()
        text = " ".join(
            plain_text(" ".join(t.itertext())) for t in _classed(card, "kg-callout-text")
        )
        if parent is not None and text:
            paragraph = etree.Element("p")
            paragraph.text, paragraph.tail = text, card.tail
            parent.replace(card, paragraph)
            found = True
    for card in _classed(root, "kg-bookmark-card"):
        links = card.xpath(".//a[@href]")
        parent = card.getparent()
        if not links or parent is None:
            continue
        title = " ".join(
            plain_text(" ".join(t.itertext())) for t in _classed(card, "kg-bookmark-title")
        )
        about = " ".join(
            plain_text(" ".join(d.itertext())) for d in _classed(card, "kg-bookmark-description")
        )
        paragraph = etree.Element("p")
        link = etree.SubElement(paragraph, "a", href=links[0].get("href", ""))
        link.text = title or links[0].get("href", "")
        link.tail = f": {about}" if about else None
        paragraph.tail = card.tail
        parent.replace(card, paragraph)
        found = True
    return found
