"""Links in an email: UTM parameters on links to our own site, and the https-only rule."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pipeline.site import Site

HREF_RE = re.compile(r'(\bhref=")([^"]*)(")')


@dataclass(frozen=True)
class LinkTracker:
    """Adds `utm_*` parameters to links to `site.base_url`'s host (never the unsubscribe link)."""

    host: str | None
    params: tuple[tuple[str, str], ...]
    exempt: frozenset[str]

    @classmethod
    def for_issue(cls, site: Site, issue_id: str) -> LinkTracker:
        utm = site.newsletter.utm
        exempt = frozenset({site.newsletter.unsubscribe_url})
        if utm is None:
            return cls(None, (), exempt)
        params = (
            ("utm_source", utm.source),
            ("utm_medium", utm.medium),
            ("utm_campaign", utm.campaign or issue_id),
        )
        return cls(urlsplit(site.base_url).hostname, params, exempt)

    def __call__(self, url: str) -> str:
        if self.host is None or url in self.exempt:
            return url
        parts = urlsplit(url)
        if parts.scheme != "https" or parts.hostname != self.host:
            return url
        present = {key for key, _ in parse_qsl(parts.query, keep_blank_values=True)}
        extra = [(key, value) for key, value in self.params if key not in present]
        if not extra:
            return url
        query = "&".join(q for q in (parts.query, urlencode(extra)) if q)
        return urlunsplit(parts._replace(query=query))


def rewrite_hrefs(markup: str, rewrite: Callable[[str], str]) -> str:
    """`markup` with every `href="…"` passed through `rewrite` (values unescaped, re-escaped)."""

    def replace(match: re.Match[str]) -> str:
        url = rewrite(html.unescape(match.group(2)))
        return match.group(1) + html.escape(url, quote=True) + match.group(3)

    return HREF_RE.sub(replace, markup)


def is_allowed_href(url: str) -> bool:
    """Links in an email are absolute https:// (a `mailto:` in an article is allowed too)."""
    return bool(re.match(r"^https://[^/\s]+", url)) or url.startswith("mailto:")
