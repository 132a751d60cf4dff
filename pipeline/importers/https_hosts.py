"""Which hosts are known to serve https, without asking the network; and upgrading links to them.

An imported body keeps its `http://` links (they are a warning, never a build failure), except
where the host is known to serve https: then the link is written `https://` and the importer
says so in a review note. Known means one of:

- a host listed in `[import] https_hosts` of site.toml (`*.un.org` for the subdomains);
- the site's own hosts (`base_url`, `public_url`: https by validation);
- the host of the page's own https address (its canonical URL, a feed entry's https link);
- a host in a top-level domain that is HSTS-preloaded as a whole (browsers never use http
  there). The list is small and explicit: any other well-known host goes in `https_hosts`.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

# Top-level domains on the HSTS preload list as a whole (Google's registry; every host in them).
PRELOADED_TLDS = frozenset({"app", "dev", "page", "new"})


@dataclass(frozen=True)
class HttpsHosts:
    """Host names known to serve https: `names` exactly, `domains` with all their subdomains."""

    names: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()

    @classmethod
    def from_settings(cls, listed: tuple[str, ...], *own_urls: str) -> HttpsHosts:
        """From `[import] https_hosts` and the site's own https URLs."""
        names = {h for h in listed if not h.startswith("*.")}
        domains = {h.removeprefix("*.") for h in listed if h.startswith("*.")}
        return cls(frozenset(names), frozenset(domains)).with_url(*own_urls)

    def with_url(self, *urls: str | None) -> HttpsHosts:
        """These hosts and the host of each https URL among `urls`."""
        added = {
            host
            for url in urls
            if url and urlsplit(url).scheme.lower() == "https"
            for host in [(urlsplit(url).hostname or "").lower()]
            if host
        }
        return HttpsHosts(self.names | added, self.domains) if added - self.names else self

    def knows(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        if host in self.names or host.rpartition(".")[2] in PRELOADED_TLDS:
            return True
        return any(host.endswith("." + domain) for domain in self.domains)

    def upgrade(self, url: str) -> str | None:
        """The https form of an `http://` URL whose host is known, else None.

        A URL with another port than 80 or with a user name is left alone: its https form is not
        the same address.
        """
        parts = urlsplit(url)
        if parts.scheme.lower() != "http" or not parts.hostname:
            return None
        try:
            port = parts.port
        except ValueError:  # not a number
            return None
        if "@" in parts.netloc or port not in (None, 80):
            return None
        if not self.knows(parts.hostname):
            return None
        return urlunsplit(("https", parts.hostname, parts.path, parts.query, parts.fragment))


def upgrade_note(upgraded: dict[str, str]) -> str:
    """The review note listing the links written as https (old -> new, in body order)."""
    shown = "; ".join(f"{old} -> {new}" for old, new in upgraded.items())
    return (
        f"body: {len(upgraded)} http:// link(s) written as https:// because their host is known "
        f"to serve https ([import] https_hosts, the site's or the page's own host): {shown}. "
        "Check that they lead where they did."
    )
