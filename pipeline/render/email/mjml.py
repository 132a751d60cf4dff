"""MJML to HTML with mjml-python (MRML), then the checks mail clients need.

MRML compiles unknown tags and misspelled attributes silently, so the HTML itself is checked:
`lang` set, every `<img>` with `alt`, every link absolute https, nothing unresolved left.
"""

from __future__ import annotations

import html
import re

from mjml import mjml2html

from pipeline.errors import BuildError
from pipeline.render.email.links import is_allowed_href

IMG_RE = re.compile(r"<img\b[^>]*>", re.I)
ALT_RE = re.compile(r'\balt="', re.I)
TITLE_RE = re.compile(r'\btitle="([^"]*)"', re.I)
HREF_RE = re.compile(r'\bhref="([^"]*)"', re.I)
SRC_RE = re.compile(r'\bsrc="([^"]*)"', re.I)
LANG_RE = re.compile(r'<html\b[^>]*\blang="([^"]+)"', re.I)
# Jinja left-overs, and merge tags of mail services (%%unsubscribe%%, *|UNSUB|*) we never use.
UNRESOLVED_RE = re.compile(r"\{\{|\}\}|%%[^%\s]*%%|\*\|[A-Z_:]+\|\*")
COMMENT_RE = re.compile(r"<!--.*?-->", re.S)


def compile_mjml(source: str, where: str) -> str:
    """HTML of the MJML `source`; BuildError naming `where` if MRML rejects it."""
    try:
        result = mjml2html(source, disable_comments=True, fonts={})  # system fonts only
    except ValueError as exc:
        raise BuildError(f"{where}: MJML does not compile: {exc}") from None
    return str(result)


def add_missing_alt(markup: str) -> str:
    """Give every `<img>` without `alt` the text of its `title` (MRML drops it on social icons).

    An image with neither is left alone for `problems()` to report.
    """

    def fix(match: re.Match[str]) -> str:
        tag = match.group(0)
        if ALT_RE.search(tag):
            return tag
        title = TITLE_RE.search(tag)
        if title is None:
            return tag
        return f'<img alt="{title.group(1)}"' + tag[len("<img") :]

    return IMG_RE.sub(fix, markup)


def problems(markup: str, body_http: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """What is wrong with an email's HTML for mail clients; empty when nothing is.

    `body_http` are the articles' own `http://` links, kept as written (a content warning);
    every other link, those the templates and the settings give included, must be https.
    """
    found: list[str] = []
    if not LANG_RE.search(markup) or 'lang="und"' in markup:
        found.append("no lang on <html> (set <mjml lang=...>)")
    for tag in IMG_RE.findall(markup):
        if not ALT_RE.search(tag):
            found.append(f"<img> without alt: {tag[:120]}")
        src = SRC_RE.search(tag)
        if src is None or not html.unescape(src.group(1)).startswith("https://"):
            found.append(f"<img> source is not absolute https: {tag[:120]}")
    visible = COMMENT_RE.sub("", markup)
    for href in HREF_RE.findall(visible):
        if not is_allowed_href(html.unescape(href)) and html.unescape(href) not in body_http:
            found.append(f"link is not absolute https: {html.unescape(href)!r}")
    for match in UNRESOLVED_RE.finditer(markup):
        start = max(match.start() - 40, 0)
        found.append(
            f"unresolved placeholder {match.group(0)!r} near {markup[start : match.end() + 40]!r}"
        )
    return found
